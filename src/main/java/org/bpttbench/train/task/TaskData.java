package org.bpttbench.train.task;

/**
 * A generated data set: {@code count} sequences of {@code steps} steps with {@code inputSize}
 * inputs each ({@code inputs}, row-major [count×steps×inputSize]) and one target per sequence,
 * read at the last step. Classification tasks fill {@code labels} (values in
 * [0, {@code classes})) and leave {@code values} null; regression tasks ({@code classes} = 0) fill
 * {@code values}. {@code keyPositions[n]} is the (0-based) step that holds the information the
 * target depends on (for the adding task: the first marked position).
 */
public record TaskData(int count, int steps, int inputSize, float[] inputs, int classes,
                       int[] labels, float[] values, int[] keyPositions) {

  public boolean isRegression() {
    return classes == 0;
  }

  /** Offset of sequence n's first input in {@link #inputs()}. */
  public int offset(int n) {
    return n * steps * inputSize;
  }
}
