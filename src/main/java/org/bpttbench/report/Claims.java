package org.bpttbench.report;

import org.bpttbench.output.Json;

import org.bpttbench.output.Numbers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every numeric or testable claim of the lesson (lesson-03, vanishing and exploding gradients)
 * beside what this run measured, the experiment it comes from, and a verdict in words computed
 * from the data: "holds", "holds only when …", "does not hold here: …", or "no data" when the
 * experiment did not run.
 */
final class Claims {

  /** One row. */
  record Claim(String claim, String measured, String source, String verdict) {}

  /** Float32's unit roundoff: a gradient smaller than this relative to another is lost in a sum. */
  static final double FLOAT_EPS = Math.pow(2, -24);

  private final Path experiments;

  private Claims(Path experiments) {
    this.experiments = experiments;
  }

  static String markdown(Path experiments) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Claim c : new Claims(experiments).all()) {
      rows.add(List.of(c.claim(), c.measured(), c.source(), c.verdict()));
    }
    return "## The lesson's claims, checked\n\nEach numeric or testable claim of the lesson"
        + " (`lesson-03-vanishing-exploding-gradients`) beside this run's measurement; the"
        + " verdict is computed from the data. \"≈ x\" holds within a factor 1.5 of x.\n\n"
        + Tables.markdown(List.of("the lesson says", "measured here", "from", "verdict"), rows)
        + "\n";
  }

  List<Claim> all() throws IOException {
    List<Claim> out = new ArrayList<>();
    Optional<JsonObject> sweep = summary("sweep");
    out.add(power(0.7, 8e-4, "0.7^20 ≈ 8e-4 (|λ_max| = 0.7, 20 steps, best case tanh′ = 1)", sweep));
    out.add(power(1.5, 3300, "1.5^20 ≈ 3300: the gradient explodes", sweep));
    out.add(clipped(summary("clip")));
    double d3 = 1 - Math.pow(Math.tanh(3), 2);
    out.add(new Claim("tanh′(±3) = 1 − tanh²(3) ≈ 0.01", Numbers.brief(d3),
        "computed (double precision)", near(d3, 0.01) ? "holds" : "does not hold: "
            + Numbers.brief(d3)));
    out.addAll(decades(summary("curves")));
    out.add(indistinguishable());
    out.add(orthogonal(summary("jacobian")));
    out.add(marginal(sweep));
    Optional<LagResults> learn = LagResults.read(experiments);
    out.add(drift(learn));
    out.add(trap(summary("saturation")));
    out.add(longRange(learn));
    return out;
  }

  private Optional<JsonObject> summary(String name) throws IOException {
    Path f = experiments == null ? null : experiments.resolve(name).resolve("summary.json");
    return f != null && Files.isRegularFile(f) ? Optional.of(Json.read(f).getAsJsonObject())
        : Optional.empty();
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

  private static double num(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(e.getAsString());
    } catch (NumberFormatException ex) {
      return Double.NaN;
    }
  }

  /** The sweep run of {@code activation} in {@code regime} at {@code rho}. */
  private static Optional<JsonObject> run(Optional<JsonObject> sweep, String activation,
      String regime, double rho) {
    if (sweep.isEmpty() || !sweep.get().has("runs")) {
      return Optional.empty();
    }
    for (JsonElement e : sweep.get().getAsJsonArray("runs")) {
      JsonObject r = e.getAsJsonObject();
      if (r.get("activation").getAsString().equals(activation)
          && r.get("regime").getAsString().equals(regime) && Math.abs(num(r, "rho") - rho) < 1e-9) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private Claim power(double rho, double claimed, String claim, Optional<JsonObject> sweep) {
    double exact = Math.pow(rho, 20);
    String computed = "ρ^20 = " + Numbers.brief(exact);
    Optional<JsonObject> lin = run(sweep, "tanh", "small-input", rho);
    Optional<JsonObject> big = run(sweep, "tanh", "large-input", rho);
    int lag = sweep.map(s -> (int) num(s, "probe_lag")).orElse(-1);
    if (lin.isEmpty() || lag != 20) {
      return new Claim(claim, computed + (sweep.isEmpty() ? "" : "; the sweep ran no ρ = "
          + rho + " at lag 20"), "computed", near(exact, claimed) ? "holds (arithmetic)"
          : "does not hold: ρ^20 = " + Numbers.brief(exact));
    }
    double m = num(lin.get(), "ratio_at_probe_lag");
    double maxH = num(lin.get(), "max_abs_h");
    String measured = computed + "; measured ‖dL_T/dh_{T−20}‖ / ‖dL_T/dh_T‖ = " + Numbers.brief(m)
        + " (tanh, small input)";
    String verdict = near(m, claimed) ? "holds"
        : maxH > 0.9 ? "holds only while tanh stays linear: measured " + Numbers.brief(m)
            + " because the state saturated (max |h| " + Numbers.brief(maxH) + ") and tanh′ ≈ 0"
            + " bounds the product"
        : "does not hold here: " + Numbers.brief(m);
    Optional<JsonObject> relu = run(sweep, "relu", "small-input", rho);
    if (relu.isPresent()) {
      measured += ", " + Numbers.brief(num(relu.get(), "ratio_at_probe_lag")) + " (relu)";
    }
    if (big.isPresent()) {
      double mb = num(big.get(), "ratio_at_probe_lag");
      measured += ", " + Numbers.brief(mb) + " (tanh, large input)";
      if (near(m, claimed) && !near(mb, claimed)) {
        verdict = String.format(Locale.ROOT, "holds only when the state stays small (linear"
            + " tanh): with large input it is %s, because saturated units (max |h| %s) cut the"
            + " product", Numbers.brief(mb), Numbers.brief(num(big.get(), "max_abs_h")));
      }
    }
    return new Claim(claim, measured, "[sweep](#sweep), ρ = " + rho, verdict);
  }

  private Claim clipped(Optional<JsonObject> clip) {
    String claim = "the gradient explodes; training diverges to NaN unless clipped";
    if (clip.isEmpty()) {
      return none(claim, "clip");
    }
    JsonObject c = clip.get();
    double plain = num(c, "first_nonfinite_update_plain");
    double clippedAt = num(c, "first_nonfinite_update_clipped");
    String measured = (Double.isNaN(plain) ? "no clipping: finite throughout"
        : "no clipping: not finite from update " + (int) plain) + "; clip_grad_norm_("
        + Numbers.brief(num(c, "max_norm")) + "): " + (Double.isNaN(clippedAt) ? "finite throughout"
        : "not finite from update " + (int) clippedAt);
    String verdict = !Double.isNaN(plain) && Double.isNaN(clippedAt) ? "holds"
        : Double.isNaN(plain) ? "does not hold here: the unclipped run stayed finite"
        : "does not hold here: clipping did not keep it finite";
    return new Claim(claim, measured, "[clip](#clip), " + c.get("activation").getAsString()
        + " ρ = " + Numbers.brief(num(c, "rho")), verdict);
  }

  private List<Claim> decades(Optional<JsonObject> curves) {
    String[][] claims = {{"rnn", "RNN: ≈ 3 orders of magnitude per 10 steps", "3"},
        {"gru", "GRU: ≈ 1 order of magnitude per 10 steps", "1"},
        {"lstm", "LSTM: similar to GRU", ""}};
    List<Claim> out = new ArrayList<>();
    JsonObject cells = curves.filter(c -> c.has("cells")).map(c -> c.getAsJsonObject("cells"))
        .orElse(null);
    for (String[] c : claims) {
      if (cells == null || !cells.has(c[0])) {
        out.add(none(c[1], "curves"));
        continue;
      }
      double d = num(cells.getAsJsonObject(c[0]), "decades_per_10_steps_measured");
      String init = curves.get().has("init") ? curves.get().get("init").getAsString() : "?";
      String source = "[gradient-norm curves](#gradient-norm-curves), " + init + " init";
      if (c[2].isEmpty()) {
        double gru = cells.has("gru") ? num(cells.getAsJsonObject("gru"),
            "decades_per_10_steps_measured") : Double.NaN;
        out.add(new Claim(c[1], Numbers.brief(d) + " decades per 10 steps (GRU "
            + Numbers.brief(gru) + ")", source, near(d, gru) ? "holds"
            : "does not hold here: " + Numbers.brief(d / gru) + "× GRU's"));
      } else {
        double want = Double.parseDouble(c[2]);
        out.add(new Claim(c[1], Numbers.brief(d) + " decades per 10 steps", source,
            near(d, want) ? "holds" : String.format(Locale.ROOT, "does not hold here: %s× the"
                + " claim at this initialisation", Numbers.brief(d / want))));
      }
    }
    return out;
  }

  /** "By t = 20 (30 steps from the loss) the gradient is indistinguishable from zero." */
  private Claim indistinguishable() throws IOException {
    String claim = "RNN: by t = 20 (30 steps from the loss) the gradient is computationally"
        + " indistinguishable from zero";
    Path csv = experiments == null ? null : experiments.resolve("curves/curves.csv");
    if (csv == null || !Files.isRegularFile(csv)) {
      return none(claim, "curves");
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int col = List.of(lines.get(0).split(",")).indexOf("rnn");
    int steps = lines.size() - 1;
    if (col < 0 || steps <= 30) {
      return new Claim(claim, "—", "curves", "no data: the curve is shorter than 31 steps");
    }
    double last = Double.parseDouble(lines.get(steps).split(",")[col]);
    double back = Double.parseDouble(lines.get(steps - 30).split(",")[col]);
    double r = back / last;
    return new Claim(claim, "‖dL_T/dh_{T−30}‖ / ‖dL_T/dh_T‖ = " + Numbers.brief(r) + " (float32"
        + " unit roundoff " + Numbers.brief(FLOAT_EPS) + ")", "[gradient-norm curves]"
        + "(#gradient-norm-curves)", r < FLOAT_EPS ? "holds: below float32's resolution of the"
        + " final-step gradient" : "does not hold here: still " + Numbers.brief(r / FLOAT_EPS)
        + "× float32's resolution");
  }

  private Claim orthogonal(Optional<JsonObject> jac) {
    String claim = "orthogonal initialisation gives |λ_max| = 1";
    if (jac.isEmpty() || !jac.get().get("init").getAsString().equals("orthogonal")) {
      return none(claim, "jacobian");
    }
    double rho = num(jac.get(), "w_hh_spectral_radius");
    return new Claim(claim, "ρ(W_hh) = " + String.format(Locale.ROOT, "%.6f", rho) + ", σ_max = "
        + String.format(Locale.ROOT, "%.6f", num(jac.get(), "w_hh_largest_singular_value")),
        "[jacobian](#jacobian), H = " + jac.get().get("hidden").getAsString(),
        Math.abs(rho - 1) < 1e-4 ? "holds" : "does not hold: ρ = " + Numbers.brief(rho));
  }

  private Claim marginal(Optional<JsonObject> sweep) {
    String claim = "|λ_max| = 1: stable in the linear regime; saturated tanh still contracts";
    Optional<JsonObject> lin = run(sweep, "tanh", "small-input", 1.0);
    Optional<JsonObject> big = run(sweep, "tanh", "large-input", 1.0);
    if (lin.isEmpty() || big.isEmpty()) {
      return none(claim, "sweep");
    }
    double a = num(lin.get(), "ratio_at_probe_lag");
    double b = num(big.get(), "ratio_at_probe_lag");
    int lag = (int) num(sweep.get(), "probe_lag");
    return new Claim(claim, "ratio at lag " + lag + ": " + Numbers.brief(a) + " (small input), "
        + Numbers.brief(b) + " (large input)", "[sweep](#sweep), ρ = 1",
        near(a, 1) && b < 0.1 ? "holds" : near(a, 1) ? "holds in the linear regime; large input"
            + " contracted only to " + Numbers.brief(b) : "does not hold here: " + Numbers.brief(a)
            + " in the linear regime");
  }

  private Claim drift(Optional<LagResults> learn) {
    String claim = "training drives the weights away from this initialisation";
    if (learn.isEmpty() || learn.get().rho().isEmpty()) {
      return none(claim, "learn");
    }
    List<String> parts = new ArrayList<>();
    boolean moved = true;
    for (String cell : learn.get().rho().keySet()) {
      double ch = learn.get().medianRhoChange(cell);
      parts.add(String.format(Locale.ROOT, "%s %.1f %%", cell, 100 * ch));
      moved &= ch > 0.05;
    }
    return new Claim(claim, "median change of ρ(W_hh) after training: " + String.join(", ", parts),
        "[Can it learn?](#can-it-learn)", moved ? "holds: every cell's ρ(W_hh) moved by more than"
            + " 5 %" : "holds only for some cells: a change under 5 % counts as staying");
  }

  private Claim trap(Optional<JsonObject> sat) {
    String claim = "tanh saturation is a one-way trap: a killed gradient does not recover";
    if (sat.isEmpty() || !sat.get().has("runs")) {
      return none(claim, "saturation");
    }
    List<JsonObject> runs = new ArrayList<>();
    sat.get().getAsJsonArray("runs").forEach(e -> runs.add(e.getAsJsonObject()));
    JsonObject lo = runs.get(0);
    JsonObject hi = runs.get(runs.size() - 1);
    double s10 = num(hi, "survive_10");
    double s30 = num(hi, "survive_30");
    String measured = String.format(Locale.ROOT, "input scale %s: %.0f %% of units saturated,"
        + " %s of the gradient survives 10 steps, %s survives 30 (scale %s: %s)",
        Numbers.brief(num(hi, "input_scale")), 100 * num(hi, "saturated_fraction"),
        Numbers.brief(s10), Numbers.brief(s30), Numbers.brief(num(lo, "input_scale")),
        Numbers.brief(num(lo, "survive_30")));
    String verdict = num(hi, "saturated_fraction") <= 0 ? "no data: no run saturated"
        : s30 <= s10 && s30 < num(lo, "survive_30") ? "holds: the surviving share keeps falling"
            + " and never climbs back" : "does not hold here: the gradient recovered";
    return new Claim(claim, measured, "[saturation](#saturation)", verdict);
  }

  private Claim longRange(Optional<LagResults> learn) {
    String claim = "a vanilla RNN cannot learn a dependency 30 steps back; GRU/LSTM can";
    if (learn.isEmpty()) {
      return none(claim, "learn");
    }
    LagResults l = learn.get();
    List<String> parts = new ArrayList<>();
    l.solved().keySet().forEach(c -> parts.add(c + " " + l.describe(c)));
    int rnn = l.longestSolved("rnn");
    boolean tried = l.longestTried("rnn") >= 30;
    List<String> gatedFail = new ArrayList<>();
    l.solved().keySet().stream().filter(c -> !c.equals("rnn") && l.longestTried(c) >= 30
        && l.longestSolved(c) < 30).forEach(c -> gatedFail.add(c + " " + l.describe(c)));
    String verdict = !l.solved().containsKey("rnn") ? "no data: no rnn run"
        : !tried ? "no data: no lag ≥ 30 tried"
        : rnn >= 30 ? "does not hold here: the RNN solved lag " + rnn
        : gatedFail.isEmpty() ? "holds: the RNN solved " + (rnn < 0 ? "no lag" : "lag " + rnn
            + " at most") + ", the gated cells lag 30"
        : "holds for the RNN (" + (rnn < 0 ? "no lag" : "lag " + rnn + " at most") + "), but"
            + " not every gated cell learns lag 30 either: " + String.join(", ", gatedFail);
    return new Claim(claim, l.task() + " task, solved: " + String.join("; ", parts),
        "[Can it learn?](#can-it-learn)", verdict);
  }
}
