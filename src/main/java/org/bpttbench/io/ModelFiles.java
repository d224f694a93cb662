package org.bpttbench.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;

/**
 * A model directory as {@code numpy.save} writes it from a PyTorch {@code state_dict}: one
 * little-endian float32 (or float64) {@code .npy} per parameter, named as in {@link Model} — a
 * single layer as {@code weight_ih.npy} … (PyTorch's names without {@code _l0}), or PyTorch's
 * own names for any stack ({@code weight_ih_l0.npy}, {@code weight_hh_l1_reverse.npy} …) — plus
 * {@code out_weight.npy}, {@code out_bias.npy} and {@code inputs.npy [T×I]}.
 */
public final class ModelFiles {
  public static final String INPUTS = "inputs";

  /** A loaded model with its input sequence. */
  public record Loaded(Model model, float[] inputs, int steps) {}

  private ModelFiles() {}

  /**
   * Reads and validates a model directory for {@code kind}.
   *
   * @throws NpyFormatException naming the file, what was found and what was expected
   */
  public static Loaded load(Path dir, CellKind kind, Activation act, boolean allowNonFinite) {
    Model m = loadParameters(dir, kind, act, allowNonFinite);
    NpyArray x = read(dir, INPUTS, allowNonFinite);
    int[] xs = x.shape();
    if (xs.length != 2 || xs[1] != m.inputSize) {
      throw new NpyFormatException("inputs.npy", "shape " + x.shapeString()
          + " is not a sequence for this model (expected (T, " + m.inputSize + "))");
    }
    if (xs[0] == 0) {
      throw new NpyFormatException("inputs.npy", "empty sequence, shape " + x.shapeString()
          + " (expected at least one step)");
    }
    return new Loaded(m, x.data(), xs[0]);
  }

  /**
   * The parameters of a model directory (no {@code inputs.npy} needed), validated: one layer
   * under the short names ({@code weight_ih.npy} …) or a stack under PyTorch's {@code state_dict}
   * names ({@code weight_ih_l0.npy} …, {@code _reverse} for the backward direction), whose layer
   * count and direction are read from the files present; plus {@code out_weight.npy},
   * {@code out_bias.npy}.
   */
  public static Model loadParameters(Path dir, CellKind kind, Activation act,
                                     boolean allowNonFinite) {
    if (!Files.isDirectory(dir)) {
      throw new NpyFormatException(dir.toString(), Files.exists(dir)
          ? "is not a directory (expected a model directory of .npy files)"
          : "no such model directory");
    }
    if (exists(dir, "weight_hr_l0")) {
      throw new NpyFormatException("weight_hr_l0.npy", "an LSTM projection (proj_size > 0) is"
          + " not supported (expected no weight_hr_l* files)");
    }
    boolean stacked = exists(dir, "weight_hh_l0");
    if (stacked && exists(dir, "weight_hh")) {
      throw new NpyFormatException("weight_hh.npy", "present beside weight_hh_l0.npy (expected"
          + " either one layer's short names or PyTorch's state_dict names, not both)");
    }
    int layers = 1;
    boolean bidirectional = false;
    if (stacked) {
      while (exists(dir, "weight_hh_l" + layers)) {
        layers++;
      }
      bidirectional = exists(dir, "weight_hh_l0_reverse");
      for (int k = 0; k < layers; k++) {
        String other = "weight_hh_l" + k + "_reverse";
        if (exists(dir, other) != bidirectional) {
          throw new NpyFormatException(other + ".npy", (bidirectional ? "missing" : "present")
              + " (expected the _reverse files for every layer of a bidirectional model, or"
              + " none)");
        }
      }
    }
    String suffix0 = Model.suffix(0, 0, layers, bidirectional);
    NpyArray whh = read(dir, "weight_hh" + suffix0, allowNonFinite);
    int gates = kind.gates;
    int[] s = whh.shape();
    if (s.length != 2 || s[1] == 0 || s[0] != gates * s[1]) {
      throw new NpyFormatException("weight_hh" + suffix0 + ".npy", "shape " + whh.shapeString() + " does not fit a " + kind.id()
          + " cell (expected (" + gates + "·H, H) with H > 0" + (s.length == 2 && s[1] > 0
          ? ", i.e. (" + gates * s[1] + ", " + s[1] + ")" : "") + ")");
    }
    int hidden = s[1];
    NpyArray wih = read(dir, "weight_ih" + suffix0, allowNonFinite);
    NpyArray wout = read(dir, "out_weight", allowNonFinite);
    int input = wih.shape().length == 2 ? wih.shape()[1] : -1;
    int classes = wout.shape().length == 2 ? wout.shape()[0] : -1;
    Model m = Model.zeros(kind, act, Math.max(input, 0), hidden, Math.max(classes, 0), layers,
        bidirectional);
    String what = kind.id() + (layers > 1 ? " stack of " + layers + " layers" : " cell")
        + (bidirectional ? ", bidirectional," : "") + " with H = " + hidden;
    for (Tensor t : m.tensors()) {
      NpyArray a = t.name().equals("weight_hh" + suffix0) ? whh
          : t.name().equals("weight_ih" + suffix0) ? wih
          : t.name().equals("out_weight") ? wout : read(dir, t.name(), allowNonFinite);
      int[] want = t.shape();
      if (!java.util.Arrays.equals(a.shape(), want) || a.size() == 0) {
        throw new NpyFormatException(t.name() + ".npy", "shape " + a.shapeString()
            + " does not fit a " + what + " (expected " + Tensor.shapeString(want)
            + ", no zero sizes)");
      }
      System.arraycopy(a.data(), 0, t.data(), 0, t.size());
    }
    return m;
  }

  private static boolean exists(Path dir, String name) {
    return Files.exists(dir.resolve(name + ".npy"));
  }

  /** Writes every parameter into {@code dir} as float32 {@code .npy}, PyTorch's shapes. */
  public static void saveParameters(Path dir, Model m) throws IOException {
    Files.createDirectories(dir);
    for (Tensor t : m.tensors()) {
      NpyWriter.write(dir.resolve(t.name() + ".npy"), t.shape(), t.data());
    }
  }

  /** Writes every parameter and the inputs ({@code steps×I}) into {@code dir}. */
  public static void save(Path dir, Model m, float[] inputs, int steps) throws IOException {
    saveParameters(dir, m);
    NpyWriter.write(dir.resolve(INPUTS + ".npy"), new int[] {steps, m.inputSize},
        java.util.Arrays.copyOf(inputs, steps * m.inputSize));
  }

  static NpyArray read(Path dir, String name, boolean allowNonFinite) {
    NpyArray a = NpyReader.read(dir.resolve(name + ".npy"));
    if (!allowNonFinite) {
      Optional<String> bad = NonFinite.check(name + ".npy", a);
      if (bad.isPresent()) {
        throw new IllegalArgumentException(bad.get());
      }
    }
    return a;
  }
}
