package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSectionTest {

  @TempDir
  Path dir;

  private static String stack(String cell, int layers, double micros) {
    return TestData.jmhEntry("StackBench.bptt", "us/op", micros, "cell=" + cell,
        "backend=simd", "hidden=128", "layers=" + layers, "seqLen=50");
  }

  /**
   * rnn at 1, 2, 4 layers: 2000, 4400, 9200 µs (per layer 1, 1.1, 1.15 times one layer); gru
   * at 2 layers only; a single-layer BpttBench pass that is not a stack.
   */
  private List<JmhResult> synthetic() throws Exception {
    Path json = Files.writeString(dir.resolve("jmh-result.json"), "[" + String.join(",\n",
        stack("rnn", 4, 9200), stack("gru", 2, 7000), stack("rnn", 1, 2000),
        stack("rnn", 2, 4400), TestData.jmhEntry("BpttBench.bptt", "us/op", 1900, "cell=rnn",
            "backend=simd", "hidden=128", "seqLen=50")) + "]");
    return JmhResults.read(json);
  }

  /** PyTorch: rnn at 1 and 2 layers (none at 4), and the single-layer entry. */
  private Path pytorch() throws Exception {
    return Files.writeString(dir.resolve("pytorch.json"), "{\"rnn_h128_T50\": {\"median_ms\":"
        + " 3.0, \"iqr_ms\": 0.1, \"reps\": 50}, \"stack_rnn_l1_h128_T50\": {\"median_ms\": 3.0,"
        + " \"iqr_ms\": 0.1, \"reps\": 50}, \"stack_rnn_l2_h128_T50\": {\"median_ms\": 6.6,"
        + " \"iqr_ms\": 0.1, \"reps\": 50}, \"meta\": {\"torch\": \"2.1\"}}");
  }

  @Test
  void aTablePerCellWithTimePerLayerAndPyTorchsNumLayersRun() throws Exception {
    String md = StackSection.markdown(synthetic(),
        Optional.of(PyTorchSection.Torch.read(pytorch())));
    assertTrue(md.startsWith("### BPTT against the number of layers\n\n"), md);
    assertTrue(md.indexOf("#### rnn, simd, H = 128, T = 50") < md.indexOf("#### gru, simd"),
        "cells in CellKind order");
    assertTrue(md.contains("| layers | Java SIMD ms | per layer / 1 layer | PyTorch ms |"
        + " PyTorch / Java SIMD |"), md);
    // intervals [x(2), x(8)] = ±1 %; PyTorch ± 1.96·1.2533·0.1/1.349/√50 = ± 0.02575 ms
    // 1 layer: 3.0 / 2.0 = 1.5 [2.974/2.02, 3.026/1.98]
    assertTrue(md.contains("| 1 | 2.000 [1.980–2.020] | 1 (reference) | 3.000 [2.974–3.026] |"
        + " 1.500× [1.472–1.528] |"), md);
    // 2 layers: (4.4 / 2) / 2.0 = 1.1 [2.178/2.02, 2.222/1.98]; 6.6 / 4.4 = 1.5
    // [6.574/4.444, 6.626/4.356]
    assertTrue(md.contains("| 2 | 4.400 [4.356–4.444] | 1.100 [1.078–1.122] |"
        + " 6.600 [6.574–6.626] | 1.500× [1.479–1.521] |"), md);
    // 4 layers: (9.2 / 4) / 2.0 = 1.15 [2.277/2.02, 2.323/1.98]; no PyTorch entry
    assertTrue(md.contains("| 4 | 9.200 [9.108–9.292] | 1.150 [1.127–1.173] | — | — |"), md);
    // gru: no one-layer result, no PyTorch entry
    assertTrue(md.contains("| 2 | 7.000 [6.930–7.070] | — | — | — |"), md);
    assertEquals(4, md.lines().filter(l -> l.matches("\\| \\d \\|.*")).count(), md);
    assertTrue(md.contains("- —: pytorch.json has no such entry"), md);
    ReportCommandTest.assertClean(md);
  }

  @Test
  void withoutPyTorchItsColumnsSaySoAndWithoutStackBenchNoSubsection() throws Exception {
    String md = StackSection.markdown(synthetic(), Optional.empty());
    assertTrue(md.contains("- PyTorch was not measured in this run: its columns show —."), md);
    assertTrue(md.contains("| 1 | 2.000 [1.980–2.020] | 1 (reference) | — | — |"), md);
    List<JmhResult> noStack = synthetic().stream()
        .filter(r -> !r.className().equals("StackBench")).toList();
    assertEquals("", StackSection.markdown(noStack, Optional.empty()));
  }

  @Test
  void theReportShowsItInTheBpttSectionAndLeavesStackKeysOutOfThePyTorchTable()
      throws Exception {
    Report.write(new Report.Inputs(synthetic(), "test", null, pytorch(), null, null, null, null, RunRecord.of(List.of())),
        dir);
    String md = Files.readString(dir.resolve(Report.MARKDOWN));
    int bptt = md.indexOf("## BPTT versus sequence length T");
    int section = md.indexOf("### BPTT against the number of layers");
    int torch = md.indexOf("## PyTorch reference");
    assertTrue(bptt >= 0 && section > bptt && torch > section, md);
    assertFalse(md.contains("### StackBench.bptt"), "not repeated under Other benchmarks");
    assertTrue(md.contains("| rnn_h128_T50 | 3.000 [2.974–3.026] | 1.900"), md);
    assertFalse(md.contains("| stack_rnn_l"), "no unmatched stack_ rows in the generic table");
    assertTrue(md.contains("The `num_layers` entries (`stack_*`) stand beside `StackBench`"), md);
    ReportCommandTest.assertClean(md);
  }
}
