package org.bpttbench.cli;

import org.bpttbench.analysis.InitScheme;
import org.bpttbench.cell.Activation;

/**
 * The fixed word sets of the options, spelled as users type them, so that picocli lists them in
 * the help and in its error ("expected one of [rnn, gru, lstm] ... but was 'x'").
 */
final class Choices {
  private Choices() {}

  enum Act {
    tanh, relu;

    Activation activation() {
      return Activation.fromId(name());
    }
  }

  enum Init {
    gauss, orthogonal, identity, pytorch;

    InitScheme scheme() {
      return InitScheme.fromId(name());
    }
  }

  enum Backend { simd, scalar, auto }
}
