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
import org.bpttbench.output.ClipSummary;
import org.bpttbench.output.CurvesFiles;
import org.bpttbench.output.JacobianSummary;
import org.bpttbench.output.Json;
import org.bpttbench.output.LearnSummary;
import org.bpttbench.output.Numbers;
import org.bpttbench.output.SaturationSummary;
import org.bpttbench.output.SweepSummary;

/**
 * Every experiment output a report reads, loaded once: each summary.json into its record (keys
 * are the components in snake_case; nan/inf strings are doubles), and curves.csv's columns. An
 * experiment that did not run is empty.
 *
 * @param dir the output of {@code experiments --out DIR}, or null
 */
record Experiments(Path dir, Optional<Curves> curves, Optional<LearnSummary> learn,
                   Optional<SweepSummary> sweep, Optional<ClipSummary> clip,
                   Optional<JacobianSummary> jacobian, Optional<SaturationSummary> saturation,
                   Optional<LearnSummary> learnAdding) {

  /**
   * curves/summary.json and curves.csv (one column per model, t = 1..T): the cells, the sequence
   * models (lru, attention; none in a run from before them) and the LRU against its spectrum.
   */
  record Curves(int seed, int hidden, int steps, String backend, String init, Double rho,
                Map<String, Decay> cells, Map<String, Decay> models,
                List<LruSpectrum> lruSpectrum, Map<String, double[]> columns) {

    /** The cells, then the sequence models, by id. */
    Map<String, Decay> all() {
      Map<String, Decay> out = new LinkedHashMap<>(cells);
      out.putAll(models);
      return out;
    }
  }

  /**
   * The loss as written (a value or its name); the norms as text, exact beyond double range;
   * {@code gradient} ({@code h_t} or {@code x_t}) and {@code init} for the sequence models only.
   */
  record Decay(String loss, @SerializedName("decades_per_10_steps_measured") double decades,
               @SerializedName("grad_norm_at_1") String gradNormAt1,
               @SerializedName("grad_norm_at_T") String gradNormAtT, String gradient,
               String init) {}

  /** One ring of curves/summary.json's lru_spectrum. */
  record LruSpectrum(String ring, int steps, double maxModulus, double minModulus,
                     double predictedDecay, double farDecay,
                     @SerializedName("far_decay_input_x10") double farDecayScaled) {}

  /** The directory of learn's adding-task run, beside learn/ (the agreement task). */
  static final String LEARN_ADDING = "learn-adding";

  /** Reads every experiment under {@code dir} (null: none). */
  static Experiments load(Path dir) throws IOException {
    Map<String, double[]> cols = dir == null ? Map.of()
        : columns(dir.resolve("curves").resolve(CurvesFiles.CSV));
    Optional<Curves> curves = summary(dir, "curves", Curves.class).map(c -> new Curves(c.seed(),
        c.hidden(), c.steps(), c.backend(), c.init(), c.rho(),
        c.cells() == null ? Map.of() : c.cells(), c.models() == null ? Map.of() : c.models(),
        c.lruSpectrum() == null ? List.of() : c.lruSpectrum(), cols));
    return new Experiments(dir, curves, summary(dir, "learn", LearnSummary.class),
        summary(dir, "sweep", SweepSummary.class), summary(dir, "clip", ClipSummary.class),
        summary(dir, "jacobian", JacobianSummary.class),
        summary(dir, "saturation", SaturationSummary.class),
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
