package org.bpttbench.seq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.bptt.TorchFixtureTest;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/** Loads the fixtures of {@code src/test/python/lru_attention_fixtures.py} into models. */
final class SeqFixtures {
  private SeqFixtures() {}

  /** A fixture case: the model with its read-out, inputs, targets and sizes. */
  record Case(SequenceBptt bptt, float[] inputs, int[] targets, int batch, int steps, String dir) {
    float[] expected(String name) throws IOException {
      return TorchFixtureTest.npy(dir + name + ".npy");
    }
  }

  static float[] npy(String dir, String name) throws IOException {
    return TorchFixtureTest.npy(dir + name + ".npy");
  }

  /** Fills every tensor of {@code ps} from {@code dir}/{name}.npy. */
  static void load(List<Tensor> ps, String dir) throws IOException {
    for (Tensor t : ps) {
      float[] v = npy(dir, t.name());
      if (v.length != t.size()) {
        throw new IOException(dir + t.name() + ": " + v.length + " values for " + t);
      }
      System.arraycopy(v, 0, t.data(), 0, v.length);
    }
  }

  static Case lru(Kernels k) throws IOException {
    String dir = "/torch/lru/";
    int n = npy(dir, "nu_log").length;
    int h = npy(dir, "D").length;
    int in = npy(dir, "embed.weight").length / h;
    return build(dir, Lru.zeros(in, h, n), in, k, h, 0);
  }

  static Case attention(Kernels k, String name, int heads) throws IOException {
    String dir = "/torch/" + name + "/";
    int e = npy(dir, "out_proj.bias").length;
    boolean embed = name.equals("attention");
    int in = embed ? npy(dir, "embed.weight").length / e : e;
    return build(dir, CausalAttention.zeros(in, e), in, k, e, heads);
  }

  private static Case build(String dir, List<Tensor> ps, int in, Kernels k, int width,
                            int heads) throws IOException {
    load(ps, dir);
    float[] targetsF = npy(dir, "targets");
    int batch = targetsF.length;
    float[] x = npy(dir, "inputs");
    int steps = x.length / (batch * in);
    int classes = npy(dir, "out_bias").length;
    Tensor w = Tensor.zeros("out_weight", classes, width);
    Tensor b = Tensor.zeros("out_bias", classes);
    load(List.of(w, b), dir);
    SequenceModel m = heads == 0 ? new Lru(ps, k, batch, steps)
        : new CausalAttention(ps, heads, k, batch, steps);
    int[] targets = new int[batch];
    for (int i = 0; i < batch; i++) {
      targets[i] = Math.round(targetsF[i]);
    }
    return new Case(new SequenceBptt(m, w, b, k), x, targets, batch, steps, dir);
  }

  static List<Tensor> copy(List<Tensor> ts) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : ts) {
      out.add(new Tensor(t.name(), t.shape(), t.data().clone()));
    }
    return out;
  }
}
