#!/usr/bin/env bash
# Configures, builds and runs tests/package/outside_project against the installed package, including
# every installed header once (so that an installed header needing an internal one fails here), then
# checks that asking for a version the package is not compatible with is refused.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source_dir=$(cd "$(dirname "$0")/outside_project" && pwd)
work=$1

rm -rf "$work"
mkdir -p "$work"
every_header="$work/every_header.cpp"
(cd "$PREFIX/include" && find ringflow -name '*.h' | sort | sed 's/.*/#include <&>/') >"$every_header"
echo "including the $(wc -l <"$every_header") installed headers"
started=$(now)
configure "$source_dir" "$work/build" -DRINGFLOW_EVERY_HEADER="$every_header" >/dev/null
build "$work/build" >/dev/null
"$work/build/outside" || fail "the outside project failed"
echo "configured, built and ran in $(seconds_since "$started") s"

if configure "$source_dir" "$work/wrong-version" -DRINGFLOW_VERSION_WANTED=9.0 >"$work/wrong-version.log" 2>&1; then
    fail "find_package(Ringflow 9.0) succeeded against version $(grep -o 'PACKAGE_VERSION "[^"]*"' "$PREFIX"/lib*/cmake/Ringflow/RingflowConfigVersion.cmake)"
fi
grep -q "not compatible\|version" "$work/wrong-version.log" || fail "find_package(Ringflow 9.0) failed for another reason: $(cat "$work/wrong-version.log")"
echo "find_package(Ringflow 9.0) refused, as it should be"
