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
 * little-endian float32 (or float64) {@code .npy} per parameter, named as in {@link Model}
 * ({@code weight_ih.npy} …, without PyTorch's {@code _l0} suffix), plus {@code inputs.npy [T×I]}.
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

  /** The six parameters of a model directory (no {@code inputs.npy} needed), validated. */
  public static Model loadParameters(Path dir, CellKind kind, Activation act,
                                     boolean allowNonFinite) {
    if (!Files.isDirectory(dir)) {
      throw new NpyFormatException(dir.toString(), Files.exists(dir)
          ? "is not a directory (expected a model directory of .npy files)"
          : "no such model directory");
    }
    NpyArray whh = read(dir, "weight_hh", allowNonFinite);
    int gates = kind.gates;
    int[] s = whh.shape();
    if (s.length != 2 || s[1] == 0 || s[0] != gates * s[1]) {
      throw new NpyFormatException("weight_hh.npy", "shape " + whh.shapeString()
          + " does not fit a " + kind.id() + " cell (expected (" + gates
          + "·H, H) with H > 0" + (s.length == 2 && s[1] > 0 ? ", i.e. (" + gates * s[1] + ", "
          + s[1] + ")" : "") + ")");
    }
    int hidden = s[1];
    NpyArray wih = read(dir, "weight_ih", allowNonFinite);
    NpyArray wout = read(dir, "out_weight", allowNonFinite);
    int input = wih.shape().length == 2 ? wih.shape()[1] : -1;
    int classes = wout.shape().length == 2 ? wout.shape()[0] : -1;
    Model m = Model.zeros(kind, act, Math.max(input, 0), hidden, Math.max(classes, 0));
    for (Tensor t : m.tensors()) {
      NpyArray a = switch (t.name()) {
        case "weight_hh" -> whh;
        case "weight_ih" -> wih;
        case "out_weight" -> wout;
        default -> read(dir, t.name(), allowNonFinite);
      };
      int[] want = t.shape();
      if (!java.util.Arrays.equals(a.shape(), want) || a.size() == 0) {
        throw new NpyFormatException(t.name() + ".npy", "shape " + a.shapeString()
            + " does not fit a " + kind.id() + " cell with H = " + hidden
            + " (expected " + Tensor.shapeString(want) + ", no zero sizes)");
      }
      System.arraycopy(a.data(), 0, t.data(), 0, t.size());
    }
    return m;
  }

  /** Writes the six parameters into {@code dir} as float32 {@code .npy}, PyTorch's shapes. */
  public static void saveParameters(Path dir, Model m) throws IOException {
    Files.createDirectories(dir);
    for (Tensor t : m.tensors()) {
      NpyWriter.write(dir.resolve(t.name() + ".npy"), t.shape(), t.data());
    }
  }

  /** Writes the six parameters and the inputs ({@code steps×I}) into {@code dir}. */
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
