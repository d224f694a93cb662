package org.bpttbench.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bpttbench.cell.Tensor;
import org.bpttbench.seq.CausalAttention;
import org.bpttbench.seq.Lru;
import org.bpttbench.seq.SequenceKind;

/**
 * A model directory of a sequence model ({@link SequenceKind}) as {@code numpy.save} writes it
 * from a PyTorch {@code state_dict}, one float32 (or float64) {@code .npy} per parameter under its
 * state_dict name, as {@link ModelFiles} does for the cells:
 * <ul>
 *   <li>lru: {@code nu_log, theta_log, gamma_log [N]}, {@code B_re, B_im [N×H]},
 *       {@code C_re, C_im [H×N]}, {@code D [H]}, and {@code embed.weight [H×I]},
 *       {@code embed.bias [H]} when I ≠ H;</li>
 *   <li>attention: {@code nn.MultiheadAttention}'s {@code in_proj_weight [3E×E]},
 *       {@code in_proj_bias [3E]}, {@code out_proj.weight [E×E]}, {@code out_proj.bias [E]}, and
 *       {@code embed.weight [E×I]}, {@code embed.bias [E]} when I ≠ E (the number of heads is not
 *       in a state_dict: the caller gives it);</li>
 * </ul>
 * plus {@code out_weight [V×H]}, {@code out_bias [V]} and, for {@link #load},
 * {@code inputs.npy [T×I]}. Sizes are read from the files ({@code D}/{@code nu_log},
 * {@code out_proj.bias}, {@code embed.weight}); every other file must fit them.
 */
public final class SequenceModelFiles {

  /** The model's parameters (state_dict order), its read-out and, from {@link #load}, inputs. */
  public record Loaded(List<Tensor> parameters, Tensor outWeight, Tensor outBias,
                       float[] inputs, int steps) {}

  private SequenceModelFiles() {}

  /** {@link #loadParameters} and {@code inputs.npy [T×I]}. */
  public static Loaded load(Path dir, SequenceKind kind, boolean allowNonFinite) {
    Loaded p = loadParameters(dir, kind, allowNonFinite);
    int in = inputSize(p.parameters(), kind);
    NpyArray x = ModelFiles.read(dir, ModelFiles.INPUTS, allowNonFinite);
    int[] xs = x.shape();
    if (xs.length != 2 || xs[1] != in || xs[0] == 0) {
      throw new NpyFormatException("inputs.npy", "shape " + x.shapeString()
          + " is not a sequence for this model (expected (T, " + in + ") with T ≥ 1)");
    }
    return new Loaded(p.parameters(), p.outWeight(), p.outBias(), x.data(), xs[0]);
  }

  /** The parameters and read-out of a model directory, validated (see the class comment). */
  public static Loaded loadParameters(Path dir, SequenceKind kind, boolean allowNonFinite) {
    if (!Files.isDirectory(dir)) {
      throw new NpyFormatException(dir.toString(), Files.exists(dir)
          ? "is not a directory (expected a model directory of .npy files)"
          : "no such model directory");
    }
    String sizeFile = kind == SequenceKind.LRU ? "D" : "out_proj.bias";
    int hidden = vectorLength(dir, sizeFile, allowNonFinite);
    int state = kind == SequenceKind.LRU ? vectorLength(dir, "nu_log", allowNonFinite) : 0;
    int input = hidden;
    if (Files.exists(dir.resolve("embed.weight.npy"))) {
      NpyArray e = ModelFiles.read(dir, "embed.weight", allowNonFinite);
      if (e.shape().length != 2 || e.shape()[1] == 0 || e.shape()[1] == hidden) {
        throw new NpyFormatException("embed.weight.npy", "shape " + e.shapeString()
            + " (expected (" + hidden + ", I) with 0 < I ≠ " + hidden
            + "; without an embedding the input size is " + hidden + ")");
      }
      input = e.shape()[1];
    }
    List<Tensor> ps = kind == SequenceKind.LRU ? Lru.zeros(input, hidden, state)
        : CausalAttention.zeros(input, hidden);
    NpyArray wout = ModelFiles.read(dir, "out_weight", allowNonFinite);
    int classes = wout.shape().length == 2 ? wout.shape()[0] : 0;
    List<Tensor> all = new ArrayList<>(ps);
    Tensor outWeight = Tensor.zeros("out_weight", Math.max(classes, 0), hidden);
    Tensor outBias = Tensor.zeros("out_bias", Math.max(classes, 0));
    all.add(outWeight);
    all.add(outBias);
    String what = kind.id() + " with " + (kind == SequenceKind.LRU ? "H = " + hidden + ", N = "
        + state : "E = " + hidden) + ", I = " + input;
    for (Tensor t : all) {
      NpyArray a = ModelFiles.read(dir, t.name(), allowNonFinite);
      if (!Arrays.equals(a.shape(), t.shape()) || a.size() == 0) {
        throw new NpyFormatException(t.name() + ".npy", "shape " + a.shapeString()
            + " does not fit an " + what + " (expected " + Tensor.shapeString(t.shape())
            + ", no zero sizes)");
      }
      System.arraycopy(a.data(), 0, t.data(), 0, t.size());
    }
    return new Loaded(ps, outWeight, outBias, null, 0);
  }

  private static int vectorLength(Path dir, String name, boolean allowNonFinite) {
    NpyArray a = ModelFiles.read(dir, name, allowNonFinite);
    if (a.shape().length != 1 || a.shape()[0] == 0) {
      throw new NpyFormatException(name + ".npy", "shape " + a.shapeString()
          + " (expected a vector (n,) with n > 0)");
    }
    return a.shape()[0];
  }

  private static int inputSize(List<Tensor> ps, SequenceKind kind) {
    for (Tensor t : ps) {
      if (t.name().equals("embed.weight")) {
        return t.shape()[1];
      }
    }
    return ps.get(ps.size() - 1).shape()[0];  // D [H] or out_proj.bias [E]
  }

  /** Writes the parameters, the read-out and, when non-null, the inputs ({@code steps×I}). */
  public static void save(Path dir, List<Tensor> parameters, Tensor outWeight, Tensor outBias,
                          float[] inputs, int steps) throws IOException {
    Files.createDirectories(dir);
    List<Tensor> all = new ArrayList<>(parameters);
    all.add(outWeight);
    all.add(outBias);
    for (Tensor t : all) {
      NpyWriter.write(dir.resolve(t.name() + ".npy"), t.shape(), t.data());
    }
    if (inputs != null) {
      int in = inputSize(parameters, null);
      NpyWriter.write(dir.resolve(ModelFiles.INPUTS + ".npy"), new int[] {steps, in},
          Arrays.copyOf(inputs, steps * in));
    }
  }
}
