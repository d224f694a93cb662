package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.Callable;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Mixin;

/** Options declared once, with each command's own defaults ({@link Options.Own}). */
class SharedOptionsTest {
  @Test
  void eachCommandKeepsItsOwnDefaultsForTheOptionsItShares() {
    ClipCommand clip = new ClipCommand();
    new CommandLine(clip).parseArgs("--out", "o");
    assertEquals(Activation.RELU, clip.drive.activation());
    assertEquals(32, clip.setup.setup().hidden());
    assertEquals(2.5, clip.setup.setup().rho());
    assertEquals(InitScheme.ORTHOGONAL, clip.setup.setup().init());
    GradnormCommand gradnorm = new GradnormCommand();
    new CommandLine(gradnorm).parseArgs("--out", "o");
    assertEquals(Activation.TANH, gradnorm.drive.activation());
    assertEquals(64, gradnorm.setup.setup().hidden());
    assertTrue(CliRunner.run("clip", "--help").out.contains("tanh, relu (default relu)"));
  }

  @Test
  void everyCommandWithItsOwnDefaultsHasThemApplied() {
    for (CommandLine sub : new CommandLine(Main.class).getSubcommands().values()) {
      Object command = sub.getCommand();
      if (command instanceof Options.OwnDefaults) {
        assertEquals(Options.Own.class, command.getClass().getAnnotation(Command.class)
            .modelTransformer(), sub.getCommandName());
      }
    }
  }

  @Command(name = "misnamed", modelTransformer = Options.Own.class)
  static final class Misnamed implements Callable<Integer>, Options.OwnDefaults {
    @Mixin
    Options.Hidden hidden = new Options.Hidden();

    @Override
    public Map<String, String> defaults() {
      return Map.of("--hiden", "3");
    }

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void aDefaultForAnOptionTheCommandDoesNotHaveIsRefusedAtOnce() {
    assertThrows(InitializationException.class, () -> new CommandLine(new Misnamed()));
  }
}
