package org.bpttbench.train;

import java.util.ArrayList;
import java.util.List;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Tensor;
import org.bpttbench.seq.SequenceBptt;

/**
 * {@link Trainer} for a sequence model: a pure function from {@link SequenceTrainConfig} to
 * {@link SequenceTrainResult}, one {@link SequenceTrainStep} per batch, the batches gathered as
 * {@link Trainer} gathers them (so the same data give the same batches).
 */
public final class SequenceTrainer {
  private SequenceTrainer() {}

  public static SequenceTrainResult train(SequenceTrainConfig c) {
    TrainingData d = c.data();
    if (SequenceTrainConfig.workspaceBytes(c.spec(), c.batch(), d.steps(), c.updates())
        == Long.MAX_VALUE) {
      throw new IllegalArgumentException("batch " + c.batch() + " × " + d.steps() + " steps"
          + " needs arrays longer than Java allows (expected smaller sizes)");
    }
    List<Tensor> params = new ArrayList<>();
    c.parameters().forEach(t -> params.add(copy(t)));
    Tensor outWeight = copy(c.outWeight());
    Tensor outBias = copy(c.outBias());
    SequenceBptt bptt = new SequenceBptt(c.spec().model(params, c.kernels(), c.batch(),
        d.steps()), outWeight, outBias, c.kernels());
    SequenceTrainStep step = new SequenceTrainStep(bptt, c.kernels(), d.mode(), c.optimizer(),
        c.clipNorm(), c.clipValue());
    BatchOrder order = new BatchOrder(d.sequences(), c.shuffleSeed());
    float[] x = new float[d.steps() * c.batch() * d.inputSize()];
    int[] y = new int[d.mode() == LossMode.FINAL ? c.batch() : d.steps() * c.batch()];
    float[] v = new float[d.isRegression() ? c.batch() : 0];
    double[] loss = new double[c.updates()];
    double[] norm = new double[c.updates()];
    for (int u = 0; u < c.updates(); u++) {
      Trainer.gather(d, order, (long) u * c.batch(), c.batch(), x, y, v);
      loss[u] = d.isRegression() ? step.updateMse(x, v, c.batch(), d.steps())
          : step.update(x, y, c.batch(), d.steps());
      norm[u] = step.gradNorm();
    }
    return new SequenceTrainResult(List.copyOf(params), outWeight, outBias, loss, norm);
  }

  private static Tensor copy(Tensor t) {
    return new Tensor(t.name(), t.shape(), t.data().clone());
  }
}
