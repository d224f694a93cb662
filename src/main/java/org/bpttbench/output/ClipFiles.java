package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.experiment.ClipConfig;
import org.bpttbench.experiment.ClipResult;

/**
 * {@code clip.csv}, {@code clip_grad_norm.png}, {@code clip_loss.png}, {@code summary.json}
 * ({@link ClipSummary}).
 */
public enum ClipFiles implements ResultFiles<ClipResult> {
  INSTANCE;

  @Override
  public void write(ClipResult r, Path dir) throws IOException {
    ClipConfig c = r.config();
    int n = r.lossPlain().length;
    List<String> rows = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      rows.add(ResultFiles.row(u, r.lossPlain()[u], r.normPlain()[u], r.lossClipped()[u],
          r.normBefore()[u], r.normAfter()[u]));
    }
    ResultFiles.csv(dir.resolve("clip.csv"), "update,loss_plain,grad_norm_plain,loss_clipped,"
        + "grad_norm_before_clip,grad_norm_after_clip", rows);
    double[] us = Chart.range(0, n - 1);
    String what = title(c);
    new Chart(what + ": gradient norm (gaps: not finite or 0)", "update",
        "||grad||_2").logY()
        .add(new Chart.Series("no clipping", us, r.normPlain(), 3, Chart.Style.POINTS))
        .add(new Chart.Series("clipped run, before clipping", us, r.normBefore(), 0,
            Chart.Style.POINTS))
        .add(new Chart.Series("clipped run, after clipping", us, r.normAfter(), 2,
            Chart.Style.POINTS))
        .save(dir.resolve("clip_grad_norm.png"));
    new Chart(what + ": loss (gaps: not finite or 0)", "update", "loss L_T")
        .logY()
        .add(new Chart.Series("no clipping", us, r.lossPlain(), 3, Chart.Style.POINTS))
        .add(new Chart.Series("clip_grad_norm_(" + Numbers.brief(c.maxNorm()) + ")", us,
            r.lossClipped(), 0, Chart.Style.POINTS))
        .save(dir.resolve("clip_loss.png"));
    Json.writeRecord(dir.resolve("summary.json"), ClipSummary.of(r));
  }

  /**
   * What happened to one run, read off its losses and gradient norms: where it stopped being
   * finite, where its gradient became exactly 0, or how far the loss moved.
   */
  static String outcome(double[] loss, double[] norm) {
    int last = loss.length - 1;
    Integer bad = ClipResult.firstNonFinite(loss, norm);
    if (bad != null) {
      return "loss " + Numbers.brief(loss[0]) + ", not finite from update " + bad + " (loss "
          + Numbers.brief(loss[bad]) + ", gradient norm " + Numbers.brief(norm[bad]) + ")";
    }
    Integer stalled = ClipResult.stalledFrom(norm);
    String moved = "loss " + Numbers.brief(loss[0]) + " -> " + Numbers.brief(loss[last])
        + ", largest gradient norm " + Numbers.brief(ClipResult.maxFinite(norm));
    return stalled == null ? moved : moved + "; gradient exactly 0 from update " + stalled
        + " (loss " + Numbers.brief(loss[stalled]) + "), so SGD stopped moving";
  }

  private static String title(ClipConfig c) {
    return "rnn " + c.activation().id() + " H=" + c.setup().hidden() + " T=" + c.setup().steps()
        + ", " + c.setup().init().id() + " rho=" + c.setup().rho() + ", SGD lr=" + c.lr();
  }

  @Override
  public String describe(ClipResult r) {
    return "clip: " + title(r.config()) + ", max_norm " + Numbers.brief(r.config().maxNorm())
        + ", backend " + r.backend() + "\n"
        + "  no clipping: " + outcome(r.lossPlain(), r.normPlain()) + "\n"
        + "  clipped:     " + outcome(r.lossClipped(), r.normBefore()) + "; clipping scaled the"
        + " gradient down in " + r.clippedUpdates() + " of " + r.lossPlain().length + " updates\n";
  }
}
