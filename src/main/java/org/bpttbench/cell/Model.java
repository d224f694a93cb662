package org.bpttbench.cell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters of a recurrent model with a linear read-out, with PyTorch's names and shapes: a
 * stack of {@code numLayers} layers ({@link Layer}), each in one direction or, bidirectional, in
 * two, and {@code out_weight [V×D·H]}, {@code out_bias [V]} (D = 2 directions or 1). Each layer's
 * tensors are named as {@code state_dict()} names them, {@code weight_ih_l{k}} … and
 * {@code weight_ih_l{k}_reverse} …; a single unidirectional layer keeps the short names
 * {@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh} (as {@code nn.RNN}'s
 * {@code _l0} without the suffix), and its tensors are also the fields {@link #weightIh} ….
 * G = 1 (RNN), 3 (GRU: r|z|n), 4 (LSTM: i|f|g|o). The same class holds gradients
 * ({@link #zerosLike()}).
 */
public final class Model {

  /** File/parameter names of a single layer, in PyTorch's {@code state_dict} order, then the read-out. */
  public static final List<String> PARAMETER_NAMES =
      List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh", "out_weight", "out_bias");

  /** The four parameter names of a layer, without suffix. */
  public static final List<String> LAYER_NAMES = PARAMETER_NAMES.subList(0, 4);

  public final CellKind kind;
  public final Activation activation;
  public final int inputSize;
  public final int hiddenSize;
  public final int classes;
  public final int numLayers;
  public final boolean bidirectional;
  /** Layer 0's forward tensors. */
  public final Tensor weightIh;
  public final Tensor weightHh;
  public final Tensor biasIh;
  public final Tensor biasHh;
  public final Tensor outWeight;
  public final Tensor outBias;
  private final List<Layer> layers;
  private final List<Tensor> tensors;

  /** A single unidirectional layer and its read-out. */
  public Model(CellKind kind, Activation activation, Tensor weightIh, Tensor weightHh,
               Tensor biasIh, Tensor biasHh, Tensor outWeight, Tensor outBias) {
    this(kind, activation, 1, false, List.of(weightIh, weightHh, biasIh, biasHh), outWeight,
        outBias);
  }

  /**
   * A stack: {@code layerTensors} holds weight_ih, weight_hh, bias_ih, bias_hh of layer 0
   * (forward, then reverse when bidirectional), then layer 1, …; names as in the class comment.
   *
   * @throws IllegalArgumentException naming the first tensor whose name or shape does not fit
   */
  public Model(CellKind kind, Activation activation, int numLayers, boolean bidirectional,
               List<Tensor> layerTensors, Tensor outWeight, Tensor outBias) {
    int dirs = bidirectional ? 2 : 1;
    if (numLayers < 1 || layerTensors.size() != 4 * numLayers * dirs) {
      throw new IllegalArgumentException(numLayers + " layer(s)" + (bidirectional ? " × 2" : "")
          + " need " + 4 * Math.max(numLayers, 1) * dirs + " tensors, got " + layerTensors.size());
    }
    this.kind = kind;
    this.activation = activation;
    this.numLayers = numLayers;
    this.bidirectional = bidirectional;
    this.hiddenSize = layerTensors.get(1).shape()[0] / kind.gates;
    this.inputSize = layerTensors.get(0).shape()[1];
    this.classes = outWeight.shape()[0];
    this.outWeight = outWeight;
    this.outBias = outBias;
    List<Layer> ls = new ArrayList<>();
    for (int k = 0; k < numLayers; k++) {
      for (int d = 0; d < dirs; d++) {
        int at = 4 * (k * dirs + d);
        int in = k == 0 ? inputSize : dirs * hiddenSize;
        Layer l = new Layer(kind, activation, in, hiddenSize, layerTensors.get(at),
            layerTensors.get(at + 1), layerTensors.get(at + 2), layerTensors.get(at + 3));
        for (int i = 0; i < 4; i++) {
          check(l.tensors().get(i), LAYER_NAMES.get(i) + suffix(k, d),
              layerShape(LAYER_NAMES.get(i), kind, hiddenSize, in));
        }
        ls.add(l);
      }
    }
    this.layers = List.copyOf(ls);
    List<Tensor> all = new ArrayList<>(layerTensors);
    all.add(outWeight);
    all.add(outBias);
    this.tensors = List.copyOf(all);
    check(outWeight, "out_weight", new int[] {classes, dirs * hiddenSize});
    check(outBias, "out_bias", new int[] {classes});
    Layer first = ls.get(0);
    this.weightIh = first.weightIh();
    this.weightHh = first.weightHh();
    this.biasIh = first.biasIh();
    this.biasHh = first.biasHh();
  }

  private void check(Tensor t, String name, int[] want) {
    if (!t.name().equals(name)) {
      throw new IllegalArgumentException("expected tensor " + name + ", got " + t.name());
    }
    if (!Arrays.equals(want, t.shape())) {
      throw new IllegalArgumentException(t.name() + ": shape " + Tensor.shapeString(t.shape())
          + " does not fit a " + kind.id() + " cell (expected " + Tensor.shapeString(want) + ")");
    }
  }

  /** A single unidirectional layer of zeros with the given sizes. */
  public static Model zeros(CellKind kind, Activation act, int input, int hidden, int classes) {
    return zeros(kind, act, input, hidden, classes, 1, false);
  }

  /** A model of zeros with the given sizes. */
  public static Model zeros(CellKind kind, Activation act, int input, int hidden, int classes,
                            int numLayers, boolean bidirectional) {
    int dirs = bidirectional ? 2 : 1;
    List<Tensor> ts = new ArrayList<>();
    for (int k = 0; k < numLayers; k++) {
      for (int d = 0; d < dirs; d++) {
        String suffix = suffix(k, d, numLayers, bidirectional);
        int in = k == 0 ? input : dirs * hidden;
        for (String name : LAYER_NAMES) {
          ts.add(Tensor.zeros(name + suffix, layerShape(name, kind, hidden, in)));
        }
      }
    }
    return new Model(kind, act, numLayers, bidirectional, ts,
        Tensor.zeros("out_weight", classes, dirs * hidden), Tensor.zeros("out_bias", classes));
  }

  /** The suffix PyTorch gives layer k's tensors in direction d; none for one unidirectional layer. */
  public static String suffix(int k, int d, int numLayers, boolean bidirectional) {
    return numLayers == 1 && !bidirectional ? "" : "_l" + k + (d == 1 ? "_reverse" : "");
  }

  private String suffix(int k, int d) {
    return suffix(k, d, numLayers, bidirectional);
  }

  /** Heap bytes of the parameter arrays of a single-layer model with these sizes ({@link ArrayBytes}). */
  public static long parameterBytes(CellKind kind, int input, int hidden, int classes) {
    return parameterBytes(kind, input, hidden, classes, 1, false);
  }

  /** Heap bytes of the parameter arrays of a model with these sizes (see {@link ArrayBytes}). */
  public static long parameterBytes(CellKind kind, int input, int hidden, int classes,
                                    int numLayers, boolean bidirectional) {
    long dirs = bidirectional ? 2 : 1;
    long gh = ArrayBytes.product(kind.gates, hidden);
    long sum = ArrayBytes.sum(ArrayBytes.floats(ArrayBytes.product(classes, dirs, hidden)),
        ArrayBytes.floats(classes));
    for (int k = 0; k < numLayers; k++) {
      long in = k == 0 ? input : ArrayBytes.product(dirs, hidden);
      sum = ArrayBytes.sum(sum, ArrayBytes.product(dirs, ArrayBytes.sum(
          ArrayBytes.floats(ArrayBytes.product(gh, in)),
          ArrayBytes.floats(ArrayBytes.product(gh, hidden)), 2 * ArrayBytes.floats(gh))));
    }
    return sum;
  }

  /** The shape PyTorch gives a single layer's parameter {@code name} for these sizes. */
  public static int[] expectedShape(String name, CellKind kind, int hidden, int input, int classes) {
    return switch (name) {
      case "out_weight" -> new int[] {classes, hidden};
      case "out_bias" -> new int[] {classes};
      default -> layerShape(name, kind, hidden, input);
    };
  }

  /** The shape of a layer's {@code name} (without suffix) with input width {@code input}. */
  public static int[] layerShape(String name, CellKind kind, int hidden, int input) {
    int gh = kind.gates * hidden;
    return switch (name) {
      case "weight_ih" -> new int[] {gh, input};
      case "weight_hh" -> new int[] {gh, hidden};
      case "bias_ih", "bias_hh" -> new int[] {gh};
      default -> throw new IllegalArgumentException("unknown parameter " + name);
    };
  }

  /** 2 for a bidirectional model, else 1. */
  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /** Width of a layer's output and of the read-out's input: D·H. */
  public int outputSize() {
    return directions() * hiddenSize;
  }

  /** One unidirectional layer: the case the whole single-cell toolkit (curves, Jacobians) is for. */
  public boolean isSingleLayer() {
    return numLayers == 1 && !bidirectional;
  }

  /** Layer k in direction d (0 forward, 1 reverse). */
  public Layer layer(int k, int d) {
    return layers.get(k * directions() + d);
  }

  /** The layers, layer 0 first, forward before reverse. */
  public List<Layer> layers() {
    return layers;
  }

  /** All tensors in {@code state_dict} order, then out_weight, out_bias. */
  public List<Tensor> tensors() {
    return tensors;
  }

  public Tensor tensor(String name) {
    for (Tensor t : tensors()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown parameter " + name);
  }

  /** Same kind, sizes and names, all zeros: the gradient container. */
  public Model zerosLike() {
    return zeros(kind, activation, inputSize, hiddenSize, classes, numLayers, bidirectional);
  }
}
