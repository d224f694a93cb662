package org.bpttbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Lesson;
import org.bpttbench.output.Numbers;

/**
 * Every numeric or testable claim of the lesson ({@link Lesson}) beside what this run measured,
 * the experiment it comes from, and a verdict in words computed from the data: "holds", "holds
 * only when …", "does not hold here: …", or "no data" when the experiment did not run.
 */
final class Claims {

  /** One row. */
  record Claim(String claim, String measured, String source, String verdict) {}

  /** Float32's unit roundoff: a gradient smaller than this relative to another is lost in a sum. */
  static final double FLOAT_EPS = Math.pow(2, -24);

  private Claims() {}

  static String markdown(Experiments ex) {
    List<List<String>> rows = new ArrayList<>();
    for (Claim c : all(ex)) {
      rows.add(List.of(c.claim(), c.measured(), c.source(), c.verdict()));
    }
    return Prose.get("claims") + Tables.markdown(List.of("the lesson says", "measured here",
        "from", "verdict"), rows) + "\n";
  }

  static List<Claim> all(Experiments ex) {
    List<Claim> out = new ArrayList<>();
    out.add(power(0.7, 8e-4, Lesson.POWER_SMALL, ex.sweep()));
    out.add(power(1.5, 3300, Lesson.POWER_LARGE, ex.sweep()));
    out.add(clipped(ex.clip()));
    double d3 = 1 - Math.pow(Math.tanh(3), 2);
    out.add(new Claim(Lesson.TANH_PRIME, Numbers.brief(d3), "computed (double precision)",
        near(d3, 0.01) ? "holds" : "does not hold: " + Numbers.brief(d3)));
    out.addAll(decades(ex.curves()));
    out.add(indistinguishable(ex.curves()));
    out.add(orthogonal(ex.jacobian()));
    out.add(marginal(ex.sweep()));
    out.add(drift(ex.learn()));
    out.add(trap(ex.saturation()));
    out.add(longRange(ex.learn()));
    return out;
  }

  private static Claim none(String claim, String experiment) {
    return new Claim(claim, "—", experiment, "no data: the `" + experiment + "` experiment is"
        + " not in this report");
  }

  /** Within a factor 1.5. */
  static boolean near(double measured, double claimed) {
    double r = measured / claimed;
    return r >= 1 / 1.5 && r <= 1.5;
  }

  private static Claim power(double rho, double claimed, String claim,
      Optional<Experiments.Sweep> sweep) {
    double exact = Math.pow(rho, 20);
    String computed = "ρ^20 = " + Numbers.brief(exact);
    Optional<Experiments.SweepRun> lin = sweep.flatMap(s -> s.run("tanh", "small-input", rho));
    Optional<Experiments.SweepRun> big = sweep.flatMap(s -> s.run("tanh", "large-input", rho));
    if (lin.isEmpty() || sweep.get().probeLag() != 20) {
      return new Claim(claim, computed + (sweep.isEmpty() ? "" : "; the sweep ran no ρ = "
          + rho + " at lag 20"), "computed", near(exact, claimed) ? "holds (arithmetic)"
          : "does not hold: ρ^20 = " + Numbers.brief(exact));
    }
    double m = lin.get().ratioAtProbeLag();
    double maxH = lin.get().maxAbsH();
    String measured = computed + "; measured ‖dL_T/dh_{T−20}‖ / ‖dL_T/dh_T‖ = " + Numbers.brief(m)
        + " (tanh, small input)";
    String verdict = near(m, claimed) ? "holds"
        : maxH > 0.9 ? "holds only while tanh stays linear: measured " + Numbers.brief(m)
            + " because the state saturated (max |h| " + Numbers.brief(maxH) + ") and tanh′ ≈ 0"
            + " bounds the product"
        : "does not hold here: " + Numbers.brief(m);
    Optional<Experiments.SweepRun> relu = sweep.get().run("relu", "small-input", rho);
    if (relu.isPresent()) {
      measured += ", " + Numbers.brief(relu.get().ratioAtProbeLag()) + " (relu)";
    }
    if (big.isPresent()) {
      double mb = big.get().ratioAtProbeLag();
      measured += ", " + Numbers.brief(mb) + " (tanh, large input)";
      if (near(m, claimed) && !near(mb, claimed)) {
        verdict = String.format(Locale.ROOT, "holds only when the state stays small (linear"
            + " tanh): with large input it is %s, because saturated units (max |h| %s) cut the"
            + " product", Numbers.brief(mb), Numbers.brief(big.get().maxAbsH()));
      }
    }
    return new Claim(claim, measured, "[sweep](#sweep), ρ = " + rho, verdict);
  }

