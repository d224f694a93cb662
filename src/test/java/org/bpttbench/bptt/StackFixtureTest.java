package org.bpttbench.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.io.NpyReader;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stacked and bidirectional models against PyTorch's float64 autograd on the fixtures written by
 * {@code src/test/python/stack_fixtures.py} (2 and 3 layers, uni- and bidirectional, every cell;
 * I = 3, H = 4, V = 3, T = 5, final-step loss): the model directory read under PyTorch's
 * {@code state_dict} names, the loss, every parameter's gradient and every layer's and
 * direction's ‖dL/dh_t‖ at every position. Tolerance as in {@link TorchFixtureTest},
 * 1e-4·(1 + |torch|): float32 against float64 over a few dozen O(1) terms differs by ~1e-6; a
 * wrong layer, direction or time order changes values by O(1e-1).
 */
class StackFixtureTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (CellKind kind : CellKind.values()) {
        for (int layers : new int[] {2, 3}) {
          for (String dir : new String[] {"uni", "bi"}) {
            b.add(Arguments.of(k, kind, kind.id() + "-l" + layers + "-" + dir));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("cases")
  void matchesPyTorch(Kernels k, CellKind kind, String name) throws Exception {
    Path dir = Path.of(StackFixtureTest.class.getResource("/torch/stack/" + name).toURI());
    ModelFiles.Loaded in = ModelFiles.load(dir, kind, Activation.TANH, false);
    Model m = in.model();
    assertEquals(name.contains("-l3-") ? 3 : 2, m.numLayers, "layers read from the files");
    assertEquals(name.endsWith("-bi"), m.bidirectional, "direction read from the files");
    int target = (int) NpyReader.readIntegers(dir.resolve("target.npy")).data()[0];
    int steps = in.steps();

    Bptt bptt = new Bptt(m, k, steps);
    double loss = bptt.run(in.inputs(), 0, steps, new int[] {target}, LossMode.FINAL);

    TorchFixtureTest.assertClose("loss", new float[] {(float) loss}, expected(dir, "expected_loss"));
    for (Tensor t : bptt.grads().tensors()) {
      TorchFixtureTest.assertClose("grad " + t.name(), t.data(), expected(dir, "expected_grad_" + t.name()));
    }
    float[] norms = expected(dir, "expected_layer_norms");
    int dirs = m.directions();
    float[] ours = new float[norms.length];
    for (int l = 0; l < m.numLayers; l++) {
      for (int d = 0; d < dirs; d++) {
        for (int t = 1; t <= steps; t++) {
          ours[(l * dirs + d) * steps + t - 1] = (float) bptt.layerHiddenGradNorm(l, d, t, 0);
        }
      }
    }
    TorchFixtureTest.assertClose("||dL/dh|| per layer, direction, position", ours, norms);
  }

  private static float[] expected(Path dir, String name) {
    return NpyReader.read(dir.resolve(name + ".npy")).data();
  }
}
