package org.bpttbench.kernel;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the kernel backend, in the manner of Lucene's {@code VectorizationProvider}.
 *
 * <p>{@code simd} needs the incubator module {@code jdk.incubator.vector} in the boot layer
 * ({@code --add-modules jdk.incubator.vector}) and a preferred vector size of at least 128 bits.
 * The SIMD class is loaded reflectively, only after those checks, so this class works on a JVM
 * without the module. The default ({@code auto}) is SIMD when it can run, else scalar with one line
 * on stderr saying why. The system property {@value #PROPERTY} ({@code auto|simd|scalar}) overrides
 * the default; the CLI's {@code --backend} flag calls {@link #forName(String)}.
 */
public final class KernelProvider {

  /** System property choosing the backend: {@code auto} (default), {@code simd} or {@code scalar}. */
  public static final String PROPERTY = "bptt.backend";

  private static final String SIMD_CLASS = "org.bpttbench.kernel.VectorKernels";

  private KernelProvider() {}

  /** The backend chosen by {@value #PROPERTY}, or auto-detected. */
  public static Kernels get() {
    return Holder.DEFAULT;
  }

  /**
   * The backend named {@code scalar}, {@code simd} or {@code auto}.
   *
   * @throws BackendUnavailableException if {@code simd} is asked for and cannot run
   * @throws IllegalArgumentException for any other name
   */
  public static Kernels forName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "scalar":
        return ScalarKernels.INSTANCE;
      case "simd":
        if (SimdHolder.SIMD == null) {
          throw new BackendUnavailableException("backend 'simd' is not available: "
              + SimdHolder.REASON);
        }
        return SimdHolder.SIMD;
      case "auto":
        return get();
      default:
        throw new IllegalArgumentException("unknown backend '" + name
            + "' (expected simd, scalar or auto)");
    }
  }

  /** Whether the SIMD backend can run in this JVM. */
  public static boolean simdAvailable() {
    return SimdHolder.SIMD != null;
  }

  /** Why SIMD is unavailable, or {@code null} when it is available. */
  public static String simdUnavailableReason() {
    return SimdHolder.REASON;
  }

  /** Every backend that can run here, scalar first: what tests iterate over. */
  public static List<Kernels> available() {
    List<Kernels> all = new ArrayList<>();
    all.add(ScalarKernels.INSTANCE);
    if (SimdHolder.SIMD != null) {
      all.add(SimdHolder.SIMD);
    }
    return all;
  }

  private static final class Holder {
    static final Kernels DEFAULT = chooseDefault();

    private static Kernels chooseDefault() {
      String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
      if (!wanted.equals("auto")) {
        return forName(wanted);
      }
      if (SimdHolder.SIMD != null) {
        return SimdHolder.SIMD;
      }
      System.err.println("bptt-bench: using the scalar backend: " + SimdHolder.REASON);
      return ScalarKernels.INSTANCE;
    }
  }

  /** Loaded lazily so that nothing touches the Vector API before the checks have run. */
  private static final class SimdHolder {
    static final Kernels SIMD;
    static final String REASON;

    static {
      Kernels simd = null;
      String reason = null;
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        reason = "module jdk.incubator.vector is not present"
            + " (start java with --add-modules jdk.incubator.vector)";
      } else {
        try {
          simd = (Kernels) Class.forName(SIMD_CLASS).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
          reason = "the Vector API cannot be used here: " + e.getCause().getMessage();
        } catch (ReflectiveOperationException | LinkageError e) {
          reason = "the Vector API backend failed to load: " + e;
        }
      }
      SIMD = simd;
      REASON = reason;
    }
  }
}
