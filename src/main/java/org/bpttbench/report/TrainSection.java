package org.bpttbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bpttbench.output.Numbers;
import org.bpttbench.output.Chart;

/**
 * Mini-batch training: {@code TrainBench} (one full update — forward, backward, clip, Adam — per
 * op; params backend, cell, hidden, batch, seqLen) per update and in sequences per second against
 * the batch size, beside PyTorch's same update when pytorch.json has
 * {@code train_<cell>_h<H>_b<B>_T<T>} entries. FLOPs per update 6·B·T·G·H·(H + I), I = H.
 */
final class TrainSection {

  static final String FIGURE = "train";
  private static final Pattern KEY = Pattern.compile("train_(rnn|gru|lstm)_h(\\d+)_b(\\d+)_T(\\d+)");

  private TrainSection() {}

  static List<JmhResult> train(List<JmhResult> results) {
    return results.stream().filter(r -> r.className().equals("TrainBench")
        && r.intParam("batch") > 0 && r.intParam("hidden") > 0 && r.intParam("seqLen") > 0)
        .toList();
  }

  private static int gates(String cell) {
    return org.bpttbench.cell.CellKind.fromId(cell).gates;
  }

  /** GFLOP/s of one update taking {@code nanos}. */
  static Estimate gflops(JmhResult r, Estimate nanos) {
    double h = r.intParam("hidden");
    double flops = 6.0 * r.intParam("batch") * r.intParam("seqLen") * gates(r.param("cell")) * h
        * (h + h);
    return nanos.inverse().times(flops);
  }

  /** PyTorch's time per update in ns for the workload of {@code r}, if measured. */
  static Optional<Estimate> torchNanos(Optional<PyTorchSection.Torch> torch, JmhResult r) {
    String key = "train_" + r.param("cell") + "_h" + r.param("hidden") + "_b" + r.param("batch")
        + "_T" + r.param("seqLen");
    return torch.map(t -> t.entries().get(key)).map(o -> PyTorchSection.millis(o).times(1e6));
  }

  /** oneDNN's forward + backward in ns for the workload of {@code r}, if measured. */
  static Optional<Estimate> oneDnnNanos(Optional<Peers.OneDnn> onednn, JmhResult r) {
    return onednn.flatMap(o -> o.entry(key(r))).map(e -> e.millis().times(1e6));
  }

  private static String key(JmhResult r) {
    return "train_" + r.param("cell") + "_h" + r.param("hidden") + "_b" + r.param("batch")
        + "_T" + r.param("seqLen");
  }

  static boolean figure(List<JmhResult> results, Optional<PyTorchSection.Torch> torch, Path dir)
      throws IOException {
    return figure(results, torch, Optional.empty(), dir);
  }

  /** train.png/.csv: sequences per second against batch per H, Java, PyTorch and oneDNN. */
  static boolean figure(List<JmhResult> results, Optional<PyTorchSection.Torch> torch,
      Optional<Peers.OneDnn> onednn, Path dir) throws IOException {
    List<JmhResult> simd = train(results).stream()
        .filter(r -> "simd".equals(r.param("backend"))).toList();
    TreeSet<Integer> hiddens = new TreeSet<>();
    simd.forEach(r -> hiddens.add(r.intParam("hidden")));
    List<Chart> panels = new ArrayList<>();
    for (int h : hiddens) {
      Chart c = new Chart("training, H = " + h, "batch", "sequences per second")
          .logX().logY();
      for (String cell : BpttSection.CELLS) {
        TreeMap<Integer, Estimate> java = new TreeMap<>();
        TreeMap<Integer, Estimate> py = new TreeMap<>();
        TreeMap<Integer, Estimate> dnn = new TreeMap<>();
        simd.stream().filter(r -> r.intParam("hidden") == h && cell.equals(r.param("cell")))
            .forEach(r -> {
              int b = r.intParam("batch");
              java.put(b, r.estimateNanos().inverse().times(1e9 * b));
              torchNanos(torch, r).ifPresent(t -> py.put(b, t.inverse().times(1e9 * b)));
              oneDnnNanos(onednn, r).ifPresent(t -> dnn.put(b, t.inverse().times(1e9 * b)));
            });
        add(c, cell + " Java SIMD", java, Chart.colourOf(cell), Chart.Style.LINE);
        add(c, cell + " PyTorch", py, Chart.colourOf(cell), Chart.Style.DASHED);
        add(c, cell + " oneDNN fwd+bwd", dnn, Chart.colourOf(cell), Chart.Style.POINTS);
      }
      panels.add(c);
    }
    return !panels.isEmpty() && Chart.saveGrid(dir, FIGURE, Math.min(2, panels.size()), panels,
        "batch", "sequences_per_s");
  }

  private static void add(Chart c, String name, TreeMap<Integer, Estimate> pts, int colour,
      Chart.Style style) {
    if (pts.isEmpty()) {
      return;
    }
    c.add(Estimate.series(name, pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
        pts.values(), colour, style));
  }

