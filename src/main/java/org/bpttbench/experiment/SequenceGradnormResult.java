package org.bpttbench.experiment;

import java.util.List;
import org.bpttbench.cell.Tensor;

/**
 * The loss, the curve (‖dL_T/dh_t‖ for the LRU, exact; ‖dL_T/dx_t‖ for attention) with its
 * fitted decay, every parameter gradient (state_dict names, then out_weight, out_bias) and, for the
 * LRU, |λ_i| (null for attention).
 */
public record SequenceGradnormResult(SequenceGradnormConfig config, String backend, double loss,
                                     CurveSeries curve, List<Tensor> gradients,
                                     boolean gradientsFinite, double[] eigenvalueModuli) {}
