package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@link GradnormResult} per cell (rnn, gru, lstm) and one {@link CurveSeries} per sequence
 * model (lru, attention), all on the same input, and the LRU's decay against its spectrum on each
 * ring ({@link LruSpectrum}).
 */
public record CurvesResult(CurvesConfig config, String backend, List<GradnormResult> cells,
                           List<CurveSeries> models, List<LruSpectrum> spectra) {

  /** Every series of the figure: the cells (their init named as the setup's), then the models. */
  public List<CurveSeries> series() {
    List<CurveSeries> all = new ArrayList<>();
    String init = config.setup().init().id() + (config.setup().rhoUsed() == null ? ""
        : " rho = " + config.setup().rho());
    cells.forEach(g -> all.add(CurveSeries.of(g, init)));
    all.addAll(models);
    return all;
  }
}
