package org.bpttbench.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.kernel.ScalarKernels;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.mult.MatrixVectorMult_FDRM;
import org.ejml.dense.row.mult.VectorVectorMult_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix-vector kernels of one RNN step on a square {@code hidden×hidden} float32 matrix, our
 * backends against two Java peers. FLOPs per op: gemv 2h² (+h for the bias), gemvT 2h², ger 2h².
 *
 * <ul>
 *   <li>{@code scalar}, {@code simd}: {@link Kernels} from the library.
 *   <li>{@code netlib}: {@code dev.ludovic.netlib.blas.VectorBLAS} (netlib-java's Vector API
 *       implementation from {@code JavaBLAS.getInstance()}, never the native/JNI one; set-up fails if
 *       netlib fell back to its plain-Java class). Our W is row-major, i.e.
 *       BLAS's column-major Wᵀ, so {@code y = W·x} is {@code sgemv("T")} and {@code y = Wᵀ·x} is
 *       {@code sgemv("N")}; the rank-1 update is {@code sger} on the transposed view.
 *   <li>{@code ejml}: EJML {@code FMatrixRMaj} with {@code MatrixVectorMult_FDRM.multAdd} (y preset
 *       to b), {@code CommonOps_FDRM.multTransA} and {@code VectorVectorMult_FDRM.addOuterProd}.
 * </ul>
 *
 * <p>{@code ger} flips the sign of alpha on every call so A stays bounded (A, A+αuvᵀ, A, …) with no
 * per-op copy. Each trial first checks the backend's gemv and gemvT against the scalar reference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"},
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
        "-XX:ObjectAlignmentInBytes=64"})
public class KernelBench {

  @Param({"scalar", "simd", "netlib", "ejml"})
  public String backend;

  @Param({"64", "100", "128", "256", "512", "1024"})
  public int hidden;

