package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README.md is the user's manual: every subcommand registered in {@link Main} has a section whose
 * heading (a Markdown line starting with {@code #}, outside fenced code blocks) names it in
 * backticks, e.g. {@code ## Training a model of your own: `train`}.
 */
class ReadmeSectionsTest {

  private static Path readme() {
    return Path.of(System.getProperty("basedir", "."), "README.md");
  }

  /** The headings of a Markdown text: lines starting with '#', skipping ``` fenced blocks. */
  static List<String> headings(List<String> lines) {
    List<String> headings = new ArrayList<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.startsWith("#")) {
        headings.add(line);
      }
    }
    return headings;
  }

  private static Set<String> subcommands() {
    Set<String> names = new TreeSet<>(new CommandLine(Main.class).getSubcommands().keySet());
    names.remove("help"); // picocli's built-in help command, if Main ever registers it
    return names;
  }

  @Test
  void everySubcommandOfMainHasAReadmeSection() throws IOException {
    Path readme = readme();
    assertTrue(Files.isRegularFile(readme), "no README.md at " + readme.toAbsolutePath());
    List<String> headings = headings(Files.readAllLines(readme));
    Set<String> commands = subcommands();
    assertFalse(commands.isEmpty(), "Main registers no subcommands");
    List<String> missing = new ArrayList<>();
    for (String command : commands) {
      if (headings.stream().noneMatch(h -> h.contains("`" + command + "`"))) {
        missing.add(command);
      }
    }
    if (!missing.isEmpty()) {
      fail("README.md has no section heading naming the subcommand(s) " + missing
          + " in backticks (e.g. \"## ... `" + missing.get(0) + "`\")");
    }
  }

  @Test
  void headingsInsideCodeBlocksDoNotCount() {
    List<String> h = headings(List.of("# title", "```python", "# `train` in a comment", "```",
        "## Training: `train`", "text `learn`"));
    assertTrue(h.equals(List.of("# title", "## Training: `train`")), h.toString());
  }
}
