package org.bpttbench.seq;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Random test problems for the sequence models: {@code lru} (I=3 embedded to H=5, N=7),
 * {@code lru-noembed} (I=H=5), {@code attention} (I=3 embedded to E=6, 2 heads),
 * {@code attention-h1} (I=E=6, one head); sizes no multiple of a vector length.
 */
final class SeqCases {
  static final List<String> MODELS = List.of("lru", "lru-noembed", "attention", "attention-h1");
  static final int CLASSES = 4;

  private SeqCases() {}

  static Stream<Arguments> withBackends() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String m : MODELS) {
        b.add(Arguments.of(k, m));
      }
    }
    return b.build();
  }

  static int inputSize(String model) {
    return model.endsWith("noembed") || model.endsWith("h1") ? (model.startsWith("lru") ? 5 : 6)
        : 3;
  }

  /** The model's parameters, seeded; biases non-zero so that their gradients are exercised. */
  static List<Tensor> parameters(String model, long seed) {
    Random rnd = new Random(seed);
    int in = inputSize(model);
    if (model.startsWith("lru")) {
      return Lru.ring(in, 5, 7, 0.4, 0.95, Math.PI, rnd);
    }
    List<Tensor> ps = CausalAttention.pytorchDefault(in, 6, rnd);
    for (Tensor t : ps) {
      if (t.name().equals("in_proj_bias") || t.name().equals("out_proj.bias")) {
        Params.uniform(t, 0.3, rnd);
      }
    }
    return ps;
  }

  static SequenceModel model(String model, List<Tensor> ps, Kernels k, int batch, int steps) {
    return model.startsWith("lru") ? new Lru(ps, k, batch, steps)
        : new CausalAttention(ps, model.endsWith("h1") ? 1 : 2, k, batch, steps);
  }

  /** The model with a seeded read-out of {@link #CLASSES} classes. */
  static SequenceBptt bptt(String model, Kernels k, int batch, int steps, long seed) {
    List<Tensor> ps = parameters(model, seed);
    SequenceModel m = model(model, ps, k, batch, steps);
    Tensor[] out = SequenceBptt.linearReadout(m.outputSize(), CLASSES, new Random(seed + 7));
    return new SequenceBptt(m, out[0], out[1], k);
  }

  static float[] inputs(String model, int batch, int steps, long seed) {
    return TestModels.inputs(steps * batch, inputSize(model), seed);
  }
}
