package org.bpttbench.output;

import java.util.Map;

/**
 * What the lesson ({@code lesson-03-vanishing-exploding-gradients}) claims, in one place: the
 * experiments' summaries, the learn findings and the report's claims table all quote it from here.
 */
public final class Lesson {
  private Lesson() {}

  public static final String NAME = "lesson-03-vanishing-exploding-gradients";

  /** The stretched task: the answer depends on a token this many steps back (T = 50). */
  public static final int LAG = 30;

  /** The stretched task's sequence length. */
  public static final int T = 50;

  /** Decades the gradient shrinks per 10 steps back, per cell id; lstm: like GRU (no number). */
  public static final Map<String, Double> DECADES = Map.of("rnn", 3.0, "gru", 1.0);

  /** The decay claim as the lesson words it, per cell id. */
  public static final Map<String, String> DECAY = Map.of(
      "rnn", "RNN: ≈ 3 orders of magnitude per 10 steps",
      "gru", "GRU: ≈ 1 order of magnitude per 10 steps",
      "lstm", "LSTM: similar to GRU");

  /** The decay claim in short: {@code ≈ 3}, {@code like GRU}. */
  public static String decay(String cell) {
    Double d = DECADES.get(cell);
    return d == null ? "like GRU" : "≈ " + Math.round(d);
  }

  /** What the lesson says each cell does with a dependency {@link #LAG} steps back. */
  public static final Map<String, String> LEARNS = Map.of(
      "rnn", "cannot learn a dependency 30 steps back at T = 50",
      "gru", "learns it: the additive path is the structural fix",
      "lstm", "learns it: the additive path is the structural fix",
      "lstm-fb1", "(not in the lesson; b_f = 1 is the usual remedy)",
      "lru", "(the lesson's remedy: a linear recurrence with a controlled spectrum)",
      "attention", "(the lesson's remedy: the gradient reaches any step in one hop)");

  public static final String POWER_SMALL = "0.7^20 ≈ 8e-4 (|λ_max| = 0.7, 20 steps, best case"
      + " tanh′ = 1)";
  public static final String POWER_LARGE = "1.5^20 ≈ 3300: the gradient explodes";
  public static final String CLIP = "the gradient explodes; training diverges to NaN unless"
      + " clipped";
  public static final String TANH_PRIME = "tanh′(±3) = 1 − tanh²(3) ≈ 0.01";
  public static final String ZERO_BY_T20 = "RNN: by t = 20 (30 steps from the loss) the gradient"
      + " is computationally indistinguishable from zero";
  public static final String ORTHOGONAL = "orthogonal initialisation gives |λ_max| = 1";
  public static final String MARGINAL = "|λ_max| = 1: stable in the linear regime; saturated"
      + " tanh still contracts";
  public static final String DRIFT = "training drives the weights away from this initialisation";
  public static final String TRAP = "tanh saturation is a one-way trap: a killed gradient does"
      + " not recover";
  public static final String LONG_RANGE = "a vanilla RNN cannot learn a dependency 30 steps"
      + " back; GRU/LSTM can";
  public static final String ATTENTION = "Attention's architectural promise is 'no matter how"
      + " far back the relevant token is, the gradient flows in one step'";
  public static final String LINEAR_SPECTRUM = "the mitigation in modern recurrent models (Mamba,"
      + " RetNet) is to constrain the state update to be a linear operator with a controlled"
      + " spectrum";
}
