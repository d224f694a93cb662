#!/usr/bin/env bash
# bptt-bench: build, benchmark (JMH), gradient-norm curves, report, publish. See --help.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

# ---- settings -------------------------------------------------------------------------------
LIB_JAR=target/bptt-bench.jar
LIB_CP="target/bptt-bench.jar:target/lib/*"
BENCH_JAR=benchmarks/target/benchmarks.jar
REPORTS=reports
MAIN=org.bpttbench.cli.Main
VECTOR_FLAG=--add-modules=jdk.incubator.vector

# Gradient-norm curves (phase "curves"); override from the environment.
CURVE_CELLS=${BPTT_CURVE_CELLS:-"rnn gru lstm"}
CURVE_INIT=${BPTT_CURVE_INIT:-pytorch}
CURVE_RHO=${BPTT_CURVE_RHO:-1.0}
CURVE_HIDDEN=${BPTT_CURVE_HIDDEN:-64}
CURVE_INPUT=${BPTT_CURVE_INPUT:-16}
CURVE_CLASSES=${BPTT_CURVE_CLASSES:-10}
CURVE_STEPS=${BPTT_CURVE_STEPS:-50}
CURVE_SEED=${BPTT_CURVE_SEED:-42}

PYTORCH_SCRIPT=benchmarks/pytorch_bench.py
PYTHON=${BPTT_PYTHON:-python3}

# Seconds of JVM start-up, JMH set-up and -prof gc per fork, measured on the reference 2-core
# machine (0.3 s for a trivial benchmark, about 1.2 s for this suite with its 1 GB pre-touched heap): used for the first ETA; later ones use the measured pace.
FORK_OVERHEAD_MS=1200

