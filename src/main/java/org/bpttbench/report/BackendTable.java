package org.bpttbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bpttbench.output.Numbers;

/**
 * The scalar-versus-SIMD table of one benchmark method: one row per assignment of its parameters
 * other than {@code backend}, a median [interval] column per backend (scalar, simd, then any
 * others such as netlib or ejml; {@link Estimate}), the SIMD/scalar speedup with its interval from
 * both sides, and a rate column per backend when the work per operation is known ({@link Work}).
 */
public final class BackendTable {

  public static final String BACKEND = "backend";

  private BackendTable() {}

  /** One row: the other parameters and the result per backend. */
  public record Row(List<String> keyValues, Map<String, JmhResult> byBackend) {

    /** SIMD/scalar speedup (scalar time / SIMD time), empty when either is missing. */
    public Optional<Estimate> speedup() {
      return ratio("scalar", "simd");
    }

    /** Time of {@code slower} over time of {@code faster}: how many times faster the latter is. */
    public Optional<Estimate> ratio(String slower, String faster) {
      JmhResult s = byBackend.get(slower);
      JmhResult v = byBackend.get(faster);
      if (s == null || v == null) {
        return Optional.empty();
      }
      return Optional.of(Estimate.ratio(s.estimateNanos(), v.estimateNanos()));
    }
  }

  /** The parameter names other than backend, in first-seen order. */
  public static List<String> keyNames(List<JmhResult> results) {
    Set<String> names = new LinkedHashSet<>();
    for (JmhResult r : results) {
      for (String k : r.params().keySet()) {
        if (!k.equals(BACKEND)) {
          names.add(k);
        }
      }
    }
    return new ArrayList<>(names);
  }

  /** Backends in display order: scalar, simd, then the rest alphabetically. */
  public static List<String> backends(List<JmhResult> results) {
    Set<String> rest = new java.util.TreeSet<>();
    boolean scalar = false;
    boolean simd = false;
    for (JmhResult r : results) {
      String b = r.param(BACKEND);
      if ("scalar".equals(b)) {
        scalar = true;
      } else if ("simd".equals(b)) {
        simd = true;
      } else if (b != null) {
        rest.add(b);
      }
    }
    List<String> out = new ArrayList<>();
    if (scalar) {
      out.add("scalar");
    }
    if (simd) {
      out.add("simd");
    }
    out.addAll(rest);
    return out;
  }

  /** Rows sorted by their parameter values (numbers numerically). */
  public static List<Row> rows(List<JmhResult> results) {
    List<String> keys = keyNames(results);
    Map<List<String>, Map<String, JmhResult>> grouped =
        new TreeMap<>(Tables::compareLists);
    for (JmhResult r : results) {
      List<String> kv = new ArrayList<>();
      for (String k : keys) {
        kv.add(r.params().getOrDefault(k, "-"));
      }
      grouped.computeIfAbsent(kv, x -> new TreeMap<>()).put(r.param(BACKEND), r);
    }
    List<Row> rows = new ArrayList<>();
    grouped.forEach((k, v) -> rows.add(new Row(k, v)));
    return rows;
  }

  /** The Markdown table for one benchmark method's results (all sharing its name). */
  public static String markdown(List<JmhResult> results) {
    return markdown(results, Optional.empty());
  }

  /** As {@link #markdown(List)}, GFLOP/s also given as a share of the machine's FMA peak. */
  public static String markdown(List<JmhResult> results, Optional<MachineLimit> limit) {
    return markdown(results, limit, Optional.empty());
  }

  /**
   * As {@link #markdown(List, Optional)}, with the SIMD/netlib ratio when netlib ran and, for
   * gemv and gemvT, the best native kernel of {@code nat} (its median, best as a note) and
   * SIMD/native (native median / SIMD median: above 1 when SIMD is faster).
   */
  public static String markdown(List<JmhResult> results, Optional<MachineLimit> limit,
      Optional<NativeBaseline.Run> nat) {
    List<String> keys = keyNames(results);
    List<String> backends = backends(results);
    String unit = results.get(0).unit();
    boolean anyWork = results.stream().anyMatch(r -> Work.of(r).isPresent());
    String rateUnit = results.stream().map(Work::of).flatMap(Optional::stream)
        .map(Work::rateUnit).findFirst().orElse("");
    boolean hasPair = backends.contains("scalar") && backends.contains("simd");
    boolean netlib = backends.contains("simd") && backends.contains("netlib");
    String kernel = results.get(0).method();
    Optional<NativeBaseline.Run> natives = nat.filter(n -> backends.contains("simd")
        && (kernel.equals("gemv") || kernel.equals("gemvT")));
    List<String> headers = new ArrayList<>(keys);
    for (String b : backends) {
      headers.add(b + " (" + unit + ")");
    }
    if (hasPair) {
      headers.add("SIMD/scalar speedup");
    }
    if (anyWork) {
      for (String b : backends) {
        headers.add(b + " " + rateUnit);
      }
    }
    if (netlib) {
      headers.add("SIMD/netlib");
    }
    natives.ifPresent(n -> headers.addAll(List.of("best native " + n.isa()
        + " (ns/call, median [best])", "best native GFLOP/s", "SIMD/native")));
    List<List<String>> table = new ArrayList<>();
    for (Row row : rows(results)) {
      List<String> cells = new ArrayList<>(row.keyValues());
      for (String b : backends) {
        JmhResult r = row.byBackend().get(b);
        cells.add(r == null ? "—" : r.estimate().format());
      }
      if (hasPair) {
        cells.add(row.speedup().map(e -> e.format("×")).orElse("—"));
      }
      if (anyWork) {
        for (String b : backends) {
          JmhResult r = row.byBackend().get(b);
          Optional<Work> w = r == null ? Optional.empty() : Work.of(r);
          cells.add(w.isPresent() && r.lowerIsBetter() ? rate(w.get(), r, limit) : "—");
        }
      }
      if (netlib) {
        cells.add(row.ratio("netlib", "simd").map(e -> e.format("×")).orElse("—"));
      }
      natives.ifPresent(n -> cells.addAll(nativeCells(n, kernel, row, limit)));
      table.add(cells);
    }
    return Tables.markdown(headers, table);
  }

  private static List<String> nativeCells(NativeBaseline.Run n, String kernel, Row row,
      Optional<MachineLimit> limit) {
    JmhResult simd = row.byBackend().get("simd");
    Optional<NativeBaseline.Kernel> best = simd == null ? Optional.empty()
        : n.best(kernel, simd.intParam("hidden"));
    if (best.isEmpty()) {
      return List.of("—", "—", "—");
    }
    NativeBaseline.Kernel k = best.get();
    String rate = Numbers.brief(k.gflops())
        + limit.map(m -> ", " + m.share(k.gflops())).orElse("");
    return List.of(k.format(), rate, k.against(simd));
  }

  /** The rate of {@code r} with its interval, and its share of the FMA peak when known. */
  static String rate(Work w, JmhResult r, Optional<MachineLimit> limit) {
    Estimate rate = w.rate(r.estimateNanos());
    String s = rate.format();
    return limit.isPresent() && w.rateUnit().equals("GFLOP/s")
        ? s + ", " + limit.get().share(rate.value()) : s;
  }
}
