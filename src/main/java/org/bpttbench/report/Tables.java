package org.bpttbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Markdown tables and plain aligned text tables. */
public final class Tables {

  private Tables() {}

  /** A GitHub-flavoured Markdown table; pipes in cells are escaped. */
  public static String markdown(List<String> headers, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(mdRow(headers));
    sb.append('|');
    for (int i = 0; i < headers.size(); i++) {
      sb.append(i > 0 && numeric(rows, i) ? " ---: |" : " --- |");
    }
    sb.append('\n');
    for (List<String> r : rows) {
      sb.append(mdRow(r));
    }
    return sb.toString();
  }

  /** Whether every cell of column {@code col} starts like a number (then it is right-aligned). */
  private static boolean numeric(List<List<String>> rows, int col) {
    for (List<String> r : rows) {
      String c = col < r.size() ? r.get(col) : "";
      if (!c.isEmpty() && !c.matches("^([-+0-9.—]|n/a|inf).*")) {
        return false;
      }
    }
    return true;
  }

  private static String mdRow(List<String> cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    return sb.append('\n').toString();
  }

  /** Columns padded to equal width, separated by two spaces: for terminals. */
  public static String aligned(List<String> headers, List<List<String>> rows) {
    return aligned(headers, rows, 1);
  }

  /** As {@link #aligned(List, List)} with the first {@code leftColumns} columns left-aligned. */
  public static String aligned(List<String> headers, List<List<String>> rows, int leftColumns) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    int[] w = new int[headers.size()];
    for (List<String> r : all) {
      for (int i = 0; i < r.size() && i < w.length; i++) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size() && i < w.length; i++) {
        String c = r.get(i);
        line.append(i == 0 ? "" : "  ").append(pad(c, w[i], i < leftColumns));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String pad(String s, int w, boolean left) {
    String fill = " ".repeat(Math.max(0, w - s.length()));
    return left ? s + fill : fill + s;
  }

  /** Orders strings numerically when both are numbers, else alphabetically. */
  public static final Comparator<String> NATURAL = (a, b) -> {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  };

  /** Compares two parameter lists element by element with {@link #NATURAL}. */
  public static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = NATURAL.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
