package org.bpttbench.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Concatenates JMH JSON result arrays into one file, entries unchanged: run-bench.sh runs
 * BpttBench in a second JMH invocation (its hidden size stays fixed) and merges the two results.
 * Usage: {@code java -cp ... org.bpttbench.report.JmhMerge OUT IN...}.
 */
public final class JmhMerge {

  private JmhMerge() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("JmhMerge: usage: JmhMerge OUT IN...");
      System.exit(2);
    }
    try {
      Path[] ins = new Path[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        ins[i - 1] = Path.of(args[i]);
      }
      merge(Path.of(args[0]), ins);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("JmhMerge: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Writes the concatenation of the arrays in {@code ins} to {@code out} (via a temp file). */
  public static void merge(Path out, Path... ins) throws IOException {
    JsonArray all = new JsonArray();
    for (Path in : ins) {
      JsonElement e;
      try {
        e = JsonParser.parseString(Files.readString(in, StandardCharsets.UTF_8));
      } catch (JsonParseException ex) {
        throw new IllegalArgumentException(in + ": not valid JSON (" + ex.getMessage() + ")");
      }
      if (!e.isJsonArray()) {
        throw new IllegalArgumentException(in + ": not a JMH JSON result (expected an array)");
      }
      all.addAll(e.getAsJsonArray());
    }
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".merge-", ".json");
    try {
      Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
          .create().toJson(all) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
