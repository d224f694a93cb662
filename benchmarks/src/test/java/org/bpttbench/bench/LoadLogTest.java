package org.bpttbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadLogTest {

  @Test
  void writesBeforeAfterTheRunAndOneEntryPerBenchmark(@TempDir Path dir) throws Exception {
    LoadLog log = new LoadLog();
    log.start();
    log.end("KernelBench.gemv", Map.of("backend", "si\"md"));
    Path file = dir.resolve("load.json");
    boolean measured = log.write(file).isPresent();
    String json = Files.readString(file);
    assertEquals(Files.isReadable(Path.of("/proc/stat")), measured);
    if (measured) {
      for (String key : new String[] {"\"before\"", "\"after\"", "\"run\"", "\"self\"",
          "\"others\"", "\"steal\"", "\"loadavg1\""}) {
        assertTrue(json.contains(key), key);
      }
      assertTrue(json.contains("{\"benchmark\": \"KernelBench.gemv\", \"params\": "
          + "{\"backend\": \"si\\\"md\"}"), json);
    } else {
      assertTrue(json.contains("\"available\": false"), json);
    }
  }
}
