# What the package tests share. CTest sets CMAKE, CXX, GENERATOR and LAUNCHER (ccache, or empty) to
# the build's own, so that the outside projects are configured with the same compiler and generator
# as the tree that installed the package, and PREFIX to where package_install installs it.

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

# configure SOURCE BUILD [cmake arguments...]: a fresh configure against the installed package in
# $PREFIX; warnings are errors, as in the tree.
configure() {
    local source=$1 build=$2
    shift 2
    rm -rf "$build"
    "$CMAKE" -S "$source" -B "$build" -G "$GENERATOR" -DCMAKE_CXX_COMPILER="$CXX" \
        -DCMAKE_CXX_COMPILER_LAUNCHER="${LAUNCHER:-}" -DCMAKE_PREFIX_PATH="$PREFIX" \
        -DCMAKE_CXX_FLAGS="-Wall -Wextra -Wpedantic -Werror" "$@"
}

build() {
    "$CMAKE" --build "$1" --parallel 2
}

# The seconds since the epoch, with a fraction: for the timings each test prints.
now() {
    date +%s.%N
}
seconds_since() {
    awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'
}
