/*
 * Native single-thread baseline for KernelBench: sgemv (y = W·x + b) and sgemvT (y = Wᵀ·x) on a
 * square row-major d×d float32 matrix, plus the FMA peak, timed here and written as JSON to stdout
 * (run-native.sh wraps one or two of these objects into native.json; benchmarks/README.md has the
 * schema).
 *
 * Two implementations of each kernel, both compiled with the flags in BUILD_FLAGS:
 *   plain      — the textbook loops, left to the compiler (-O3 -march=native -ffast-math
 *                vectorises the reductions);
 *   intrinsics — the widest vector the build targets (AVX-512 under __AVX512F__, else AVX2+FMA):
 *                gemv 4 rows × 2 accumulators (8 independent FMA chains, one x load per 4 FMAs),
 *                gemvT 8 rows per pass in two FMA chains per vector of y (one y load+store per 8 FMAs).
 * Every kernel runs at two data placements: "aligned64" (w, x, b and y each start on a 64-byte
 * boundary) and "offset16" (each starts 16 bytes past one: where HotSpot puts a float[]'s first
 * element when G1 starts the array on a region boundary, so what a Java kernel gets for a large
 * matrix). d is a multiple of the lane count for the sizes timed, but every loop has a scalar tail
 * and the self-check runs an odd size as well, at both placements.
 *
 * Timing: CLOCK_MONOTONIC; per (kernel, implementation, d, placement) a 200 ms warm-up, then REPS repetitions
 * of a batch of calls lasting about 10 ms each; reported: the median and the best ns per call.
 */
#define _POSIX_C_SOURCE 200112L
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BUILD_FLAGS
#define BUILD_FLAGS "unknown"
#endif

#if defined(__AVX512F__)
typedef __m512 vf;
#define VL 16
#define ISA "avx512"
#define vload _mm512_loadu_ps
#define vstore _mm512_storeu_ps
#define vset1 _mm512_set1_ps
#define vzero _mm512_setzero_ps
#define vadd _mm512_add_ps
#define vfma _mm512_fmadd_ps
static float hsum(vf v) { return _mm512_reduce_add_ps(v); }
#elif defined(__AVX2__) && defined(__FMA__)
typedef __m256 vf;
#define VL 8
#define ISA "avx2"
#define vload _mm256_loadu_ps
#define vstore _mm256_storeu_ps
#define vset1 _mm256_set1_ps
#define vzero _mm256_setzero_ps
#define vadd _mm256_add_ps
#define vfma _mm256_fmadd_ps
static float hsum(vf v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)));
}
#else
#define VL 0
#define ISA "scalar"
#endif

#if defined(__clang__)
#define COMPILER_PREFIX "" /* __VERSION__ already names clang */
#elif defined(__GNUC__)
#define COMPILER_PREFIX "gcc "
#else
#define COMPILER_PREFIX ""
#endif

#define REPS 11
#define PEAK_CHAINS 12
#define PEAK_ITERS 4096

typedef void (*kernel_fn)(const float *w, int d, const float *x, const float *b, float *y);

/* ------------------------------------------------------------------ plain loops */

__attribute__((noinline)) static void gemv_plain(const float *restrict w, int d,
    const float *restrict x, const float *restrict b, float *restrict y) {
  for (int i = 0; i < d; i++) {
    float s = 0.0f;
    for (int j = 0; j < d; j++) {
      s += w[(size_t)i * d + j] * x[j];
    }
    y[i] = b[i] + s;
  }
}

__attribute__((noinline)) static void gemvT_plain(const float *restrict w, int d,
    const float *restrict x, const float *restrict b, float *restrict y) {
  (void)b;
  for (int j = 0; j < d; j++) {
    y[j] = 0.0f;
  }
  for (int i = 0; i < d; i++) {
    float xi = x[i];
    for (int j = 0; j < d; j++) {
      y[j] += xi * w[(size_t)i * d + j];
    }
  }
}

/* ------------------------------------------------------------------ intrinsics */

#if VL > 0
static float dot_row(const float *restrict r, const float *restrict x, int d) {
  vf a = vzero();
  int j = 0;
  for (; j + VL <= d; j += VL) {
    a = vfma(vload(r + j), vload(x + j), a);
  }
  float s = hsum(a);
  for (; j < d; j++) {
    s += r[j] * x[j];
  }
  return s;
}

