package org.bpttbench.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for the subset of Python literals that appears in {@code .npy} headers: dicts
 * with string keys, tuples, lists, strings (single or double quotes), integers, {@code True},
 * {@code False} and {@code None}.
 *
 * <p>Values map to {@code Map<String, Object>}, {@link Tuple}, {@code List<Object>},
 * {@code String}, {@code BigInteger}, {@code Boolean} and {@link #NONE}. Nesting depth and integer
 * length are bounded so that hostile headers fail with a {@link SyntaxException} rather than a
 * stack overflow or a slow big-number parse.
 */
final class PyLiteral {

  /** A Python tuple; kept apart from lists because the header's shape must be a tuple. */
  record Tuple(List<Object> items) {}

  /** Python's {@code None}. */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  /** The text is not a literal of the supported subset. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private static final int MAX_DEPTH = 32;
  private static final int MAX_INT_DIGITS = 40;

  private final String text;
  private int pos;
  private int depth;

  private PyLiteral(String text) {
    this.text = text;
  }

  /** Parses {@code text}, which must hold exactly one literal surrounded by optional whitespace. */
  static Object parse(String text) throws SyntaxException {
    PyLiteral parser = new PyLiteral(text);
    parser.skipSpace();
    Object value = parser.value();
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw parser.error("end of header");
    }
    return value;
  }

  private Object value() throws SyntaxException {
    if (pos >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      return nested(this::dict);
    } else if (c == '(') {
      return nested(this::tupleOrParenthesized);
    } else if (c == '[') {
      return nested(this::list);
    } else if (startsString()) {
      return string();
    } else if (c == '-' || c == '+' || isDigit(c)) {
      return integer();
    } else if (Character.isLetter(c)) {
      return keyword();
    }
    throw error("a value");
  }

  private interface Part {
    Object parse() throws SyntaxException;
  }

  private Object nested(Part part) throws SyntaxException {
    if (++depth > MAX_DEPTH) {
      throw new SyntaxException("nested more than " + MAX_DEPTH + " levels deep");
    }
    Object value = part.parse();
    depth--;
    return value;
  }

  private Map<String, Object> dict() throws SyntaxException {
    Map<String, Object> map = new LinkedHashMap<>();
    expect('{');
    skipSpace();
    while (!peek('}')) {
      if (!startsString()) {
        throw error("a string key or '}'");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      Object value = value();
      if (map.containsKey(key)) {
        throw new SyntaxException("key '" + OneLine.clipped(key, 40) + "' appears twice");
      }
      map.put(key, value);
      skipSpace();
      if (!peek('}')) {
        expect(',');
        skipSpace();
      }
    }
    expect('}');
    return map;
  }

  /** {@code (1, 2)}, {@code (1,)} and {@code ()} are tuples; {@code (1)} is just 1. */
  private Object tupleOrParenthesized() throws SyntaxException {
    expect('(');
    skipSpace();
    List<Object> items = new ArrayList<>();
    boolean sawComma = false;
    while (!peek(')')) {
      items.add(value());
      skipSpace();
      if (!peek(')')) {
        expect(',');
        sawComma = true;
        skipSpace();
      }
    }
    expect(')');
    return items.size() == 1 && !sawComma ? items.get(0) : new Tuple(items);
  }

  private List<Object> list() throws SyntaxException {
    expect('[');
    skipSpace();
    List<Object> items = new ArrayList<>();
    while (!peek(']')) {
      items.add(value());
      skipSpace();
      if (!peek(']')) {
        expect(',');
        skipSpace();
      }
    }
    expect(']');
    return items;
  }

  /** A quote, or Python 2's u'' prefix followed by one. */
  private boolean startsString() {
    int at = peek('u') || peek('U') ? pos + 1 : pos;
    return at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"');
  }

  private String string() throws SyntaxException {
    int start = pos;
    if (peek('u') || peek('U')) {
      pos++;
    }
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      } else if (c == '\n' || c == '\r') {
        break;
      } else if (c == '\\' && pos < text.length()) {
        // Only quotes and backslashes matter for the header; other escapes stay as written.
        char next = text.charAt(pos++);
        if (next != quote && next != '\\') {
          sb.append('\\');
        }
        sb.append(next);
      } else {
        sb.append(c);
      }
    }
    throw new SyntaxException("unterminated string at offset " + start);
  }

  private BigInteger integer() throws SyntaxException {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    int digitsStart = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == digitsStart) {
      throw error("a digit");
    }
    if (pos - digitsStart > MAX_INT_DIGITS) {
      throw new SyntaxException("integer with more than " + MAX_INT_DIGITS + " digits at offset "
          + start);
    }
    BigInteger value = new BigInteger(text.substring(start, pos));
    if (peek('L') || peek('l')) {
      pos++; // Python 2 long suffix, written by numpy under Python 2
    }
    return value;
  }

  private Object keyword() throws SyntaxException {
    int start = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return NONE;
      default:
        pos = start;
        throw error("True, False, None or another value");
    }
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        return;
      }
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) throws SyntaxException {
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private SyntaxException error(String expected) {
    String found = pos >= text.length()
        ? "end of header"
        : "'" + OneLine.clipped(text.substring(pos, Math.min(text.length(), pos + 12)), 12) + "'";
    return new SyntaxException("expected " + expected + " at offset " + pos + ", found " + found);
  }

  /** Python-like rendering of a parsed value, for error messages. */
  static String repr(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    } else if (value instanceof Tuple t) {
      List<Object> items = t.items();
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(repr(items.get(i)));
      }
      return sb.append(items.size() == 1 ? ",)" : ")").toString();
    } else if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(repr(list.get(i)));
      }
      return sb.append(']').toString();
    } else if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ")
            .append(repr(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    } else if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(value);
  }
}
