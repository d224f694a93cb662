package org.bpttbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bpttbench.output.Numbers;

/**
 * "Native code at Java's data placement": the best native gemv/gemvT with every array on a 64-byte
 * boundary and 16 bytes past one, beside KernelBench's SIMD time, so that SIMD/native can also be
 * read with the native code given the placement a Java {@code float[]} has.
 */
final class NativePlacement {

  static final String TITLE = "Native code at Java's data placement";

  static final String OLD_FILE = "_No placement table: `" + NativeBaseline.FILE + "` has no "
      + NativeBaseline.OFFSET16 + " timings (written before `run-native.sh` timed both"
      + " placements)._";

  private static final String INTRO = "Java cannot choose where a heap `float[]` starts: HotSpot"
      + " puts its first element 16 bytes after the object's start, and G1 starts an array of at"
      + " least half a heap region (1 MB regions in KernelBench's 1 GB heap) on a region boundary,"
      + " so the d = 1024 matrix (4 MB) always has its data 16 bytes past a 64-byte boundary;"
      + " smaller arrays start at any 8-byte-aligned address. From there every 512-bit load spans"
      + " two 64-byte cache lines (every other 256-bit load). The native kernels are therefore"
      + " also timed with w, x, b and y each starting 16 bytes past a 64-byte boundary (offset 16);"
      + " the best-native columns above are the aligned placement. Native: the faster of plain and"
      + " intrinsics at each placement, GFLOP/s of the median. Placement cost = aligned time /"
      + " offset-16 time (below 1: offset 16 is slower); SIMD/native = native median / SIMD median"
      + " (above 1: SIMD faster); Java SIMD: median [95 % interval].";

  private static final List<String> HEADERS = List.of("kernel", "d",
      "best native GFLOP/s, aligned", "best native GFLOP/s, offset 16",
      "placement cost (aligned / offset-16 time)", "Java SIMD GFLOP/s", "SIMD/native aligned",
      "SIMD/native offset 16");

  private NativePlacement() {}

  /**
   * The subsection for the native build {@code nat} beside the SIMD KernelBench results: empty
   * without a build, one line when its file predates the offset-16 timings.
   */
  static String markdown(List<JmhResult> results, Optional<NativeBaseline.Run> nat) {
    if (nat.isEmpty()) {
      return "";
    }
    NativeBaseline.Run n = nat.get();
    List<List<String>> rows = new ArrayList<>();
    for (String kernel : List.of("gemv", "gemvT")) {
      for (int d : n.sizes(kernel, NativeBaseline.OFFSET16)) {
        row(n, kernel, d, simd(results, kernel, d)).ifPresent(rows::add);
      }
    }
    StringBuilder sb = new StringBuilder("### ").append(TITLE).append("\n\n");
    if (rows.isEmpty()) {
      return sb.append(OLD_FILE).append("\n\n").toString();
    }
    return sb.append(INTRO).append(" Native build: ").append(n.isa()).append(".\n\n")
        .append(Tables.markdown(HEADERS, rows)).append('\n').toString();
  }

  /** KernelBench's SIMD result for {@code kernel} at hidden size {@code d}. */
  static Optional<JmhResult> simd(List<JmhResult> results, String kernel, int d) {
    return results.stream().filter(r -> r.shortName().equals("KernelBench." + kernel)
        && "simd".equals(r.param(BackendTable.BACKEND)) && r.intParam("hidden") == d).findFirst();
  }

  private static Optional<List<String>> row(NativeBaseline.Run n, String kernel, int d,
      Optional<JmhResult> simd) {
    Optional<NativeBaseline.Kernel> aligned = n.best(kernel, d);
    Optional<NativeBaseline.Kernel> offset = n.best(kernel, d, NativeBaseline.OFFSET16);
    if (aligned.isEmpty() || offset.isEmpty()) {
      return Optional.empty();
    }
    NativeBaseline.Kernel a = aligned.get();
    NativeBaseline.Kernel o = offset.get();
    double cost = a.nsPerCall() / o.nsPerCall();
    List<String> cells = new ArrayList<>(List.of(kernel, Integer.toString(d), rate(a), rate(o),
        Numbers.brief(cost) + "× (" + String.format(java.util.Locale.ROOT, "%+.1f", 100 / cost
            - 100) + " % time)"));
    if (simd.isEmpty()) {
      cells.addAll(List.of("—", "—", "—"));
    } else {
      JmhResult r = simd.get();
      cells.addAll(List.of(Work.of(r).orElseThrow().rate(r.estimateNanos()).format(),
          a.against(r), o.against(r)));
    }
    return Optional.of(cells);
  }

  private static String rate(NativeBaseline.Kernel k) {
    return Numbers.brief(k.gflops()) + " " + k.impl();
  }
}
