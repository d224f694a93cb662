package org.bpttbench.io;

/**
 * A {@code .npy} file could not be read. The message is a single line of the form
 * {@code <file>: <what was found> (<what was expected>)}, meant to be shown to the user as is.
 */
public final class NpyFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NpyFormatException(String file, String problem) {
    super(OneLine.of(file) + ": " + OneLine.of(problem));
  }

  public NpyFormatException(String file, String problem, Throwable cause) {
    super(OneLine.of(file) + ": " + OneLine.of(problem), cause);
  }
}
