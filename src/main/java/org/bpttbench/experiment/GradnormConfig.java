package org.bpttbench.experiment;

import org.bpttbench.bptt.WorkspaceSize;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;

/**
 * One model, its input sequence {@code [T×I]} and the target class of the final-step loss L_T.
 *
 * @param source where the model came from: {@code generated} or its directory
 * @param setup how it was generated, or null for a model read from files
 */
public record GradnormConfig(Model model, float[] inputs, int target, String source, Setup setup) {

  public GradnormConfig {
    if (inputs.length == 0 || inputs.length % model.inputSize != 0) {
      throw new IllegalArgumentException("inputs: " + inputs.length + " values are not a"
          + " sequence of " + model.inputSize + "-vectors");
    }
    Setup.checkTarget(target, model.classes);
    int steps = inputs.length / model.inputSize;
    MemoryBudget.require(WorkspaceSize.bytes(model.kind, model.inputSize, model.hiddenSize,
        model.classes, steps), "steps " + steps + " with hidden " + model.hiddenSize);
  }

  /** A model and input (× {@code inputScale}) generated from {@code setup}. */
  public static GradnormConfig generated(Setup setup, CellKind kind, Activation act,
      double inputScale, int target) {
    setup.requireMemory(kind, 1);
    return new GradnormConfig(setup.model(kind, act), setup.inputs(inputScale), target,
        "generated", setup);
  }

  public int steps() {
    return inputs.length / model.inputSize;
  }
}