__attribute__((noinline)) static void gemv_simd(const float *restrict w, int d,
    const float *restrict x, const float *restrict b, float *restrict y) {
  int i = 0;
  for (; i + 4 <= d; i += 4) {
    const float *r0 = w + (size_t)i * d, *r1 = r0 + d, *r2 = r1 + d, *r3 = r2 + d;
    vf a0 = vzero(), a1 = vzero(), a2 = vzero(), a3 = vzero();
    vf c0 = vzero(), c1 = vzero(), c2 = vzero(), c3 = vzero();
    int j = 0;
    for (; j + 2 * VL <= d; j += 2 * VL) {
      vf x0 = vload(x + j), x1 = vload(x + j + VL);
      a0 = vfma(vload(r0 + j), x0, a0);
      a1 = vfma(vload(r1 + j), x0, a1);
      a2 = vfma(vload(r2 + j), x0, a2);
      a3 = vfma(vload(r3 + j), x0, a3);
      c0 = vfma(vload(r0 + j + VL), x1, c0);
      c1 = vfma(vload(r1 + j + VL), x1, c1);
      c2 = vfma(vload(r2 + j + VL), x1, c2);
      c3 = vfma(vload(r3 + j + VL), x1, c3);
    }
    for (; j + VL <= d; j += VL) {
      vf x0 = vload(x + j);
      a0 = vfma(vload(r0 + j), x0, a0);
      a1 = vfma(vload(r1 + j), x0, a1);
      a2 = vfma(vload(r2 + j), x0, a2);
      a3 = vfma(vload(r3 + j), x0, a3);
    }
    float s0 = hsum(vadd(a0, c0)), s1 = hsum(vadd(a1, c1));
    float s2 = hsum(vadd(a2, c2)), s3 = hsum(vadd(a3, c3));
    for (; j < d; j++) {
      s0 += r0[j] * x[j];
      s1 += r1[j] * x[j];
      s2 += r2[j] * x[j];
      s3 += r3[j] * x[j];
    }
    y[i] = b[i] + s0;
    y[i + 1] = b[i + 1] + s1;
    y[i + 2] = b[i + 2] + s2;
    y[i + 3] = b[i + 3] + s3;
  }
  for (; i < d; i++) {
    y[i] = b[i] + dot_row(w + (size_t)i * d, x, d);
  }
}

__attribute__((noinline)) static void gemvT_simd(const float *restrict w, int d,
    const float *restrict x, const float *restrict b, float *restrict y) {
  (void)b;
  memset(y, 0, sizeof(float) * (size_t)d);
  int i = 0;
  for (; i + 8 <= d; i += 8) {
    const float *r = w + (size_t)i * d;
    vf b0 = vset1(x[i]), b1 = vset1(x[i + 1]), b2 = vset1(x[i + 2]), b3 = vset1(x[i + 3]);
    vf b4 = vset1(x[i + 4]), b5 = vset1(x[i + 5]), b6 = vset1(x[i + 6]), b7 = vset1(x[i + 7]);
    int j = 0;
    for (; j + VL <= d; j += VL) {
      vf s = vfma(vload(r + j), b0, vload(y + j));
      vf t = vfma(vload(r + d + j), b1, vzero());
      s = vfma(vload(r + 2 * d + j), b2, s);
      t = vfma(vload(r + 3 * d + j), b3, t);
      s = vfma(vload(r + 4 * d + j), b4, s);
      t = vfma(vload(r + 5 * d + j), b5, t);
      s = vfma(vload(r + 6 * d + j), b6, s);
      t = vfma(vload(r + 7 * d + j), b7, t);
      vstore(y + j, vadd(s, t));
    }
    for (; j < d; j++) {
      float s = 0.0f;
      for (int k = 0; k < 8; k++) {
        s += r[(size_t)k * d + j] * x[i + k];
      }
      y[j] += s;
    }
  }
  for (; i < d; i++) {
    vf xi = vset1(x[i]);
    const float *r = w + (size_t)i * d;
    int j = 0;
    for (; j + VL <= d; j += VL) {
      vstore(y + j, vfma(vload(r + j), xi, vload(y + j)));
    }
    for (; j < d; j++) {
      y[j] += x[i] * r[j];
    }
  }
}

