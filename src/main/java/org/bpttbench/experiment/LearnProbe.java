package org.bpttbench.experiment;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.bpttbench.analysis.Spectra;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.train.task.TaskData;

/** What {@code learn} measures on a model: the test score, the spectrum and the gradient flow. */
final class LearnProbe {
  private LearnProbe() {}

  /** Scores sequences from..from+n−1 given time-major in x: how many are right, or n·MSE. */
  @FunctionalInterface
  interface Scorer {
    double sum(float[] x, int from, int n);
  }

  /** Accuracy on every sequence of {@code test}, or its mean squared error, in passes of batch. */
  static double score(TaskData test, int maxBatch, Scorer scorer) {
    int batch = Math.min(maxBatch, test.count());
    float[] x = new float[test.steps() * batch * test.inputSize()];
    double sum = 0;
    for (int from = 0; from < test.count(); from += batch) {
      int n = Math.min(batch, test.count() - from);
      timeMajor(test, from, n, x);
      sum += scorer.sum(x, from, n);
    }
    return sum / test.count();
  }

  /**
   * The spectrum of weight_hh and the gradient flow of the final-step loss over the first
   * {@link LearnConfig#PROBE} sequences of {@code test}, backpropagated as one batch: each
   * sequence's dL/dh_t is its own loss's gradient (scaled by 1/batch, which the ratios cancel).
   */
  static LearnSnapshot snapshot(Model m, Kernels k, TaskData test) {
    int h = m.hiddenSize;
    int gates = m.kind.gates;
    double[][] re = new double[gates][];
    double[][] im = new double[gates][];
    double[] radius = new double[gates];
    for (int g = 0; g < gates; g++) {
      RealMatrix w = Spectra.toMatrix(m.weightHh.data(), g * h * h, h);
      EigenDecomposition e = new EigenDecomposition(w);
      re[g] = e.getRealEigenvalues();
      im[g] = e.getImagEigenvalues();
      radius[g] = Spectra.spectralRadius(w);
    }
    int n = Math.min(LearnConfig.PROBE, test.count());
    int steps = test.steps();
    Bptt bptt = new Bptt(m, k, n, steps);
    float[] x = new float[steps * n * test.inputSize()];
    timeMajor(test, 0, n, x);
    if (test.isRegression()) {
      bptt.runMse(x, 0, n, steps, test.values(), 0);
    } else {
      bptt.run(x, 0, n, steps, test.labels(), 0, LossMode.FINAL, Reduction.MEAN);
    }
    double last = bptt.meanHiddenGradNorm(steps);
    double[] curve = new double[steps];
    for (int t = 1; t <= steps; t++) {
      curve[t - 1] = bptt.meanHiddenGradNorm(t) / last;
    }
    double key = 0;
    for (int b = 0; b < n; b++) {
      key += bptt.hiddenGradNorm(test.keyPositions()[b] + 1, b) / n;
    }
    return new LearnSnapshot(re, im, radius, curve, key / last);
  }

  /** Sequences from..from+n−1 of {@code d} into {@code x}, time-major [T×n×I]. */
  static void timeMajor(TaskData d, int from, int n, float[] x) {
    int in = d.inputSize();
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < d.steps(); t++) {
        System.arraycopy(d.inputs(), d.offset(from + b) + t * in, x, (t * n + b) * in, in);
      }
    }
  }
}