# ---- output helpers -----------------------------------------------------------------------------
say() { printf 'run-bench: %s\n' "$*"; }
die() { printf 'run-bench: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'run-bench: %s\n' "$*" >&2; exit 2; }

usage() {
  cat <<'EOF'
usage: ./run-bench.sh [--profile smoke|default|full] [--only REGEX] [--jdk PATH]
                      [--with-pytorch] [--help] [-- JMH ARGS...]
       ./run-bench.sh COMMAND [ARGS...]          (report, compare, gradnorm, ...: see below)

Runs the whole benchmark flow and publishes one report directory:
  1. build    target/bptt-bench.jar (mvn -B -q -DskipTests package) and
              benchmarks/target/benchmarks.jar (mvn -B -q -f benchmarks/pom.xml package
              -DskipTests), each only when missing or older than its sources
  2. curves   gradient-norm curves: Main gradnorm for each cell (rnn gru lstm), PyTorch's
              default init, hidden 64, 50 steps, seed 42; then the lesson's experiments
              (curves sweep saturation jacobian clip) into experiments/ (run first: seconds,
              so a broken command fails before the long benchmark phase)
  3. jmh      JMH with the profile's settings, -prof gc, -rf json; progress shows the
              benchmark and parameters being run and the estimated time left
  4. report   REPORT.md, gradnorm.png, speedup.png, bptt.png (+ a CSV beside each)
  5. publish  reports/.tmp-<stamp>-<pid>/ is renamed to reports/<UTC YYYYMMDDTHHMMSSZ>/
              (suffix -2, -3 ... if taken) and reports/latest is switched to it atomically.
              Ctrl-C or any failure removes the staging directory; earlier reports and
              reports/latest are never touched.

options:
  --profile NAME   smoke    1 fork, 1×200 ms warmup, 3×100 ms measurement (3 is the fewest
                            for which JMH gives an error), a few sizes per benchmark: checks
                            the whole flow in ~2 min; its error bars are too wide to conclude.
                   default  1 fork, 2×300 ms warmup, 3×300 ms measurement (the default):
                            kernels at hidden 64, 100, 256, 1024 against netlib and EJML,
                            cell steps at 128, BPTT for T = 16..512 at hidden 128 and T = 50 at
                            128..1024, the gradient-norm curve, GEMM, Jacobian accumulation, the
                            FMA peak and streaming bound, and PyTorch when python3 can import
                            torch: < 10 min in all on 2 cores.
                   full     3 forks, 5×1 s warmup, 5×1 s measurement, every parameter value
                            the benchmarks declare: a couple of hours, for figures worth
                            publishing.
                   Each benchmark class runs as its own JMH invocation with its own -p lists
                   (JMH's -p applies to every benchmark having the parameter); the results
                   are merged into one jmh-result.json. The exact count (JMH's -lp with the
                   -p lists) and the estimate are printed before the run; a cold build of
                   the benchmarks jar adds about a minute.
  --only REGEX     run only benchmarks matching REGEX (JMH include regex),
                   e.g. --only 'KernelBench.gemv'
  --jdk PATH       JDK home to build and run with (else $JAVA_HOME, else java on PATH)
  --with-pytorch   also time PyTorch (automatic in the default profile when torch imports):
                   benchmarks/pytorch_bench.py (--quick with smoke) writes
                   pytorch.json and the report gets a PyTorch table. Needs python3 with torch
                   ($BPTT_PYTHON, else python3, else /usr/bin/python3); checked first.
  --help           this text
  -- ARGS...       passed to JMH unchanged after the profile's options; -f -wi -i -w -r and
                   -p NAME=... given here replace the profile's (e.g. -- -f 2 -p hidden=512).
                   -rf/-rff are set by run-bench (STAGE/jmh-result.json).

environment: BPTT_JMH_JAVA_OPTS: extra options for the JMH launcher JVM (not the forks), e.g.
  -Djmh.ignoreLock=true to run while another JMH run holds the machine's lock.
  BPTT_CURVE_INIT (pytorch), BPTT_CURVE_RHO (1.0), BPTT_CURVE_HIDDEN (64),
  BPTT_CURVE_STEPS (50), BPTT_CURVE_SEED (42), BPTT_CURVE_CELLS ("rnn gru lstm"),
  BPTT_CURVE_INPUT (16), BPTT_CURVE_CLASSES (10), BPTT_EXPERIMENTS ("curves sweep saturation
  jacobian clip").

commands (the first argument is not an option): the library jar is built if missing or stale,
then `java --add-modules=jdk.incubator.vector -cp target/bptt-bench.jar:target/lib/* \
org.bpttbench.cli.Main COMMAND ARGS...` runs with its exit status (2 for bad input), e.g.
  ./run-bench.sh compare reports/20250101T120000Z reports/latest
          NEW/OLD for every benchmark + params in both, SLOWER/FASTER when the intervals
          [score ± error] do not overlap
  ./run-bench.sh report --jmh FILE --curves DIR --out DIR [--profile NAME]
  ./run-bench.sh --help-commands     list every command of Main

outputs (reports/<stamp>/): REPORT.md; jmh-result.json (JMH's entries, unchanged: the
  concatenation of one JMH run per benchmark class, kept in jmh-parts/ as JMH wrote them);
  jmh.log (JMH's console output); experiments/<name>/ (CSV, PNG, summary.json);
  pytorch.json (with --with-pytorch); gradnorm.png/.csv, speedup.png/.csv, bptt.png/.csv, curves/<cell>/{gradnorm.csv,summary.json},
  run-bench.txt (settings, java, git commit, times).
EOF
}

# ---- java ---------------------------------------------------------------------------------------
JAVA=""
JDK_HOME=""

choose_java() {
  local jdk=${1:-}
  if [[ -n $jdk ]]; then
    [[ -x $jdk/bin/java ]] || usage_error "--jdk $jdk: no bin/java there (expected a JDK home)"
    JDK_HOME=$jdk
    JAVA=$jdk/bin/java
  elif [[ -n ${JAVA_HOME:-} ]]; then
    [[ -x $JAVA_HOME/bin/java ]] || usage_error "JAVA_HOME=$JAVA_HOME has no bin/java"
    JDK_HOME=$JAVA_HOME
    JAVA=$JAVA_HOME/bin/java
  else
    JAVA=$(command -v java) || usage_error "no java on PATH (use --jdk PATH or set JAVA_HOME)"
  fi
  local major
  major=$("$JAVA" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  if [[ ! $major =~ ^[0-9]+$ ]] || ((major < 17)); then
    usage_error "$JAVA is Java '${major:-?}' (expected 17 or newer)"
  fi
}

java_version() { "$JAVA" -version 2>&1 | head -n 1; }

java_where() { # the java binary, with the JDK it resolves to when it is a symlink
  local real
  real=$(readlink -f -- "$JAVA" 2>/dev/null || echo "$JAVA")
  if [[ $real != "$JAVA" ]]; then
    echo "$JAVA -> $real"
  else
    echo "$JAVA"
  fi
}

# ---- build --------------------------------------------------------------------------------------
# stale TARGET SOURCES...: true when TARGET is missing or older than any existing source file.
stale() {
  local target=$1
  shift
  if [[ ! -f $target ]]; then
    return 0
  fi
  local existing=()
  local s
  for s in "$@"; do
    if [[ -e $s ]]; then
      existing+=("$s")
    fi
  done
  if ((${#existing[@]} == 0)); then
    return 1
  fi
  [[ -n $(find "${existing[@]}" -newer "$target" -print -quit) ]]
}

run_mvn() { # run_mvn LOGFILE ARGS...: maven with the chosen JDK, output to LOGFILE
  local log=$1
  shift
  command -v mvn >/dev/null || die "mvn not found on PATH (needed to build; install Maven 3.8+)"
  if [[ -n $JDK_HOME ]]; then
    JAVA_HOME=$JDK_HOME mvn "$@" >"$log" 2>&1
  else
    mvn "$@" >"$log" 2>&1
  fi
}

build_library() { # build_library quiet|loud
  if ! stale "$LIB_JAR" src/main pom.xml && [[ -d target/lib ]]; then
    [[ $1 == quiet ]] || say "library jar is up to date ($LIB_JAR)"
    return 0
  fi
  [[ $1 == quiet ]] || say "building the library: mvn -B -q -DskipTests package"
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/bptt-build.XXXXXX")
  if ! run_mvn "$log" -B -q -DskipTests package; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "building the library failed (mvn -B -q -DskipTests package); output above"
  fi
  rm -f "$log"
  [[ -f $LIB_JAR ]] || die "the build did not produce $LIB_JAR"
}

build_benchmarks() {
  [[ -f benchmarks/pom.xml ]] \
    || die "benchmarks/pom.xml not found: the JMH module (benchmarks/) is not in this checkout"
  if ! stale "$BENCH_JAR" benchmarks/src benchmarks/pom.xml src/main pom.xml; then
    say "benchmarks jar is up to date ($BENCH_JAR)"
    return 0
  fi
  say "building the benchmarks: mvn -B -q -f benchmarks/pom.xml package -DskipTests"
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/bptt-build.XXXXXX")
  if ! run_mvn "$log" -B -q -f benchmarks/pom.xml package -DskipTests; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "building the benchmarks failed (mvn -B -q -f benchmarks/pom.xml package); output above"
  fi
  rm -f "$log"
  [[ -f $BENCH_JAR ]] || die "the benchmarks build did not produce $BENCH_JAR"
}

# ---- subcommand mode ----------------------------------------------------------------------------
if (($# > 0)) && [[ $1 != -* ]]; then
  choose_java ""
  build_library quiet
  # The JDK's "Using incubator modules" warning is dropped so that bad input stays one line.
  exec "$JAVA" "$VECTOR_FLAG" -Djava.awt.headless=true -cp "$LIB_CP" "$MAIN" "$@" \
    2> >(grep -v '^WARNING: Using incubator modules' >&2 || true)
fi
if (($# > 0)) && [[ $1 == --help-commands ]]; then
  choose_java ""
  build_library quiet
  exec "$JAVA" "$VECTOR_FLAG" -cp "$LIB_CP" "$MAIN" --help
fi

# ---- options ------------------------------------------------------------------------------------
PROFILE=default
ONLY=""
JDK_ARG=""
WITH_PYTORCH=0
EXTRA=()
while (($# > 0)); do
  case $1 in
    --help | -h) usage; exit 0 ;;
    --profile | --only | --jdk)
      (($# >= 2)) || usage_error "option $1 needs a value (see --help)"
      case $1 in
        --profile) PROFILE=$2 ;;
        --only) ONLY=$2 ;;
        --jdk) JDK_ARG=$2 ;;
      esac
      shift 2
      ;;
    --profile=*) PROFILE=${1#*=}; shift ;;
    --only=*) ONLY=${1#*=}; shift ;;
    --jdk=*) JDK_ARG=${1#*=}; shift ;;
    --with-pytorch) WITH_PYTORCH=1; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    *) usage_error "unknown option '$1' (expected --profile, --only, --jdk, --with-pytorch, --help or -- JMH ARGS)" ;;
  esac
done
if [[ -n $ONLY ]] && [[ $ONLY == -* ]]; then
  usage_error "--only '$ONLY': expected a benchmark regex, not an option"
fi

# Profile settings: JMH run options (key -> value) and the plan: one JMH invocation per entry,
# "Class[|name=v1,v2...]..." — the benchmark class and the -p lists applied to it only (JMH's -p
# applies to every benchmark of an invocation that has the parameter, so each class gets its own).
declare -A RUNOPT=()
PLAN=()
case $PROFILE in
  smoke)
    RUNOPT=([-f]=1 [-wi]=1 [-w]=200ms [-i]=3 [-r]=100ms)
    PLAN=("KernelBench|hidden=100,256|backend=scalar,simd,netlib" "ActivationBench|hidden=256"
      "CellBench|hidden=128" "BpttBench|hidden=64|seqLen=16,64,256" "GemmBench|hidden=128"
      "JacobianBench|hidden=32|seqLen=8,32" "CurveBench|backend=simd" "PeakBench")
    ;;
  default)
    RUNOPT=([-f]=1 [-wi]=2 [-w]=300ms [-i]=3 [-r]=300ms)
    PLAN=("KernelBench|hidden=64,100,256,1024" "ActivationBench|hidden=100,1024"
      "CellBench|hidden=128" "BpttBench|hidden=128|seqLen=16,64,256,512"
      "BpttBench|seqLen=50|hidden=128,256,512,1024" "CurveBench" "GemmBench"
      "JacobianBench|hidden=32,64|seqLen=16" "PeakBench")
    ;;
  full)
    RUNOPT=([-f]=3 [-wi]=5 [-w]=1s [-i]=5 [-r]=1s)
    PLAN=("KernelBench" "ActivationBench" "CellBench" "BpttBench"
      "BpttBench|seqLen=50|hidden=128,256,512,1024" "CurveBench" "GemmBench" "JacobianBench"
      "PeakBench")
    ;;
  *) usage_error "--profile '$PROFILE': expected smoke, default or full" ;;
esac
declare -A XPARAMS=() # -p lists given after --: they replace the plan's for every entry

# Options after -- replace the profile's (JMH rejects a repeated -f, -wi, ...).
i=0
while ((i < ${#EXTRA[@]})); do
  a=${EXTRA[i]}
  case $a in
    -rf | -rff | -o) usage_error "JMH option $a is set by run-bench (results go to the report directory)" ;;
    -f | -wi | -w | -i | -r)
      ((i + 1 < ${#EXTRA[@]})) || usage_error "JMH option $a after -- needs a value"
      unset "RUNOPT[$a]"
      RUNOPT[x$a]=${EXTRA[i + 1]} # remembered for the estimate only
      i=$((i + 1))
      ;;
    -p)
      ((i + 1 < ${#EXTRA[@]})) || usage_error "JMH option -p after -- needs NAME=VALUES"
      pv=${EXTRA[i + 1]}
      [[ $pv == *=* ]] || usage_error "JMH option -p $pv: expected NAME=V1,V2,..."
      XPARAMS[${pv%%=*}]=${pv#*=}
      i=$((i + 1))
      ;;
  esac
  i=$((i + 1))
done

RUN_ARGS=()
for k in -f -wi -w -i -r; do
  if [[ -n ${RUNOPT[$k]:-} ]]; then
    RUN_ARGS+=("$k" "${RUNOPT[$k]}")
  fi
done

# Effective value of a run option (profile's, or the one given after --, or JMH's default).
runopt() { echo "${RUNOPT[$1]:-${RUNOPT[x$1]:-$2}}"; }

to_ms() { # 200ms, 1s, 2m, 500us -> milliseconds
  local v=$1
  case $v in
    *ms) echo "${v%ms}" ;;
    *us) echo $((${v%us} / 1000)) ;;
    *ns) echo 0 ;;
    *s) echo $((${v%s} * 1000)) ;;
    *m) echo $((${v%m} * 60000)) ;;
    *min) echo $((${v%min} * 60000)) ;;
    *) echo 1000 ;;
  esac
}

fmt_time() { # seconds -> 1h02m03s / 4m05s / 12s
  local s=$1
  if ((s >= 3600)); then
    printf '%dh%02dm%02ds' $((s / 3600)) $((s % 3600 / 60)) $((s % 60))
  elif ((s >= 60)); then
    printf '%dm%02ds' $((s / 60)) $((s % 60))
  else
    printf '%ds' "$s"
  fi
}

# ---- staging and traps --------------------------------------------------------------------------
STAGE=""
PUBLISHED=0
JMH_JOB=""
JMH_PGID=""
LATEST_TMP=""

cleanup() {
  if [[ $BASHPID != "$$" ]]; then
    return 0 # a subshell (pipeline, $(...)): only the main shell owns the staging directory
  fi
  if [[ -n $JMH_PGID ]]; then
    kill -TERM -- "-$JMH_PGID" 2>/dev/null || true
    wait "$JMH_JOB" 2>/dev/null || true
    JMH_PGID=""
  fi
  if [[ -n $STAGE && -d $STAGE && $PUBLISHED == 0 ]]; then
    rm -rf -- "$STAGE"
  fi
  if [[ -n $LATEST_TMP && -L $LATEST_TMP ]]; then
    rm -f -- "$LATEST_TMP"
  fi
}
on_signal() {
  trap - INT TERM ERR
  printf '\nrun-bench: interrupted (%s): removed the unfinished run; earlier reports and %s/latest are untouched\n' "$1" "$REPORTS" >&2
  cleanup
  trap - EXIT
  [[ $1 == INT ]] && exit 130
  exit 143
}
on_error() {
  local status=$1 line=$2 cmd=$3
  if [[ $BASHPID != "$$" ]]; then
    exit "$status" # failure inside a subshell: let the main shell see the status
  fi
  trap - ERR
  printf 'run-bench: failed (status %s at line %s: %s); earlier reports and %s/latest are untouched\n' "$status" "$line" "$cmd" "$REPORTS" >&2
  cleanup
  exit "$status"
}
trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR

START=$(date +%s)
phase() { say "== $1 ($(fmt_time $(($(date +%s) - START))) elapsed)"; }

# ---- 0. java and early checks -------------------------------------------------------------------
choose_java "$JDK_ARG"
say "java: $(java_where) ($(java_version))"
say "profile: $PROFILE"

# A pyenv/venv python3 often lacks torch while Debian's python3-torch sits in /usr/bin/python3.
if [[ -z ${BPTT_PYTHON:-} ]] && ! "$PYTHON" -c 'import torch' 2>/dev/null \
  && [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  PYTHON=/usr/bin/python3
fi
NO_PYTORCH="run with --with-pytorch to add it"
if ((!WITH_PYTORCH)) && [[ $PROFILE == default && -z $ONLY ]]; then
  # The default run compares with PyTorch whenever it can.
  if "$PYTHON" -c 'import torch' 2>/dev/null; then
    WITH_PYTORCH=1
  else
    NO_PYTORCH="PyTorch is not installed ($PYTHON cannot import torch; apt-get install python3-torch)"
  fi
fi
if ((WITH_PYTORCH)); then
  command -v "$PYTHON" >/dev/null || usage_error "--with-pytorch: $PYTHON not found (set BPTT_PYTHON)"
  [[ -f $PYTORCH_SCRIPT ]] || usage_error "--with-pytorch: $PYTORCH_SCRIPT is not in this checkout"
  "$PYTHON" -c 'import torch' 2>/dev/null \
    || usage_error "--with-pytorch: $PYTHON cannot import torch (apt-get install python3-torch, or set BPTT_PYTHON)"
fi

# ---- 1. build -----------------------------------------------------------------------------------
phase "1/5 build"
build_library loud
build_benchmarks

mkdir -p "$REPORTS"
STAGE=$REPORTS/.tmp-$(date -u +%Y%m%dT%H%M%SZ)-$$
mkdir "$STAGE"

# ---- 2. gradient-norm curves --------------------------------------------------------------------
phase "2/5 gradient-norm curves (init=$CURVE_INIT rho=$CURVE_RHO hidden=$CURVE_HIDDEN steps=$CURVE_STEPS seed=$CURVE_SEED)"
mkdir -p "$STAGE/curves"
for cell in $CURVE_CELLS; do
  say "gradnorm --cell $cell"
  status=0
  "$JAVA" "$VECTOR_FLAG" -Djava.awt.headless=true -cp "$LIB_CP" "$MAIN" gradnorm \
    --cell "$cell" --hidden "$CURVE_HIDDEN" --input "$CURVE_INPUT" --classes "$CURVE_CLASSES" \
    --steps "$CURVE_STEPS" --rho "$CURVE_RHO" --init "$CURVE_INIT" --seed "$CURVE_SEED" \
    --out "$STAGE/curves/$cell" >"$STAGE/curves/$cell.log" 2>&1 || status=$?
  if ((status != 0)); then
    msg=$(grep -v '^WARNING: Using incubator modules' "$STAGE/curves/$cell.log" | tail -n 1 || true)
    if [[ $msg == *"unknown command 'gradnorm'"* ]]; then
      die "phase curves failed: this build has no 'gradnorm' command yet (it comes from the gradient-norm work); nothing was published"
    fi
    die "phase curves failed: gradnorm --cell $cell exited with status $status: ${msg:-no output}"
  fi
  [[ -f $STAGE/curves/$cell/gradnorm.csv ]] \
    || die "phase curves failed: gradnorm --cell $cell wrote no $STAGE/curves/$cell/gradnorm.csv"
done

# The lesson's experiments (a few seconds each), part of every report.
EXPERIMENTS=${BPTT_EXPERIMENTS:-"curves sweep saturation jacobian clip"}
mkdir -p "$STAGE/experiments"
for exp in $EXPERIMENTS; do
  say "experiment $exp"
  status=0
  "$JAVA" "$VECTOR_FLAG" -Djava.awt.headless=true -cp "$LIB_CP" "$MAIN" "$exp" \
    --out "$STAGE/experiments/$exp" >"$STAGE/experiments/$exp.log" 2>&1 || status=$?
  if ((status != 0)); then
    msg=$(grep -v '^WARNING: Using incubator modules' "$STAGE/experiments/$exp.log" | tail -n 1 || true)
    die "phase curves failed: experiment $exp exited with status $status: ${msg:-no output}"
  fi
done

# ---- 3. JMH -------------------------------------------------------------------------------------
phase "3/5 JMH benchmarks"
INCLUDE=()
if [[ -n $ONLY ]]; then
  INCLUDE=("$ONLY")
fi

# Count benchmark x parameter combinations per plan entry: JMH's -lp lists each benchmark's
# @Param values; the entry's -p lists (replaced by any given after --) override them.
list_status=0
"$JAVA" -jar "$BENCH_JAR" -lp >"$STAGE/jmh-list.txt" 2>&1 || list_status=$?
if ((list_status != 0)); then
  die "JMH could not list the benchmarks (status $list_status): $(tail -n 1 "$STAGE/jmh-list.txt")"
fi
EXTRA_NOP=() # the arguments after -- without their -p lists (those are merged per entry)
i=0
while ((i < ${#EXTRA[@]})); do
  if [[ ${EXTRA[i]} == -p ]]; then
    i=$((i + 2))
  else
    EXTRA_NOP+=("${EXTRA[i]}")
    i=$((i + 1))
  fi
done

entry_params() { # ENTRY -> "name=values" lines: the entry's -p lists, then those after --
  local parts kv k
  declare -A m=()
  IFS='|' read -r -a parts <<<"$1"
  for kv in "${parts[@]:1}"; do m[${kv%%=*}]=${kv#*=}; done
  for k in "${!XPARAMS[@]}"; do m[$k]=${XPARAMS[$k]}; done
  for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done
}

ENTRY_REGEX=()
ENTRY_PARAMS=()
ENTRY_N=()
N_BENCH=0
N_COMB=0
for entry in "${PLAN[@]}"; do
  cls=${entry%%|*}
  ovr=$(entry_params "$entry" | paste -sd';' -)
  # Lines "name combinations" for the class's benchmarks that --only lets through.
  plan=$(awk -v cls="org.bpttbench.bench.$cls." -v only="$ONLY" -v ovr="$ovr" '
    function flush() { if (name != "") print name, n }
    BEGIN { k = split(ovr, a, ";"); for (i = 1; i <= k; i++) if (a[i] != "") {
              split(a[i], kv, "="); cnt[kv[1]] = split(kv[2], tmp, ",") } }
    /^Benchmarks:/ { next }
    /^[^ ]/ { flush(); name = ""
              if (index($1, cls) == 1 && (only == "" || $1 ~ only)) { name = $1; n = 1 }
              next }
    name != "" && /^ +param "/ { p = $0; sub(/^ +param "/, "", p); sub(/".*/, "", p)
              v = $0; sub(/^[^{]*\{/, "", v); sub(/\}.*/, "", v); c = split(v, tmp, ",")
              n *= (p in cnt) ? cnt[p] : c }
    END { flush() }' "$STAGE/jmh-list.txt")
  [[ -n $plan ]] || continue
  names=()
  n=0
  while read -r name c; do
    names+=("$name")
    n=$((n + c))
  done <<<"$plan"
  params=()
  while IFS= read -r kv; do
    [[ -n $kv ]] && params+=(-p "$kv")
  done < <(entry_params "$entry")
  ENTRY_REGEX+=("^($(IFS='|'; echo "${names[*]}" | sed 's/\./\\./g'))\$")
  if ((${#params[@]})); then
    ENTRY_PARAMS+=("$(printf '%q ' "${params[@]}")")
  else
    ENTRY_PARAMS+=("") # printf '%q' of nothing would give '' (an empty regex matching all)
  fi
  ENTRY_N+=("$n")
  N_BENCH=$((N_BENCH + ${#names[@]}))
  N_COMB=$((N_COMB + n))
done
if ((N_COMB == 0)); then
  usage_error "no benchmark matches ${ONLY:+--only '$ONLY'} (list them: java -jar $BENCH_JAR -l)"
fi

FORKS=$(runopt -f 5)
((FORKS >= 1)) || FORKS=1
PER_MS=$((FORKS * ($(runopt -wi 5) * $(to_ms "$(runopt -w 10s)") + $(runopt -i 5) * $(to_ms "$(runopt -r 10s)") + FORK_OVERHEAD_MS)))
EST_S=$((N_COMB * PER_MS / 1000))
say "$N_BENCH benchmarks, $N_COMB benchmark×parameter combinations × ~$((PER_MS / 1000)).$((PER_MS % 1000 / 100)) s each (forks $FORKS, warmup $(runopt -wi 5)×$(runopt -w 10s), measurement $(runopt -i 5)×$(runopt -r 10s)): estimated $(fmt_time "$EST_S")"
if { [[ $PROFILE == smoke ]] && ((EST_S > 90)); } || { [[ $PROFILE == default ]] && ((EST_S > 480)); }; then
  say "warning: this estimate is above the $PROFILE profile's budget (the benchmarks declare more parameter values than expected)"
fi

HOST_OPTS=()
if [[ -n ${BPTT_JMH_JAVA_OPTS:-} ]]; then
  read -r -a HOST_OPTS <<<"$BPTT_JMH_JAVA_OPTS"
fi

# Reads JMH's output, shows one line per combination with the time left, and the result.
# Arguments: combinations in all, estimated ms per combination, combinations already done
# (by an earlier JMH invocation) and the epoch second the JMH phase started.
jmh_progress() {
  local total=$1 per_ms=$2 n=$3 t0=$4 bench="" params="" line now elapsed left fails=0
  while IFS= read -r line; do
    case $line in
      "# Benchmark: "*)
        bench=${line#\# Benchmark: }
        bench=${bench#org.bpttbench.bench.}
        params=""
        ;;
      "# Parameters: "*) params=${line#\# Parameters: } ;;
      "# Run progress: "*)
        n=$((n + 1))
        now=$(date +%s)
        elapsed=$((now - t0))
        if ((n > 1 && elapsed > 0)); then
          left=$((elapsed * (total - n + 1) / (n - 1)))
        else
          left=$(((total - n + 1) * per_ms / 1000))
        fi
        printf 'run-bench: [jmh %d/%d, %s elapsed, ~%s left] %s %s\n' "$n" "$total" \
          "$(fmt_time "$elapsed")" "$(fmt_time "$left")" "$bench" "$params"
        ;;
      "Result \""*)
        IFS= read -r line || true
        printf 'run-bench:     = %s\n' "$(echo "$line" | sed 's/^ *//; s/ \[.*//')"
        ;;
      *"<failure>"*)
        fails=$((fails + 1))
        printf 'run-bench:     FAILED: %s %s (details in jmh.log)\n' "$bench" "$params"
        ;;
      "Error parsing command line:"* | "ERROR:"* | "Exception"*)
        printf 'run-bench: jmh: %s\n' "$line"
        ;;
    esac
  done
  if ((fails > 0)); then
    printf 'run-bench: warning: %d benchmark combination(s) failed; see jmh.log\n' "$fails"
  fi
}

# run_jmh I DONE: one JMH invocation for plan entry I, results in STAGE/jmh-result-I.json.
# JMH runs as a background job in its own process group (set -m) so that INT/TERM reach this
# script at once (bash defers traps while a foreground command runs) and the trap can stop JMH
# and its forks together.
JMH_T0=$(date +%s)
JMH_CMDS=()
run_jmh() {
  local idx=$1 done_before=$2 params=()
  eval "params=(${ENTRY_PARAMS[idx]})"
  local cmd=("$JAVA" "$VECTOR_FLAG" -Djava.awt.headless=true "${HOST_OPTS[@]}" -jar "$BENCH_JAR"
    "${ENTRY_REGEX[idx]}" "${RUN_ARGS[@]}" "${params[@]}" -prof gc -rf json
    -rff "$STAGE/jmh-result-$idx.json" "${EXTRA_NOP[@]}")
  JMH_CMDS+=("$(printf '%q ' "${cmd[@]}")")
  printf 'run-bench: %s\n' "$(printf '%q ' "${cmd[@]}")" >>"$STAGE/jmh.log"
  set -m
  {
    "${cmd[@]}" </dev/null 2>&1
    echo $? >"$STAGE/.jmh-status"
  } | tee -a "$STAGE/jmh.log" | jmh_progress "$N_COMB" "$PER_MS" "$done_before" "$JMH_T0" &
  JMH_JOB=$!
  JMH_PGID=$(jobs -p %+)
  set +m
  wait "$JMH_JOB" || true
  JMH_JOB=""
  JMH_PGID=""
  local status
  status=$(cat "$STAGE/.jmh-status" 2>/dev/null || echo 1)
  rm -f "$STAGE/.jmh-status"
  if ((status != 0)); then
    if grep -q 'Unable to acquire the JMH lock' "$STAGE/jmh.log"; then
      die "phase jmh failed: another JMH run on this machine holds its lock (JMH runs one at a time so timings do not disturb each other); run again when it has finished. Nothing was published"
    fi
    tail -n 15 "$STAGE/jmh.log" >&2
    die "phase jmh failed: JMH exited with status $status (last lines above); nothing was published"
  fi
  [[ -s $STAGE/jmh-result-$idx.json ]] || die "phase jmh failed: JMH wrote no jmh-result-$idx.json"
}

RESULT_PARTS=()
done_so_far=0
for idx in "${!ENTRY_N[@]}"; do
  run_jmh "$idx" "$done_so_far"
  RESULT_PARTS+=("$STAGE/jmh-result-$idx.json")
  done_so_far=$((done_so_far + ENTRY_N[idx]))
done
mkdir -p "$STAGE/jmh-parts"
mv -- "${RESULT_PARTS[@]}" "$STAGE/jmh-parts/"
# One JMH invocation per plan entry; their result arrays concatenated (the parts stay in
# jmh-parts/ as JMH wrote them).
"$JAVA" -cp "$LIB_CP" org.bpttbench.report.JmhMerge "$STAGE/jmh-result.json" \
  "$STAGE"/jmh-parts/jmh-result-*.json || die "phase jmh failed: could not merge the JMH results"

REPORT_EXTRA=(--no-pytorch "$NO_PYTORCH")
if ((WITH_PYTORCH)); then
  PY_ARGS=()
  if [[ $PROFILE == smoke ]]; then
    PY_ARGS=(--quick)
  fi
  say "PyTorch reference: $PYTHON $PYTORCH_SCRIPT ${PY_ARGS[*]} > pytorch.json"
  "$PYTHON" "$PYTORCH_SCRIPT" "${PY_ARGS[@]}" >"$STAGE/pytorch.json" 2>"$STAGE/pytorch.log" \
    || die "phase pytorch failed ($PYTHON $PYTORCH_SCRIPT): $(tail -n 1 "$STAGE/pytorch.log")"
  REPORT_EXTRA=(--pytorch "$STAGE/pytorch.json")
fi

# ---- 4. report ----------------------------------------------------------------------------------
phase "4/5 report"
"$JAVA" "$VECTOR_FLAG" -Djava.awt.headless=true -cp "$LIB_CP" "$MAIN" report \
  --jmh "$STAGE/jmh-result.json" --curves "$STAGE/curves" --experiments "$STAGE/experiments" \
  --out "$STAGE" --profile "$PROFILE" \
  "${REPORT_EXTRA[@]}" \
  2> >(grep -v '^WARNING: Using incubator modules' >&2 || true) \
  || die "phase report failed (see the message above); nothing was published"

{
  echo "profile: $PROFILE"
  echo "java: $(java_where) ($(java_version))"
  printf 'jmh: %s\n' "${JMH_CMDS[@]}"
  echo "combinations: $N_COMB (estimated $(fmt_time "$EST_S"))"
  echo "curves: cells=$CURVE_CELLS init=$CURVE_INIT rho=$CURVE_RHO hidden=$CURVE_HIDDEN steps=$CURVE_STEPS seed=$CURVE_SEED"
  echo "git: $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "started: $(date -u -d "@$START" +%Y-%m-%dT%H:%M:%SZ), took $(fmt_time $(($(date +%s) - START)))"
} >"$STAGE/run-bench.txt"

# ---- 5. publish ---------------------------------------------------------------------------------
phase "5/5 publish"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
NAME=$STAMP
n=1
# rename(2) onto an existing non-empty directory fails, so a concurrent run's report is never
# replaced: take the next suffix instead.
until mv -T -- "$STAGE" "$REPORTS/$NAME" 2>/dev/null; do
  n=$((n + 1))
  ((n <= 100)) || die "cannot publish $STAGE as $REPORTS/$STAMP-N (tried 100 names)"
  NAME=$STAMP-$n
done
PUBLISHED=1
LATEST_TMP=$REPORTS/.latest-$$-$RANDOM
ln -s -- "$NAME" "$LATEST_TMP"
mv -T -- "$LATEST_TMP" "$REPORTS/latest" \
  || die "published $REPORTS/$NAME but could not point $REPORTS/latest at it (is $REPORTS/latest a directory?)"
LATEST_TMP=""
say "done in $(fmt_time $(($(date +%s) - START))): $REPORTS/$NAME/REPORT.md (also $REPORTS/latest)"
