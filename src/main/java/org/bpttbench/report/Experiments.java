package org.bpttbench.report;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bpttbench.output.CurvesFiles;
import org.bpttbench.output.Json;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Numbers;

/**
 * Every experiment output a report reads, loaded once: each summary.json into its record (keys
 * are the components in snake_case; nan/inf strings are doubles), and curves.csv's columns. An
 * experiment that did not run is empty.
 *
 * @param dir the output of {@code experiments --out DIR}, or null
 */
record Experiments(Path dir, Optional<Curves> curves, Optional<LearnSummary> learn,
                   Optional<Sweep> sweep, Optional<Clip> clip, Optional<Jacobian> jacobian,
                   Optional<Saturation> saturation, Optional<LearnSummary> learnAdding) {

  /** curves/summary.json and curves.csv (one column per cell, t = 1..T). */
  record Curves(int seed, int hidden, int steps, String backend, String init, Double rho,
                Map<String, Decay> cells, Map<String, double[]> columns) {}

  /** The loss as written (a value or its name); the norms as text, exact beyond double range. */
  record Decay(String loss, @SerializedName("decades_per_10_steps_measured") double decades,
               @SerializedName("grad_norm_at_1") String gradNormAt1,
               @SerializedName("grad_norm_at_T") String gradNormAtT) {}

  /** sweep/summary.json. */
  record Sweep(int probeLag, List<SweepRun> runs) {

    /** The run of {@code activation} in {@code regime} at {@code rho}. */
    Optional<SweepRun> run(String activation, String regime, double rho) {
      return runs.stream().filter(r -> r.activation().equals(activation)
          && r.regime().equals(regime) && Math.abs(r.rho() - rho) < 1e-9).findFirst();
    }
  }

  record SweepRun(String activation, String regime, double rho, double ratioAtProbeLag,
                  double maxAbsH) {}

  /** clip/summary.json; a first non-finite update is null when the run stayed finite. */
  record Clip(String activation, double rho, double maxNorm, Integer firstNonfiniteUpdatePlain,
              Integer firstNonfiniteUpdateClipped) {}

  /** jacobian/summary.json. */
  record Jacobian(String init, int hidden, double wHhSpectralRadius,
                  double wHhLargestSingularValue) {}

  /** saturation/summary.json, runs in rising input scale. */
  record Saturation(List<SaturationRun> runs) {}

  record SaturationRun(double inputScale, double saturatedFraction,
                       @SerializedName("survive_10") double survive10,
                       @SerializedName("survive_30") double survive30) {}

  /** The directory of learn's adding-task run, beside learn/ (the agreement task). */
  static final String LEARN_ADDING = "learn-adding";

  /** Reads every experiment under {@code dir} (null: none). */
  static Experiments load(Path dir) throws IOException {
    Map<String, double[]> cols = dir == null ? Map.of()
        : columns(dir.resolve("curves").resolve(CurvesFiles.CSV));
    Optional<Curves> curves = summary(dir, "curves", Curves.class).map(c -> new Curves(c.seed(),
        c.hidden(), c.steps(), c.backend(), c.init(), c.rho(),
        c.cells() == null ? Map.of() : c.cells(), cols));
    return new Experiments(dir, curves, summary(dir, "learn", LearnSummary.class),
        summary(dir, "sweep", Sweep.class), summary(dir, "clip", Clip.class),
        summary(dir, "jacobian", Jacobian.class), summary(dir, "saturation", Saturation.class),
        summary(dir, LEARN_ADDING, LearnSummary.class));
  }

  private static <T> Optional<T> summary(Path dir, String name, Class<T> type)
      throws IOException {
    Path f = dir == null ? null : dir.resolve(name).resolve("summary.json");
    return f != null && Files.isRegularFile(f) ? Optional.of(Json.read(f, type))
        : Optional.empty();
  }

  /** curves.csv by column name; refuses a file without its header or with a non-number. */
  private static Map<String, double[]> columns(Path csv) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(csv)) {
      return out;
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).startsWith("t,")) {
      throw new IllegalArgumentException(csv + ": expected a header line 't,rnn,gru,lstm'");
    }
    String[] names = lines.get(0).split(",");
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      double[] row = new double[names.length];
      for (int j = 0; j < f.length && j < row.length; j++) {
        try {
          row[j] = Numbers.parse(f[j]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(csv + " line " + (i + 1) + ": '" + f[j]
              + "' is not a number");
        }
      }
      rows.add(row);
    }
    for (int j = 0; j < names.length; j++) {
      final int col = j;
      out.put(names[j], rows.stream().mapToDouble(r -> r[col]).toArray());
    }
    return out;
  }
}
