package org.bpttbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main#run} in process and captures its exit status and output. */
final class CliRunner {
  final int status;
  final String out;
  final String err;

  private CliRunner(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  static synchronized CliRunner run(String... argv) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Main.run(argv);
      return new CliRunner(status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The error output is exactly one line (no stack trace). */
  boolean oneLineError() {
    return !err.isBlank() && err.strip().lines().count() == 1;
  }
}
