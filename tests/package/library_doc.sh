#!/usr/bin/env bash
# Every code block of docs/library.md, in order, against the installed package, as a reader would
# use them. The info string after a block's language says what the block is:
#
#   ```cmake PATH, ```cpp PATH     a file the reader writes: written to PATH in the work folder
#   ```cpp PATH excerpt            a piece of a file a command wrote (a generated project): it must
#                                  be in PATH, line for line
#   ```sh                          commands: run in the work folder (bash -e), ~/.local being the
#                                  installed package, resources/ the tree's
#   ```text output                 what the commands before it print: each line must be a line of
#                                  their output, in this order
#   ```sh source-tree              builds and installs the engine from its sources: that is what
#                                  package_install did already, so it is not run again
#
# A block with anything else fails the test, so a new kind of block needs a rule here first.
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=$1
doc=$2
tree=$3

rm -rf "$work"
mkdir -p "$work"
ln -s "$tree/resources" "$work/resources"
export PATH="$PREFIX/bin:$(dirname "$CMAKE"):$PATH" CMAKE_GENERATOR="$GENERATOR" CMAKE_BUILD_PARALLEL_LEVEL=2
[ -n "${LAUNCHER:-}" ] && export CMAKE_CXX_COMPILER_LAUNCHER="$LAUNCHER"

nl=$'\n'
block=0
last_output=""
# run_block INFO FILE: does what INFO says with the block's text in FILE.
run_block() {
    local info=$1 text=$2
    case "$info" in
    "cpp "*" excerpt") check_excerpt "${info#cpp }" "$text" ;;
    "cmake "* | "cpp "*) write_file "${info#* }" "$text" ;;
    sh) run_commands "$text" ;;
    "sh source-tree") ;;
    "text output") check_output "$text" ;;
    *) fail "block $block has the info string '$info', which library_doc.sh has no rule for" ;;
    esac
}

write_file() {
    local target=$1
    [[ $target != *" "* ]] || fail "block $block: '$target' is not one file name"
    mkdir -p "$(dirname "$work/$target")"
    cp "$2" "$work/$target"
}

check_excerpt() {
    local target=${1% excerpt}
    [ -f "$work/$target" ] || fail "block $block is an excerpt of $target, which no command wrote"
    # The excerpt's lines must follow one another in the file.
    awk -v excerpt="$2" 'BEGIN { while ((getline line < excerpt) > 0) want[n++] = line }
        { lines[m++] = $0 }
        END { for (i = 0; i + n <= m; ++i) { for (j = 0; j < n && lines[i + j] == want[j]; ++j); if (j == n) exit 0 }
              exit 1 }' "$work/$target" \
        || fail "block $block is not in $target as it is generated today:${nl}$(cat "$2")"
}

run_commands() {
    local script
    script=$(sed "s|~/.local|$PREFIX|g" "$1")
    last_output=$(cd "$work" && bash -euo pipefail -c "$script" 2>&1) \
        || fail "the commands of block $block failed:${nl}$script${nl}$last_output"
    echo "block $block: ran $(grep -c . "$1") command lines"
}

check_output() {
    # Each line of the block, in order, is a line of the output.
    awk -v want="$1" 'BEGIN { if ((getline line < want) <= 0) exit 1 }
        $0 == line { if ((getline line < want) <= 0) { found = 1; exit 0 } }
        END { exit found ? 0 : 1 }' <<<"$last_output" \
        || fail "block $block: the commands before it did not print this:${nl}$(cat "$1")${nl}but:${nl}$last_output"
    echo "block $block: the output is as shown"
}

started=$(now)
info=""
inside=false
while IFS= read -r line || [ -n "$line" ]; do
    if ! $inside && [[ $line == '```'* ]]; then
        inside=true
        info=${line#\`\`\`}
        block=$((block + 1))
        : >"$work/.block"
    elif $inside && [[ $line == '```' ]]; then
        inside=false
        run_block "$info" "$work/.block"
    elif $inside; then
        printf '%s\n' "$line" >>"$work/.block"
    fi
done <"$doc"
$inside && fail "the last block of $doc is not closed"
[ "$block" -gt 0 ] || fail "$doc has no code block"
echo "checked the $block code blocks of $(basename "$doc") in $(seconds_since "$started") s"
