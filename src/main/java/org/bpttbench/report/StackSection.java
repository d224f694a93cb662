package org.bpttbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * BPTT against the number of layers: {@code StackBench} (full BPTT through a unidirectional stack,
 * batch 1, final-step loss; params cell, backend, layers, hidden, seqLen), one table per cell,
 * backend, H and T with the time per layer against one layer, beside PyTorch's {@code num_layers}
 * run when pytorch.json has {@code stack_<cell>_l<L>_h<H>_T<T>}. No StackBench result: no
 * subsection.
 */
final class StackSection {

  static final String TITLE = "BPTT against the number of layers";
  private static final Pattern KEY = Pattern.compile("stack_(" + String.join("|",
      BpttSection.CELLS) + ")_l(\\d+)_h(\\d+)_T(\\d+)");

  /** Orders the tables: cell as CellKind lists them, then backend, H, T. */
  private static final Comparator<JmhResult> TABLES = Comparator
      .comparingInt((JmhResult r) -> BpttSection.CELLS.indexOf(r.param("cell")))
      .thenComparing(r -> r.param("backend"))
      .thenComparingInt(r -> r.intParam("hidden"))
      .thenComparingInt(r -> r.intParam("seqLen"));

  private StackSection() {}

  /** Time-per-op StackBench results with all five parameters. */
  static List<JmhResult> stacks(List<JmhResult> results) {
    return results.stream().filter(r -> BenchSections.STACK.test(r.className())
        && r.lowerIsBetter() && BpttSection.CELLS.contains(r.param("cell"))
        && r.param("backend") != null && r.intParam("layers") > 0 && r.intParam("hidden") > 0
        && r.intParam("seqLen") > 0).toList();
  }

  /** Whether a pytorch.json key is a {@code num_layers} entry (shown here, not with the rest). */
  static boolean isStackKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** PyTorch's time in ns for the workload of {@code r}, if measured. */
  static Optional<Estimate> torchNanos(Optional<PyTorchSection.Torch> torch, JmhResult r) {
    String key = "stack_" + r.param("cell") + "_l" + r.param("layers") + "_h" + r.param("hidden")
        + "_T" + r.param("seqLen");
    return torch.map(t -> t.entries().get(key)).map(o -> PyTorchSection.millis(o).times(1e6));
  }

  /** (time / L) / time at one layer, with bounds from both sides; empty without one layer. */
  static Optional<Estimate> perLayer(JmhResult r, Optional<JmhResult> one) {
    return one.map(o -> Estimate.ratio(r.estimateNanos().times(1.0 / r.intParam("layers")),
        o.estimateNanos()));
  }

  static String markdown(List<JmhResult> results, Optional<PyTorchSection.Torch> torch) {
    List<JmhResult> all = stacks(results);
    if (all.isEmpty()) {
      return "";
    }
    // TABLES compares cell, backend, H and T only: each table's first result is its key
    Map<JmhResult, TreeMap<Integer, JmhResult>> tables = new TreeMap<>(TABLES);
    all.forEach(r -> tables.computeIfAbsent(r, k -> new TreeMap<>()).put(r.intParam("layers"), r));
    StringBuilder sb = new StringBuilder("### ").append(TITLE).append("\n\n");
    sb.append("`StackBench.bptt`: forward and full BPTT through a unidirectional stack of L"
        + " layers (layer k + 1 reads layer k's outputs, the read-out the last layer's final"
        + " step), batch 1, input size = hidden, final-step loss. PyTorch: `nn.RNN/GRU/LSTM` with"
        + " `num_layers = L` on the same workload (`pytorch_bench.py`, entries"
        + " `stack_<cell>_l<L>_h<H>_T<T>`). Median [95 % interval].\n\n"
        + "- **per layer / 1 layer** = (time / L) / time of one layer, its interval from both"
        + " sides: 1 when every layer costs what a single one does. By FLOPs a layer above the"
        + " first does 12·G·H² per step against the first's 10·G·H² (it also sends the gradient"
        + " of its input down), so (12·L − 2) / (10·L): 1.10 at L = 2, 1.15 at L = 4.\n"
        + "- **PyTorch / Java** above 1: Java is faster.\n"
        + (torch.isEmpty() ? "- PyTorch was not measured in this run: its columns show —.\n"
            : "- —: pytorch.json has no such entry, or the run has no one-layer result.\n")
        + "\n");
    tables.forEach((first, byLayers) -> {
      String backend = first.param("backend");
      String java = "Java " + (backend.equals("simd") ? "SIMD" : backend);
      sb.append("#### ").append(first.param("cell")).append(", ").append(backend)
          .append(", H = ").append(first.param("hidden")).append(", T = ")
          .append(first.param("seqLen")).append("\n\n");
      Optional<JmhResult> one = Optional.ofNullable(byLayers.get(1));
      List<List<String>> rows = new ArrayList<>();
      byLayers.forEach((layers, r) -> {
        Optional<Estimate> py = torchNanos(torch, r);
        rows.add(List.of(Integer.toString(layers), millis(r.estimateNanos()),
            layers == 1 ? "1 (reference)"
                : perLayer(r, one).map(Estimate::format).orElse("—"),
            py.map(StackSection::millis).orElse("—"),
            py.map(p -> Estimate.ratio(p, r.estimateNanos()).format("×")).orElse("—")));
      });
      sb.append(Tables.markdown(List.of("layers", java + " ms", "per layer / 1 layer",
          "PyTorch ms", "PyTorch / " + java), rows)).append('\n');
    });
    return sb.toString();
  }

  private static String millis(Estimate nanos) {
    return nanos.times(1e-6).format();
  }
}
