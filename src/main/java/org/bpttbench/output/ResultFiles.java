package org.bpttbench.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.experiment.Setup;

/**
 * How one experiment's result becomes files (CSV, PNG, summary.json) in a directory and a few
 * lines on the console. One implementation per result record; the CLI stages the directory.
 */
public interface ResultFiles<R> {

  /** Writes every file of {@code result} into {@code dir} (an empty staging directory). */
  void write(R result, Path dir) throws IOException;

  /** What the run found, a few lines for the console. */
  String describe(R result);

  /** A summary.json map starting with the experiment, backend and the setup it generated from. */
  static Map<String, Object> summary(String experiment, String backend, Setup s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment", experiment);
    m.put("backend", backend);
    m.put("seed", s.seed());
    m.put("hidden", s.hidden());
    m.put("input", s.input());
    m.put("classes", s.classes());
    m.put("steps", s.steps());
    m.put("init", s.init().id());
    m.put("rho", s.rhoUsed());
    return m;
  }

  /** A summary.json map starting with a model's cell (and rnn activation) and sizes. */
  static Map<String, Object> modelSummary(Model m) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("cell", m.kind.id());
    if (m.kind == CellKind.RNN) {
      s.put("activation", m.activation.id());
    }
    s.put("hidden", m.hiddenSize);
    s.put("input", m.inputSize);
    s.put("classes", m.classes);
    s.put("num_layers", m.numLayers);
    s.put("bidirectional", m.bidirectional);
    return s;
  }

  /** A model for the console: {@code rnn (tanh) H=64 I=16 V=10}. */
  static String modelLabel(Model m) {
    return m.kind.id() + (m.kind == CellKind.RNN ? " (" + m.activation.id() + ")" : "") + " H="
        + m.hiddenSize + " I=" + m.inputSize + " V=" + m.classes
        + (m.numLayers > 1 ? ", " + m.numLayers + " layers" : "")
        + (m.bidirectional ? ", bidirectional" : "");
  }

  /** Writes a CSV: the header line, then the rows. */
  static void csv(Path file, String header, List<String> rows) throws IOException {
    StringBuilder sb = new StringBuilder(header).append('\n');
    rows.forEach(r -> sb.append(r).append('\n'));
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  /** Cells joined by commas, doubles in {@link Numbers#full}. */
  static String row(Object... cells) {
    StringBuilder sb = new StringBuilder();
    for (Object c : cells) {
      sb.append(sb.length() > 0 ? "," : "").append(c instanceof Double d ? Numbers.full(d) : c);
    }
    return sb.toString();
  }
}
