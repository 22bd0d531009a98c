#!/usr/bin/env bash
# Installs the build tree into $PREFIX as a user would (cmake --install BUILD --prefix P), then
# checks what the package holds: the libraries, the public headers under include/ringflow/, the CMake
# package with its version file, the tools; and that no internal header was installed.
set -euo pipefail
source "$(dirname "$0")/common.sh"
build_dir=$1

rm -rf "$PREFIX"
started=$(now)
"$CMAKE" --install "$build_dir" --prefix "$PREFIX" >/dev/null
echo "installed in $(seconds_since "$started") s: $(du -sh "$PREFIX" | cut -f1) ($(du -sh "$PREFIX/include" | cut -f1) headers, $(du -shc "$PREFIX"/lib*/*.a | tail -1 | cut -f1) libraries)"

for path in include/ringflow/core/disruptor.h include/ringflow/pipeline/runtime.h \
    include/ringflow/pipeline/codegen.h include/ringflow/pipeline/bindings.h \
    include/ringflow/pipeline/basic_runtime.h include/ringflow/dispatch/dispatcher.h bin/ringflow-run bin/ringflow-export; do
    [ -e "$PREFIX/$path" ] || fail "$path was not installed"
done
for library in core pipeline dispatch; do
    compgen -G "$PREFIX/lib*/libringflow_$library.a" >/dev/null || fail "libringflow_$library.a was not installed"
done
for file in RingflowConfig.cmake RingflowConfigVersion.cmake RingflowTargets.cmake; do
    compgen -G "$PREFIX/lib*/cmake/Ringflow/$file" >/dev/null || fail "the package's $file was not installed"
done
for internal in codegen_parts.h cycle_finder.h json_reader.h validation_rules.h; do
    [ ! -e "$PREFIX/include/ringflow/pipeline/$internal" ] || fail "the internal header $internal was installed"
done
echo "package layout OK"
