package org.bpttbench.seq;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.bptt.TorchFixtureTest;
import org.bpttbench.cell.Tensor;
import org.bpttbench.io.SequenceModelFiles;
import org.bpttbench.kernel.Kernels;

/**
 * Loads the fixtures of {@code src/test/python/lru_attention_fixtures.py} through
 * {@link SequenceModelFiles}, as a user's PyTorch export would be read.
 */
final class SeqFixtures {
  private SeqFixtures() {}

  /** A fixture case: the model with its read-out, inputs, targets and sizes. */
  record Case(SequenceBptt bptt, float[] inputs, int[] targets, int batch, int steps, String dir) {
    float[] expected(String name) throws IOException {
      return TorchFixtureTest.npy(dir + name + ".npy");
    }
  }

  /** Case {@code name} (a directory under /torch/), attention with {@code heads} heads. */
  static Case load(Kernels k, String name, SequenceKind kind, int heads) throws IOException {
    String dir = "/torch/" + name + "/";
    Path path;
    try {
      path = Path.of(SeqFixtures.class.getResource(dir).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("missing test resource " + dir, e);
    }
    SequenceModelFiles.Loaded l = SequenceModelFiles.loadParameters(path, kind, false);
    float[] targetsF = TorchFixtureTest.npy(dir + "targets.npy");
    int batch = targetsF.length;
    float[] x = TorchFixtureTest.npy(dir + "inputs.npy");
    SequenceModel probe = kind == SequenceKind.LRU ? new Lru(l.parameters(), k, 1, 1)
        : new CausalAttention(l.parameters(), heads, k, 1, 1);
    int steps = x.length / (batch * probe.inputSize());
    SequenceModel m = kind == SequenceKind.LRU ? new Lru(l.parameters(), k, batch, steps)
        : new CausalAttention(l.parameters(), heads, k, batch, steps);
    int[] targets = new int[batch];
    for (int i = 0; i < batch; i++) {
      targets[i] = Math.round(targetsF[i]);
    }
    return new Case(new SequenceBptt(m, l.outWeight(), l.outBias(), k), x, targets, batch, steps,
        dir);
  }

  static List<Tensor> copy(List<Tensor> ts) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : ts) {
      out.add(new Tensor(t.name(), t.shape(), t.data().clone()));
    }
    return out;
  }
}
