package org.bpttbench.kernel;

/** A backend was asked for by name but cannot run in this JVM; the message says why and what to do. */
public final class BackendUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }
}
