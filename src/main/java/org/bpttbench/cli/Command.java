package org.bpttbench.cli;

/** One subcommand of {@code ./run-bench.sh} / {@link Main}. */
public interface Command {

  /** The word the user types, e.g. {@code gradnorm}. */
  String name();

  /** One line for the list of commands. */
  String summary();

  /** The full {@code --help} text: usage line and every option. */
  String help();

  /** Options that take a value, without the leading dashes. */
  java.util.Set<String> valuedOptions();

  /** Options that take no value (none unless overridden). */
  default java.util.Set<String> flagOptions() {
    return java.util.Set.of();
  }

  /**
   * Runs the command. Throws {@link UsageException} (or another exception {@link Main} maps to a
   * one-line error) for bad input.
   */
  void run(Args args) throws Exception;
}
