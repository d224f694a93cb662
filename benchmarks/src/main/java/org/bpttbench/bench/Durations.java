package org.bpttbench.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The suite's console formats for durations and parameter lists. */
final class Durations {
  private Durations() {}

  /** 1h02m03s, 4m05s, 12s or 2.7s. */
  static String format(long millis) {
    long s = Math.round(millis / 1000.0);
    if (s >= 3600) {
      return String.format("%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
    } else if (s >= 60) {
      return String.format("%dm%02ds", s / 60, s % 60);
    } else if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    return s + "s";
  }

  /** {@code hidden=64,128 seqLen=50}. */
  static String params(Map<String, List<String>> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
        .collect(Collectors.joining(" "));
  }
}
