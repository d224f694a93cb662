#!/bin/sh
# Native baseline for the report: builds nativebench.c with the C compiler ($CC, default cc) and
# writes OUT_DIR/native.json (schema in benchmarks/README.md, "Native baseline"). Without a C
# compiler it prints one line and exits 0, so a run never depends on one. On a CPU with AVX-512 it
# also times an AVX2 build (-mno-avx512f), the native counterpart of -XX:UseAVX=2.
set -eu
usage="usage: run-native.sh OUT_DIR"
out=${1:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-cc}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "native baseline: skipped (no C compiler '$cc'; set CC to use another)"
  exit 0
fi
if [ ! -d "$out" ]; then
  echo "run-native.sh: output directory '$out' does not exist ($usage)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags="-O3 -march=native -ffast-math"

# run NAME EXTRA_FLAGS: build and time one variant, its JSON object into $tmp/NAME.json
run() {
  "$cc" $flags $2 -DBUILD_FLAGS="\"$flags${2:+ $2}\"" -o "$tmp/$1" "$here/nativebench.c" -lm
  "$tmp/$1" > "$tmp/$1.json"
}

run native ""
runs="$tmp/native.json"
if "$cc" $flags -dM -E - </dev/null 2>/dev/null | grep -q __AVX512F__; then
  run avx2 "-mno-avx512f"
  runs="$runs $tmp/avx2.json"
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
  printf '{\n"schema": 1,\n"cpu": "%s",\n"threads": 1,\n' "${cpu:-unknown}"
  printf '"statistic": "per run: ns per call, median (nsPerCall) and best (nsPerCallBest) over its repetitions, each a batch of about 10 ms after a 200 ms warm-up; GFLOP/s = 2*d*d / ns",\n'
  printf '"placements": "aligned64: w, x, b and y each start on a 64-byte boundary; offset16: each starts 16 bytes past one, as the data of a float[] that G1 starts on a region boundary",\n'
  printf '"runs": [\n'
  sep=""
  for f in $runs; do
    printf '%s' "$sep"
    cat "$f"
    sep=",
"
  done
  printf '\n]\n}\n'
} > "$tmp/all.json"
mv "$tmp/all.json" "$out/native.json.part"
mv "$out/native.json.part" "$out/native.json"
echo "native baseline: $out/native.json ($(echo $runs | wc -w) build(s), $cc)"
