package org.bpttbench.train;

import java.util.List;
import org.bpttbench.cell.Tensor;

/**
 * The trained parameters (state_dict order) and read-out and, per optimizer step (index i = step
 * i+1), the mean loss before the step and the total gradient norm before clipping.
 */
public record SequenceTrainResult(List<Tensor> trained, Tensor outWeight, Tensor outBias,
                                  double[] loss, double[] gradNorm) {

  public int optimizerSteps() {
    return loss.length;
  }
}
