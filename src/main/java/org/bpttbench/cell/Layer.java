package org.bpttbench.cell;

import java.util.List;

/**
 * The parameters of one recurrent layer in one direction, PyTorch's {@code weight_ih_l{k}},
 * {@code weight_hh_l{k}}, {@code bias_ih_l{k}}, {@code bias_hh_l{k}} (with {@code _reverse} for
 * the backward direction): {@code weight_ih [G·H×I]}, {@code weight_hh [G·H×H]}, the biases
 * {@code [G·H]}; I is the model's input size for layer 0 and D·H above it. A cell computes on a
 * layer; the same record holds its gradients.
 */
public record Layer(CellKind kind, Activation activation, int inputSize, int hiddenSize,
                    Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {

  /** The four tensors in {@code state_dict} order. */
  public List<Tensor> tensors() {
    return List.of(weightIh, weightHh, biasIh, biasHh);
  }
}
