package org.bpttbench.experiment;

import java.util.List;
import java.util.Random;
import org.bpttbench.cell.Tensor;
import org.bpttbench.seq.SequenceBptt;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;

/**
 * {@link GradnormConfig} for a sequence model (the LRU or causal attention): its parameters in
 * state_dict order with the read-out, its input sequence {@code [T×I]} and the target class of
 * the final-step loss L_T.
 *
 * @param spec the model's sizes (and heads) as the tensors give them
 * @param source where the model came from: {@code generated} or its directory
 * @param setup how it was generated, or null for a model read from files
 */
public record SequenceGradnormConfig(SequenceSpec spec, List<Tensor> parameters,
                                     Tensor outWeight, Tensor outBias, float[] inputs, int target,
                                     String source, Setup setup) {

  public SequenceGradnormConfig {
    if (inputs.length == 0 || inputs.length % spec.input() != 0) {
      throw new IllegalArgumentException("inputs: " + inputs.length + " values are not a"
          + " sequence of " + spec.input() + "-vectors");
    }
    Setup.checkTarget(target, spec.classes());
    int steps = inputs.length / spec.input();
    long bytes;
    try {
      bytes = spec.workspaceBytes(1, steps);
    } catch (ArithmeticException overflow) {
      bytes = Long.MAX_VALUE;
    }
    MemoryBudget.require(bytes, "steps " + steps + " with hidden " + spec.hidden());
  }

  /**
   * The sizes of a model read from files: I, H (E), N and V from the tensors; {@code heads} as the
   * caller gives it (a state_dict does not hold it).
   */
  public static SequenceSpec spec(SequenceKind kind, List<Tensor> parameters, Tensor outWeight,
                                  int heads) {
    int hidden = outWeight.shape()[1];
    int input = hidden;
    int state = 0;
    for (Tensor t : parameters) {
      if (t.name().equals("embed.weight")) {
        input = t.shape()[1];
      } else if (t.name().equals("nu_log")) {
        state = t.shape()[0];
      }
    }
    return new SequenceSpec(kind, input, hidden, state, heads,
        CurvesExperiment.FIGURE_RING, outWeight.shape()[0]);
  }

  /**
   * A model generated as the curves experiment generates it (N = H, the LRU on
   * {@link CurvesExperiment#FIGURE_RING}, attention with {@code heads} heads; parameters then
   * read-out from {@code new Random(seed)}) and the setup's input × {@code inputScale}.
   */
  public static SequenceGradnormConfig generated(Setup setup, SequenceKind kind, int heads,
                                                 double inputScale, int target) {
    SequenceSpec spec = new SequenceSpec(kind, setup.input(), setup.hidden(), setup.hidden(),
        heads, CurvesExperiment.FIGURE_RING, setup.classes());
    Random rnd = new Random(setup.seed());
    List<Tensor> params = spec.init(rnd);
    Tensor[] out = SequenceBptt.linearReadout(setup.hidden(), setup.classes(), rnd);
    return new SequenceGradnormConfig(spec, params, out[0], out[1], setup.inputs(inputScale),
        target, "generated", setup);
  }

  public int steps() {
    return inputs.length / spec.input();
  }
}