  static String markdown(List<JmhResult> results, Optional<PyTorchSection.Torch> torch,
      boolean plotted) {
    return markdown(results, torch, Peers.none(), Optional.empty(), plotted);
  }

  /**
   * The update table (Java, PyTorch and, when {@code peers} has it, oneDNN's forward + backward
   * alone) and the shape of the curve: sequences per second against the batch per cell and H,
   * with each update's GFLOP/s as a share of the FMA peak of {@code limit}.
   */
  static String markdown(List<JmhResult> results, Optional<PyTorchSection.Torch> torch,
      Peers peers, Optional<MachineLimit> limit, boolean plotted) {
    List<JmhResult> all = train(results);
    if (all.isEmpty()) {
      return "";
    }
    Optional<Peers.OneDnn> onednn = peers.onednn();
    StringBuilder sb = new StringBuilder("## Training: one mini-batch update\n\n");
    if (plotted) {
      sb.append("![sequences per second against batch size](").append(FIGURE).append(".png)\n\n");
    }
    sb.append("`TrainBench`: forward over the batch, mean cross-entropy at the final step,"
        + " batched BPTT, `clip_grad_norm_(1.0)`, one Adam step; input size = hidden. GFLOP/s"
        + " counts 6·B·T·G·H·(H + I)");
    limit.ifPresent(m -> sb.append(", its share of the FMA peak ").append(m.peakLabel()));
    sb.append(". PyTorch: the same update in `pytorch_bench.py` (entries"
        + " `train_<cell>_h<H>_b<B>_T<T>`), when measured.");
    sb.append(onednn.map(o -> " oneDNN: **forward-training + backward of the recurrent layer"
        + " alone** (no read-out, no clipping, no Adam step, weights reordered once outside the"
        + " timing: all in oneDNN's favour), the same shapes from `onednn.json`; version and"
        + " implementation in [PyTorch reference](#pytorch-reference).")
        .orElse(" " + Peers.ONEDNN_ABSENT));
    sb.append(" Median [95 % interval]; \"vs\" = peer time / Java SIMD time (> 1: Java"
        + " faster).\n\n");
    List<List<String>> rows = new ArrayList<>();
    Map<List<String>, Map<String, JmhResult>> grouped = new TreeMap<>(Tables::compareLists);
    for (JmhResult r : all) {
      grouped.computeIfAbsent(List.of(r.param("cell"), r.param("hidden"), r.param("batch"),
          r.param("seqLen")), k -> new TreeMap<>()).put(r.param("backend"), r);
    }
    grouped.forEach((k, byBackend) -> {
      JmhResult simd = byBackend.get("simd");
      JmhResult scalar = byBackend.get("scalar");
      Optional<Estimate> py = simd == null ? Optional.empty() : torchNanos(torch, simd);
      Optional<Estimate> dnn = simd == null ? Optional.empty() : oneDnnNanos(onednn, simd);
      List<String> row = new ArrayList<>(k);
      row.add(py.map(p -> p.times(1e-6).format()).orElse("—"));
      if (onednn.isPresent()) {
        row.add(dnn.map(p -> p.times(1e-6).format()).orElse("—"));
      }
      row.add(simd == null ? "—" : simd.estimateNanos().times(1e-6).format());
      row.add(scalar == null ? "—" : scalar.estimateNanos().times(1e-6).format());
      row.add(simd == null || py.isEmpty() ? "—"
          : Estimate.ratio(py.get(), simd.estimateNanos()).format("×"));
      if (onednn.isPresent()) {
        row.add(simd == null || dnn.isEmpty() ? "—"
            : Estimate.ratio(dnn.get(), simd.estimateNanos()).format("×"));
      }
      row.add(simd == null || scalar == null ? "—"
          : Estimate.ratio(scalar.estimateNanos(), simd.estimateNanos()).format("×"));
      row.add(simd == null ? "—" : simd.estimateNanos().inverse()
          .times(1e9 * simd.intParam("batch")).format());
      row.add(simd == null ? "—" : gflops(simd, simd.estimateNanos()).format()
          + limit.map(m -> ", " + m.share(gflops(simd, simd.estimateNanos()).value()))
              .orElse(""));
      rows.add(row);
    });
    List<String> headers = new ArrayList<>(List.of("cell", "H", "batch", "T", "PyTorch ms"));
    if (onednn.isPresent()) {
      headers.add("oneDNN fwd+bwd ms");
    }
    headers.addAll(List.of("Java SIMD ms", "Java scalar ms", "SIMD vs PyTorch"));
    if (onednn.isPresent()) {
      headers.add("SIMD vs oneDNN fwd+bwd");
    }
    headers.addAll(List.of("SIMD vs scalar", "SIMD sequences/s", "SIMD GFLOP/s"));
    sb.append(Tables.markdown(headers, rows)).append('\n');
    sb.append(curve(all, torch, onednn, limit));
    return sb.toString();
  }

