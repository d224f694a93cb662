package org.bpttbench.io;

/** Makes text taken from a file or path safe to put into a one-line message. */
final class OneLine {

  private OneLine() {}

  /** Escapes control and line-separator characters so the result never spans several lines. */
  static String of(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        out.append(String.format("\\x%02x", (int) c));
      } else if (c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@link #of} plus truncation to about {@code max} characters, for quoting untrusted text. */
  static String clipped(String s, int max) {
    String line = of(s);
    return line.length() <= max ? line : line.substring(0, max) + "...";
  }
}
