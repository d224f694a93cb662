#!/usr/bin/env bash
# bptt-bench: build, run the lesson's experiments and a JMH profile, write and publish the report.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

usage() {
  cat <<'EOF'
usage: ./run-bench.sh [--profile smoke|default|full] [--only REGEX] [--jdk PATH] [--with-pytorch] [-- JMH ARGS]
       ./run-bench.sh COMMAND [ARGS...]    a CLI command (gradnorm, report, compare, ...; --help-commands)
Builds both jars (Maven), runs the lesson's experiments, the JMH profile (one JVM, -prof gc, progress
and time left, machine load in load.json), the peers it finds (native C, oneDNN, OpenBLAS), PyTorch
when it can, and the report, staged in reports/.tmp-* and published as reports/<UTC stamp> and
reports/latest. Ctrl-C or a failure removes the unfinished directory; earlier reports stay as they were.
  --profile NAME  smoke: ~2 min check of the flow | default: ~22 min | full: 3 forks, hours
  --only REGEX    only the profile's benchmarks matching REGEX (JMH include regex)
  --jdk PATH      JDK home to build and run with (else $JAVA_HOME, else java on PATH); Java 17+
  --with-pytorch  also time PyTorch (the default profile does whenever python3 imports torch)
  -- JMH ARGS     replace the profile's JMH options: -f -wi -w -i -r, -p NAME=V1,V2 (not -rf/-rff/-o)
A profile's runs and estimate: java -cp benchmarks/target/benchmarks.jar org.bpttbench.bench.Suite
--profile NAME --list; the profiles live in benchmarks/.../Profiles.java (see benchmarks/README.md).
EOF
}
say() { printf 'run-bench: %s\n' "$*"; }
fail() { printf 'run-bench: %s\n' "$*" >&2; exit 2; }
choose_java() { # JDK home from $1, else $JAVA_HOME, else java on PATH; Java 17 or newer
  JAVA_HOME=${1:-${JAVA_HOME:-}}
  JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
  [[ -z $JAVA_HOME ]] || export JAVA_HOME # Maven builds with it too
  [[ -n $JAVA ]] || JAVA=$(command -v java) || fail "no java on PATH (use --jdk PATH or set JAVA_HOME)"
  [[ -x $JAVA ]] || fail "$JAVA not found (expected a JDK home holding bin/java)"
  local v; v=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  if [[ ! $v =~ ^[0-9]+$ ]] || ((v < 17)); then fail "$JAVA is Java '${v:-?}' (expected 17 or newer)"; fi
}
build() { # mvn -B -q -DskipTests package [ARGS]: Maven decides what is stale
  local out; out=$(mvn -B -q -DskipTests package "$@" 2>&1) || { printf '%s\n' "$out" >&2; say "build failed: mvn -B -q -DskipTests package $*" >&2; exit 1; }
}
cli() { # the library's CLI (BPTT_JAVA_OPTS: extra JVM options, e.g. -Xmx16g), without the JDK's incubator warning;
  # objects on 64-byte lines let the kernels align what they pack (src/main/java/.../kernel/ArrayAlignment.java)
  local opts=(); read -ra opts <<<"${BPTT_JAVA_OPTS:-}"
  "$JAVA" -XX:ObjectAlignmentInBytes=64 "${opts[@]}" --add-modules=jdk.incubator.vector -Djava.awt.headless=true -cp "target/bptt-bench.jar:target/lib/*" \
    org.bpttbench.cli.Main "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
}

if (($# > 0)) && [[ $1 != -* || $1 == --help-commands ]]; then # a CLI command: build, run it
  [[ $1 != --help-commands ]] || set -- --help
  choose_java "" && build && cli "$@"; exit
fi
PROFILE=default ONLY="" JDK="" PYTORCH=auto JMH=() REPORT=()
while (($# > 0)); do
  case $1 in
    --help | -h) usage; exit 0 ;;
    --profile | --only | --jdk)
      (($# >= 2)) || fail "option $1 needs a value (see --help)"
      case $1 in --profile) PROFILE=$2 ;; --only) ONLY=$2 ;; --jdk) JDK=$2 ;; esac
      shift 2 ;;
    --with-pytorch) PYTORCH=yes; shift ;;
    --) shift; JMH=("$@"); break ;;
    *) fail "unknown option '$1' (expected --profile, --only, --jdk, --with-pytorch, --help or -- JMH ARGS)" ;;
  esac
done
choose_java "$JDK"
suite() { "$JAVA" -cp benchmarks/target/benchmarks.jar org.bpttbench.bench.Suite --profile "$PROFILE" \
  ${ONLY:+--only "$ONLY"} "$@" -- "${JMH[@]}"; }

