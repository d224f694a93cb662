package org.bpttbench.analysis;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;

/** Initialisation schemes and the generated models of {@code gradnorm} and the experiments. */
public final class Init {
  private Init() {}

  /**
   * Fills the n×n block of {@code w} at {@code off} by {@code scheme} with scale ρ.
   *
   * @throws IllegalArgumentException when ρ is not finite, or ρ &gt; 0 scales the block so that its
   *     largest entry overflows float32 or falls below float32's normal range (it would round to 0
   *     or keep only a few bits)
   */
  public static void recurrent(InitScheme scheme, double rho, float[] w, int off, int n,
                               Random rnd) {
    switch (scheme) {
      case GAUSS:
        gaussWithRadius(rho, w, off, n, rnd);
        break;
      case ORTHOGONAL:
        store(orthogonal(n, rnd), rho, rho, w, off);
        break;
      case IDENTITY:
        store(MatrixUtils.createRealIdentityMatrix(n), rho, rho, w, off);
        break;
      case PYTORCH:
        uniform(w, off, n * n, (float) (1 / Math.sqrt(n)), rnd);
        break;
      default:
        throw new AssertionError(scheme);
    }
  }

  /** Uniform(−bound, bound), PyTorch's default for every RNN parameter with bound 1/√H. */
  public static void uniform(float[] w, int off, int len, float bound, Random rnd) {
    for (int i = 0; i < len; i++) {
      w[off + i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    }
  }

  /**
   * A model whose W_hh gate blocks follow {@code scheme} with scale ρ; every other parameter
   * has PyTorch's default uniform(−1/√H, 1/√H).
   */
  public static Model model(CellKind kind, Activation act, int input, int hidden, int classes,
                            InitScheme scheme, double rho, long seed) {
    Random rnd = new Random(seed);
    Model m = Model.zeros(kind, act, input, hidden, classes);
    float bound = (float) (1 / Math.sqrt(hidden));
    for (Tensor t : m.tensors()) {
      if (t != m.weightHh) {
        uniform(t.data(), 0, t.size(), bound, rnd);
      }
    }
    for (int g = 0; g < kind.gates; g++) {
      recurrent(scheme, rho, m.weightHh.data(), g * hidden * hidden, hidden, rnd);
    }
    return m;
  }

  /**
   * The LSTM forget-gate bias b_f = {@code value} (Jozefowicz, Zaremba and Sutskever 2015 use 1):
   * the forget block (rows H..2H of the i|f|g|o stack) of {@code bias_ih} is set to value and that
   * of {@code bias_hh} to 0, so the effective b_f = b_if + b_hf is exactly value, the way PyTorch
   * users usually write it ({@code bias_ih_l0.data[H:2H] = 1; bias_hh_l0.data[H:2H] = 0}). The
   * other gate blocks are left as they are.
   */
  public static void lstmForgetGateBias(Model m, float value) {
    if (m.kind != CellKind.LSTM) {
      throw new IllegalArgumentException("the forget-gate bias needs an lstm model, got "
          + m.kind.id());
    }
    int h = m.hiddenSize;
    java.util.Arrays.fill(m.biasIh.data(), h, 2 * h, value);
    java.util.Arrays.fill(m.biasHh.data(), h, 2 * h, 0f);
  }

  /**
   * The IRNN of Le, Jaitly and Hinton (2015): a relu RNN with weight_hh = I and both biases 0;
   * weight_ih and the read-out get PyTorch's default uniform(−1/√H, 1/√H).
   */
  public static Model irnn(int input, int hidden, int classes, long seed) {
    Model m = model(CellKind.RNN, Activation.RELU, input, hidden, classes, InitScheme.IDENTITY, 1,
        seed);
    java.util.Arrays.fill(m.biasIh.data(), 0f);
    java.util.Arrays.fill(m.biasHh.data(), 0f);
    return m;
  }

  /** Standard normal inputs, {@code steps×input}. */
  public static float[] gaussianInputs(int steps, int input, long seed) {
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    float[] x = new float[steps * input];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }

  /** Spectral radius by Arnoldi's method ({@link KrylovRadius}): seconds, not minutes, at n = 2000. */
  private static void gaussWithRadius(double rho, float[] w, int off, int n, Random rnd) {
    double[][] a = new double[n][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = rnd.nextGaussian() / Math.sqrt(n);
      }
    }
    store(new Array2DRowRealMatrix(a, false), rho, rho / KrylovRadius.of(a), w, off);
  }

  /** Q of a Gaussian matrix's QR with the signs of R's diagonal folded in: Haar-distributed. */
  static RealMatrix orthogonal(int n, Random rnd) {
    double[][] a = new double[n][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a, false));
    RealMatrix q = qr.getQ().copy();
    RealMatrix r = qr.getR();
    for (int j = 0; j < n; j++) {
      if (r.getEntry(j, j) < 0) {
        for (int i = 0; i < n; i++) {
          q.setEntry(i, j, -q.getEntry(i, j));
        }
      }
    }
    return q;
  }

  /** Stores scale·m as float (scale derived from ρ), refusing a ρ whose result float32 cannot hold. */
  private static void store(RealMatrix m, double rho, double scale, float[] w, int off) {
    int n = m.getRowDimension();
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        max = Math.max(max, Math.abs(scale * m.getEntry(i, j)));
      }
    }
    if (!Double.isFinite(scale) || max > Float.MAX_VALUE || (scale != 0 && max < Float.MIN_NORMAL)) {
      throw new IllegalArgumentException("rho " + rho + " makes W_hh's largest entry "
          + max + ", outside float32's normal range " + Float.MIN_NORMAL + " .. " + Float.MAX_VALUE);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        w[off + i * n + j] = (float) (scale * m.getEntry(i, j));
      }
    }
  }
}
