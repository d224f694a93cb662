package org.bpttbench.cell;

import java.util.Locale;

/** The vanilla RNN's nonlinearity, as PyTorch's {@code nn.RNN(nonlinearity=...)}. */
public enum Activation {
  TANH,
  RELU;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Activation fromId(String id) {
    for (Activation a : values()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + id + "' (expected tanh or relu)");
  }
}
