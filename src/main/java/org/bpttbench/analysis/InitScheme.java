package org.bpttbench.analysis;

import org.bpttbench.cell.EnumId;

/** How the recurrent weight matrix W_hh (each H×H gate block of it) is initialised. */
public enum InitScheme implements EnumId {
  /** Gaussian entries rescaled so that the spectral radius is exactly ρ. */
  GAUSS,
  /** A random orthogonal matrix (QR of a Gaussian, sign-fixed) times ρ: every singular value is ρ. */
  ORTHOGONAL,
  /** ρ·I (Le, Jaitly and Hinton 2015 use I with relu: the IRNN). */
  IDENTITY,
  /** PyTorch's default uniform(−1/√H, 1/√H); ρ is ignored. */
  PYTORCH;

  public static InitScheme fromId(String id) {
    return EnumId.fromId(InitScheme.class, id, "init");
  }
}
