package org.bpttbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.io.NpyReader;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training here against PyTorch's own loop on the runs written by
 * {@code src/test/python/train_fixtures.py}: same initial parameters, same batches, 20 updates of
 * Adam, AdamW or SGD with momentum, with {@code clip_grad_norm_}, full and truncated BPTT, one
 * layer and stacks (2 layers bidirectional, 3 layers).
 *
 * <p>Tolerances: every parameter within {@value #PARAM_TOL} of its tensor's total change (the
 * largest |final − initial| entry of that tensor in PyTorch), every step's loss within
 * {@value #LOSS_TOL} relative, every total gradient norm within {@value #NORM_TOL} relative. Both
 * sides compute in float32 but sum in different orders (GEMM blocking, FMA), so each update
 * differs by a few ulps; over 20 (or 60) updates those differences are carried and amplified a
 * little by training, and Adam divides by √v, which magnifies the relative error of small
 * gradients. Measured worst cases on these fixtures, both backends: loss 3.5e-7 relative, norm
 * 6e-7 relative, parameters 2.1e-6 of the total change (sgd-lstm); the bounds leave a margin of
 * about 10-30× for other vector widths and summation orders. A wrong gate, bias, scale, momentum
 * or bias-correction term moves results by 1e-3 or more.
 */
class TorchTrainingTest {
  private static final double PARAM_TOL = 2e-5;
  private static final double LOSS_TOL = 1e-5;
  private static final double NORM_TOL = 1e-5;
  private static final String[] RUNS = {"adam-rnn", "adam-rnn-relu", "adam-gru", "adam-lstm",
      "sgd-rnn", "sgd-gru", "sgd-lstm", "sgd-nesterov-rnn", "sgd-dampening-gru", "adam-l2-gru",
      "adamw-lstm", "tbptt-gru-all", "tbptt-lstm-final", "adam-lstm-l2-bi", "adam-gru-l3",
      "adam-rnn-l2-bi"};

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String run : RUNS) {
        b.add(Arguments.of(k, run));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void trainsLikePyTorch(Kernels k, String run) throws IOException, URISyntaxException {
    Path dir = resource(run);
    JsonObject c = JsonParser.parseString(Files.readString(dir.resolve("config.json")))
        .getAsJsonObject();
    CellKind kind = CellKind.fromId(c.get("cell").getAsString());
    Activation act = c.has("activation")
        ? Activation.fromId(c.get("activation").getAsString()) : Activation.TANH;
    LossMode mode = c.get("loss").getAsString().equals("final") ? LossMode.FINAL
        : LossMode.ALL_STEPS;
    int layers = c.has("num_layers") ? c.get("num_layers").getAsInt() : 1;
    boolean bi = c.has("bidirectional") && c.get("bidirectional").getAsBoolean();
    Model init = load(dir, "", kind, act, layers, bi);
    TrainingData data = data(mode, init.inputSize);
    TrainConfig config = new TrainConfig(init, k, data, c.get("batch").getAsInt(),
        c.get("updates").getAsInt(), optimizer(c), c.get("clip_norm").getAsDouble(),
        Double.POSITIVE_INFINITY, c.get("tbptt").getAsInt(), OptionalLong.empty());

    TrainResult r = Trainer.train(config);

    float[] loss = read(dir.resolve("loss.npy"));
    float[] norm = read(dir.resolve("grad_norm.npy"));
    assertEquals(loss.length, r.optimizerSteps(), "optimizer steps");
    for (int i = 0; i < loss.length; i++) {
      int step = i + 1;
      double l = r.loss()[i];
      double n = r.gradNorm()[i];
      assertTrue(Math.abs(l - loss[i]) <= LOSS_TOL * loss[i],
          () -> run + " step " + step + ": loss " + l + " vs torch " + loss[step - 1]);
      assertTrue(Math.abs(n - norm[i]) <= NORM_TOL * norm[i],
          () -> run + " step " + step + ": grad norm " + n + " vs torch " + norm[step - 1]);
    }
    Model want = load(dir, "final_", kind, act, layers, bi);
    for (Tensor t : r.trained().tensors()) {
      float[] start = init.tensor(t.name()).data();
      float[] end = want.tensor(t.name()).data();
      double change = 0;
      double diff = 0;
      for (int i = 0; i < end.length; i++) {
        change = Math.max(change, Math.abs(end[i] - start[i]));
        diff = Math.max(diff, Math.abs(t.data()[i] - end[i]));
      }
      double ch = change;
      double d = diff;
      // a tensor PyTorch leaves unchanged must stay unchanged here too: the last layer's
      // reverse weight_hh of a bidirectional model gets no gradient from the final-step loss
      // (that direction's output at T is its first step, from h_0 = 0)
      assertTrue(change > 0 ? diff <= PARAM_TOL * change : diff == 0, () -> run + " "
          + t.name() + ": max |ours − torch| " + d + " vs total change " + ch);
    }
  }

  static OptimizerSpec optimizer(JsonObject c) {
    double lr = c.get("lr").getAsDouble();
    double wd = c.get("weight_decay").getAsDouble();
    switch (c.get("optimizer").getAsString()) {
      case "sgd":
        return OptimizerSpec.sgd(lr, c.get("momentum").getAsDouble(),
            c.get("dampening").getAsDouble(), c.get("nesterov").getAsBoolean(), wd);
      case "adam":
        return OptimizerSpec.adam(lr, beta(c, 0), beta(c, 1), c.get("eps").getAsDouble(), wd);
      default:
        return OptimizerSpec.adamw(lr, beta(c, 0), beta(c, 1), c.get("eps").getAsDouble(), wd);
    }
  }

  private static double beta(JsonObject c, int i) {
    return c.getAsJsonArray("betas").get(i).getAsDouble();
  }

  static TrainingData data(LossMode mode, int input) throws IOException, URISyntaxException {
    Path dir = resource("data");
    float[] x = read(dir.resolve("inputs.npy"));
    float[] y = read(dir.resolve(mode == LossMode.FINAL ? "targets_final.npy"
        : "targets_all.npy"));
    int n = read(dir.resolve("targets_final.npy")).length;
    int steps = x.length / (n * input);
    int[] classes = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      classes[i] = (int) y[i];
    }
    return new TrainingData(x, n, steps, input, classes, mode);
  }

  private static Model load(Path dir, String prefix, CellKind kind, Activation act, int layers,
                            boolean bi) {
    String suffix = Model.suffix(0, 0, layers, bi);
    float[] wIh = read(dir.resolve(prefix + "weight_ih" + suffix + ".npy"));
    int hidden = read(dir.resolve(prefix + "bias_hh" + suffix + ".npy")).length / kind.gates;
    int classes = read(dir.resolve(prefix + "out_bias.npy")).length;
    Model m = Model.zeros(kind, act, wIh.length / (kind.gates * hidden), hidden, classes, layers,
        bi);
    for (Tensor t : m.tensors()) {
      float[] v = read(dir.resolve(prefix + t.name() + ".npy"));
      System.arraycopy(v, 0, t.data(), 0, t.size());
    }
    return m;
  }

  private static float[] read(Path p) {
    return NpyReader.read(p).data();
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(TorchTrainingTest.class.getResource("/torch/train/" + name).toURI());
  }
}
