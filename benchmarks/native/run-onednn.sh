#!/bin/sh
# oneDNN peer for the report: builds onednn_bench.cpp against the system's oneDNN ($CXX, default
# c++; -ldnnl) and writes OUT_DIR/onednn.json (schema in benchmarks/README.md, "oneDNN peer") and
# OUT_DIR/onednn-verbose.log (ONEDNN_VERBOSE=1 of one call per shape: the implementation and the
# weight layouts oneDNN picked). Without a C++ compiler or without oneDNN's headers
# (<oneapi/dnnl/dnnl.hpp>, Debian: apt-get install libdnnl-dev) it prints one line and exits 0, so
# a run never depends on them. One thread: OMP_NUM_THREADS=1 (Debian's libdnnl uses OpenMP); the
# program records how many threads its process had. --quick: one size per benchmark, 5 repetitions.
# --gradcheck DIR: writes the gradient-check fixtures instead (src/test/resources/onednn/README.md).
set -eu
usage="usage: run-onednn.sh OUT_DIR [--quick] | run-onednn.sh --gradcheck DIR"
out=${1:?$usage}
quick=${2:-}
gradcheck=""
if [ "$out" = --gradcheck ]; then gradcheck=${2:?$usage}; out=$gradcheck; quick=""; mkdir -p "$out"; fi
case $quick in "" | --quick) ;; *) echo "run-onednn.sh: unknown option '$quick' ($usage)" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
cxx=${CXX:-c++}
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "oneDNN: skipped (no C++ compiler '$cxx'; set CXX to use another)"
  exit 0
fi
if ! printf '#include <oneapi/dnnl/dnnl.hpp>\n' | "$cxx" -x c++ -std=c++17 -E - >/dev/null 2>&1; then
  echo "oneDNN: skipped (no oneDNN headers: '$cxx' finds no <oneapi/dnnl/dnnl.hpp>; apt-get install libdnnl-dev)"
  exit 0
fi
if [ ! -d "$out" ]; then
  echo "run-onednn.sh: output directory '$out' does not exist ($usage)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags="-O2 -std=c++17 -fopenmp"
"$cxx" $flags -DBUILD_FLAGS="\"$flags\"" -o "$tmp/onednn_bench" "$here/onednn_bench.cpp" -ldnnl
if [ -n "$gradcheck" ]; then
  OMP_NUM_THREADS=1 "$tmp/onednn_bench" --gradcheck "$gradcheck"
  exit
fi

# One thread; the glibc malloc settings pytorch_bench.py runs with (oneDNN allocates its scratchpad
# per call); no verbose output in the timed run (it goes to stdout).
export OMP_NUM_THREADS=1
export GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=268435456
unset DNNL_VERBOSE
ONEDNN_VERBOSE=1 "$tmp/onednn_bench" --once $quick 2>/dev/null | grep '^onednn_verbose' > "$tmp/verbose.log" || true
if ! env -u ONEDNN_VERBOSE "$tmp/onednn_bench" $quick > "$tmp/onednn.json" 2> "$tmp/onednn.log"; then
  tail -n 5 "$tmp/onednn.log" >&2
  exit 1
fi
grep 'warning' "$tmp/onednn.log" >&2 || true
mv "$tmp/verbose.log" "$out/onednn-verbose.log"
mv "$tmp/onednn.json" "$out/onednn.json.part"
mv "$out/onednn.json.part" "$out/onednn.json"
version=$(sed -n 's/^"onednn": {"version": "\([^"]*\)".*/\1/p' "$out/onednn.json")
echo "oneDNN: $out/onednn.json (oneDNN $version, $(grep -c '"bench"' "$out/onednn.json") shapes, one thread, $cxx)"
