package org.bpttbench.report;

import java.util.ArrayList;
import java.util.List;

/** The gradient-norm section: one row per cell with its decay, read from the curve summaries. */
final class CurveSection {

  private static final List<String> KEYS =
      List.of("hidden", "steps", "backend", "init", "rho", "loss", "seed");

  private CurveSection() {}

  /** Long decimals shortened to 4 significant digits; integers and words unchanged. */
  static String number(String v) {
    if (!v.matches("-?[0-9]*\\.[0-9]{5,}([eE][-+]?[0-9]+)?")) {
      return v;
    }
    return Units.num(Double.parseDouble(v));
  }

  static String markdown(List<GradCurve> curves, String missingNote, boolean plotted) {
    StringBuilder sb = new StringBuilder("## Gradient-norm curves\n\n");
    if (curves.isEmpty()) {
      return sb.append('_').append(missingNote).append("_\n\n").toString();
    }
    if (plotted) {
      sb.append("![gradient norm vs t](gradnorm.png)\n\n");
    }
    sb.append("‖dL_T/dh_t‖ for t = 1..T, from the `gradnorm` command; the decay in decades (factors"
        + " of 10) per 10 steps back in time is `decades_per_10_steps` of each curve's"
        + " summary.json, with the sign convention of `gradnorm`.\n\n");
    List<String> headers = new ArrayList<>(List.of("curve", "cell"));
    headers.addAll(KEYS);
    headers.addAll(List.of("decades per 10 steps", "‖g‖ at t=1", "‖g‖ at t=T"));
    List<List<String>> rows = new ArrayList<>();
    for (GradCurve c : curves) {
      List<String> row = new ArrayList<>(List.of(c.name(), c.get("cell")));
      KEYS.forEach(k -> row.add(number(c.get(k))));
      row.add(number(c.get("decades_per_10_steps")));
      row.add(c.norm().length == 0 ? "—" : Units.num(c.norm()[0]));
      row.add(c.norm().length == 0 ? "—" : Units.num(c.norm()[c.norm().length - 1]));
      rows.add(row);
    }
    sb.append(Tables.markdown(headers, rows)).append('\n');
    for (GradCurve c : curves) {
      if (c.summary().isEmpty()) {
        sb.append("_").append(c.name()).append(": no summary.json beside the curve._\n\n");
      }
    }
    return sb.toString();
  }
}
