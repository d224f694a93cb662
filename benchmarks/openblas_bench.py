#!/usr/bin/python3
"""OpenBLAS sgemm through numpy, at GemmShapeBench's shapes (one thread).

Times numpy.matmul(A, B, out=C) in float32 for the shapes GemmShapeBench names (sqD: D x D x D;
step/carry/inproj/wgrad_bB: the GEMMs of one LSTM training update, H = 128, T = 50, batch B),
with the same transpositions (a transposed operand is a transposed view, which numpy hands to
sgemm as a transpose flag, not a copy). Prints one JSON object:

  {"gemm_<shape>": {"median_ms": .., "iqr_ms": .., "reps": .., "times_ms": [..], "gflops": ..}, ...,
   "meta": {"numpy": .., "blas": "OpenBLAS 0.3.21 ... SkylakeX ...", "core": "SkylakeX",
            "OPENBLAS_CORETYPE": .., "OPENBLAS_NUM_THREADS": ..}}

Exits with status 3 and one line on stderr when numpy's BLAS is not OpenBLAS (the reference BLAS
is no peer worth timing). run-bench.sh runs it with OPENBLAS_NUM_THREADS=1.
Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/openblas_bench.py [--quick]
"""
import ctypes
import json
import os
import statistics
import sys
import time

import numpy as np

GH, H, T = 4 * 128, 128, 50
SHAPES = ["sq64", "sq128", "sq256", "sq512", "step_b32", "carry_b32", "inproj_b32", "wgrad_b32",
          "step_b128", "carry_b128", "inproj_b128", "wgrad_b128"]


def shape(name):
    """(transA, transB, m, n, k), as GemmShapeBench.Shape.of."""
    if name.startswith("sq"):
        d = int(name[2:])
        return False, False, d, d, d
    b = int(name[name.index("_b") + 2:])
    kind = name[:name.index("_")]
    return {"step": (False, True, b, GH, H), "carry": (False, False, b, H, GH),
            "inproj": (False, True, b * T, GH, H), "wgrad": (True, False, GH, H, b * T)}[kind]


def operands(name):
    ta, tb, m, n, k = shape(name)
    rng = np.random.default_rng(11)
    a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
    return (a.T if ta else a), (b.T if tb else b), np.empty((m, n), np.float32), 2.0 * m * n * k


def timed(name, reps, min_rep_s):
    a, b, c, flops = operands(name)
    calls = 1
    while True:  # calls per repetition: at least min_rep_s
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        if time.perf_counter() - t0 >= min_rep_s:
            break
        calls *= 2
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        times.append((time.perf_counter() - t0) / calls * 1e3)
    q = statistics.quantiles(times, n=4)
    med = statistics.median(times)
    return {"median_ms": med, "iqr_ms": q[2] - q[0], "reps": reps, "calls_per_rep": calls,
            "times_ms": times, "gflops": flops / (med * 1e-3) / 1e9}


def openblas_info():
    """(config, core) of the OpenBLAS numpy has loaded, or None when it is another BLAS."""
    np.ones((2, 2), np.float32) @ np.ones((2, 2), np.float32)
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "blas" in line and ".so" in line})
    # Debian's OpenBLAS exports openblas_get_config; pip's numpy wheels bundle it with an
    # ILP64 suffix (64_) and, from numpy 2, a scipy_ prefix
    names = [(p + "openblas_get_config" + s, p + "openblas_get_corename" + s)
             for p in ("", "scipy_") for s in ("", "64_")]
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for config, core in names:
            if hasattr(lib, config) and hasattr(lib, core):
                getattr(lib, config).restype = ctypes.c_char_p
                getattr(lib, core).restype = ctypes.c_char_p
                return getattr(lib, config)().decode(), getattr(lib, core)().decode()
    return None


def main():
    quick = "--quick" in sys.argv[1:]
    info = openblas_info()
    if info is None:
        print("openblas_bench: numpy's BLAS is not OpenBLAS (apt-get install libopenblas0-pthread)",
              file=sys.stderr)
        sys.exit(3)
    out = {}
    for name in SHAPES:
        out["gemm_" + name] = timed(name, 5 if quick else 11, 0.01 if quick else 0.05)
    out["meta"] = {"numpy": np.__version__, "blas": info[0], "core": info[1],
                   "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
                   "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS")}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
