package org.bpttbench.output;

import com.google.gson.annotations.JsonAdapter;
import org.bpttbench.experiment.ClipConfig;
import org.bpttbench.experiment.ClipResult;
import org.bpttbench.experiment.Setup;

/**
 * clip's {@code summary.json}: written from the result ({@link #of}) and read back by the report,
 * the same record both ways (keys are the components in snake_case; nan/inf as strings). ρ is
 * null under the {@code pytorch} init; a first non-finite update is null when the run stayed
 * finite.
 */
public record ClipSummary(String experiment, String backend, long seed, int hidden, int input,
                          int classes, int steps, String init,
                          @JsonAdapter(NullableDouble.class) Double rho, String activation,
                          double lr, int updates, double maxNorm, String outcomePlain,
                          String outcomeClipped, Integer firstNonfiniteUpdatePlain,
                          Integer firstNonfiniteUpdateClipped, double lossPlainFirst,
                          double lossPlainLast, double lossClippedLast,
                          double maxFiniteGradNormPlain,
                          double maxFiniteGradNormClippedRunBeforeClip) {

  static ClipSummary of(ClipResult r) {
    ClipConfig c = r.config();
    Setup s = c.setup();
    int n = r.lossPlain().length;
    return new ClipSummary("clip", r.backend(), s.seed(), s.hidden(), s.input(), s.classes(),
        s.steps(), s.init().id(), s.rhoUsed(), c.activation().id(), c.lr(), c.updates(),
        c.maxNorm(), ClipFiles.outcome(r.lossPlain(), r.normPlain()),
        ClipFiles.outcome(r.lossClipped(), r.normBefore()) + "; clipping scaled the gradient"
            + " down in " + r.clippedUpdates() + " of " + n + " updates",
        ClipResult.firstNonFinite(r.lossPlain(), r.normPlain()),
        ClipResult.firstNonFinite(r.lossClipped(), r.normBefore()), r.lossPlain()[0],
        r.lossPlain()[n - 1], r.lossClipped()[n - 1], ClipResult.maxFinite(r.normPlain()),
        ClipResult.maxFinite(r.normBefore()));
  }
}
