package org.bpttbench.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bpttbench.io.SequenceModelFiles;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;
import org.bpttbench.train.SequenceTrainConfig;
import org.bpttbench.train.SequenceTrainResult;

/**
 * {@link TrainFiles} for the LRU and attention: {@code model/*.npy} (the trained parameters under
 * their state_dict names, loadable back with {@code load_state_dict}), {@code train.csv} and
 * {@code summary.json} as for the cells.
 */
public enum SequenceTrainFiles implements ResultFiles<SequenceTrainFiles.Run> {
  INSTANCE;

  /** A training run with where its model and data came from. */
  public record Run(SequenceTrainConfig config, SequenceTrainResult result, String model,
                    String data) {}

  @Override
  public void write(Run run, Path dir) throws IOException {
    SequenceTrainResult r = run.result();
    SequenceModelFiles.save(dir.resolve("model"), r.trained(), r.outWeight(), r.outBias(), null,
        0);
    TrainFiles.writeCurve(dir, r.loss(), r.gradNorm());
    SequenceTrainConfig c = run.config();
    Map<String, Object> s = sizes(c.spec());
    TrainFiles.putRun(s, c.data(), c.batch(), c.updates(), c.shuffleSeed(), 0, c.optimizer(),
        c.clipNorm(), c.clipValue(), c.kernels().name(), run.model(), run.data(), r.loss(),
        r.gradNorm());
    Json.write(dir.resolve("summary.json"), s);
  }

  /** The model's sizes, first in both sequence-model summaries. */
  static Map<String, Object> sizes(SequenceSpec spec) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("cell", spec.kind().id());
    s.put("hidden", spec.hidden());
    s.put("input", spec.input());
    s.put("classes", spec.classes());
    if (spec.kind() == SequenceKind.LRU) {
      s.put("state", spec.state());
    } else {
      s.put("heads", spec.heads());
    }
    return s;
  }

  @Override
  public String describe(Run run) {
    SequenceTrainConfig c = run.config();
    SequenceSpec spec = c.spec();
    return spec.kind().id() + " H=" + spec.hidden() + " I=" + spec.input() + " V="
        + spec.classes() + (spec.kind() == SequenceKind.LRU ? " N=" + spec.state()
            : ", " + spec.heads() + (spec.heads() == 1 ? " head" : " heads")) + ", "
        + c.data().sequences() + " sequences of " + c.data().steps() + " steps, batch "
        + c.batch() + ", " + c.optimizer().kind().id() + " lr "
        + Numbers.brief(c.optimizer().lr()) + ", backend " + c.kernels().name() + "\n"
        + TrainFiles.describeCurve(run.result().loss(), run.result().gradNorm());
  }
}
