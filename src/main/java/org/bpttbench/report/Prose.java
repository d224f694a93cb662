package org.bpttbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The report's fixed prose (section introductions, how the intervals are computed): resources. */
final class Prose {
  private Prose() {}

  /** {@code org/bpttbench/report/<name>.md}, as written (Markdown, ending in a blank line). */
  static String get(String name) {
    try (InputStream in = Prose.class.getResourceAsStream(name + ".md")) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name + ".md beside " + Prose.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
