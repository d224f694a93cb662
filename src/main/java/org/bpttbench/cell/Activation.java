package org.bpttbench.cell;

/** The vanilla RNN's nonlinearity, as PyTorch's {@code nn.RNN(nonlinearity=...)}. */
public enum Activation implements EnumId {
  TANH,
  RELU;

  public static Activation fromId(String id) {
    return EnumId.fromId(Activation.class, id, "activation");
  }
}
