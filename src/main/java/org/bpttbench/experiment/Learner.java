package org.bpttbench.experiment;

import java.util.List;
import java.util.Random;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.SequenceBptt;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.SequenceTrainStep;
import org.bpttbench.train.TrainStep;
import org.bpttbench.train.Trainer;
import org.bpttbench.train.task.TaskData;

/**
 * One model of a {@code learn} run in training: a recurrent cell ({@link TrainStep} on
 * {@link Bptt}) or a sequence model ({@link SequenceTrainStep} on {@link SequenceBptt}), with
 * what {@code learn} asks of both: an update on a time-major batch, the held-out score and a
 * {@link LearnSnapshot}. The evaluation passes share the trained parameters.
 */
abstract class Learner {
  /** Test sequences per forward pass of the evaluation. */
  static final int EVAL_BATCH = 250;

  /** One optimizer step on a batch; returns the mean loss before it. */
  abstract double update(float[] x, int[] y, float[] v, int batch, int steps);

  /** Accuracy on every sequence of {@code test}, or its mean squared error (regression). */
  abstract double score(TaskData test);

  /** The spectrum and the gradient flow over the first {@link LearnConfig#PROBE} test sequences. */
  abstract LearnSnapshot snapshot(TaskData test);

  static Learner create(LearnConfig c, Kernels k, LearnCell cell, int steps, long seed) {
    LearnTask t = c.task();
    if (cell.isSequenceModel()) {
      SequenceSpec spec = cell.spec(t.inputSize(), c.hidden(), t.outputs());
      return new Sequence(spec, k, c.batch(), steps, c.optimizer(cell), c.clipNorm(),
          new Random(seed));
    }
    Model init = cell.model(t.inputSize(), c.hidden(), t.outputs(), seed);
    return new Cell(Trainer.copy(init), k, c.batch(), steps, c.tbptt(), c.optimizer(cell),
        c.clipNorm());
  }

  /** A recurrent cell: trained in place by {@link TrainStep}. */
  static final class Cell extends Learner {
    private final Model params;
    private final Kernels k;
    private final TrainStep step;
    private final Bptt eval;

    Cell(Model params, Kernels k, int batch, int steps, int tbptt, OptimizerSpec o,
         double clipNorm) {
      this.params = params;
      this.k = k;
      this.step = new TrainStep(params, k, batch, steps, LossMode.FINAL, tbptt, o, clipNorm,
          Double.POSITIVE_INFINITY);
      this.eval = new Bptt(params, k, EVAL_BATCH, steps);
    }

    @Override
    double update(float[] x, int[] y, float[] v, int batch, int steps) {
      int made = v != null ? step.updateMse(x, v, batch) : step.update(x, y, batch);
      return step.loss(made - 1);
    }

    @Override
    double score(TaskData test) {
      return LearnProbe.score(test, EVAL_BATCH, (x, from, n) -> test.isRegression()
          ? n * eval.mse(x, 0, n, test.steps(), test.values(), from)
          : eval.correct(x, 0, n, test.steps(), test.labels(), from));
    }

    @Override
    LearnSnapshot snapshot(TaskData test) {
      return LearnProbe.snapshot(params, k, test);
    }
  }

  /** A sequence model (lru, attention): its own training step, an evaluation copy on its tensors. */
  static final class Sequence extends Learner {
    private final SequenceSpec spec;
    private final SequenceTrainStep step;
    private final SequenceBptt eval;
    private final int evalBatch;

    Sequence(SequenceSpec spec, Kernels k, int batch, int steps, OptimizerSpec o, double clipNorm,
             Random rnd) {
      this.spec = spec;
      SequenceBptt train = spec.create(k, batch, steps, rnd);
      this.step = new SequenceTrainStep(train, k, LossMode.FINAL, o, clipNorm,
          Double.POSITIVE_INFINITY);
      List<Tensor> ps = train.parameters();
      this.evalBatch = LearnConfig.PROBE;
      this.eval = new SequenceBptt(spec.model(ps.subList(0, ps.size() - 2), k, evalBatch, steps),
          ps.get(ps.size() - 2), ps.get(ps.size() - 1), k);
    }

    @Override
    double update(float[] x, int[] y, float[] v, int batch, int steps) {
      return v != null ? step.updateMse(x, v, batch, steps) : step.update(x, y, batch, steps);
    }

    @Override
    double score(TaskData test) {
      return LearnProbe.score(test, evalBatch, (x, from, n) -> test.isRegression()
          ? n * eval.mse(x, 0, n, test.steps(), test.values(), from)
          : eval.correct(x, 0, n, test.steps(), test.labels(), from));
    }

    @Override
    LearnSnapshot snapshot(TaskData test) {
      int n = Math.min(LearnConfig.PROBE, test.count());
      int steps = test.steps();
      float[] x = new float[steps * n * test.inputSize()];
      LearnProbe.timeMajor(test, 0, n, x);
      if (test.isRegression()) {
        eval.runMse(x, 0, n, steps, test.values(), 0);
      } else {
        eval.run(x, 0, n, steps, test.labels(), 0, LossMode.FINAL, Reduction.MEAN);
      }
      double last = eval.meanStepGradNorm(steps);
      double[] curve = new double[steps];
      for (int t = 1; t <= steps; t++) {
        curve[t - 1] = eval.meanStepGradNorm(t) / last;
      }
      double key = 0;
      for (int b = 0; b < n; b++) {
        key += eval.stepGradNorm(test.keyPositions()[b] + 1, b) / n;
      }
      double[][] re = new double[0][];
      double[][] im = new double[0][];
      double[] radius = new double[0];
      if (spec.kind() == SequenceKind.LRU) {
        // λ = exp(−exp(nu_log) + i·exp(theta_log)): the eigenvalues of the step Jacobian
        float[] nu = tensor("nu_log").data();
        float[] theta = tensor("theta_log").data();
        re = new double[1][nu.length];
        im = new double[1][nu.length];
        double r = 0;
        for (int i = 0; i < nu.length; i++) {
          double mod = Math.exp(-Math.exp(nu[i]));
          double arg = Math.exp(theta[i]);
          re[0][i] = mod * Math.cos(arg);
          im[0][i] = mod * Math.sin(arg);
          r = Math.max(r, mod);
        }
        radius = new double[] {r};
      }
      return new LearnSnapshot(re, im, radius, curve, key / last);
    }

    private Tensor tensor(String name) {
      return step.bptt().parameters().stream().filter(t -> t.name().equals(name)).findFirst()
          .orElseThrow();
    }
  }
}
