package org.bpttbench.experiment;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.cli.Args;
import org.bpttbench.cli.UsageException;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;

/** Small helpers shared by the experiment commands: options, number formats, CSV and JSON. */
final class Experiments {
  private Experiments() {}

  static final String COMMON_HELP = String.join("\n",
      "  --out DIR          output directory (written in full, then renamed into place)",
      "  --backend B        kernel backend: simd, scalar or auto (default auto)",
      "  --seed S           seed of weights and inputs (default 42)");

  /** The output directory; refused up front if it is a file. */
  static Path out(Args a) {
    Path out = Path.of(a.required("out"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("option --out: " + out + " is a file (expected a directory)");
    }
    return out;
  }

  static Kernels kernels(Args a) {
    return KernelProvider.forName(a.choice("backend", "auto", "simd", "scalar", "auto"));
  }

  static InitScheme init(Args a, String dflt) {
    return InitScheme.fromId(a.choice("init", dflt, "gauss", "orthogonal", "identity", "pytorch"));
  }

  /** A comma-separated list of finite numbers in [min, max]. */
  static double[] numbers(Args a, String name, double[] dflt, double min, double max) {
    if (!a.has(name)) {
      return dflt;
    }
    String v = a.string(name, "");
    List<Double> out = new ArrayList<>();
    for (String part : v.split(",")) {
      double d;
      try {
        d = Double.parseDouble(part.trim());
      } catch (NumberFormatException e) {
        throw new UsageException("option --" + name + ": '" + part.trim()
            + "' is not a number (expected a comma-separated list)");
      }
      if (!Double.isFinite(d) || d < min || d > max) {
        throw new UsageException("option --" + name + ": " + part.trim()
            + " is out of range (expected " + min + " .. " + max + ")");
      }
      out.add(d);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A number given as its log10, printed in full beyond double's range: {@code 1.234567890e-70}; 0; inf; nan. */
  static String log10(double log10) {
    return org.bpttbench.cli.CurveFormat.log10ToString(log10);
  }

  /** A plain double: {@code %.9g}, or nan, inf, -inf. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.9g", v);
  }

  /** A short label for charts and messages: 4 significant digits, no trailing zeros. */
  static String label(double v) {
    if (!Double.isFinite(v)) {
      return num(v);
    }
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros()
        .toPlainString();
  }

  /** For JSON: finite doubles as numbers, others as the strings nan/inf/-inf. */
  static Object json(double v) {
    return Double.isFinite(v) ? (Object) v : num(v);
  }

  /** 10^log10 as a double for charts (0 or ∞ outside double's range, which the chart drops). */
  static double pow10(double log10) {
    return Math.pow(10, log10);
  }

  static void writeJson(Path file, Map<String, Object> map) throws IOException {
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create()
        .toJson(map) + "\n");
  }

  static PrintWriter csv(Path file, String header) throws IOException {
    PrintWriter w = new PrintWriter(Files.newBufferedWriter(file));
    w.println(header);
    return w;
  }

  static Model copy(Model m) {
    Model c = m.zerosLike();
    for (Tensor t : m.tensors()) {
      System.arraycopy(t.data(), 0, c.tensor(t.name()).data(), 0, t.size());
    }
    return c;
  }

  static double[] range(int from, int to) {
    double[] r = new double[to - from + 1];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
