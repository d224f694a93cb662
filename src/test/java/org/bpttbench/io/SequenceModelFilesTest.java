package org.bpttbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bpttbench.cell.Tensor;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequence-model directories: PyTorch's own export (the fixture directories that
 * {@code lru_attention_fixtures.py} wrote with {@code np.save} per state_dict entry) loads with
 * the sizes read from the files, a save/load round trip is exact, and a file of the wrong shape
 * is refused naming it.
 */
class SequenceModelFilesTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(SequenceModelFilesTest.class.getResource(name).toURI());
  }

  @Test
  void readsPyTorchsExport() throws Exception {
    SequenceModelFiles.Loaded lru =
        SequenceModelFiles.loadParameters(resource("/torch/lru"), SequenceKind.LRU, false);
    assertEquals(List.of("embed.weight", "embed.bias", "nu_log", "theta_log", "gamma_log", "B_re",
        "B_im", "C_re", "C_im", "D"), lru.parameters().stream().map(Tensor::name).toList());
    assertArrayEquals(new int[] {5, 4}, lru.parameters().get(5).shape());
    assertArrayEquals(new int[] {3, 4}, lru.outWeight().shape());
    SequenceModelFiles.Loaded att = SequenceModelFiles.loadParameters(
        resource("/torch/attention_h1"), SequenceKind.ATTENTION, false);
    assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
        att.parameters().stream().map(Tensor::name).toList());
    assertEquals(4, att.outBias().size());
  }

  @Test
  void roundTrip(@TempDir Path dir) throws Exception {
    for (SequenceSpec spec : new SequenceSpec[] {SequenceSpec.lru(3, 6, 2),
        SequenceSpec.attention(6, 6, 2)}) {
      Random rnd = new Random(3);
      List<Tensor> ps = spec.init(rnd);
      Tensor w = Tensor.zeros("out_weight", 2, 6);
      Tensor b = Tensor.zeros("out_bias", 2);
      w.data()[3] = 0.5f;
      float[] x = new float[4 * spec.input()];
      x[2] = 1.5f;
      Path d = dir.resolve(spec.kind().id());
      SequenceModelFiles.save(d, ps, w, b, x, 4);
      SequenceModelFiles.Loaded back = SequenceModelFiles.load(d, spec.kind(), false);
      for (int i = 0; i < ps.size(); i++) {
        assertEquals(ps.get(i).name(), back.parameters().get(i).name());
        assertArrayEquals(ps.get(i).data(), back.parameters().get(i).data());
      }
      assertArrayEquals(w.data(), back.outWeight().data());
      assertArrayEquals(x, back.inputs());
      assertEquals(4, back.steps());
    }
  }

  @Test
  void refusesAMisshapenFile(@TempDir Path dir) throws Exception {
    SequenceSpec spec = SequenceSpec.lru(3, 6, 2);
    List<Tensor> ps = spec.init(new Random(1));
    SequenceModelFiles.save(dir, ps, Tensor.zeros("out_weight", 2, 6), Tensor.zeros("out_bias", 2),
        null, 0);
    NpyWriter.write(dir.resolve("C_im.npy"), new int[] {6, 5}, new float[30]);
    NpyFormatException e = assertThrows(NpyFormatException.class,
        () -> SequenceModelFiles.loadParameters(dir, SequenceKind.LRU, false));
    assertTrue(e.getMessage().contains("C_im.npy") && e.getMessage().contains("(6, 6)"),
        e.getMessage());
    Files.delete(dir.resolve("D.npy"));
    assertThrows(RuntimeException.class,
        () -> SequenceModelFiles.loadParameters(dir, SequenceKind.LRU, false));
  }
}
