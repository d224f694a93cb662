package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Layer;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.cell.Tensor;
import org.bpttbench.io.NpyReader;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our cells against oneDNN's RNN primitives (vanilla RNN with tanh, lbr_gru, LSTM; oneDNN 2.6.3)
 * on the fixtures {@code benchmarks/native/run-onednn.sh --gradcheck src/test/resources/onednn}
 * writes (T = 5, B = 2, I = 3, H = 4, fixed weights U(−0.6, 0.6), inputs U(−1, 1), h_0 = c_0 = 0,
 * an upstream dL/dh_t U(−1, 1) at every step, no loss): the forward outputs h_t, dL/dx_t,
 * dL/dh_0 (and dL/dc_0) and all four parameter gradients, which the C++ side maps from oneDNN's
 * ldigo layout and gate order (lbr_gru's u, r, o = PyTorch's z, r, n; its fourth bias is b_hn)
 * back to PyTorch's. So the timings of {@code onednn_bench} and of {@code BpttBench} are of the
 * same computation. Tolerance as in {@link TorchFixtureTest}, 1e-4·(1 + |oneDNN|): both sides are
 * float32 over O(1) values and sums of at most a few dozen terms (observed differences ~1e-7);
 * {@link #gateOrderMatters} shows that a gate-order mistake moves the gradients by more than 1e-2.
 * Needs neither oneDNN nor a compiler: the fixtures are committed.
 */
class OneDnnFixtureTest {

  static Stream<Arguments> cases() {
    return TorchFixtureTest.cases();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesOneDnn(Kernels k, CellKind kind) throws Exception {
    Path dir = dir(kind);
    Result r = run(k, kind, dir, false);
    TorchFixtureTest.assertClose("h_t", r.h, read(dir, "expected_h"));
    TorchFixtureTest.assertClose("dL/dx", r.dx, read(dir, "expected_dx"));
    TorchFixtureTest.assertClose("dL/dh_0", r.dh0, read(dir, "expected_dh0"));
    if (kind == CellKind.LSTM) {
      TorchFixtureTest.assertClose("dL/dc_0", r.dc0, read(dir, "expected_dc0"));
    }
    for (Tensor t : r.grads.tensors()) {
      float[] want = read(dir, "expected_grad_" + t.name());
      TorchFixtureTest.assertClose("grad " + t.name(), t.data(), want);
      assertTrue(maxAbs(want) > 1e-2, () -> t.name() + ": gradient too small to test anything");
    }
  }

  /** Swapping the first two gate blocks of weight_hh (GRU r/z, LSTM i/f) is caught. */
  @Test
  void gateOrderMatters() throws Exception {
    for (CellKind kind : new CellKind[] {CellKind.GRU, CellKind.LSTM}) {
      Path dir = dir(kind);
      Result r = run(KernelProvider.available().get(0), kind, dir, true);
      float[] want = read(dir, "expected_grad_weight_ih");
      float[] got = r.grads.tensors().get(0).data();
      double worst = 0;
      for (int i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs(got[i] - want[i]));
      }
      assertTrue(worst > 1e-2, kind + ": swapped gates differ by only " + worst);
    }
  }

  private record Result(float[] h, float[] dx, float[] dh0, float[] dc0, Layer grads) {}

  /**
   * Forward over the fixture's inputs, then the sweep t = T..1 with the upstream dL/dh_t added to
   * the h part of the carried dL/d(state_t) at every step (as Bptt's sweep does for a per-step
   * loss, without the flush), then the parameter and input gradients.
   */
  private static Result run(Kernels k, CellKind kind, Path dir, boolean swapGates) {
    float[] wIh = read(dir, "weight_ih");
    int[] xShape = NpyReader.read(dir.resolve("inputs.npy")).shape();
    int steps = xShape[0];
    int batch = xShape[1];
    int input = xShape[2];
    int hidden = wIh.length / (kind.gates * input);
    Model m = Model.zeros(kind, Activation.TANH, input, hidden, 1);
    Layer layer = m.layer(0, 0);
    for (Tensor t : layer.tensors()) {
      float[] v = read(dir, t.name());
      assertEquals(t.size(), v.length, t.name());
      System.arraycopy(v, 0, t.data(), 0, v.length);
    }
    if (swapGates) {
      float[] w = layer.weightHh().data();
      int block = hidden * hidden;
      for (int i = 0; i < block; i++) {
        float a = w[i];
        w[i] = w[block + i];
        w[block + i] = a;
      }
    }
    float[] x = read(dir, "inputs");
    float[] up = read(dir, "upstream_dh");
    RecurrentCell cell = Cells.create(layer, k, batch, steps);
    cell.forward(x, 0, batch, steps);
    int s = cell.stateSize();
    float[] h = new float[steps * batch * hidden];
    for (int t = 1; t <= steps; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(cell.states(), (t * batch + b) * s, h, ((t - 1) * batch + b) * hidden,
            hidden);
      }
    }
    float[] carry = new float[batch * s];
    float[] next = new float[batch * s];
    for (int t = steps; t >= 1; t--) {
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < hidden; j++) {
          carry[b * s + j] += up[((t - 1) * batch + b) * hidden + j];
        }
      }
      cell.backwardStep(t, carry, 0, next, 0);
      float[] swap = carry;
      carry = next;
      next = swap;
    }
    Layer grads = Model.zeros(kind, Activation.TANH, input, hidden, 1).layer(0, 0);
    cell.writeParameterGradients(x, 0, steps, grads);
    float[] dx = new float[steps * batch * input];
    cell.inputGradients(steps, dx, 0);
    float[] dh0 = new float[batch * hidden];
    float[] dc0 = new float[batch * hidden];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(carry, b * s, dh0, b * hidden, hidden);
      if (s > hidden) {
        System.arraycopy(carry, b * s + hidden, dc0, b * hidden, hidden);
      }
    }
    return new Result(h, dx, dh0, dc0, grads);
  }

  private static Path dir(CellKind kind) throws URISyntaxException {
    return Path.of(OneDnnFixtureTest.class.getResource("/onednn/" + kind.id()).toURI());
  }

  private static float[] read(Path dir, String name) {
    return NpyReader.read(dir.resolve(name + ".npy")).data();
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }
}
