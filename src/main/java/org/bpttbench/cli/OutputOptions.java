package org.bpttbench.cli;

import org.bpttbench.cell.EnumId;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import picocli.CommandLine.Option;

/** {@code --out DIR --backend B}: where a command writes and which kernels it runs on. */
final class OutputOptions extends Options.Out {
  /**
   * The names {@link KernelProvider#forName} takes. The library has no enum for them to reuse:
   * one in kernel could not implement {@link EnumId} (cell, which holds it, depends on kernel).
   */
  enum Backend implements EnumId { SIMD, SCALAR, AUTO }

  @Option(names = "--backend", paramLabel = "B", defaultValue = "auto",
      converter = Ids.Backends.class, completionCandidates = Ids.Backends.class,
      description = "kernel backend: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: simd"
          + " when the jdk.incubator.vector module is present)")
  Backend backend;

  Kernels kernels() {
    return KernelProvider.forName(backend.id());
  }
}
