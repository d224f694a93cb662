package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSectionTest {

  @TempDir
  Path dir;

  private static JmhResult update(String backend, int batch, double micros) {
    double[] raw = {micros * 0.99, micros, micros * 1.01, micros, micros * 0.995, micros * 1.005};
    return new JmhResult("org.bpttbench.bench.TrainBench.trainUpdate", "avgt", Map.of("backend",
        backend, "cell", "rnn", "hidden", "64", "batch", Integer.toString(batch), "seqLen", "50"),
        micros, micros / 100, "us/op", 0, 0, new JmhResult.RunConfig(1, 2, "300 ms", 6, "150 ms",
            "java", List.of(), "17", "vm", "17", "1.37"), raw);
  }

  @Test
  void trainingTableAndFigureBesidePyTorch() throws Exception {
    List<JmhResult> rs = new ArrayList<>();
    for (int b : new int[] {1, 8, 32}) {
      rs.add(update("simd", b, 40.0 * b));
      rs.add(update("scalar", b, 400.0 * b));
    }
    Path py = Files.writeString(dir.resolve("pytorch.json"), "{\"train_rnn_h64_b32_T50\":"
        + " {\"median_ms\": 5.7, \"iqr_ms\": 0.1, \"reps\": 50}, \"rnn_h64_T50\": {\"median_ms\":"
        + " 1.0, \"iqr_ms\": 0.1, \"reps\": 50}}");
    Optional<PyTorchSection.Torch> torch = Optional.of(PyTorchSection.Torch.read(py));
    assertTrue(TrainSection.figure(rs, torch, dir));
    byte[] png = Files.readAllBytes(dir.resolve("train.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    String md = TrainSection.markdown(rs, torch, true);
    // B = 32: SIMD 1280 us = 1.28 ms; 32 / 1.28 ms = 25000 sequences/s;
    // 6·32·50·1·64·128 = 78,643,200 FLOP / 1.28e6 ns = 61.44 GFLOP/s; PyTorch 5.7 / 1.28 = 4.453
    // intervals: [min, max] of 6 iterations (±1 %); PyTorch ± 1.96·1.2533·0.1/1.349/√50 = ± 0.026
    assertTrue(md.contains("| rnn | 64 | 32 | 50 | 5.700 [5.674–5.726] | 1.280 [1.267–1.293] |"
        + " 12.80 [12.67–12.93] | 4.453× [4.389–4.518] | 10.00× [9.802–10.20] | 25000"), md);
    assertTrue(md.contains("| 61.44 [60.83–62.06] |"), md);
    assertTrue(md.contains("| rnn | 64 | 1 | 50 | — | 0.040"), md);
    assertEquals(3, md.lines().filter(l -> l.matches("\\| rnn \\| 64 \\| \\d+ \\| 50 \\|.*")).count());
    ReportCommandTest.assertClean(md);
    String csv = Files.readString(dir.resolve("train.csv"));
    assertTrue(csv.contains("rnn PyTorch"), csv);
  }
}
