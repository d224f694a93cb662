package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;
import org.bpttbench.cell.CellKind;
import org.bpttbench.kernel.Kernels;

/** The lesson's headline figure: ‖dL_T/dh_t‖ against t for RNN, GRU and LSTM. */
public final class CurvesExperiment {
  private CurvesExperiment() {}

  public static CurvesResult run(CurvesConfig c, Kernels k) {
    float[] x = c.setup().inputs(c.inputScale());
    List<GradnormResult> cells = new ArrayList<>();
    for (CellKind kind : CellKind.values()) {
      GradnormConfig g = new GradnormConfig(c.setup().model(kind, c.activation()), x, c.target(),
          "generated", c.setup());
      cells.add(GradnormExperiment.run(g, k));
    }
    return new CurvesResult(c, k.name(), cells);
  }
}
