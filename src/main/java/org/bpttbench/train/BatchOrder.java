package org.bpttbench.train;

import java.util.OptionalLong;
import java.util.Random;

/**
 * Which sequence fills each batch slot. Position p = u·B + j (update u, slot j) walks the data in
 * passes of N: without a seed, sequence p mod N (file order); with one, pass e uses a fresh
 * Fisher–Yates permutation drawn from one {@code java.util.Random(seed)}, pass after pass.
 * Positions must be asked for in increasing order (as training does).
 */
final class BatchOrder {
  private final int n;
  private final Random rnd;
  private final int[] perm;
  private long pass = -1;

  BatchOrder(int n, OptionalLong seed) {
    this.n = n;
    this.rnd = seed.isPresent() ? new Random(seed.getAsLong()) : null;
    this.perm = new int[rnd == null ? 0 : n];
  }

  int sequence(long position) {
    int i = (int) (position % n);
    if (rnd == null) {
      return i;
    }
    long p = position / n;
    while (pass < p) {
      shuffle();
      pass++;
    }
    return perm[i];
  }

  private void shuffle() {
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }
}
