package org.bpttbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bpttbench.output.CurvesFiles;
import org.bpttbench.output.Numbers;

/**
 * The gradient-norm section, read from the curves experiment's output ({@code experiments/curves/}
 * as {@link CurvesFiles} writes it): one row per model (the cells, then lru and attention) with
 * its decay. The figure is that
 * experiment's {@code curves.png}, copied as {@code gradnorm.png}, not drawn again.
 */
final class CurveSection {

  static final String FIGURE = "gradnorm.png";

  private CurveSection() {}

  /** The curves experiment's directory under {@code experiments}, or null if it has none. */
  static Path find(Path experiments) {
    Path dir = experiments == null ? null : experiments.resolve("curves");
    return dir != null && Files.isRegularFile(dir.resolve(CurvesFiles.CSV)) ? dir : null;
  }

  /** Copies the figure and its CSV into {@code out} as gradnorm.png/.csv; false without curves. */
  static boolean copyFigure(Path curves, Path out) throws IOException {
    if (curves == null || !Files.isRegularFile(curves.resolve(CurvesFiles.PNG))) {
      return false;
    }
    Files.copy(curves.resolve(CurvesFiles.PNG), out.resolve(FIGURE),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(curves.resolve(CurvesFiles.CSV), out.resolve("gradnorm.csv"),
        StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  /** Long decimals shortened to 4 significant digits; integers and words unchanged; null "—". */
  static String number(String v) {
    if (v == null) {
      return "—";
    }
    if (!v.matches("-?[0-9]*\\.[0-9]{5,}([eE][-+]?[0-9]+)?")) {
      return v;
    }
    double d = Double.parseDouble(v);
    return d == 0 || Double.isInfinite(d) ? v : Numbers.brief(d);
  }

  static String markdown(Experiments ex, Path curves, boolean plotted) {
    StringBuilder sb = new StringBuilder("## Gradient-norm curves\n\n");
    if (curves == null) {
      return sb.append("_No ").append(CurvesFiles.CSV).append(" under ")
          .append(ex.dir() == null ? "--experiments (not given)" : ex.dir() + "/curves")
          .append(": run `experiments --out DIR` and pass `report --experiments DIR`._\n\n")
          .toString();
    }
    if (plotted) {
      sb.append("![gradient norm vs t](").append(FIGURE).append(")\n\n");
    }
    sb.append(Prose.get("curves"));
    List<List<String>> rows = new ArrayList<>();
    ex.curves().ifPresent(c -> c.all().forEach((cell, d) -> rows.add(List.of(cell,
        d.gradient() == null ? "h_t" : d.gradient(),
        String.valueOf(c.hidden()), String.valueOf(c.steps()), number(c.backend()),
        d.init() == null ? number(c.init()) : d.init(),
        c.rho() == null || c.rho().isNaN() || d.init() != null ? "—" : shown(c.rho()),
        number(d.loss()),
        String.valueOf(c.seed()), shown(d.decades()), number(d.gradNormAt1()),
        number(d.gradNormAtT())))));
    if (rows.isEmpty()) {
      return sb.append("_").append(curves.resolve(CurvesFiles.SUMMARY))
          .append(" lists no cells._\n\n").toString();
    }
    return sb.append(Tables.markdown(List.of("model", "gradient of", "hidden", "steps", "backend", "init", "rho",
        "loss", "seed", "decades per 10 steps", "‖g‖ at t=1", "‖g‖ at t=T"), rows)).append('\n')
        .toString();
  }

  /** A double as summary.json holds it, then {@link #number}; nan/inf as written. */
  static String shown(double v) {
    return Double.isFinite(v) ? number(Double.toString(v)) : Numbers.full(v);
  }
}
