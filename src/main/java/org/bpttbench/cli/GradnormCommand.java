package org.bpttbench.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bpttbench.analysis.DecayFit;
import org.bpttbench.analysis.Init;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.bptt.Bptt;
import org.bpttbench.bptt.GradientCurve;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;
import org.bpttbench.io.ModelFiles;
import org.bpttbench.io.NpyWriter;
import org.bpttbench.io.StagedDirectory;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;

/** {@code gradnorm}: the curve ‖dL_T/dh_t‖ and every parameter gradient for one model and sequence. */
public final class GradnormCommand implements Command {

  @Override
  public String name() {
    return "gradnorm";
  }

  @Override
  public String summary() {
    return "gradient norms ||dL_T/dh_t|| and parameter gradients of a saved or generated model";
  }

  @Override
  public Set<String> valuedOptions() {
    return Set.of("cell", "activation", "model", "target", "backend", "out", "hidden", "input",
        "classes", "steps", "rho", "init", "seed");
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of("allow-nonfinite");
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: ./run-bench.sh gradnorm --out DIR [--cell rnn|gru|lstm] [--model DIR | generation options]",
        "                              [--target K] [--backend simd|scalar|auto] [--allow-nonfinite]",
        "",
        "Runs the model forward over its input sequence, takes the softmax cross-entropy loss L_T of",
        "the read-out at the final step against class K, and backpropagates through time.",
        "",
        "  --out DIR          output directory (written in full, then renamed into place)",
        "  --cell C           rnn (default), gru or lstm",
        "  --activation A     rnn nonlinearity: tanh (default) or relu",
        "  --model DIR        a model directory: weight_ih.npy weight_hh.npy bias_ih.npy bias_hh.npy",
        "                     out_weight.npy out_bias.npy inputs.npy [T x I] (float32 or float64,",
        "                     as numpy.save writes a PyTorch state_dict; drop the _l0 suffix)",
        "  --target K         target class of L_T (default 0)",
        "  --backend B        kernel backend: simd, scalar or auto (default auto: simd when the",
        "                     jdk.incubator.vector module is present)",
        "  --allow-nonfinite  run even if weights or inputs hold NaN/Inf (the CSV shows nan/inf)",
        "",
        "Without --model a model is generated (and saved to DIR/model/ for re-runs with --model):",
        "  --hidden H (64)  --input I (16)  --classes V (10)  --steps T (50)  --seed S (42)",
        "  --init gauss|orthogonal|identity|pytorch (orthogonal)  --rho R (1.0): W_hh (each gate",
        "     block) scaled to spectral radius R; every other parameter PyTorch's uniform(+-1/sqrt(H))",
        "",
        "Writes DIR/gradnorm.csv (t,grad_norm[,cell_grad_norm for lstm]; t = 1..T,",
        "grad_norm = ||dL_T/dh_t||_2, exact beyond float range), DIR/grad_<param>.npy for the six",
        "parameters, DIR/summary.json (sizes, backend, loss, decay in decades per 10 steps).",
        "");
  }

  @Override
  public void run(Args a) throws IOException {
    Path out = Path.of(a.required("out"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("option --out: " + out + " is a file (expected a directory)");
    }
    CellKind kind = CellKind.fromId(a.choice("cell", "rnn", "rnn", "gru", "lstm"));
    Activation act = Activation.fromId(a.choice("activation", "tanh", "tanh", "relu"));
    String backend = a.choice("backend", "auto", "simd", "scalar", "auto");
    boolean allowNonFinite = a.flag("allow-nonfinite");

    Model model;
    float[] inputs;
    int steps;
    Map<String, Object> source = new LinkedHashMap<>();
    boolean generated = !a.has("model");
    if (generated) {
      int hidden = a.intAtLeast("hidden", 64, 1);
      int input = a.intAtLeast("input", 16, 1);
      int classes = a.intAtLeast("classes", 10, 1);
      steps = a.intAtLeast("steps", 50, 1);
      InitScheme init = InitScheme.fromId(
          a.choice("init", "orthogonal", "gauss", "orthogonal", "identity", "pytorch"));
      double rho = a.number("rho", 1.0, 0, 1e6);
      long seed = a.longValue("seed", 42);
      model = Init.model(kind, act, input, hidden, classes, init, rho, seed);
      inputs = Init.gaussianInputs(steps, input, seed);
      source.put("model", "generated");
      source.put("init", init.id());
      source.put("rho", init == InitScheme.PYTORCH ? null : rho);
      source.put("seed", seed);
    } else {
      for (String opt : new String[] {"hidden", "input", "classes", "steps", "init", "rho", "seed"}) {
        if (a.has(opt)) {
          throw new UsageException("option --" + opt + " cannot be combined with --model"
              + " (the sizes come from the model's files)");
        }
      }
      ModelFiles.Loaded loaded = ModelFiles.load(a.path("model"), kind, act, allowNonFinite);
      model = loaded.model();
      inputs = loaded.inputs();
      steps = loaded.steps();
      source.put("model", a.path("model").toAbsolutePath().toString());
    }
    int target = a.intAtLeast("target", 0, 0);
    if (target >= model.classes) {
      throw new UsageException("option --target: " + target + " is not a class of this model"
          + " (expected 0.." + (model.classes - 1) + ")");
    }

    Kernels k = KernelProvider.forName(backend);
    Bptt bptt = new Bptt(model, k, steps);
    double loss = bptt.run(inputs, 0, steps, new int[] {target}, LossMode.FINAL);
    GradientCurve curve = new GradientCurve(k, steps, bptt.stateSize());
    curve.compute(bptt);
    DecayFit fit = DecayFit.ofLog10(curve.log10HiddenNorms());
    boolean gradsFinite = allFinite(bptt.grads());

    try (StagedDirectory stage = StagedDirectory.create(out)) {
      Path dir = stage.path();
      writeCurve(dir.resolve("gradnorm.csv"), curve, steps, kind == CellKind.LSTM);
      for (Tensor g : bptt.grads().tensors()) {
        NpyWriter.write(dir.resolve("grad_" + g.name() + ".npy"), g.shape(), g.data());
      }
      if (generated) {
        ModelFiles.save(dir.resolve("model"), model, inputs, steps);
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("cell", kind.id());
      if (kind == CellKind.RNN) {
        summary.put("activation", act.id());
      }
      summary.put("hidden", model.hiddenSize);
      summary.put("input", model.inputSize);
      summary.put("classes", model.classes);
      summary.put("steps", steps);
      summary.put("target", target);
      summary.put("backend", k.name());
      summary.putAll(source);
      summary.put("loss", finiteOrNull(loss));
      summary.put("grad_norm_first", CurveFormat.log10ToString(curve.log10HiddenNorms()[0]));
      summary.put("grad_norm_last",
          CurveFormat.log10ToString(curve.log10HiddenNorms()[steps - 1]));
      summary.put("decades_per_10_steps", finiteOrNull(fit.decadesPer10Steps));
      summary.put("decay_fit_r2", finiteOrNull(fit.rSquared));
      summary.put("parameter_gradients_finite", gradsFinite);
      Files.writeString(dir.resolve("summary.json"),
          new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(summary) + "\n");
      stage.commit();
    }
    System.out.printf("%s%s H=%d I=%d V=%d T=%d, backend %s: loss %.6f%n", kind.id(),
        kind == CellKind.RNN ? " (" + act.id() + ")" : "", model.hiddenSize, model.inputSize,
        model.classes, steps, k.name(), loss);
    System.out.printf("  ||dL_T/dh_T|| = %s, ||dL_T/dh_1|| = %s; decay %.3f decades per 10 steps"
        + " (R^2 %.3f)%n", CurveFormat.log10ToString(curve.log10HiddenNorms()[steps - 1]),
        CurveFormat.log10ToString(curve.log10HiddenNorms()[0]), fit.decadesPer10Steps,
        fit.rSquared);
    if (!gradsFinite) {
      System.out.println("  warning: some parameter gradients overflowed float32 (inf/nan in"
          + " grad_*.npy); the gradient-norm curve is exact regardless");
    }
    System.out.println("  wrote " + out);
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static boolean allFinite(Model grads) {
    for (Tensor t : grads.tensors()) {
      for (float v : t.data()) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void writeCurve(Path file, GradientCurve curve, int steps, boolean lstm)
      throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.println(lstm ? "t,grad_norm,cell_grad_norm" : "t,grad_norm");
      for (int t = 1; t <= steps; t++) {
        w.print(t);
        w.print(',');
        w.print(CurveFormat.log10ToString(curve.log10HiddenNorms()[t - 1]));
        if (lstm) {
          w.print(',');
          w.print(CurveFormat.log10ToString(curve.log10CellNorms()[t - 1]));
        }
        w.println();
      }
    }
  }
}
