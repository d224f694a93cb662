package org.bpttbench.train;

/**
 * One optimizer step over all six parameter tensors of a model, in place, with the semantics of
 * the {@code torch.optim} class it is named after. It is bound to the parameter and gradient
 * arrays when created ({@link OptimizerSpec#create}); state (momentum buffers, moments) is
 * allocated then, and {@link #step} allocates nothing.
 */
public interface Optimizer {

  /** {@code optimizer.step()}: updates the parameters from the gradients' current values. */
  void step();
}