  // Non-final on purpose: JMH must not constant-fold the inputs.
  private float[] w;
  private float[] x;
  private float[] b;
  private float[] y;
  private float[] a;
  private float[] u;
  private float[] v;
  private float alpha;
  private Impl impl;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(BenchSupport.SEED);
    int h = hidden;
    float k = (float) (1.0 / Math.sqrt(h));
    w = BenchSupport.uniform(rnd, h * h, k);
    x = BenchSupport.uniform(rnd, h, 1f);
    b = BenchSupport.uniform(rnd, h, k);
    y = new float[h];
    a = BenchSupport.uniform(rnd, h * h, k);
    u = BenchSupport.uniform(rnd, h, 1f);
    v = BenchSupport.uniform(rnd, h, 1f);
    alpha = 1e-3f;
    switch (backend) {
      case "scalar":
      case "simd":
        impl = new Lib(BenchSupport.kernels(backend));
        break;
      case "netlib":
        impl = new Netlib();
        break;
      case "ejml":
        impl = new Ejml();
        break;
      default:
        throw new IllegalArgumentException("unknown backend '" + backend + "'");
    }
    verify();
  }

  /** Compares gemv and gemvT with the scalar reference; restores all state afterwards. */
  private void verify() {
    int h = hidden;
    float[] scale = new float[h];
    float[] scaleT = new float[h];
    for (int i = 0; i < h; i++) {
      scale[i] = Math.abs(b[i]);
      for (int j = 0; j < h; j++) {
        scale[i] += Math.abs(w[i * h + j] * x[j]);
        scaleT[j] += Math.abs(w[i * h + j] * x[i]);
      }
    }
    float[] ref = new float[h];
    ScalarKernels.INSTANCE.gemv(w, 0, h, h, x, 0, b, 0, ref, 0);
    impl.gemv();
    BenchSupport.checkClose(backend + " gemv", ref, impl.result(), scale, h);
    ScalarKernels.INSTANCE.gemvT(w, 0, h, h, x, 0, ref, 0);
    impl.gemvT();
    BenchSupport.checkClose(backend + " gemvT", ref, impl.result(), scaleT, h);
    System.out.println("# KernelBench backend=" + backend + " -> " + impl.describe());
  }

  /** {@code y = W·x + b}: 2h² + h FLOPs. */
  @Benchmark
  public float[] gemv() {
    return impl.gemv();
  }

  /** {@code y = Wᵀ·x}: 2h² FLOPs. */
  @Benchmark
  public float[] gemvT() {
    return impl.gemvT();
  }

  /** {@code A += alpha·u·vᵀ}, alpha's sign alternating: 2h² FLOPs. */
  @Benchmark
  public float[] ger() {
    float al = alpha;
    alpha = -al;
    return impl.ger(al);
  }

  private abstract static class Impl {
    abstract float[] gemv();

    abstract float[] gemvT();

    abstract float[] ger(float alpha);

    /** The y of the last gemv/gemvT as a plain array. */
    abstract float[] result();

    abstract String describe();
  }

  private final class Lib extends Impl {
    private final Kernels k;

    Lib(Kernels k) {
      this.k = k;
    }

    @Override
    float[] gemv() {
      k.gemv(w, 0, hidden, hidden, x, 0, b, 0, y, 0);
      return y;
    }

    @Override
    float[] gemvT() {
      k.gemvT(w, 0, hidden, hidden, x, 0, y, 0);
      return y;
    }

    @Override
    float[] ger(float al) {
      k.ger(al, u, 0, v, 0, a, 0, hidden, hidden);
      return a;
    }

    @Override
    float[] result() {
      return y;
    }

    @Override
    String describe() {
      return k.getClass().getName() + " (" + k.name() + ")";
    }
  }

  private final class Netlib extends Impl {
    private final BLAS blas = JavaBLAS.getInstance();

    Netlib() {
      // JavaBLAS picks VectorBLAS when jdk.incubator.vector is present, else a plain-Java
      // fallback; "netlib" must mean the Vector API implementation, so refuse anything else.
      if (!blas.getClass().getName().equals("dev.ludovic.netlib.blas.VectorBLAS")) {
        throw new IllegalStateException("netlib: expected dev.ludovic.netlib.blas.VectorBLAS,"
            + " got " + blas.getClass().getName() + " (is --add-modules=jdk.incubator.vector set?)");
      }
    }

    @Override
    float[] gemv() {
      int h = hidden;
      System.arraycopy(b, 0, y, 0, h);
      // row-major W (h×h) is column-major Wᵀ with lda = h: W·x = (Wᵀ)ᵀ·x
      blas.sgemv("T", h, h, 1f, w, h, x, 1, 1f, y, 1);
      return y;
    }

    @Override
    float[] gemvT() {
      int h = hidden;
      blas.sgemv("N", h, h, 1f, w, h, x, 1, 0f, y, 1);
      return y;
    }

    @Override
    float[] ger(float al) {
      int h = hidden;
      // row-major A += al·u·vᵀ  <=>  column-major Aᵀ += al·v·uᵀ
      blas.sger(h, h, al, v, 1, u, 1, a, h);
      return a;
    }

    @Override
    float[] result() {
      return y;
    }

    @Override
    String describe() {
      return blas.getClass().getName();
    }
  }

  private final class Ejml extends Impl {
    private final FMatrixRMaj mw = FMatrixRMaj.wrap(hidden, hidden, w);
    private final FMatrixRMaj mx = FMatrixRMaj.wrap(hidden, 1, x);
    private final FMatrixRMaj my = FMatrixRMaj.wrap(hidden, 1, y);
    private final FMatrixRMaj ma = FMatrixRMaj.wrap(hidden, hidden, a);
    private final FMatrixRMaj mu = FMatrixRMaj.wrap(hidden, 1, u);
    private final FMatrixRMaj mv = FMatrixRMaj.wrap(hidden, 1, v);

    @Override
    float[] gemv() {
      System.arraycopy(b, 0, my.data, 0, hidden);
      MatrixVectorMult_FDRM.multAdd(mw, mx, my);
      return my.data;
    }

    @Override
    float[] gemvT() {
      CommonOps_FDRM.multTransA(mw, mx, my);
      return my.data;
    }

    @Override
    float[] ger(float al) {
      VectorVectorMult_FDRM.addOuterProd(al, mu, mv, ma);
      return ma.data;
    }

    @Override
    float[] result() {
      return my.data;
    }

    @Override
    String describe() {
      return "org.ejml " + FMatrixRMaj.class.getName();
    }
  }
}
