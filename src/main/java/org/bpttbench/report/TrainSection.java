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

  static boolean figure(List<JmhResult> results, Optional<PyTorchSection.Torch> torch, Path dir)
      throws IOException {
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
        simd.stream().filter(r -> r.intParam("hidden") == h && cell.equals(r.param("cell")))
            .forEach(r -> {
              int b = r.intParam("batch");
              java.put(b, r.estimateNanos().inverse().times(1e9 * b));
              torchNanos(torch, r).ifPresent(t -> py.put(b, t.inverse().times(1e9 * b)));
            });
        add(c, cell + " Java SIMD", java, Chart.colourOf(cell), Chart.Style.LINE);
        add(c, cell + " PyTorch", py, Chart.colourOf(cell), Chart.Style.DASHED);
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
    List<JmhResult> all = train(results);
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("## Training: one mini-batch update\n\n");
    if (plotted) {
      sb.append("![sequences per second against batch size](").append(FIGURE).append(".png)\n\n");
    }
    sb.append("`TrainBench`: forward over the batch, mean cross-entropy at the final step,"
        + " batched BPTT, `clip_grad_norm_(1.0)`, one Adam step; input size = hidden. GFLOP/s"
        + " counts 6·B·T·G·H·(H + I). PyTorch: the same update in `pytorch_bench.py` (entries"
        + " `train_<cell>_h<H>_b<B>_T<T>`), when measured. Median [95 % interval].\n\n");
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
      List<String> row = new ArrayList<>(k);
      row.add(py.map(p -> p.times(1e-6).format()).orElse("—"));
      row.add(simd == null ? "—" : simd.estimateNanos().times(1e-6).format());
      row.add(scalar == null ? "—" : scalar.estimateNanos().times(1e-6).format());
      row.add(simd == null || py.isEmpty() ? "—"
          : Estimate.ratio(py.get(), simd.estimateNanos()).format("×"));
      row.add(simd == null || scalar == null ? "—"
          : Estimate.ratio(scalar.estimateNanos(), simd.estimateNanos()).format("×"));
      row.add(simd == null ? "—" : simd.estimateNanos().inverse()
          .times(1e9 * simd.intParam("batch")).format());
      row.add(simd == null ? "—" : gflops(simd, simd.estimateNanos()).format());
      rows.add(row);
    });
    return sb.append(Tables.markdown(List.of("cell", "H", "batch", "T", "PyTorch ms",
        "Java SIMD ms", "Java scalar ms", "SIMD vs PyTorch", "SIMD vs scalar",
        "SIMD sequences/s", "SIMD GFLOP/s"), rows)).append('\n').toString();
  }

  /** Whether a pytorch.json key is a training entry (not a BPTT workload). */
  static boolean isTrainKey(String key) {
    return KEY.matcher(key).matches();
  }
}
