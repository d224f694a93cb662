package org.bpttbench.experiment;

import java.util.List;

/** One {@link GradnormResult} per cell (rnn, gru, lstm), all on the same input. */
public record CurvesResult(CurvesConfig config, String backend, List<GradnormResult> cells) {}
