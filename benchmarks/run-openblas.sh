#!/bin/sh
# OpenBLAS peer for the report: runs openblas_bench.py (numpy's matmul, one thread:
# OPENBLAS_NUM_THREADS=1) with the first python of $BPTT_PYTHON (default: python3, then Debian's
# /usr/bin/python3) that imports numpy and whose numpy runs on OpenBLAS, and writes
# OUT_DIR/openblas.json (staged, then renamed). Otherwise it prints one line saying why and exits 0,
# so a run never depends on numpy or OpenBLAS. --quick: 5 short repetitions per shape.
set -eu
usage="usage: run-openblas.sh OUT_DIR [--quick]"
out=${1:?$usage}
quick=${2:-}
case $quick in "" | --quick) ;; *) echo "run-openblas.sh: unknown option '$quick' ($usage)" >&2; exit 2 ;; esac
if [ ! -d "$out" ]; then
  echo "run-openblas.sh: output directory '$out' does not exist ($usage)" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
why=""
for py in ${BPTT_PYTHON:-python3 /usr/bin/python3}; do
  if ! "$py" -c 'import numpy' 2>/dev/null; then
    why="${why:+$why; }$py: no numpy"
    continue
  fi
  rc=0
  OPENBLAS_NUM_THREADS=1 "$py" "$here/openblas_bench.py" $quick >"$out/openblas.json.part" 2>"$out/openblas.log" || rc=$?
  if [ "$rc" -eq 0 ]; then
    mv "$out/openblas.json.part" "$out/openblas.json"
    rm -f "$out/openblas.log"
    core=$(sed -n 's/^ *"core": "\([^"]*\)".*/\1/p' "$out/openblas.json")
    echo "OpenBLAS: $out/openblas.json ($py, core ${core:-?}, one thread)"
    exit 0
  fi
  rm -f "$out/openblas.json.part"
  if [ "$rc" -ne 3 ]; then # 3: numpy's BLAS is not OpenBLAS; anything else is a failure
    tail -n 5 "$out/openblas.log" >&2
    exit 1
  fi
  why="${why:+$why; }$py: numpy's BLAS is not OpenBLAS"
  rm -f "$out/openblas.log"
done
echo "OpenBLAS: skipped ($why; apt-get install python3-numpy libopenblas0-pthread, or set BPTT_PYTHON)"