# PyTorch: $BPTT_PYTHON, else python3, else Debian's /usr/bin/python3 (where python3-torch lives).
for PY in ${BPTT_PYTHON:-python3 /usr/bin/python3}; do "$PY" -c 'import torch' 2>/dev/null && break; done
if ! "$PY" -c 'import torch' 2>/dev/null; then
  [[ $PYTORCH != yes ]] || fail "--with-pytorch: $PY cannot import torch (apt-get install python3-torch, or set BPTT_PYTHON)"
  REPORT=(--no-pytorch "PyTorch is not installed ($PY cannot import torch)")
elif [[ $PYTORCH != yes && ($PROFILE != default || -n $ONLY) ]]; then
  REPORT=(--no-pytorch "not requested (run with --with-pytorch to add it)")
fi

say "building (mvn -B -q -DskipTests package; the same for benchmarks/pom.xml) with $JAVA"
build
build -f benchmarks/pom.xml
PLAN=$(suite --list) && printf '%s\n' "$PLAN" # checks the options and prints what will run, with the estimate

mkdir -p reports && STAGE=$(mktemp -d reports/.tmp-XXXXXX) && chmod 755 "$STAGE"
trap 'rm -rf -- "$STAGE"' EXIT # Main report --publish renames it first when all went well
trap 'exit 130' INT; trap 'exit 143' TERM
printf 'profile: %s\nonly: %s\njmh args: %s\njava: %s (%s)\ngit: %s\nstarted: %s\n' "$PROFILE" "$ONLY" "${JMH[*]}" "$JAVA" \
  "$("$JAVA" -version 2>&1 | head -n 1)" "$(git describe --always --dirty 2>/dev/null)" "$(date -u +%FT%TZ)" >"$STAGE/run-bench.txt"
say "experiments -> $STAGE/experiments"
QUICK=(); [[ $PROFILE != smoke ]] || QUICK=(--quick)
FULL=""; [[ $PROFILE != full ]] || FULL=yes # pytorch_bench.py --full: training at H = 256 too
EXP=("${QUICK[@]}"); [[ -z $FULL ]] || EXP=(--full) # experiments --full: learn's complete grid
cli experiments --out "$STAGE/experiments" "${EXP[@]}"

say "JMH -> $STAGE/jmh-result.json (console also in jmh.log)"
suite --out "$STAGE/jmh-result.json" 2>&1 | tee "$STAGE/jmh.log"
if [[ " ${JMH[*]} " == *"vectorBits=256"* ]]; then # AVX2 emulated: hold the native peers to AVX2 too
  export ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-AVX2} OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-Haswell}
  say "JMH runs with 256-bit vectors: oneDNN at ISA $ONEDNN_MAX_CPU_ISA, OpenBLAS core $OPENBLAS_CORETYPE"
fi
benchmarks/native/run-native.sh "$STAGE" || say "native baseline failed; the report goes without it"
if grep -qE '^ *(BpttBench|TrainBench) ' <<<"$PLAN"; then # oneDNN's RNN primitives beside BPTT and training
  benchmarks/native/run-onednn.sh "$STAGE" "${QUICK[@]}" || say "oneDNN failed; the report goes without it"
else say "oneDNN: skipped (this run has neither BpttBench nor TrainBench)"; fi
if grep -qE '^ *(GemmBench|GemmShapeBench) ' <<<"$PLAN"; then # OpenBLAS sgemm beside the GEMMs
  benchmarks/run-openblas.sh "$STAGE" "${QUICK[@]}" || say "OpenBLAS failed; the report goes without it"
else say "OpenBLAS: skipped (this run has neither GemmBench nor GemmShapeBench)"; fi
if ((${#REPORT[@]} == 0)); then
  say "PyTorch: $PY benchmarks/pytorch_bench.py, one thread, glibc malloc tuned (no page-fault storms)"
  GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=268435456 \
    OMP_NUM_THREADS=1 "$PY" benchmarks/pytorch_bench.py "${QUICK[@]}" ${FULL:+--full} >"$STAGE/pytorch.json" 2>"$STAGE/pytorch.log" \
    || { tail -n 5 "$STAGE/pytorch.log" >&2; say "PyTorch failed (nothing published)" >&2; exit 1; }
  REPORT=(--pytorch "$STAGE/pytorch.json")
fi
say "report -> reports/latest"
cli report --jmh "$STAGE/jmh-result.json" --experiments "$STAGE/experiments" --out "$STAGE" \
  --profile "$PROFILE" "${REPORT[@]}" --publish reports
say "done: reports/latest/REPORT.md"
