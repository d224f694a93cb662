package org.bpttbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output directory written in full beside its final place and renamed into place at the end,
 * so an interrupted or failed run never leaves a half-written directory and never destroys the
 * previous one before the new one is complete.
 */
public final class StagedDirectory implements AutoCloseable {
  private final Path target;
  private final Path stage;
  private boolean committed;

  private StagedDirectory(Path target, Path stage) {
    this.target = target;
    this.stage = stage;
  }

  /**
   * Creates the staging directory for {@code target}.
   *
   * @throws IllegalArgumentException if {@code target} exists and is not a directory
   */
  public static StagedDirectory create(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException("output path " + target
          + " is a file (expected a directory or a new path)");
    }
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path stage = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
    return new StagedDirectory(abs, stage);
  }

  /** Where to write the files. */
  public Path path() {
    return stage;
  }

  /** Moves the staged directory to its target, replacing an earlier one only now. */
  public void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid()
          + "-" + System.nanoTime());
      move(target, old);
    }
    move(stage, target);
    committed = true;
    if (old != null) {
      deleteTree(old);
    }
  }

  /** Removes the staging directory unless committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        deleteTree(stage);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes a directory tree (or file); missing is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
