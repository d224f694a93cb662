package org.bpttbench.kernel;

/**
 * The float32 kernels everything else is written against.
 *
 * <p>All matrices are row-major {@code float[]} with an explicit offset; sizes are explicit and any
 * size &ge; 0 is accepted (tails included). Implementations keep no per-call state and allocate
 * nothing per call (the SIMD GEMM's packing buffers are allocated once per thread and reused), so
 * they can be called from hot loops. Two implementations exist: {@link ScalarKernels}
 * (the reference: plain loops) and {@code VectorKernels} (the Vector API); {@link KernelProvider}
 * picks one.
 *
 * <p>Output ranges must not overlap input ranges unless a method says otherwise.
 */
public interface Kernels {

  /** The backend's name as used by {@code --backend}: {@code scalar} or {@code simd}. */
  String name();

  /** {@code y = W·x + b} for W of {@code rows×cols}; {@code b} may be {@code null} (no bias). */
  void gemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
            float[] b, int bOff, float[] y, int yOff);

  /** {@code y += W·x} for W of {@code rows×cols}. */
  void gemvAcc(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

  /** {@code y = Wᵀ·x} for W of {@code rows×cols}: x has {@code rows} entries, y has {@code cols}. */
  void gemvT(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

  /** {@code y += Wᵀ·x} for W of {@code rows×cols}. */
  void gemvTAcc(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff);

  /** Rank-1 update {@code A += alpha·u·vᵀ} for A of {@code rows×cols}, u of rows, v of cols. */
  void ger(float alpha, float[] u, int uOff, float[] v, int vOff,
           float[] a, int aOff, int rows, int cols);

  /**
   * {@code C = alpha·op(A)·op(B) + beta·C} (BLAS sgemm semantics, row-major). op(A) is {@code m×k},
   * op(B) is {@code k×n}, C is {@code m×n}; {@code lda, ldb, ldc} are the row strides of the
   * stored matrices. When {@code beta == 0} the old contents of C are ignored (NaN included).
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc);

  /**
   * Floats that {@link #packB} writes for a {@code k×n} op(B); the layout is the backend's own.
   */
  int packedSize(int k, int n);

  /**
   * Lays op(B) ({@code k×n}; B stored with row stride ldb, transposed when {@code transB}) out in
   * {@code packed} from pOff for {@link #gemmPacked}: a matrix used by many products (the
   * recurrent weights, once per time step) is packed once.
   */
  void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed, int pOff);

  /**
   * {@code C1 = op(A)·B1} and {@code C2 = op(A)·B2}, beta 0: B1 is {@code k×n1} and B2
   * {@code k×n2}, neither transposed, with row strides ldb1 and ldb2; C1 and C2 are contiguous
   * ({@code m×n1}, {@code m×n2}). Two products of one op(A), which a backend may pack once.
   */
  default void gemmSharedA(boolean transA, int m, int k, float[] a, int aOff, int lda,
                           float[] b1, int b1Off, int ldb1, int n1, float[] c1, int c1Off,
                           float[] b2, int b2Off, int ldb2, int n2, float[] c2, int c2Off) {
    gemm(transA, false, m, n1, k, 1f, a, aOff, lda, b1, b1Off, ldb1, 0f, c1, c1Off, n1);
    gemm(transA, false, m, n2, k, 1f, a, aOff, lda, b2, b2Off, ldb2, 0f, c2, c2Off, n2);
  }

  /** {@link #gemm} with op(B) laid out by {@link #packB} (same k and n). */
  void gemmPacked(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                  float[] packed, int pOff, float beta, float[] c, int cOff, int ldc);

  /** {@code Σ a_i·b_i}. */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  /** {@code y += alpha·x}. */
  void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

  /** {@code x *= alpha} in place. */
  void scale(float alpha, float[] x, int xOff, int n);

  /** {@code out = a + b}; out may alias a or b. */
  void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

  /** Hadamard product {@code out = a ⊙ b}; out may alias a or b. */
  void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

  /** {@code out += a ⊙ b}. */
  void mulAcc(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

  /** {@code y = tanh(x)}; y may alias x. */
  void tanh(float[] x, int xOff, float[] y, int yOff, int n);

  /** {@code y = 1 / (1 + e^{-x})}; y may alias x. */
  void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

  /** {@code y = max(x, 0)}; y may alias x. */
  void relu(float[] x, int xOff, float[] y, int yOff, int n);

  /** tanh' from the activation y = tanh(z): {@code out = 1 − y²}; out may alias y. */
  void tanhDerivative(float[] y, int yOff, float[] out, int outOff, int n);

  /** sigmoid' from the activation y = σ(z): {@code out = y·(1 − y)}; out may alias y. */
  void sigmoidDerivative(float[] y, int yOff, float[] out, int outOff, int n);

  /** relu' from the activation y = relu(z): {@code out = (y > 0) ? 1 : 0}; out may alias y. */
  void reluDerivative(float[] y, int yOff, float[] out, int outOff, int n);

  /** Back through tanh: {@code out = g ⊙ (1 − y²)}; out may alias g. */
  void tanhBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n);

  /** Back through the sigmoid: {@code out = g ⊙ y ⊙ (1 − y)}; out may alias g. */
  void sigmoidBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n);

  /** Back through relu: {@code out = (y > 0) ? g : 0}; out may alias g. */
  void reluBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n);

  /**
   * Euclidean norm {@code sqrt(Σ x_i²)} that neither underflows nor overflows for any finite
   * float input (1e-25 or 1e25 values give the exact-to-rounding answer). NaN if any entry is NaN,
   * +∞ if any is infinite.
   */
  double norm2(float[] x, int xOff, int n);

  /** Largest absolute value, NaN if any entry is NaN; 0 for n = 0. */
  float maxAbs(float[] x, int xOff, int n);
}
