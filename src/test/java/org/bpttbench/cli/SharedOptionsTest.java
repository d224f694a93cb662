package org.bpttbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.experiment.LearnCell;
import org.bpttbench.experiment.LearnConfig;
import org.bpttbench.experiment.LearnTask;
import org.bpttbench.train.OptimizerSpec;
import org.bpttbench.train.task.Fillers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Mixin;

/**
 * Options declared once for several commands. Those on the library's own types ({@link Ids})
 * parse the ids users type into the library's constants, refuse an unknown one with one line
 * naming the option and every id it takes, and list the ids in the help; a command keeps its
 * own defaults ({@link Options.Own}).
 */
class SharedOptionsTest {
  @TempDir Path tmp;

  private static String ids(List<String> all) {
    return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
  }

  @Test
  void anUnknownIdIsOneLineNamingTheOptionAndTheExpectedIds() {
    String out = tmp.resolve("x").toString();
    String models = ids(java.util.stream.Stream.concat(Arrays.stream(CellKind.values())
        .map(CellKind::id), Arrays.stream(org.bpttbench.seq.SequenceKind.values())
        .map(org.bpttbench.seq.SequenceKind::id)).toList());
    String learnCells = ids(LearnCell.values().stream().map(LearnCell::id).toList());
    String[][] cases = {
        {"gradnorm", "--cell", "tree", "unknown cell 'tree' (expected " + models + ")"},
        {"gradnorm", "--activation", "sigmoid",
            "unknown activation 'sigmoid' (expected tanh or relu)"},
        {"gradnorm", "--init", "xavier",
            "unknown init 'xavier' (expected gauss, orthogonal, identity or pytorch)"},
        {"gradnorm", "--backend", "gpu", "unknown backend 'gpu' (expected simd, scalar or auto)"},
        {"train", "--loss", "all-steps", "unknown loss 'all-steps' (expected final or all)"},
        {"train", "--optimizer", "rmsprop",
            "unknown optimizer 'rmsprop' (expected sgd, adam or adamw)"},
        {"learn", "--optimizer", "ADAM", "unknown optimizer 'ADAM' (expected sgd, adam or adamw)"},
        {"learn", "--task", "copy", "unknown task 'copy' (expected agreement or adding)"},
        {"task", "--task", "copy", "unknown task 'copy' (expected agreement or adding)"},
        {"learn", "--fillers", "none", "unknown fillers 'none' (expected words or triples)"},
        {"learn", "--preset", "standard",
            "unknown preset 'standard' (expected quick, default or thorough)"},
        {"learn", "--cells", "rnn,tree", "unknown cell 'tree' (expected " + learnCells + ")"},
        {"task", "--split", "val", "unknown split 'val' (expected train or test)"}};
    for (String[] c : cases) {
      CliRunner r = CliRunner.run(c[0], "--out", out, c[1], c[2]);
      String what = String.join(" ", c[0], c[1], c[2]) + " -> " + r.err;
      assertEquals(2, r.status, what);
      assertTrue(r.oneLineError(), what);
      assertTrue(r.err.contains("Invalid value for option '" + c[1] + "'")
          && r.err.contains(c[3]), what);
    }
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void idsParseIntoTheLibrarysConstantsKeepingTheSpellingsUsersKnow() {
    assertEquals(LossMode.ALL_STEPS, new Ids.Losses().convert("all"));
    assertEquals(LossMode.FINAL, new Ids.Losses().convert("final"));
    assertEquals(LearnCommand.Preset.STANDARD, new Ids.Presets().convert("default"));
    assertEquals(OptimizerSpec.Kind.ADAMW, new Ids.Optimizers().convert("adamw"));
    assertEquals(InitScheme.PYTORCH, new Ids.Inits().convert("pytorch"));
    assertEquals(Activation.RELU, new Ids.Activations().convert("relu"));
    assertEquals(LearnCell.LSTM_FB1, new Ids.LearnCells().convert(" lstm-fb1"));
    assertEquals(List.of("quick", "default", "thorough"), list(new Ids.Presets()));
    assertEquals(Arrays.stream(CellKind.values()).map(CellKind::id).toList(),
        list(new Ids.Cells()));

    LearnConfig c = learn("--optimizer", "sgd", "--task", "adding", "--preset", "quick",
        "--out", "o");
    assertEquals(OptimizerSpec.Kind.SGD, c.optimizer().kind());
    assertEquals(LearnTask.ADDING, c.task());
    assertEquals(LearnCommand.Preset.QUICK.addingLags, c.lags());
    assertEquals(Fillers.TRIPLES, c.fillers());
  }

  private static List<String> list(Iterable<String> ids) {
    List<String> all = new java.util.ArrayList<>();
    ids.forEach(all::add);
    return all;
  }

  @Test
  void eachCommandKeepsItsOwnDefaultsForTheOptionsItShares() {
    LearnConfig d = learn("--out", "o");
    assertEquals(OptimizerSpec.Kind.ADAM, d.optimizer().kind());
    assertEquals(32, d.batch());
    assertEquals(1.0, d.clipNorm());
    assertEquals(0, d.tbptt());
    assertEquals(64, d.hidden());
    assertEquals(LearnCommand.Preset.STANDARD.updates, d.updates());
    assertEquals(Integer.parseInt(LearnCommand.TRAIN_SIZE), d.trainSize());
    CliRunner train = CliRunner.run("train", "--out", tmp.resolve("t").toString(), "--model", "m",
        "--data", "d");
    assertEquals(2, train.status, train.err);
    assertTrue(train.oneLineError() && train.err.contains("Missing required options: "
        + "'--optimizer=O', '--lr=LR', '--batch=B', '--updates=N'"), train.err);

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
  void helpShowsEachCommandsDefaultsAndThePresetsFromTheirDeclarations() {
    CliRunner help = CliRunner.run("learn", "--help");
    assertTrue(help.err.isEmpty(), help.err);
    String learn = help.out.replaceAll("\\s+", " ");
    assertTrue(learn.contains("--optimizer=O sgd, adam, adamw (default adam)"), learn);
    assertTrue(learn.contains("--batch=B sequences per batch (default 32)"), learn);
    assertTrue(learn.contains("--preset=P quick, default, thorough:"), learn);
    for (LearnCommand.Preset p : LearnCommand.Preset.values()) {
      assertTrue(learn.contains(p.id() + " " + p.updates) && learn.contains(p.id() + " "
          + p.seeds) && learn.contains(p.id() + " " + p.agreementLags.get(0) + ","), p + ": "
          + learn);
    }
    for (LearnCell c : LearnCell.values()) {
      assertTrue(learn.contains(c.id() + " " + LearnCommand.defaultLr(LearnTask.AGREEMENT, c)), c + ": " + learn);
    }
    String train = CliRunner.run("train", "--help").out.replaceAll("\\s+", " ");
    assertTrue(train.contains("--batch=B sequences per batch --"), train);
    assertTrue(train.contains("before each step (default: none)"), train);
    assertTrue(train.contains("--loss=L final (") && train.contains("(default final)"), train);
    assertFalse(train.contains("null") || learn.contains("null"), train);
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

  private static LearnConfig learn(String... args) {
    LearnCommand c = new LearnCommand();
    new CommandLine(c).parseArgs(args);
    return c.config();
  }
}
