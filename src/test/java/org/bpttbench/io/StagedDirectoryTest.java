package org.bpttbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path tmp;

  private Path finished(String name, String content) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.writeString(d.resolve("REPORT.md"), content);
    return d;
  }

  @Test
  void publishRenamesUnderTheStampTakesTheNextSuffixAndRepointsLatest() throws IOException {
    Path reports = tmp.resolve("reports");
    Path first = StagedDirectory.publish(finished(".tmp-a", "a"), reports, NOW);
    assertEquals(reports.resolve("20260102T030405Z"), first);
    assertEquals(first.getFileName(), Files.readSymbolicLink(reports.resolve("latest")));
    Files.createDirectories(reports.resolve("20260102T030405Z-2")); // taken, even though empty
    Path second = StagedDirectory.publish(finished(".tmp-b", "b"), reports, NOW);
    assertEquals(reports.resolve("20260102T030405Z-3"), second);
    assertEquals("a", Files.readString(first.resolve("REPORT.md")), "never replaced");
    assertEquals("b", Files.readString(reports.resolve("latest/REPORT.md")));
    assertFalse(Files.exists(tmp.resolve(".tmp-b")));
    try (var s = Files.list(reports)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".latest")));
    }
  }

  @Test
  void aLatestThatIsADirectoryIsAnErrorAfterPublishing() throws IOException {
    Path reports = Files.createDirectories(tmp.resolve("r").resolve("latest")).getParent();
    Files.writeString(reports.resolve("latest/keep"), "x");
    IOException e = assertThrows(IOException.class,
        () -> StagedDirectory.publish(finished(".tmp-c", "c"), reports, NOW));
    assertTrue(e.getMessage().contains("could not point"), e.getMessage());
    assertTrue(Files.exists(reports.resolve("20260102T030405Z/REPORT.md")));
    assertEquals("x", Files.readString(reports.resolve("latest/keep")));
  }

  @Test
  void mergingAddsFilesAndKeepsTheOthers() throws IOException {
    Path out = finished("out", "old");
    Files.writeString(out.resolve("other"), "kept");
    try (StagedDirectory stage = StagedDirectory.merging(out, "REPORT.md")) {
      Files.writeString(stage.path().resolve("REPORT.md"), "new");
      Files.writeString(stage.path().resolve("fig.png"), "png");
      assertEquals("old", Files.readString(out.resolve("REPORT.md")), "nothing moves before");
      stage.commit();
    }
    assertEquals("new", Files.readString(out.resolve("REPORT.md")));
    assertEquals("kept", Files.readString(out.resolve("other")));
    try (var s = Files.list(out)) {
      assertEquals(3, s.count(), "no staging directory left");
    }
  }
}
