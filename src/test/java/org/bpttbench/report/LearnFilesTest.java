package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnData;
import org.bpttbench.experiment.LearnResult;
import org.bpttbench.experiment.LearnRun;
import org.bpttbench.experiment.LearnSnapshot;
import org.bpttbench.experiment.LearnTask;
import org.bpttbench.output.Json;
import org.bpttbench.output.LearnFiles;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** learn's files from a hand-made result: the CSV columns, the summary, the report section. */
class LearnFilesTest {
  @TempDir Path tmp;

  private static LearnResult result() {
    List<LearnCell> cells = List.of(LearnCell.RNN, LearnCell.GRU);
    Map<LearnCell, Double> lr = new java.util.HashMap<>(Map.of(LearnCell.RNN, 3e-3, LearnCell.GRU, 1e-2));
    LearnConfig c = new LearnConfig(LearnTask.AGREEMENT, Fillers.WORDS, cells, List.of(5, 30), 1,
        50, 8, 4, 60, lr, OptimizerSpec.adam(1, 0.9, 0.999, 1e-8, 0), 1, 0, 64, 100, 1,
        LearnData.FRESH, 20, 0);
    List<LearnRun> runs = new ArrayList<>();
    for (LearnCell cell : cells) {
      int blocks = cell.kind().gates;
      for (int lag : c.lags()) {
        boolean fails = cell == LearnCell.RNN && lag == 30;
        double score = fails ? 0.5 : 1.0;
        runs.add(new LearnRun(cell, lag, 0, 50, lr.get(cell), score, 0.01, fails ? 60 : 40, 1.5,
            snapshot(blocks, 0.6, 1e-8), snapshot(blocks, 1.2, 0.3), new double[fails ? 60 : 40],
            fails ? null : 40, fails ? new int[] {0, 20, 40, 60} : new int[] {0, 20, 40},
            fails ? new double[] {0.5, 0.5, 0.51, 0.5} : new double[] {0.5, 0.7, 1.0},
            fails ? 0.5 : Double.NaN, fails, 1.0));
      }
    }
    return new LearnResult(c, "scalar", runs, 12.5);
  }

  private static LearnSnapshot snapshot(int blocks, double rho, double ratio) {
    double[][] re = new double[blocks][8];
    double[][] im = new double[blocks][8];
    double[] radius = new double[blocks];
    for (int g = 0; g < blocks; g++) {
      re[g][0] = rho;
      radius[g] = rho;
    }
    double[] curve = new double[50];
    java.util.Arrays.fill(curve, ratio);
    curve[49] = 1;
    return new LearnSnapshot(re, im, radius, curve, ratio);
  }

  @Test
  void csvSummaryAndSection() throws Exception {
    LearnResult r = result();
    Path dir = tmp.resolve("experiments/learn");
    Files.createDirectories(dir);
    LearnFiles.INSTANCE.write(r, dir);
    List<String> csv = Files.readAllLines(dir.resolve("learn.csv"));
    assertEquals("task,cell,lag,seed,steps,lr,accuracy,mse,updates_to_solve,plateau,"
        + "score_at_half,final_loss,updates,seconds,rho_whh_init,rho_whh_trained,"
        + "grad_ratio_key_init,grad_ratio_key_trained", csv.get(0));
    assertEquals(5, csv.size());
    assertTrue(csv.get(2).startsWith("agreement,rnn,30,0,50,"), csv.get(2));
    assertTrue(csv.get(2).contains(",,true,"), "not solved, a plateau: " + csv.get(2));
    assertTrue(csv.get(1).contains(",40,,,"), "solved at 40: " + csv.get(1));
    assertEquals(4 * 50 * 2 + 1, Files.readAllLines(dir.resolve("grad_curves.csv")).size());
    assertEquals(3 * 40 + 60 + 1, Files.readAllLines(dir.resolve("learning_curves.csv")).size());
    assertEquals(3 * 3 + 4 + 1, Files.readAllLines(dir.resolve("evaluations.csv")).size());
    for (String png : new String[] {"learn_score.png", "learn_curves.png", "learn_grad.png",
        "learn_eigen.png", "learn_updates.png"}) {
      assertTrue(Files.size(dir.resolve(png)) > 1000, png);
    }
    JsonObject s = Json.read(dir.resolve("summary.json")).getAsJsonObject();
    JsonObject rnn = s.getAsJsonObject("cells").getAsJsonObject("rnn");
    assertEquals(5, rnn.get("longest_lag_solved").getAsInt());
    assertEquals(30, rnn.get("shortest_lag_failed").getAsInt());
    assertEquals(30, s.getAsJsonObject("cells").getAsJsonObject("gru")
        .get("longest_lag_solved").getAsInt());
    assertEquals(3, s.getAsJsonArray("runs").get(2).getAsJsonObject()
        .getAsJsonArray("rho_blocks_trained").size(), "every gru gate block kept");
    assertEquals(40, s.getAsJsonArray("runs").get(0).getAsJsonObject().get("updates_to_solve")
        .getAsInt());
    assertEquals(1, rnn.getAsJsonObject("solved_seeds_by_lag").get("5").getAsInt());
    String findings = s.getAsJsonArray("findings").toString();
    assertTrue(findings.contains("The lesson says a vanilla RNN cannot learn a dependency 30"
        + " steps back; GRU/LSTM can: holds for the RNN (0/1 seeds); holds for gru; lag 30 solved in most seeds: gru does (1/1)"), findings);
    assertTrue(findings.contains("1 of its 1 failed seeds were flat over the second half of the"
        + " budget (a plateau, not a cut-off)"), findings);

    String md = LearnSection.markdown(Experiments.load(tmp.resolve("experiments")));
    assertTrue(md.startsWith("## Can it learn?\n"), md);
    assertTrue(md.contains("![accuracy against lag](experiments/learn/learn_score.png)"), md);
    assertTrue(md.contains("| rnn | PyTorch default U(±1/√H) | 0.003 | 1/1 · 40 | 0/1 · 0.500,"
        + " 1 flat | 5 |"), md);
    assertTrue(md.contains("Wall time of this report's learn part: 13 s (agreement 13 s) on 1"
        + " thread(s), 4 s of CPU time"), md);
    assertTrue(md.contains("experiments/learn/learn_updates.png"), md);
    assertEquals("", LearnSection.markdown(Experiments.load(tmp.resolve("nothing"))));
  }
}
