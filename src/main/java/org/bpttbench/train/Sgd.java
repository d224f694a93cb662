package org.bpttbench.train;

/**
 * {@code torch.optim.SGD} ({@code _single_tensor_sgd} of PyTorch 1.13), per entry in float32:
 * <pre>
 *   d = g + wd·p
 *   buf = d on the first step, else momentum·buf + (1 − dampening)·d     (if momentum ≠ 0)
 *   d = d + momentum·buf (nesterov) or buf
 *   p = p − lr·d
 * </pre>
 */
final class Sgd implements Optimizer {
  private final float lr;
  private final float momentum;
  private final float keep;         // 1 − dampening
  private final boolean nesterov;
  private final float weightDecay;
  private final float[][] params;
  private final float[][] grads;
  private final float[][] buffers;  // one per tensor
  private boolean started;

  Sgd(OptimizerSpec spec, float[][] params, float[][] grads) {
    this.lr = (float) spec.lr();
    this.momentum = (float) spec.momentum();
    this.keep = (float) (1 - spec.dampening());
    this.nesterov = spec.nesterov();
    this.weightDecay = (float) spec.weightDecay();
    this.params = params;
    this.grads = grads;
    this.buffers = new float[params.length][];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = new float[spec.momentum() != 0 ? params[i].length : 0];
    }
  }

  @Override
  public void step() {
    for (int i = 0; i < buffers.length; i++) {
      update(params[i], grads[i], buffers[i]);
    }
    started = true;
  }

  private void update(float[] p, float[] g, float[] buf) {
    for (int j = 0; j < p.length; j++) {
      float d = weightDecay != 0f ? g[j] + weightDecay * p[j] : g[j];
      if (momentum != 0f) {
        buf[j] = started ? momentum * buf[j] + keep * d : d;
        d = nesterov ? d + momentum * buf[j] : buf[j];
      }
      p[j] -= lr * d;
    }
  }
}
