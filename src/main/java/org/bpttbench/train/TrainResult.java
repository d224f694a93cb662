package org.bpttbench.train;

import org.bpttbench.cell.Model;

/**
 * The trained parameters and, per optimizer step (index i = step i+1), the mean loss before the
 * step and the total gradient norm before clipping.
 */
public record TrainResult(Model trained, double[] loss, double[] gradNorm) {

  public int optimizerSteps() {
    return loss.length;
  }
}
