#!/usr/bin/env bash
# Every bundled example, and the designs of tests/package/data, as generated C++ projects: the
# installed ringflow-export writes each one, clang-format finds nothing to change in them (when it is
# installed), they build against the installed package in one configure of a superproject (one
# add_subdirectory per project, built in parallel), and each one runs with a small --events: its
# counts conserve (exit status 0), except for the designs named failing-*, whose stage halts its
# ring (exit status 1).
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=$1
style=$2
shift 2
export_tool="$PREFIX/bin/ringflow-export"

rm -rf "$work"
mkdir -p "$work"
started=$(now)
projects=()
for design in "$@"; do
    name=$(basename "$design" .json)
    "$export_tool" "$design" --to cpp -o "$work/$name" 2>"$work/$name.problems" \
        || fail "ringflow-export refused $design: $(cat "$work/$name.problems")"
    projects+=("$name")
done
echo "generated ${#projects[@]} projects in $(seconds_since "$started") s"

if command -v clang-format >/dev/null; then
    for file in "$work"/*/*.h "$work"/*/*.cpp; do
        clang-format --dry-run -Werror --style="file:$style" "$file" 2>/dev/null \
            || fail "clang-format would change $file: $(clang-format --style="file:$style" "$file" | diff "$file" - | head -20)"
    done
    echo "clang-format leaves every generated file as it is"
else
    echo "clang-format is not installed: the formatting of the generated files is not checked"
fi

{
    echo "cmake_minimum_required(VERSION 3.25)"
    echo "project(generated_projects LANGUAGES CXX)"
    printf 'add_subdirectory(%s)\n' "${projects[@]}"
} >"$work/CMakeLists.txt"
started=$(now)
configure "$work" "$work/build" >/dev/null
build "$work/build" >"$work/build.log" || fail "the generated projects do not build: $(tail -40 "$work/build.log")"
echo "configured and built ${#projects[@]} projects in $(seconds_since "$started") s"

started=$(now)
for name in "${projects[@]}"; do
    expected=0
    [[ $name == failing-* ]] && expected=1
    status=0
    "$work/build/$name/$name" --events 2000 >"$work/$name.out" 2>&1 || status=$?
    [ "$status" -eq "$expected" ] || fail "$name exited with $status instead of $expected: $(cat "$work/$name.out")"
done
echo "ran ${#projects[@]} programs in $(seconds_since "$started") s; their verdicts are as expected"

unicast="$work/build/unicast/unicast"
"$unicast" --duration 0.2 >/dev/null || fail "unicast --duration 0.2 failed"
"$unicast" --help | grep -q -- "--events N" || fail "unicast --help does not describe --events"
status=0
"$unicast" --events lots 2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "unicast --events lots exited with $status instead of 2"
echo "--duration, --help and a wrong option behave as in ringflow-run"
