package org.bpttbench.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Readout;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * A {@link SequenceModel} with the cells' linear read-out ({@link Readout}: {@code out_weight
 * [V×W]}, {@code out_bias [V]}) and loss: softmax cross-entropy at the final step or at every
 * step, summed or averaged ({@link Reduction}), or the final step's squared error; forward and the
 * full backward pass, with every parameter's gradient and the per-step gradient norms. The same
 * contract as {@link org.bpttbench.bptt.Bptt} for one layer (targets time-major, batch B ≥ 1); the
 * recurrence itself, for the LRU, is the model's own backward sweep.
 */
public final class SequenceBptt {
  private final SequenceModel model;
  private final Tensor outWeight;
  private final Tensor outBias;
  private final Tensor gradOutWeight;
  private final Tensor gradOutBias;
  private final Readout readout;
  private final float[] dOut;
  private final List<Tensor> parameters;
  private final List<Tensor> gradients;
  private final float[][] gradArrays;
  private int batch = 1;
  private int steps;

  public SequenceBptt(SequenceModel model, Tensor outWeight, Tensor outBias, Kernels kernels) {
    int w = model.outputSize();
    int[] ws = outWeight.shape();
    if (ws.length != 2 || ws[1] != w || !Arrays.equals(outBias.shape(), new int[] {ws[0]})) {
      throw new IllegalArgumentException("out_weight " + Tensor.shapeString(ws) + " and out_bias "
          + Tensor.shapeString(outBias.shape()) + " do not read a " + model.id()
          + " output of width " + w);
    }
    this.model = model;
    this.outWeight = outWeight;
    this.outBias = outBias;
    this.gradOutWeight = outWeight.zerosLike();
    this.gradOutBias = outBias.zerosLike();
    int rows = model.maxBatch() * model.maxSteps();
    this.readout = new Readout(outWeight, outBias, kernels, rows);
    this.dOut = new float[rows * w];
    List<Tensor> ps = new ArrayList<>(model.parameters());
    ps.add(outWeight);
    ps.add(outBias);
    this.parameters = List.copyOf(ps);
    List<Tensor> gs = new ArrayList<>(model.gradients());
    gs.add(gradOutWeight);
    gs.add(gradOutBias);
    this.gradients = List.copyOf(gs);
    this.gradArrays = gs.stream().map(Tensor::data).toArray(float[][]::new);
  }

  /** PyTorch's nn.Linear initialisation of a read-out of {@code classes} rows, U(±1/√W). */
  public static Tensor[] linearReadout(int width, int classes, Random rnd) {
    Tensor w = Tensor.zeros("out_weight", classes, width);
    Tensor b = Tensor.zeros("out_bias", classes);
    Params.uniform(w, 1 / Math.sqrt(width), rnd);
    Params.uniform(b, 1 / Math.sqrt(width), rnd);
    return new Tensor[] {w, b};
  }

  public SequenceModel model() {
    return model;
  }

  /** The model's parameters, then out_weight, out_bias. */
  public List<Tensor> parameters() {
    return parameters;
  }

  /** The gradients of the last run, same order and names as {@link #parameters}. */
  public List<Tensor> gradients() {
    return gradients;
  }

  public Tensor gradient(String name) {
    for (Tensor t : gradients) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown parameter " + name);
  }

  private int firstRow(LossMode mode) {
    return mode == LossMode.FINAL ? (steps - 1) * batch : 0;
  }

  private int lossRows(int[] targets, int tOff, LossMode mode) {
    int rows = mode == LossMode.FINAL ? batch : batch * steps;
    if (targets.length - tOff < rows) {
      throw new IllegalArgumentException("expected " + rows + " target(s), got "
          + (targets.length - tOff));
    }
    return rows;
  }

  /** Forward only: the loss (targets as for {@link org.bpttbench.bptt.Bptt#loss}). */
  public double loss(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff,
                     LossMode mode, Reduction reduction) {
    forward(inputs, inOff, batch, steps);
    int rows = lossRows(targets, tOff, mode);
    int w = model.outputSize();
    double sum = readout.lossSum(model.outputs(), firstRow(mode) * w, w, rows, targets, tOff);
    return reduction == Reduction.MEAN ? sum / rows : sum;
  }

  /** Forward and backward; returns the loss. */
  public double run(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff,
                    LossMode mode, Reduction reduction) {
    forward(inputs, inOff, batch, steps);
    int rows = lossRows(targets, tOff, mode);
    int w = model.outputSize();
    clear();
    float scale = reduction == Reduction.MEAN ? 1f / rows : 1f;
    double sum = readout.backward(model.outputs(), firstRow(mode) * w, w, rows, targets, tOff,
        scale, dOut, firstRow(mode) * w, gradOutWeight, gradOutBias);
    model.backward(inputs, inOff, dOut);
    return reduction == Reduction.MEAN ? sum / rows : sum;
  }

  /**
   * Forward only: how many of the {@code batch} sequences the read-out classifies right at the
   * final step (largest logit = {@code targets[tOff + b]}).
   */
  public int correct(float[] inputs, int inOff, int batch, int steps, int[] targets, int tOff) {
    forward(inputs, inOff, batch, steps);
    int w = model.outputSize();
    return readout.correct(model.outputs(), firstRow(LossMode.FINAL) * w, w, batch, targets, tOff);
  }

  /** Forward only: the mean over the batch of the final step's squared error (one output). */
  public double mse(float[] inputs, int inOff, int batch, int steps, float[] values, int vOff) {
    forward(inputs, inOff, batch, steps);
    int w = model.outputSize();
    return readout.squaredErrorSum(model.outputs(), firstRow(LossMode.FINAL) * w, w, batch,
        values, vOff) / batch;
  }

  /** {@link #mse} forward and backward. */
  public double runMse(float[] inputs, int inOff, int batch, int steps, float[] values,
                       int vOff) {
    forward(inputs, inOff, batch, steps);
    int w = model.outputSize();
    clear();
    int first = firstRow(LossMode.FINAL) * w;
    double sum = readout.squaredErrorBackward(model.outputs(), first, w, batch, values, vOff,
        1f / batch, dOut, first, gradOutWeight, gradOutBias);
    model.backward(inputs, inOff, dOut);
    return sum / batch;
  }

  private void forward(float[] inputs, int inOff, int batch, int steps) {
    model.forward(inputs, inOff, batch, steps);
    this.batch = batch;
    this.steps = steps;
  }

  private void clear() {
    for (float[] g : gradArrays) {
      Arrays.fill(g, 0f);
    }
    Arrays.fill(dOut, 0, batch * steps * model.outputSize(), 0f);
  }

  /** The model's per-step gradient norm (LRU ‖dL/dh_t‖, attention ‖dL/dx_t‖), step t, sequence b. */
  public double stepGradNorm(int t, int b) {
    return model.stepGradNorm(t, b);
  }

  /** The mean over the batch of {@link #stepGradNorm}(t, b). */
  public double meanStepGradNorm(int t) {
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += stepGradNorm(t, b);
    }
    return sum / batch;
  }

  public int steps() {
    return steps;
  }

  public int batch() {
    return batch;
  }
}
