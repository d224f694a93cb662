package org.bpttbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bpttbench.output.ClipSummary;
import org.bpttbench.output.JacobianSummary;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Lesson;
import org.bpttbench.output.Numbers;
import org.bpttbench.output.SaturationSummary;
import org.bpttbench.output.SweepSummary;

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
    out.add(attention(ex.curves()));
    out.add(linearSpectrum(ex.curves()));
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
      Optional<SweepSummary> sweep) {
    double exact = Math.pow(rho, 20);
    String computed = "ρ^20 = " + Numbers.brief(exact);
    Optional<SweepSummary.Run> lin = sweep.flatMap(s -> s.run("tanh", "small-input", rho));
    Optional<SweepSummary.Run> big = sweep.flatMap(s -> s.run("tanh", "large-input", rho));
    if (lin.isEmpty() || sweep.get().probeLag() != 20) {
      return new Claim(claim, computed + (sweep.isEmpty() ? "" : "; the sweep ran no ρ = "
          + rho + " at lag 20"), "computed", near(exact, claimed) ? "holds (arithmetic)"
          : "does not hold: ρ^20 = " + Numbers.brief(exact));
    }
    double m = lin.get().ratioAtProbeLagAsDouble();
    double maxH = lin.get().maxAbsH();
    String measured = computed + "; measured ‖dL_T/dh_{T−20}‖ / ‖dL_T/dh_T‖ = " + Numbers.brief(m)
        + " (tanh, small input)";
    String verdict = near(m, claimed) ? "holds"
        : maxH > 0.9 ? "holds only while tanh stays linear: measured " + Numbers.brief(m)
            + " because the state saturated (max |h| " + Numbers.brief(maxH) + ") and tanh′ ≈ 0"
            + " bounds the product"
        : "does not hold here: " + Numbers.brief(m);
    Optional<SweepSummary.Run> relu = sweep.get().run("relu", "small-input", rho);
    if (relu.isPresent()) {
      measured += ", " + Numbers.brief(relu.get().ratioAtProbeLagAsDouble()) + " (relu)";
    }
    if (big.isPresent()) {
      double mb = big.get().ratioAtProbeLagAsDouble();
      measured += ", " + Numbers.brief(mb) + " (tanh, large input)";
      if (near(m, claimed) && !near(mb, claimed)) {
        verdict = String.format(Locale.ROOT, "holds only when the state stays small (linear"
            + " tanh): with large input it is %s, because saturated units (max |h| %s) cut the"
            + " product", Numbers.brief(mb), Numbers.brief(big.get().maxAbsH()));
      }
    }
    return new Claim(claim, measured, "[sweep](#sweep), ρ = " + rho, verdict);
  }

  private static Claim clipped(Optional<ClipSummary> clip) {
    if (clip.isEmpty()) {
      return none(Lesson.CLIP, "clip");
    }
    ClipSummary c = clip.get();
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
        + Numbers.brief(c.rho() == null ? Double.NaN : c.rho()), verdict);
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

  /** Attention's ratio must reach this for its gradient to count as arriving undiminished. */
  static final double ONE_STEP = 0.1;

  /** How far the LRU's far decay may stray from −10·log10 max|λ|, and the input may move it. */
  static final double SPECTRUM_TOLERANCE = 0.25;

  /**
   * Attention's ‖dL_T/dx_1‖ / ‖dL_T/dx_T‖ against each cell's ‖dL_T/dh_1‖ / ‖dL_T/dh_T‖ (curves.csv,
   * T = 50 by default): holds when attention's is at least {@link #ONE_STEP} and above every cell's.
   */
  private static Claim attention(Optional<Experiments.Curves> curves) {
    String claim = Lesson.ATTENTION;
    double[] att = curves.map(c -> c.columns().get("attention")).orElse(null);
    if (curves.isEmpty()) {
      return none(claim, "curves");
    }
    if (att == null || att.length < 2) {
      return new Claim(claim, "—", "curves", "no data: this curves run has no attention column"
          + " (it predates the sequence models)");
    }
    double ra = att[0] / att[att.length - 1];
    List<String> parts = new ArrayList<>();
    String worst = null;
    double best = 0;
    for (String cell : List.of("rnn", "gru", "lstm", "lru")) {
      double[] c = curves.get().columns().get(cell);
      if (c == null || c.length != att.length) {
        continue;
      }
      double r = c[0] / c[c.length - 1];
      parts.add(cell + " " + Numbers.brief(r));
      if (r >= best && !cell.equals("lru")) {
        best = r;
        worst = cell;
      }
    }
    int t = att.length;
    String measured = String.format(Locale.ROOT, "T = %d: attention ‖dL_T/dx_1‖ / ‖dL_T/dx_T‖ ="
        + " %s; ‖dL_T/dh_1‖ / ‖dL_T/dh_T‖: %s", t, Numbers.brief(ra), String.join(", ", parts));
    String rule = " (rule: attention's ratio ≥ " + Numbers.brief(ONE_STEP) + " and above every"
        + " cell's)";
    String verdict = worst == null ? "no data: no cell curve of the same length"
        : ra >= ONE_STEP && ra > best ? "holds: the gradient reaches x_1 at "
            + Numbers.brief(ra) + "× its size at x_T, against at most " + Numbers.brief(best)
            + " (" + worst + ") for the cells" + rule
        : ra < ONE_STEP ? "does not hold here: attention's gradient shrank to "
            + Numbers.brief(ra) + " of its size at x_T" + rule
        : "does not hold here: " + worst + " kept " + Numbers.brief(best) + ", more than attention"
            + rule;
    return new Claim(claim, measured, "[gradient-norm curves](#gradient-norm-curves)", verdict);
  }

  /**
   * The LRU's decay over the 10 steps furthest from the loss of a long run against −10·log10
   * max|λ| on each ring, on the input and on ten times it (curves' lru_spectrum): holds when every
   * ring's is within {@link #SPECTRUM_TOLERANCE} of its spectrum's and the input moves it by less.
   */
  private static Claim linearSpectrum(Optional<Experiments.Curves> curves) {
    String claim = Lesson.LINEAR_SPECTRUM;
    List<Experiments.LruSpectrum> rings = curves.map(Experiments.Curves::lruSpectrum)
        .orElse(List.of());
    if (curves.isEmpty()) {
      return none(claim, "curves");
    }
    if (rings.isEmpty()) {
      return new Claim(claim, "—", "curves", "no data: this curves run has no lru_spectrum"
          + " (it predates the sequence models)");
    }
    List<String> parts = new ArrayList<>();
    List<String> offSpectrum = new ArrayList<>();
    List<String> byInput = new ArrayList<>();
    for (Experiments.LruSpectrum r : rings) {
      double dev = r.farDecay() / r.predictedDecay() - 1;
      double moved = r.farDecayScaled() / r.farDecay() - 1;
      parts.add(String.format(Locale.ROOT, "ring %s: max|λ| = %.5f, −10·log10 max|λ| = %.3g,"
          + " measured %.3g (input × 10: %.3g)", r.ring(), r.maxModulus(), r.predictedDecay(),
          r.farDecay(), r.farDecayScaled()));
      if (!(Math.abs(dev) <= SPECTRUM_TOLERANCE)) {
        offSpectrum.add(String.format(Locale.ROOT, "%s %+.0f %%", r.ring(), 100 * dev));
      }
      if (!(Math.abs(moved) <= SPECTRUM_TOLERANCE)) {
        byInput.add(String.format(Locale.ROOT, "%s %+.0f %%", r.ring(), 100 * moved));
      }
    }
    int steps = rings.get(0).steps();
    String measured = "LRU, decades per 10 steps lost over the 10 steps furthest from the loss of"
        + " a " + steps + "-step run: " + String.join("; ", parts);
    String rule = String.format(Locale.ROOT, " (rule: on every ring within %.0f %% of −10·log10"
        + " max|λ|, and input × 10 moves it by less than %.0f %%)", 100 * SPECTRUM_TOLERANCE,
        100 * SPECTRUM_TOLERANCE);
    String verdict = offSpectrum.isEmpty() && byInput.isEmpty()
        ? "holds: the decay is the spectrum's, set by the ring the LRU was initialised on, not by"
            + " the input" + rule
        : !offSpectrum.isEmpty() ? "does not hold here: the decay strays from the spectrum's ("
            + String.join(", ", offSpectrum) + ")" + rule
        : "does not hold here: the input moved the decay (" + String.join(", ", byInput) + ")"
            + rule;
    return new Claim(claim, measured, "[gradient-norm curves](#gradient-norm-curves), "
        + "lru_spectrum", verdict);
  }

  private static Claim orthogonal(Optional<JacobianSummary> jac) {
    if (jac.isEmpty() || !"orthogonal".equals(jac.get().init())) {
      return none(Lesson.ORTHOGONAL, "jacobian");
    }
    if (jac.get().wHhSpectralRadius() == null) {
      return new Claim(Lesson.ORTHOGONAL, "—", "[jacobian](#jacobian)", "no data: the `jacobian`"
          + " experiment ran " + jac.get().cell() + "; W_hh's ρ and σ_max are rnn's only");
    }
    double rho = jac.get().wHhSpectralRadius();
    return new Claim(Lesson.ORTHOGONAL, "ρ(W_hh) = " + String.format(Locale.ROOT, "%.6f", rho)
        + ", σ_max = " + String.format(Locale.ROOT, "%.6f", jac.get().wHhLargestSingularValue()),
        "[jacobian](#jacobian), H = " + jac.get().hidden(),
        Math.abs(rho - 1) < 1e-4 ? "holds" : "does not hold: ρ = " + Numbers.brief(rho));
  }

  private static Claim marginal(Optional<SweepSummary> sweep) {
    Optional<SweepSummary.Run> lin = sweep.flatMap(s -> s.run("tanh", "small-input", 1.0));
    Optional<SweepSummary.Run> big = sweep.flatMap(s -> s.run("tanh", "large-input", 1.0));
    if (lin.isEmpty() || big.isEmpty()) {
      return none(Lesson.MARGINAL, "sweep");
    }
    double a = lin.get().ratioAtProbeLagAsDouble();
    double b = big.get().ratioAtProbeLagAsDouble();
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

  private static Claim trap(Optional<SaturationSummary> sat) {
    if (sat.isEmpty() || sat.get().runs() == null || sat.get().runs().isEmpty()) {
      return none(Lesson.TRAP, "saturation");
    }
    SaturationSummary.Run lo = sat.get().runs().get(0);
    SaturationSummary.Run hi = sat.get().runs().get(sat.get().runs().size() - 1);
    double hi10 = hi.survive10AsDouble();
    double hi30 = hi.survive30AsDouble();
    double lo30 = lo.survive30AsDouble();
    String measured = String.format(Locale.ROOT, "input scale %s: %.0f %% of units saturated,"
        + " %s of the gradient survives 10 steps, %s survives 30 (scale %s: %s)",
        Numbers.brief(hi.inputScale()), 100 * hi.saturatedFraction(), Numbers.brief(hi10),
        Numbers.brief(hi30), Numbers.brief(lo.inputScale()), Numbers.brief(lo30));
    String verdict = hi.saturatedFraction() <= 0 ? "no data: no run saturated"
        : hi30 <= hi10 && hi30 < lo30 ? "holds: the"
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