  private static Claim clipped(Optional<Experiments.Clip> clip) {
    if (clip.isEmpty()) {
      return none(Lesson.CLIP, "clip");
    }
    Experiments.Clip c = clip.get();
    Integer plain = c.firstNonfiniteUpdatePlain();
    Integer clippedAt = c.firstNonfiniteUpdateClipped();
    String measured = (plain == null ? "no clipping: finite throughout"
        : "no clipping: not finite from update " + plain) + "; clip_grad_norm_("
        + Numbers.brief(c.maxNorm()) + "): " + (clippedAt == null ? "finite throughout"
        : "not finite from update " + clippedAt);
    String verdict = plain != null && clippedAt == null ? "holds"
        : plain == null ? "does not hold here: the unclipped run stayed finite"
        : "does not hold here: clipping did not keep it finite";
    return new Claim(Lesson.CLIP, measured, "[clip](#clip), " + c.activation() + " ρ = "
        + Numbers.brief(c.rho()), verdict);
  }

  private static List<Claim> decades(Optional<Experiments.Curves> curves) {
    List<Claim> out = new ArrayList<>();
    for (String cell : List.of("rnn", "gru", "lstm")) {
      String claim = Lesson.DECAY.get(cell);
      Experiments.Decay c = curves.map(s -> s.cells().get(cell)).orElse(null);
      if (c == null) {
        out.add(none(claim, "curves"));
        continue;
      }
      double d = c.decades();
      String source = "[gradient-norm curves](#gradient-norm-curves), " + curves.get().init()
          + " init";
      Double want = Lesson.DECADES.get(cell);
      if (want == null) {
        Experiments.Decay g = curves.get().cells().get("gru");
        double gru = g == null ? Double.NaN : g.decades();
        out.add(new Claim(claim, Numbers.brief(d) + " decades per 10 steps (GRU "
            + Numbers.brief(gru) + ")", source, near(d, gru) ? "holds"
            : "does not hold here: " + Numbers.brief(d / gru) + "× GRU's"));
      } else {
        out.add(new Claim(claim, Numbers.brief(d) + " decades per 10 steps", source,
            near(d, want) ? "holds" : String.format(Locale.ROOT, "does not hold here: %s× the"
                + " claim at this initialisation", Numbers.brief(d / want))));
      }
    }
    return out;
  }

  /** "By t = 20 (30 steps from the loss) the gradient is indistinguishable from zero." */
  private static Claim indistinguishable(Optional<Experiments.Curves> curves) {
    String claim = Lesson.ZERO_BY_T20;
    if (curves.isEmpty() || curves.get().columns().isEmpty()) {
      return none(claim, "curves");
    }
    double[] rnn = curves.get().columns().get("rnn");
    if (rnn == null || rnn.length <= 30) {
      return new Claim(claim, "—", "curves", "no data: the curve is shorter than 31 steps");
    }
    double r = rnn[rnn.length - 31] / rnn[rnn.length - 1];
    return new Claim(claim, "‖dL_T/dh_{T−30}‖ / ‖dL_T/dh_T‖ = " + Numbers.brief(r) + " (float32"
        + " unit roundoff " + Numbers.brief(FLOAT_EPS) + ")", "[gradient-norm curves]"
        + "(#gradient-norm-curves)", r < FLOAT_EPS ? "holds: below float32's resolution of the"
        + " final-step gradient" : "does not hold here: still " + Numbers.brief(r / FLOAT_EPS)
        + "× float32's resolution");
  }

  private static Claim orthogonal(Optional<Experiments.Jacobian> jac) {
    if (jac.isEmpty() || !jac.get().init().equals("orthogonal")) {
      return none(Lesson.ORTHOGONAL, "jacobian");
    }
    double rho = jac.get().wHhSpectralRadius();
    return new Claim(Lesson.ORTHOGONAL, "ρ(W_hh) = " + String.format(Locale.ROOT, "%.6f", rho)
        + ", σ_max = " + String.format(Locale.ROOT, "%.6f", jac.get().wHhLargestSingularValue()),
        "[jacobian](#jacobian), H = " + jac.get().hidden(),
        Math.abs(rho - 1) < 1e-4 ? "holds" : "does not hold: ρ = " + Numbers.brief(rho));
  }

