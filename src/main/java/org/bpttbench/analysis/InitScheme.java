package org.bpttbench.analysis;

import java.util.Locale;

/** How the recurrent weight matrix W_hh (each H×H gate block of it) is initialised. */
public enum InitScheme {
  /** Gaussian entries rescaled so that the spectral radius is exactly ρ. */
  GAUSS,
  /** A random orthogonal matrix (QR of a Gaussian, sign-fixed) times ρ: every singular value is ρ. */
  ORTHOGONAL,
  /** ρ·I (Le, Jaitly and Hinton 2015 use I with relu: the IRNN). */
  IDENTITY,
  /** PyTorch's default uniform(−1/√H, 1/√H); ρ is ignored. */
  PYTORCH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static InitScheme fromId(String id) {
    for (InitScheme s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown init '" + id
        + "' (expected gauss, orthogonal, identity or pytorch)");
  }
}
