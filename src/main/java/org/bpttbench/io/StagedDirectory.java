package org.bpttbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output directory written in full beside its final place and renamed into place at the end,
 * so an interrupted or failed run never leaves a half-written directory and never destroys the
 * previous one before the new one is complete. {@link #merging} stages files to be added to an
 * existing directory instead; {@link #publish} files a finished directory under a time stamp.
 */
public final class StagedDirectory implements AutoCloseable {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** The link {@link #publish} repoints at the newest directory. */
  public static final String LATEST = "latest";

  private final Path target;
  private final Path stage;
  /** With {@link #merging}: the file moved in after all others; null when replacing the target. */
  private final String last;
  private boolean committed;

  private StagedDirectory(Path target, Path stage, String last) {
    this.target = target;
    this.stage = stage;
    this.last = last;
  }

  /**
   * Creates the staging directory for {@code target}.
   *
   * @throws IllegalArgumentException if {@code target} exists and is not a directory
   */
  public static StagedDirectory create(Path target) throws IOException {
    Path abs = directory(target);
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path stage = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
    return new StagedDirectory(abs, stage, null);
  }

  /**
   * Stages files to be added to the directory {@code target} (created if missing), which keeps
   * its other files: {@link #commit} moves each staged file in, replacing one of the same name,
   * and {@code last} (say the index file that points at the others) after all the rest.
   */
  public static StagedDirectory merging(Path target, String last) throws IOException {
    Path abs = directory(target);
    Files.createDirectories(abs);
    return new StagedDirectory(abs, Files.createTempDirectory(abs, ".partial-"), last);
  }

  private static Path directory(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException("output path " + target
          + " is a file (expected a directory or a new path)");
    }
    return abs;
  }

  /**
   * Files the finished directory {@code complete} as {@code root/<UTC yyyyMMdd'T'HHmmss'Z'>} (or
   * {@code -2}, {@code -3} … when that name is taken: an existing directory is never replaced)
   * and then atomically repoints the symbolic link {@code root/latest} at it.
   *
   * @return the published directory
   */
  public static Path publish(Path complete, Path root, Instant now) throws IOException {
    if (!Files.isDirectory(complete)) {
      throw new IllegalArgumentException(complete + ": not a directory (nothing to publish)");
    }
    Files.createDirectories(root);
    String stamp = STAMP.format(now);
    Path name = null;
    for (int n = 1; name == null; n++) {
      Path candidate = root.resolve(n == 1 ? stamp : stamp + "-" + n);
      try {
        // Reserving the name with mkdir is atomic; rename(2) then replaces only our own empty
        // directory, never a report another run published under the same stamp.
        Files.createDirectory(candidate);
        name = candidate;
      } catch (FileAlreadyExistsException e) {
        if (n >= 1000) {
          throw new IOException("cannot publish " + complete + " under " + root + "/" + stamp
              + "-N (tried 1000 names)");
        }
      }
    }
    Files.move(complete, name, StandardCopyOption.ATOMIC_MOVE);
    Path link = root.resolve("." + LATEST + "-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime());
    Files.createSymbolicLink(link, name.getFileName());
    try {
      Files.move(link, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(link);
      throw new IOException("published " + name + " but could not point " + root.resolve(LATEST)
          + " at it (is it a directory?): " + e.getMessage(), e);
    }
    return name;
  }

  /** Where to write the files. */
  public Path path() {
    return stage;
  }

  /** Moves the staged directory to its target, replacing an earlier one only now. */
  public void commit() throws IOException {
    if (last != null) {
      mergeIntoTarget();
      return;
    }
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

  private void mergeIntoTarget() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(stage)) {
      files = s.sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals(last)))
          .toList();
    }
    for (Path f : files) {
      Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
    deleteTree(stage);
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
