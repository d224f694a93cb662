package org.bpttbench.train;

import org.bpttbench.cell.Model;

/**
 * One optimizer step over all six parameter tensors of a model, in place, with the semantics of
 * the {@code torch.optim} class it is named after. State (momentum buffers, moments) is allocated
 * when the optimizer is created; {@link #step} allocates nothing.
 */
public interface Optimizer {

  /** {@code optimizer.step()}: updates {@code params} from {@code grads} (same layout). */
  void step(Model params, Model grads);
}
