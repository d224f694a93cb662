package org.bpttbench.output;

import com.google.gson.annotations.JsonAdapter;
import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.bpttbench.experiment.SaturationConfig;
import org.bpttbench.experiment.SaturationResult;
import org.bpttbench.experiment.Setup;

/**
 * saturation's {@code summary.json}: written from the result ({@link #of}) and read back by the
 * report, the same record both ways (keys are the components in snake_case; nan/inf as strings).
 * ρ is null under the {@code pytorch} init; runs are in rising input scale.
 */
public record SaturationSummary(String experiment, String backend, long seed, int hidden,
                                int input, int classes, int steps, String init,
                                @JsonAdapter(NullableDouble.class) Double rho, int target,
                                double saturationThresholdAbsH, List<Run> runs) {

  /**
   * One input scale. The shares of the gradient surviving 10 and 30 steps are text, exact beyond
   * double's range ({@link Numbers#fullLog10}).
   */
  public record Run(double inputScale, double saturatedFraction, double meanTanhDerivative,
                    @SerializedName("survive_10") String survive10,
                    @SerializedName("survive_30") String survive30) {

    /** The share surviving 10 steps: 0 below double's range, NaN when missing. */
    public double survive10AsDouble() {
      return survive10 == null ? Double.NaN : Numbers.parse(survive10);
    }

    /** The share surviving 30 steps: 0 below double's range, NaN when missing. */
    public double survive30AsDouble() {
      return survive30 == null ? Double.NaN : Numbers.parse(survive30);
    }
  }

  static SaturationSummary of(SaturationResult r) {
    SaturationConfig c = r.config();
    Setup s = c.setup();
    return new SaturationSummary("saturation", r.backend(), s.seed(), s.hidden(), s.input(),
        s.classes(), s.steps(), s.init().id(), s.rhoUsed(), c.target(), c.threshold(),
        r.points().stream().map(p -> new Run(p.scale(), p.saturatedFraction(),
            p.meanTanhDerivative(), Numbers.fullLog10(p.log10SurviveShort()),
            Numbers.fullLog10(p.log10SurviveLong()))).toList());
  }
}
