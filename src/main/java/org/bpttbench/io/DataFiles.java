package org.bpttbench.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training-data directory: {@code inputs.npy} [N×T×I] float32 (or float64), sequence-major as
 * PyTorch's {@code batch_first} tensors are, and {@code targets.npy} with integer classes: [N]
 * (a class per sequence, for the final-step loss) or [N×T] (a class per step).
 */
public final class DataFiles {
  public static final String INPUTS = "inputs";
  public static final String TARGETS = "targets";

  /** The checked arrays: inputs [sequences×steps×inputSize], targets [sequences] or [sequences×steps]. */
  public record Loaded(float[] inputs, int sequences, int steps, int inputSize, int[] targets) {}

  private DataFiles() {}

  /**
   * Reads and checks a data directory; {@code perStep} asks for [N×T] targets, else [N].
   *
   * @throws NpyFormatException naming the file, what was found and what was expected
   * @throws IllegalArgumentException for a non-finite input value, naming file and index
   */
  public static Loaded load(Path dir, boolean perStep) {
    if (!Files.isDirectory(dir)) {
      throw new NpyFormatException(dir.toString(), Files.exists(dir)
          ? "is not a directory (expected a data directory with inputs.npy and targets.npy)"
          : "no such data directory");
    }
    NpyArray x = ModelFiles.read(dir, INPUTS, false);
    int[] xs = x.shape();
    if (xs.length != 3 || x.size() == 0) {
      throw new NpyFormatException("inputs.npy", "shape " + x.shapeString()
          + " (expected (N, T, I): N sequences of T steps of I features, none of them 0)");
    }
    NpyIntArray y = NpyReader.readIntegers(dir.resolve(TARGETS + ".npy"));
    int[] want = perStep ? new int[] {xs[0], xs[1]} : new int[] {xs[0]};
    if (!java.util.Arrays.equals(y.shape(), want)) {
      throw new NpyFormatException("targets.npy", "shape " + y.shapeString() + " (expected "
          + Shapes.tuple(want) + (perStep ? ": a class for every step of every sequence, for the"
          + " loss at every step" : ": a class per sequence, for the final-step loss") + ")");
    }
    return new Loaded(x.data(), xs[0], xs[1], xs[2], y.data());
  }
}