  /**
   * Sequences per second against the batch: per cell and H a row for Java SIMD (and whether it
   * never falls as B grows), its GFLOP/s as a share of the peak, PyTorch and oneDNN.
   */
  static String curve(List<JmhResult> all, Optional<PyTorchSection.Torch> torch,
      Optional<Peers.OneDnn> onednn, Optional<MachineLimit> limit) {
    List<JmhResult> simd = all.stream().filter(r -> "simd".equals(r.param("backend"))
        && r.intParam("seqLen") == 50).toList();
    TreeSet<Integer> batches = new TreeSet<>();
    TreeSet<Integer> hiddens = new TreeSet<>();
    simd.forEach(r -> {
      batches.add(r.intParam("batch"));
      hiddens.add(r.intParam("hidden"));
    });
    if (simd.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("### Sequences per second against the batch\n\n");
    sb.append("T = 50; sequences per second = B / time per update (Java and PyTorch: the whole"
        + " update; oneDNN: forward + backward alone). \"never falls?\" asks whether Java's"
        + " medians rise or hold from each batch to the next.");
    if (batches.size() < 2) {
      sb.append(" This run has one batch size only, so there is no curve (the default profile"
          + " runs B = 1, 8, 32, 128 at H = 64, 128; the full profile adds H = 256).");
    }
    sb.append("\n\n");
    List<String> headers = new ArrayList<>(List.of("cell", "H", "who"));
    batches.forEach(b -> headers.add("B = " + b));
    headers.add("never falls?");
    List<List<String>> rows = new ArrayList<>();
    for (String cell : BpttSection.CELLS) {
      for (int h : hiddens) {
        TreeMap<Integer, JmhResult> byB = new TreeMap<>();
        simd.stream().filter(r -> cell.equals(r.param("cell")) && r.intParam("hidden") == h)
            .forEach(r -> byB.put(r.intParam("batch"), r));
        if (byB.isEmpty()) {
          continue;
        }
        rows.add(curveRow(cell, h, "Java SIMD sequences/s", batches, byB,
            r -> Optional.of(r.estimateNanos()), true));
        rows.add(gflopsRow(cell, h, batches, byB, limit));
        if (torch.isPresent()) {
          rows.add(curveRow(cell, h, "PyTorch sequences/s", batches, byB,
              r -> torchNanos(torch, r), false));
        }
        if (onednn.isPresent()) {
          rows.add(curveRow(cell, h, "oneDNN fwd+bwd sequences/s", batches, byB,
              r -> oneDnnNanos(onednn, r), false));
        }
      }
    }
    return sb.append(Tables.markdown(headers, rows)).append('\n').toString();
  }

  private static List<String> curveRow(String cell, int h, String who, TreeSet<Integer> batches,
      TreeMap<Integer, JmhResult> byB,
      java.util.function.Function<JmhResult, Optional<Estimate>> nanos, boolean verdict) {
    List<String> row = new ArrayList<>(List.of(cell, Integer.toString(h), who));
    TreeMap<Integer, Double> medians = new TreeMap<>();
    for (int b : batches) {
      JmhResult r = byB.get(b);
      Optional<Estimate> t = r == null ? Optional.empty() : nanos.apply(r);
      t.ifPresent(e -> medians.put(b, 1e9 * b / e.value()));
      row.add(t.map(e -> Numbers.brief(1e9 * b / e.value())).orElse("—"));
    }
    row.add(verdict ? neverFalls(medians) : "");
    return row;
  }

  /** "yes", or where the medians first fall: {@code no: falls at B = 128}. */
  static String neverFalls(TreeMap<Integer, Double> perSecond) {
    if (perSecond.size() < 2) {
      return "— (one batch)";
    }
    Double prev = null;
    for (Map.Entry<Integer, Double> e : perSecond.entrySet()) {
      if (prev != null && e.getValue() < prev) {
        return "no: falls at B = " + e.getKey();
      }
      prev = e.getValue();
    }
    return "yes";
  }

  private static List<String> gflopsRow(String cell, int h, TreeSet<Integer> batches,
      TreeMap<Integer, JmhResult> byB, Optional<MachineLimit> limit) {
    List<String> row = new ArrayList<>(List.of(cell, Integer.toString(h), "Java SIMD GFLOP/s"
        + (limit.isPresent() ? " (share of peak)" : "")));
    for (int b : batches) {
      JmhResult r = byB.get(b);
      if (r == null) {
        row.add("—");
        continue;
      }
      double g = gflops(r, r.estimateNanos()).value();
      row.add(Numbers.brief(g) + limit.map(m -> " (" + m.share(g).replace(" of peak", "") + ")")
          .orElse(""));
    }
    row.add("");
    return row;
  }

  /** Whether a pytorch.json key is a training entry (not a BPTT workload). */
  static boolean isTrainKey(String key) {
    return KEY.matcher(key).matches();
  }
}
