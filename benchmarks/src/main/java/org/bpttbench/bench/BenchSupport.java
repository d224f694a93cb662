package org.bpttbench.bench;

import java.util.SplittableRandom;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;

/** Shared set-up helpers: deterministic data, backend lookup, PyTorch-style model init. */
final class BenchSupport {
  private BenchSupport() {}

  /** Fixed seed: every fork sees the same data, so runs are comparable. */
  static final long SEED = 0x5eed_b977L;

  /** Uniform floats in [-scale, scale). */
  static float[] uniform(SplittableRandom rnd, int n, float scale) {
    float[] a = new float[n];
    fillUniform(rnd, a, scale);
    return a;
  }

  static void fillUniform(SplittableRandom rnd, float[] a, float scale) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
    }
  }

  /**
   * The library backend {@code scalar} or {@code simd}. {@code simd} throws
   * {@link org.bpttbench.kernel.BackendUnavailableException} when it cannot run: JMH then fails
   * that parameter combination only and carries on with the others.
   */
  static Kernels kernels(String backend) {
    return KernelProvider.forName(backend);
  }

  /**
   * A single-layer tanh model with every parameter drawn from PyTorch's default
   * {@code U(-1/√H, 1/√H)} (the read-out too, as nn.Linear with fan-in H), fixed seed.
   */
  static Model pytorchInit(CellKind kind, int input, int hidden, int classes) {
    return pytorchInit(kind, input, hidden, classes, 1, false);
  }

  /**
   * As {@link #pytorchInit(CellKind, int, int, int)} for a stack: every layer's and direction's
   * tensors from {@code U(-1/√H, 1/√H)} as nn.RNN/GRU/LSTM fill them, the read-out from
   * {@code U(-1/√F, 1/√F)} with its fan-in F = D·H (= H for one direction), in
   * {@link Model#tensors()} order from one fixed-seed stream.
   */
  static Model pytorchInit(CellKind kind, int input, int hidden, int classes, int numLayers,
      boolean bidirectional) {
    Model m = Model.zeros(kind, Activation.TANH, input, hidden, classes, numLayers,
        bidirectional);
    SplittableRandom rnd = new SplittableRandom(SEED);
    float k = (float) (1.0 / Math.sqrt(hidden));
    for (Tensor t : m.tensors()) {
      boolean readout = t == m.outWeight || t == m.outBias;
      fillUniform(rnd, t.data(), readout ? (float) (1.0 / Math.sqrt(m.outputSize())) : k);
    }
    return m;
  }

  /**
   * Largest |expected − actual| relative to {@code 1e-4·(Σ|w||x| + |b|)} per entry; throws when a
   * backend disagrees with the scalar reference (the check the JDK's VectorDotBenchmark does).
   */
  static void checkClose(String what, float[] expected, float[] actual, float[] scale, int n) {
    for (int i = 0; i < n; i++) {
      float tol = 1e-4f * scale[i] + 1e-6f;
      if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
        throw new IllegalStateException(what + ": entry " + i + " is " + actual[i]
            + " but the scalar reference gives " + expected[i] + " (tolerance " + tol + ")");
      }
    }
  }
}
