package org.bpttbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteOptionsTest {

  @Test
  void defaultsAreTheDefaultProfileEverythingAndJmhResultJson() {
    SuiteOptions o = SuiteOptions.parse();
    assertEquals("default", o.profile().name());
    assertNull(o.only());
    assertEquals(Path.of("jmh-result.json"), o.out());
    assertFalse(o.list());
    assertFalse(o.jmh().getForkCount().hasValue());
  }

  @Test
  void readsEveryOptionAndHandsTheRestToJmh() {
    SuiteOptions o = SuiteOptions.parse("--profile", "smoke", "--only", "KernelBench.gemv",
        "--out", "x/r.json", "--list", "--", "-f", "2", "-wi", "4", "-p", "hidden=64,512");
    assertEquals("smoke", o.profile().name());
    assertTrue(o.only().matcher("org.bpttbench.bench.KernelBench.gemvT").find());
    assertEquals(Path.of("x/r.json"), o.out());
    assertTrue(o.list());
    assertEquals(2, o.jmh().getForkCount().get());
    assertEquals(4, o.jmh().getWarmupIterations().get());
    assertEquals(List.of("64", "512"), List.copyOf(o.jmh().getParameter("hidden").get()));
  }

  @Test
  void badOptionsAreOneLineErrorsNamingTheOption() {
    assertMessage("--profile 'huge': expected one of smoke, default, full", "--profile", "huge");
    assertMessage("option --only needs a value", "--only");
    assertMessage("option --out needs a value", "--out", "--list");
    assertMessage("unknown option '--fast' (expected --profile, --only, --out, --list, --help or "
        + "-- JMH ARGS)", "--fast");
    assertMessage("--only '(': not a regular expression (Unclosed group)", "--only", "(");
  }

  @Test
  void jmhArgumentsThatFightTheSuiteAreRefused() {
    for (String opt : List.of("-rf", "-rff", "-o")) {
      assertMessage("JMH option " + opt + " is set by the suite (results go to --out FILE)",
          "--", opt, "x");
    }
    assertMessage("JMH options after --: 'Kernel' is a benchmark regex (use --only REGEX)",
        "--", "Kernel");
    assertTrue(message("--", "-lp").contains("use --list"));
    assertTrue(message("--", "-f", "two").startsWith("JMH options after --: "));
  }

  private static void assertMessage(String expected, String... args) {
    assertEquals(expected, message(args));
  }

  private static String message(String... args) {
    String m = assertThrows(IllegalArgumentException.class, () -> SuiteOptions.parse(args))
        .getMessage();
    assertFalse(m.contains("\n"), () -> "not one line: " + m);
    return m;
  }
}
