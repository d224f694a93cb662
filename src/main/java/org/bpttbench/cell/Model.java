package org.bpttbench.cell;

import java.util.List;

/**
 * The parameters of one recurrent layer plus a linear read-out, with PyTorch's names and shapes:
 * {@code weight_ih [G·H×I]}, {@code weight_hh [G·H×H]}, {@code bias_ih [G·H]}, {@code bias_hh [G·H]},
 * {@code out_weight [V×H]}, {@code out_bias [V]}; G = 1 (RNN), 3 (GRU: r|z|n), 4 (LSTM: i|f|g|o).
 * The same class holds gradients ({@link #zerosLike()}).
 */
public final class Model {

  /** File/parameter names, in PyTorch's {@code state_dict} order, then the read-out. */
  public static final List<String> PARAMETER_NAMES =
      List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "out_weight", "out_bias");

  public final CellKind kind;
  public final Activation activation;
  public final int inputSize;
  public final int hiddenSize;
  public final int classes;
  public final Tensor weightIh;
  public final Tensor weightHh;
  public final Tensor biasIh;
  public final Tensor biasHh;
  public final Tensor outWeight;
  public final Tensor outBias;

  public Model(CellKind kind, Activation activation, Tensor weightIh, Tensor weightHh,
               Tensor biasIh, Tensor biasHh, Tensor outWeight, Tensor outBias) {
    this.kind = kind;
    this.activation = activation;
    int gh = weightHh.shape()[0];
    this.hiddenSize = gh / kind.gates;
    this.inputSize = weightIh.shape()[1];
    this.classes = outWeight.shape()[0];
    this.weightIh = weightIh;
    this.weightHh = weightHh;
    this.biasIh = biasIh;
    this.biasHh = biasHh;
    this.outWeight = outWeight;
    this.outBias = outBias;
    for (Tensor t : tensors()) {
      int[] want = expectedShape(t.name(), kind, hiddenSize, inputSize, classes);
      if (!java.util.Arrays.equals(want, t.shape())) {
        throw new IllegalArgumentException(t.name() + ": shape " + Tensor.shapeString(t.shape())
            + " does not fit a " + kind.id() + " cell (expected " + Tensor.shapeString(want) + ")");
      }
    }
  }

  /** A model of zeros with the given sizes. */
  public static Model zeros(CellKind kind, Activation act, int input, int hidden, int classes) {
    int gh = kind.gates * hidden;
    return new Model(kind, act,
        Tensor.zeros("weight_ih", gh, input), Tensor.zeros("weight_hh", gh, hidden),
        Tensor.zeros("bias_ih", gh), Tensor.zeros("bias_hh", gh),
        Tensor.zeros("out_weight", classes, hidden), Tensor.zeros("out_bias", classes));
  }

  /** Heap bytes of the six parameter arrays of a model with these sizes (see {@link ArrayBytes}). */
  public static long parameterBytes(CellKind kind, int input, int hidden, int classes) {
    long gh = ArrayBytes.product(kind.gates, hidden);
    return ArrayBytes.sum(ArrayBytes.floats(ArrayBytes.product(gh, input)),
        ArrayBytes.floats(ArrayBytes.product(gh, hidden)), 2 * ArrayBytes.floats(gh),
        ArrayBytes.floats(ArrayBytes.product(classes, hidden)), ArrayBytes.floats(classes));
  }

  /** The shape PyTorch gives parameter {@code name} for these sizes. */
  public static int[] expectedShape(String name, CellKind kind, int hidden, int input, int classes) {
    int gh = kind.gates * hidden;
    switch (name) {
      case "weight_ih": return new int[] {gh, input};
      case "weight_hh": return new int[] {gh, hidden};
      case "bias_ih":
      case "bias_hh": return new int[] {gh};
      case "out_weight": return new int[] {classes, hidden};
      case "out_bias": return new int[] {classes};
      default: throw new IllegalArgumentException("unknown parameter " + name);
    }
  }

  /** All six tensors in {@link #PARAMETER_NAMES} order. */
  public List<Tensor> tensors() {
    return List.of(weightIh, weightHh, biasIh, biasHh, outWeight, outBias);
  }

  public Tensor tensor(String name) {
    for (Tensor t : tensors()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown parameter " + name);
  }

  /** Same kind and sizes, all zeros: the gradient container. */
  public Model zerosLike() {
    return zeros(kind, activation, inputSize, hiddenSize, classes);
  }

  /** Sets every entry of every tensor to zero (allocation-free: called once per BPTT run). */
  public void fillZero() {
    java.util.Arrays.fill(weightIh.data(), 0f);
    java.util.Arrays.fill(weightHh.data(), 0f);
    java.util.Arrays.fill(biasIh.data(), 0f);
    java.util.Arrays.fill(biasHh.data(), 0f);
    java.util.Arrays.fill(outWeight.data(), 0f);
    java.util.Arrays.fill(outBias.data(), 0f);
  }
}