/* 12 independent chains acc = acc·a + c: latency × throughput of FMA is at most 4 × 2 on x86. */
__attribute__((noinline)) static float fma_peak(float a, float c, long iters) {
  vf va = vset1(a), vc = vset1(c);
  vf x[PEAK_CHAINS];
  __asm__ __volatile__(""); /* not a pure function: the caller's loop must call it every time */
  for (int k = 0; k < PEAK_CHAINS; k++) {
    x[k] = vset1(1e-3f * (float)(k + 1));
  }
  for (long it = 0; it < iters; it++) {
    for (int k = 0; k < PEAK_CHAINS; k++) {
      x[k] = vfma(x[k], va, vc);
    }
  }
  vf s = x[0];
  for (int k = 1; k < PEAK_CHAINS; k++) {
    s = vadd(s, x[k]);
  }
  return hsum(s);
}
#endif

/* ------------------------------------------------------------------ harness */

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef struct {
  const char *name;
  size_t offset; /* bytes past a 64-byte boundary where every array starts */
} placement;

static const placement placements[] = {{"aligned64", 0}, {"offset16", 16}};
#define NPLACEMENTS (int)(sizeof placements / sizeof placements[0])

/* n floats starting `offset` bytes past a 64-byte boundary; *block is what to free. */
static float *placed_floats(size_t n, size_t offset, void **block) {
  if (posix_memalign(block, 64, sizeof(float) * (n == 0 ? 1 : n) + offset) != 0) {
    fprintf(stderr, "nativebench: out of memory\n");
    exit(1);
  }
  return (float *)((char *)*block + offset);
}

static float uniform(unsigned long long *rng, float scale) {
  *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (float)(((*rng >> 40) / (double)(1 << 24)) * 2.0 - 1.0) * scale;
}

typedef struct {
  int d;
  float *w, *x, *b, *y;
  void *blocks[4];
} problem;

/* The same values for a given d at every placement. */
static problem make_problem(int d, placement at) {
  unsigned long long rng = 0x5eedb977ULL;
  problem p;
  p.d = d;
  p.w = placed_floats((size_t)d * d, at.offset, &p.blocks[0]);
  p.x = placed_floats(d, at.offset, &p.blocks[1]);
  p.b = placed_floats(d, at.offset, &p.blocks[2]);
  p.y = placed_floats(d, at.offset, &p.blocks[3]);
  float k = 1.0f / sqrtf((float)d);
  for (size_t i = 0; i < (size_t)d * d; i++) {
    p.w[i] = uniform(&rng, k);
  }
  for (int i = 0; i < d; i++) {
    p.x[i] = uniform(&rng, 1.0f);
    p.b[i] = uniform(&rng, k);
  }
  return p;
}

static void free_problem(problem *p) {
  for (int k = 0; k < 4; k++) {
    free(p->blocks[k]);
  }
}

/* Each output against a double-precision reference, within 1e-4 of Σ|terms|; exits on a miss. */
static void check(const char *name, kernel_fn f, int transposed, int d, placement at) {
  problem p = make_problem(d, at);
  f(p.w, d, p.x, p.b, p.y);
  for (int o = 0; o < d; o++) {
    double s = transposed ? 0.0 : p.b[o];
    double mag = fabs(s);
    for (int t = 0; t < d; t++) {
      double term = transposed ? (double)p.w[(size_t)t * d + o] * p.x[t]
                               : (double)p.w[(size_t)o * d + t] * p.x[t];
      s += term;
      mag += fabs(term);
    }
    if (!(fabs(s - p.y[o]) <= 1e-4 * mag + 1e-6)) {
      fprintf(stderr, "nativebench: %s d=%d %s output %d is %g, expected %g\n", name, d, at.name,
              o, p.y[o], s);
      exit(1);
    }
  }
  free_problem(&p);
}

