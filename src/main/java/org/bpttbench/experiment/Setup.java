package org.bpttbench.experiment;

import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.bptt.WorkspaceSize;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;

/**
 * What an experiment generates its model and input sequence from: sizes, the W_hh init with its
 * scale ρ (ignored by {@code pytorch}) and the seed. Every other parameter is PyTorch's default
 * uniform(±1/√H); the input is standard normal.
 */
public record Setup(int hidden, int input, int classes, int steps, InitScheme init, double rho,
                    long seed) {

  public Setup {
    positive("hidden", hidden);
    positive("input", input);
    positive("classes", classes);
    positive("steps", steps);
    if (!(rho >= 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("rho " + rho + " is not a finite number >= 0");
    }
  }

  private static void positive(String what, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " " + n + " is too small (expected >= 1)");
    }
  }

  /** "steps T with hidden H": the sizes a memory refusal names. */
  public String sizes() {
    return "steps " + steps + " with hidden " + hidden;
  }

  /** Refuses the setup when {@code copies} runs of {@code kind} would not fit in the heap. */
  public void requireMemory(CellKind kind, int copies) {
    try {
      long one = WorkspaceSize.bytes(kind, input, hidden, classes, steps);
      long all = Math.addExact(Math.multiplyExact(one, copies), initBytes());
      MemoryBudget.require(one == Long.MAX_VALUE ? one : all, sizes());
    } catch (ArithmeticException overflow) {
      MemoryBudget.require(Long.MAX_VALUE, sizes());
    }
  }

  /**
   * The init's transient memory: gauss and orthogonal build each H×H gate block in Commons Math
   * double matrices (the matrix, its QR or Krylov factors and copies: about six H² doubles).
   */
  private long initBytes() {
    boolean dense = init == InitScheme.GAUSS || init == InitScheme.ORTHOGONAL;
    return dense ? Math.multiplyExact(6L * Double.BYTES, Math.multiplyExact((long) hidden, hidden))
        : 0;
  }

  /** The same setup with another ρ. */
  public Setup withRho(double r) {
    return new Setup(hidden, input, classes, steps, init, r, seed);
  }

  /** ρ as the model got it: null for {@code pytorch}, which ignores it. */
  public Double rhoUsed() {
    return init == InitScheme.PYTORCH ? null : rho;
  }

  public Model model(CellKind kind, Activation act) {
    return Init.model(kind, act, input, hidden, classes, init, rho, seed);
  }

  /** The seed's standard normal input sequence, {@code steps×input}, times {@code scale}. */
  public float[] inputs(double scale) {
    float[] x = Init.gaussianInputs(steps, input, seed);
    for (int i = 0; i < x.length; i++) {
      x[i] *= (float) scale;
    }
    return x;
  }

  /** Refuses a target that is not a class of the read-out. */
  public void checkTarget(int target) {
    checkTarget(target, classes);
  }

  static void checkTarget(int target, int classes) {
    if (target < 0 || target >= classes) {
      throw new IllegalArgumentException("target " + target + " is not a class of this model"
          + " (expected 0.." + (classes - 1) + ")");
    }
  }

  /** Refuses fewer steps than an experiment needs. */
  public void checkSteps(int min, String why) {
    if (steps < min) {
      throw new IllegalArgumentException("steps " + steps + " is too few (expected >= " + min
          + ": " + why + ")");
    }
  }
}
