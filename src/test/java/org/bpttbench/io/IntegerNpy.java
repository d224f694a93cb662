package org.bpttbench.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Integer {@code .npy} files as numpy writes them (class labels), for tests of any package. */
public final class IntegerNpy {
  private IntegerNpy() {}

  /** An int64 '<i8' file, as {@code numpy.save} writes a PyTorch LongTensor. */
  public static Path int64(Path file, String shape, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return NpyBytes.write(file.getParent(), file.getFileName().toString(),
        NpyBytes.file(1, NpyBytes.dict("<i8", false, shape), b.array()));
  }
}
