package org.bpttbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientChecks;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.bptt.TestModels;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression read-out (one output, final-step mean squared error as {@code mse_loss}): its
 * gradient against central finite differences for every parameter entry, batch 3 and 1, both
 * backends; its loss against the squared error written out by hand; and a short Adam run on it.
 */
class MseReadoutTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelProvider.available()) {
      for (String cell : new String[] {"rnn-tanh", "gru", "lstm"}) {
        for (int batch : new int[] {1, 3}) {
          b.add(Arguments.of(k, cell, batch));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(Kernels k, String cell, int batch) {
    int steps = 5;
    Model m = BatchCases.model(cell, 2, 9, 1, 41);
    float[] x = TestModels.inputs(steps * batch, 2, 42);
    float[] v = values(batch, 43);
    Bptt bptt = new Bptt(m, k, batch, steps);
    bptt.runMse(x, 0, batch, steps, v, 0);
    GradientChecks.checkParameters(m, k.name() + " " + cell + " mse B=" + batch,
        GradientChecks.copy(bptt.grads()), () -> bptt.mse(x, 0, batch, steps, v, 0));
  }

  @Test
  void lossIsTheMeanSquaredErrorOfTheFinalOutput() {
    Kernels k = KernelProvider.forName("scalar");
    int batch = 4;
    int steps = 3;
    Model m = BatchCases.model("gru", 2, 5, 1, 44);
    float[] x = TestModels.inputs(steps * batch, 2, 45);
    float[] v = values(batch, 46);
    Bptt bptt = new Bptt(m, k, batch, steps);
    double mse = bptt.mse(x, 0, batch, steps, v, 0);
    double want = 0;
    for (int b = 0; b < batch; b++) {
      double y = m.outBias.data()[0];
      for (int j = 0; j < 5; j++) {
        y += (double) m.outWeight.data()[j] * bptt.states()[(steps * batch + b) * 5 + j];
      }
      want += (y - v[b]) * (y - v[b]) / batch;
    }
    assertEquals(want, mse, 1e-6 * want);
    assertEquals(mse, bptt.runMse(x, 0, batch, steps, v, 0), 1e-12);
  }

  @Test
  void adamOnRegressionDataLowersTheLoss() {
    Kernels k = KernelProvider.forName("scalar");
    int n = 16;
    int steps = 4;
    float[] x = TestModels.inputs(n * steps, 2, 47);
    float[] v = values(n, 48);
    TrainingData d = TrainingData.regression(x, n, steps, 2, v);
    TrainResult r = Trainer.train(new TrainConfig(BatchCases.model("lstm", 2, 8, 1, 49), k, d, n,
        60, OptimizerSpec.adam(1e-2, 0.9, 0.999, 1e-8, 0), 1.0, Double.POSITIVE_INFINITY, 0,
        OptionalLong.empty()));
    assertEquals(60, r.optimizerSteps());
    double first = r.loss()[0];
    double last = r.loss()[59];
    org.junit.jupiter.api.Assertions.assertTrue(last < 0.5 * first,
        "full-batch Adam should halve the mse in 60 steps: " + first + " -> " + last);
  }

  @Test
  void regressionDataIsRefusedByAClassifier() {
    TrainingData d = TrainingData.regression(new float[8], 2, 2, 2, new float[2]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.checkClasses(2));
    assertEquals("regression targets need a read-out with one output, the model has 2",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new TrainingData(new float[8], 2, 2, 2, null, LossMode.ALL_STEPS, new float[2]));
  }

  private static float[] values(int n, long seed) {
    Random rnd = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rnd.nextDouble() * 2);
    }
    return v;
  }
}