  private static Claim marginal(Optional<Experiments.Sweep> sweep) {
    Optional<Experiments.SweepRun> lin = sweep.flatMap(s -> s.run("tanh", "small-input", 1.0));
    Optional<Experiments.SweepRun> big = sweep.flatMap(s -> s.run("tanh", "large-input", 1.0));
    if (lin.isEmpty() || big.isEmpty()) {
      return none(Lesson.MARGINAL, "sweep");
    }
    double a = lin.get().ratioAtProbeLag();
    double b = big.get().ratioAtProbeLag();
    return new Claim(Lesson.MARGINAL, "ratio at lag " + sweep.get().probeLag() + ": "
        + Numbers.brief(a) + " (small input), " + Numbers.brief(b) + " (large input)",
        "[sweep](#sweep), ρ = 1", near(a, 1) && b < 0.1 ? "holds" : near(a, 1) ? "holds in the"
            + " linear regime; large input contracted only to " + Numbers.brief(b)
            : "does not hold here: " + Numbers.brief(a) + " in the linear regime");
  }

  private static Claim drift(Optional<LearnSummary> learn) {
    if (learn.isEmpty() || learn.get().runs() == null || learn.get().runs().isEmpty()) {
      return none(Lesson.DRIFT, "learn");
    }
    List<String> parts = new ArrayList<>();
    boolean moved = true;
    for (String cell : learn.get().cells().keySet()) {
      if (learn.get().runs().stream().anyMatch(r -> r.cell().equals(cell)
          && (r.rhoBlocksInit() == null || r.rhoBlocksInit().length == 0))) {
        continue; // attention has no recurrent spectrum
      }
      double ch = Estimate.median(learn.get().runs().stream().filter(r -> r.cell().equals(cell))
          .mapToDouble(r -> Math.abs(max(r.rhoBlocksTrained()) - max(r.rhoBlocksInit()))
              / max(r.rhoBlocksInit())).toArray()).value();
      parts.add(String.format(Locale.ROOT, "%s %.1f %%", cell, 100 * ch));
      moved &= ch > 0.05;
    }
    return new Claim(Lesson.DRIFT, "median change of ρ(W_hh) after training: "
        + String.join(", ", parts), "[Can it learn?](#can-it-learn)", moved ? "holds: every"
        + " cell's ρ(W_hh) moved by more than 5 %" : "holds only for some cells: a change under"
        + " 5 % counts as staying");
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(0);
  }

  private static Claim trap(Optional<Experiments.Saturation> sat) {
    if (sat.isEmpty() || sat.get().runs() == null || sat.get().runs().isEmpty()) {
      return none(Lesson.TRAP, "saturation");
    }
    Experiments.SaturationRun lo = sat.get().runs().get(0);
    Experiments.SaturationRun hi = sat.get().runs().get(sat.get().runs().size() - 1);
    String measured = String.format(Locale.ROOT, "input scale %s: %.0f %% of units saturated,"
        + " %s of the gradient survives 10 steps, %s survives 30 (scale %s: %s)",
        Numbers.brief(hi.inputScale()), 100 * hi.saturatedFraction(),
        Numbers.brief(hi.survive10()), Numbers.brief(hi.survive30()),
        Numbers.brief(lo.inputScale()), Numbers.brief(lo.survive30()));
    String verdict = hi.saturatedFraction() <= 0 ? "no data: no run saturated"
        : hi.survive30() <= hi.survive10() && hi.survive30() < lo.survive30() ? "holds: the"
            + " surviving share keeps falling and never climbs back"
        : "does not hold here: the gradient recovered";
    return new Claim(Lesson.TRAP, measured, "[saturation](#saturation)", verdict);
  }

  /**
   * The lesson's long-range claim against learn's agreement runs: the verdict computed from them
   * ({@link LearnSummary#verdict}: which models solve lag 30 at T = 50, in how many seeds, with
   * which init, each one's longest lag solved). Without lag 30 at T = 50, the longest lags solved.
   */
  private static Claim longRange(Optional<LearnSummary> learn) {
    if (learn.isEmpty()) {
      return none(Lesson.LONG_RANGE, "learn");
    }
    LearnSummary l = learn.get();
    Optional<LearnSummary.Verdict> v = l.verdict();
    if (v.isPresent()) {
      return new Claim(Lesson.LONG_RANGE, v.get().measured(), "[Can it learn?](#can-it-learn)",
          v.get().verdict());
    }
    List<String> parts = new ArrayList<>();
    l.cells().keySet().forEach(c -> parts.add(c + " " + l.describe(c)));
    return new Claim(Lesson.LONG_RANGE, l.task() + " task, solved: " + String.join("; ", parts),
        "[Can it learn?](#can-it-learn)", "no data: lag " + Lesson.LAG + " at T = " + Lesson.T
        + " was not run");
  }
}
