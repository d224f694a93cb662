package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our loss, dL/dh_t (and dL/dc_t) and parameter gradients against PyTorch's on the fixtures written
 * by {@code src/test/python/crosscheck_torch.py} (I=3, H=5, V=4, T=6, FINAL loss, target 2): proves
 * that the parameter layout and gate order are PyTorch's. Tolerance |ours − torch| ≤ 1e-4·(1 + |torch|):
 * both sides are float32 with O(1) values and sums of ≤ 20 terms over 6 steps, so the rounding
 * differences are ~1e-6; any layout or gate-order mistake changes values by O(1e-1).
 */
public class TorchFixtureTest {
  private static final int TARGET = 2;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        b.add(Arguments.of(k, kind));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesPyTorch(Kernels k, CellKind kind) throws IOException {
    String dir = "/torch/" + kind.id() + "/";
    float[] wIh = npy(dir + "weight_ih.npy");
    int hidden = npy(dir + "bias_hh.npy").length / kind.gates;
    int classes = npy(dir + "out_bias.npy").length;
    int input = wIh.length / (kind.gates * hidden);
    Model m = Model.zeros(kind, Activation.TANH, input, hidden, classes);
    for (Tensor t : m.tensors()) {
      float[] v = npy(dir + t.name() + ".npy");
      assertEquals(t.size(), v.length, t.name());
      System.arraycopy(v, 0, t.data(), 0, v.length);
    }
    float[] x = npy(dir + "inputs.npy");
    int steps = x.length / input;

    Bptt bptt = new Bptt(m, k, steps);
    double loss = bptt.run(x, 0, steps, new int[] {TARGET}, LossMode.FINAL);

    assertClose("loss", new float[] {(float) loss}, npy(dir + "expected_loss.npy"));
    int s = bptt.stateSize();
    assertClose("dL/dh", column(bptt.stateGrad(), steps, s, 0, hidden), npy(dir + "expected_dh.npy"));
    if (kind == CellKind.LSTM) {
      assertClose("dL/dc", column(bptt.stateGrad(), steps, s, hidden, hidden),
          npy(dir + "expected_dc.npy"));
    }
    for (Tensor t : bptt.grads().tensors()) {
      assertClose("grad " + t.name(), t.data(), npy(dir + "expected_grad_" + t.name() + ".npy"));
    }
  }

  private static float[] column(float[] rows, int n, int stride, int off, int width) {
    float[] out = new float[n * width];
    for (int r = 0; r < n; r++) {
      System.arraycopy(rows, r * stride + off, out, r * width, width);
    }
    return out;
  }

  public static void assertClose(String what, float[] ours, float[] torch) {
    assertEquals(torch.length, ours.length, what + ": length");
    for (int i = 0; i < ours.length; i++) {
      int ii = i;
      assertTrue(Math.abs(ours[i] - torch[i]) <= 1e-4 * (1 + Math.abs(torch[i])),
          () -> what + "[" + ii + "]: ours " + ours[ii] + " vs torch " + torch[ii]);
    }
  }

  /** A '<f4' C-order .npy v1.0 resource, flattened (all these fixtures are). */
  public static float[] npy(String resource) throws IOException {
    try (InputStream in = TorchFixtureTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      ByteBuffer buf = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals((byte) 0x93, buf.get(0), resource + ": not .npy");
      assertEquals(1, buf.get(6), resource + ": only .npy version 1.0 is read here");
      int headerLen = Short.toUnsignedInt(buf.getShort(8));
      String header = new String(buf.array(), 10, headerLen, StandardCharsets.ISO_8859_1);
      assertTrue(header.contains("'descr': '<f4'") && header.contains("'fortran_order': False"),
          () -> resource + ": expected little-endian float32 in C order, got " + header);
      buf.position(10 + headerLen);
      float[] v = new float[buf.remaining() / Float.BYTES];
      buf.asFloatBuffer().get(v);
      return v;
    }
  }
}
