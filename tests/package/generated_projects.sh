#!/usr/bin/env bash
# Every bundled example, and the designs of tests/package/data, as generated C++ projects: the
# installed ringflow-export writes each one, clang-format finds nothing to change in them (when it is
# installed), they build against the installed package in one configure of a superproject (one
# add_subdirectory per project, built in parallel), and each one runs with a small --events: its
# counts conserve (exit status 0, its verdict OK) and it publishes as many events as ringflow-run
# does with the design, except for the designs named failing-*, whose stage halts its ring (exit
# status 1, its verdict FAILED, the stage named).
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
# The bundled examples are paced for a minute (some producers publish 5 events a second): the
# programs run them as bursts, every producer rate set to 0, so that --events ends them at once.
mkdir -p "$work/designs"
designs=()
for design in "$@"; do
    sed -E 's/("rate": )[0-9.eE+-]+/\10.0/' "$design" >"$work/designs/$(basename "$design")"
    designs+=("$work/designs/$(basename "$design")")
done
for design in "${designs[@]}"; do
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

# published OUTPUT: the events the program says its producers published.
published() {
    sed -n 's/^events *\([0-9]*\) published.*/\1/p' "$1"
}

started=$(now)
for i in "${!projects[@]}"; do
    name=${projects[$i]}
    out="$work/$name.out"
    expected=0
    verdict="verdict   OK: every consumer processed every event of its ring"
    if [[ $name == failing-* ]]; then
        expected=1
        verdict="verdict   FAILED"
    fi
    status=0
    "$work/build/$name/$name" --events 2000 >"$out" 2>&1 || status=$?
    [ "$status" -eq "$expected" ] || fail "$name exited with $status instead of $expected: $(cat "$out")"
    grep -qx "$verdict" "$out" || fail "$name does not say '$verdict': $(cat "$out")"
    if [ "$expected" -eq 0 ]; then
        # The same design run by the engine's runtime publishes as many events.
        reference=$("$PREFIX/bin/ringflow-run" "${designs[$i]}" --events 2000 --report json 2>/dev/null \
            | sed -n 's/^  "total_events": \([0-9]*\),$/\1/p')
        [ -n "$reference" ] && [ "$(published "$out")" = "$reference" ] \
            || fail "$name published $(published "$out") events, ringflow-run ${reference:-none}: $(cat "$out")"
    else
        grep -q "<- conservation broken" "$out" || fail "$name does not name the stage that broke conservation"
    fi
done
echo "ran ${#projects[@]} programs in $(seconds_since "$started") s: their verdicts are as expected, and they" \
    "published what ringflow-run publishes for the same designs"

unicast="$work/build/unicast/unicast"
"$unicast" --duration 0.2 >/dev/null || fail "unicast --duration 0.2 failed"
"$unicast" --help | grep -q -- "--events N" || fail "unicast --help does not describe --events"
status=0
"$unicast" --events lots 2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "unicast --events lots exited with $status instead of 2"
echo "--duration, --help and a wrong option behave as in ringflow-run"