static double batch_ns(kernel_fn f, problem *p, long calls) {
  double t0 = now_ns();
  for (long c = 0; c < calls; c++) {
    f(p->w, p->d, p->x, p->b, p->y);
    __asm__ __volatile__("" ::: "memory");
  }
  return now_ns() - t0;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef struct {
  double median, best;
} timing;

/* ns per call: warm-up, size a batch to ~10 ms, then REPS batches; median and best. */
static timing time_kernel(kernel_fn f, problem *p) {
  double end = now_ns() + 200e6;
  long calls = 1;
  while (now_ns() < end) {
    batch_ns(f, p, calls);
    if (calls < (1L << 30)) {
      calls *= 2;
    }
  }
  calls = 1;
  double t;
  while ((t = batch_ns(f, p, calls)) < 1e6) {
    calls *= 2;
  }
  calls = (long)(calls * 10e6 / t) + 1;
  double per[REPS];
  for (int r = 0; r < REPS; r++) {
    per[r] = batch_ns(f, p, calls) / calls;
  }
  qsort(per, REPS, sizeof(double), by_value);
  return (timing){per[REPS / 2], per[0]};
}

typedef struct {
  const char *kernel, *impl;
  kernel_fn f;
  int transposed;
} variant;

int main(void) {
  static const int sizes[] = {64, 128, 256, 1024};
  variant v[] = {
      {"gemv", "plain", gemv_plain, 0},
      {"gemvT", "plain", gemvT_plain, 1},
#if VL > 0
      {"gemv", "intrinsics", gemv_simd, 0},
      {"gemvT", "intrinsics", gemvT_simd, 1},
#endif
  };
  int nv = (int)(sizeof v / sizeof v[0]);
  for (int k = 0; k < nv; k++) {
    for (int a = 0; a < NPLACEMENTS; a++) {
      check(v[k].kernel, v[k].f, v[k].transposed, 67, placements[a]);
      check(v[k].kernel, v[k].f, v[k].transposed, 128, placements[a]);
    }
  }

  printf("{\n  \"isa\": \"%s\",\n  \"vectorBits\": %d,\n", ISA, VL * 32);
  printf("  \"compiler\": \"%s%s\",\n  \"flags\": \"%s\",\n", COMPILER_PREFIX, __VERSION__,
         BUILD_FLAGS);
  printf("  \"repetitions\": %d,\n", REPS);
#if VL > 0
  {
    long iters = PEAK_ITERS;
    double flops = 2.0 * VL * PEAK_CHAINS * iters;
    double per[REPS];
    volatile float sink = fma_peak(0.999f, 1e-3f, iters * 1000); /* warm-up, ~100 ms */
    for (int r = 0; r < REPS; r++) {
      long rounds = 2000;
      double t0 = now_ns();
      for (long q = 0; q < rounds; q++) {
        sink += fma_peak(0.999f, 1e-3f, iters);
      }
      per[r] = (now_ns() - t0) / rounds;
    }
    (void)sink;
    qsort(per, REPS, sizeof(double), by_value);
    printf("  \"peak\": {\"chains\": %d, \"flopsPerCall\": %.0f, \"gflops\": %.2f, "
           "\"gflopsBest\": %.2f},\n", PEAK_CHAINS, flops, flops / per[REPS / 2], flops / per[0]);
  }
#else
  printf("  \"peak\": null,\n");
#endif
  printf("  \"kernels\": [");
  const char *sep = "\n";
  /* Both placements of a (kernel, impl, d) back to back, so they see the same machine state. */
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    problem p[NPLACEMENTS];
    for (int a = 0; a < NPLACEMENTS; a++) {
      p[a] = make_problem(sizes[s], placements[a]);
    }
    double flops = 2.0 * sizes[s] * sizes[s];
    for (int k = 0; k < nv; k++) {
      for (int a = 0; a < NPLACEMENTS; a++) {
        timing t = time_kernel(v[k].f, &p[a]);
        printf("%s    {\"kernel\": \"%s\", \"impl\": \"%s\", \"d\": %d, \"placement\": \"%s\", "
               "\"nsPerCall\": %.1f, \"nsPerCallBest\": %.1f, \"gflops\": %.2f, "
               "\"gflopsBest\": %.2f}", sep, v[k].kernel, v[k].impl, sizes[s], placements[a].name,
               t.median, t.best, flops / t.median, flops / t.best);
        sep = ",\n";
      }
    }
    for (int a = 0; a < NPLACEMENTS; a++) {
      free_problem(&p[a]);
    }
  }
  printf("\n  ]\n}");
  return 0;
}
