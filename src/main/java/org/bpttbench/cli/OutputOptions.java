package org.bpttbench.cli;

import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import picocli.CommandLine.Option;

/** {@code --out DIR --backend B}: where a command writes and which kernels it runs on. */
final class OutputOptions extends Options.Out {
  @Option(names = "--backend", paramLabel = "B", defaultValue = "auto",
      description = "kernel backend: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: simd"
          + " when the jdk.incubator.vector module is present)")
  Choices.Backend backend;

  Kernels kernels() {
    return KernelProvider.forName(backend.name());
  }
}
