package org.bpttbench.kernel;

/**
 * The reference backend: plain loops in the obvious order, float32 arithmetic (as the SIMD backend),
 * no unrolling. Every other backend is tested against this one.
 */
public final class ScalarKernels implements Kernels {

  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void gemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                   float[] b, int bOff, float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      float s = b == null ? 0f : b[bOff + r];
      int row = wOff + r * cols;
      for (int c = 0; c < cols; c++) {
        s += w[row + c] * x[xOff + c];
      }
      y[yOff + r] = s;
    }
  }

  @Override
  public void gemvAcc(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                      float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      float s = 0f;
      int row = wOff + r * cols;
      for (int c = 0; c < cols; c++) {
        s += w[row + c] * x[xOff + c];
      }
      y[yOff + r] += s;
    }
  }

  @Override
  public void gemvT(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                    float[] y, int yOff) {
    for (int c = 0; c < cols; c++) {
      y[yOff + c] = 0f;
    }
    gemvTAcc(w, wOff, rows, cols, x, xOff, y, yOff);
  }

  @Override
  public void gemvTAcc(float[] w, int wOff, int rows, int cols, float[] x, int xOff,
                       float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      float xr = x[xOff + r];
      int row = wOff + r * cols;
      for (int c = 0; c < cols; c++) {
        y[yOff + c] += w[row + c] * xr;
      }
    }
  }

  @Override
  public void ger(float alpha, float[] u, int uOff, float[] v, int vOff,
                  float[] a, int aOff, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      float au = alpha * u[uOff + r];
      int row = aOff + r * cols;
      for (int c = 0; c < cols; c++) {
        a[row + c] += au * v[vOff + c];
      }
    }
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += aip * bpj;
        }
        int ij = cOff + i * ldc + j;
        c[ij] = beta == 0f ? alpha * s : alpha * s + beta * c[ij];
      }
    }
  }

  /** The packed form is op(B) itself, row-major k×n. */
  @Override
  public int packedSize(int k, int n) {
    return Math.multiplyExact(k, n);
  }

  @Override
  public void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed,
                    int pOff) {
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < n; j++) {
        packed[pOff + p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
      }
    }
  }

  @Override
  public void gemmPacked(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff,
                         int lda, float[] packed, int pOff, float beta, float[] c, int cOff,
                         int ldc) {
    gemm(transA, false, m, n, k, alpha, a, aOff, lda, packed, pOff, n, beta, c, cOff, ldc);
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  @Override
  public void scale(float alpha, float[] x, int xOff, int n) {
    for (int i = 0; i < n; i++) {
      x[xOff + i] *= alpha;
    }
  }

  @Override
  public void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = a[aOff + i] + b[bOff + i];
    }
  }

  @Override
  public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = a[aOff + i] * b[bOff + i];
    }
  }

  @Override
  public void mulAcc(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] += a[aOff + i] * b[bOff + i];
    }
  }

  @Override
  public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] = (float) Math.tanh(x[xOff + i]);
    }
  }

  @Override
  public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
    }
  }

  @Override
  public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = x[xOff + i];
      y[yOff + i] = v > 0f ? v : 0f;
    }
  }

  @Override
  public void tanhDerivative(float[] y, int yOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = 1f - v * v;
    }
  }

  @Override
  public void sigmoidDerivative(float[] y, int yOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = v * (1f - v);
    }
  }

  @Override
  public void reluDerivative(float[] y, int yOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = y[yOff + i] > 0f ? 1f : 0f;
    }
  }

  @Override
  public void tanhBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = g[gOff + i] * (1f - v * v);
    }
  }

  @Override
  public void sigmoidBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = y[yOff + i];
      out[outOff + i] = g[gOff + i] * (v * (1f - v));
    }
  }

  @Override
  public void reluBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = y[yOff + i] > 0f ? g[gOff + i] : 0f;
    }
  }

  /** Squares of floats summed in double cannot underflow or overflow (float² spans 1e-90..1e77). */
  @Override
  public double norm2(float[] x, int xOff, int n) {
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double v = x[xOff + i];
      s += v * v;
    }
    return Math.sqrt(s);
  }

  @Override
  public float maxAbs(float[] x, int xOff, int n) {
    float m = 0f;
    for (int i = 0; i < n; i++) {
      float v = Math.abs(x[xOff + i]);
      if (v > m || v != v) {
        m = v;
        if (v != v) {
          return v;
        }
      }
    }
    return m;
  }
}
