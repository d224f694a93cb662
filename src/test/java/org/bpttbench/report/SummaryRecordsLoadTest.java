package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bpttbench.output.ClipSummary;
import org.bpttbench.output.JacobianSummary;
import org.bpttbench.output.Json;
import org.bpttbench.output.Lesson;
import org.bpttbench.output.SaturationSummary;
import org.bpttbench.output.SweepSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reads sweep, clip, jacobian and saturation as the records their writers write: what
 * {@link Experiments#load} gives equals what was written, and the claims say why a gru jacobian or
 * a pytorch-init clip has no figure rather than reading 0.
 */
class SummaryRecordsLoadTest {
  @TempDir Path tmp;

  private void write(String experiment, Object summary) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(experiment));
    Json.writeRecord(dir.resolve("summary.json"), summary);
  }

  @Test
  void loadsWhatTheWritersWrite() throws Exception {
    SweepSummary sweep = new SweepSummary("sweep", "scalar", 42, 8, 4, 5, 30, "orthogonal",
        "zero", 1e-3, 5, 20, "rho^k", "bound", List.of(new SweepSummary.Run("tanh",
            "small-input", 1.0, 1.0, 1.0, 0.01, 0.99, 3, "9.9e-01", "1.0e+00", "9.9e-01",
            "1.0e+00"), new SweepSummary.Run("tanh", "large-input", 1.0, 1.0, 1.0, Double.NaN,
            0.5, 3, "1.0e-400", null, null, "1.0e+00")));
    ClipSummary clip = new ClipSummary("clip", "scalar", 42, 8, 4, 5, 6, "pytorch", null, "relu",
        0.1, 2, 1.0, "diverged", "stayed finite", 1, null, 3.5, Double.NaN, 0.25, 1e300, 10);
    JacobianSummary jacobian = new JacobianSummary("jacobian", "scalar", 42, 4, 3, 5, 4,
        "orthogonal", 1.0, "gru", null, null, null, 8, 1.0, "1.0e-03", -0.1,
        Double.NEGATIVE_INFINITY, -0.2, "note");
    SaturationSummary saturation = new SaturationSummary("saturation", "scalar", 42, 4, 3, 5, 31,
        "orthogonal", 1.0, 0, 0.99, List.of(
            new SaturationSummary.Run(0.1, 0, 0.9, "4.5e-01", "8.9e-02"),
            new SaturationSummary.Run(100, 0.9, 0.03, "6.5e-12", "8.9e-350")));
    write("sweep", sweep);
    write("clip", clip);
    write("jacobian", jacobian);
    write("saturation", saturation);

    Experiments ex = Experiments.load(tmp);
    assertEquals(sweep, ex.sweep().orElseThrow());
    assertEquals(clip, ex.clip().orElseThrow());
    assertEquals(jacobian, ex.jacobian().orElseThrow());
    assertEquals(saturation, ex.saturation().orElseThrow());

    Map<String, Claims.Claim> claims = Claims.all(ex).stream()
        .collect(Collectors.toMap(Claims.Claim::claim, c -> c));
    assertEquals("no data: the `jacobian` experiment ran gru; W_hh's ρ and σ_max are rnn's only",
        claims.get(Lesson.ORTHOGONAL).verdict());
    assertEquals("[clip](#clip), relu ρ = n/a", claims.get(Lesson.CLIP).source());
    assertEquals("holds: the surviving share keeps falling and never climbs back",
        claims.get(Lesson.TRAP).verdict());
    assertEquals("holds", claims.get(Lesson.MARGINAL).verdict(), "1e-400 reads as 0");
  }
}
