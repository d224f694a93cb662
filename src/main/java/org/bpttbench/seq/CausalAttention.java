package org.bpttbench.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bpttbench.cell.Tensor;
import org.bpttbench.kernel.Kernels;

/**
 * Causal self-attention as a sequence model, PyTorch's {@code nn.MultiheadAttention(E, heads)}
 * called as {@code mha(z, z, z, attn_mask=causal)} on the embedded inputs plus a fixed sinusoidal
 * positional encoding:
 *
 * <pre>
 * e_t = x_t                       (I = E)    or   e_t = embed.weight·x_t + embed.bias   (I ≠ E)
 * z_t = e_t + pe_t                pe_t[2i] = sin(p/10000^(2i/E)), pe_t[2i+1] = cos(p/10000^(2i/E)), p = t − 1
 * [q_t | k_t | v_t] = in_proj_weight·z_t + in_proj_bias
 * per head h (d = E/heads columns): a_{ts} = softmax_{s ≤ t}(q_t·k_s / √d), o_t = Σ_{s ≤ t} a_{ts}·v_s
 * y_t = out_proj.weight·o_t + out_proj.bias
 * </pre>
 *
 * <p>Parameters, in this order: {@code embed.weight [E×I]}, {@code embed.bias [E]} (only when
 * I ≠ E), {@code in_proj_weight [3E×E]}, {@code in_proj_bias [3E]}, {@code out_proj.weight [E×E]},
 * {@code out_proj.bias [E]} (the names and shapes of {@code nn.MultiheadAttention}'s
 * {@code state_dict}). Every product is a GEMM on the kernels: the projections over all steps and
 * sequences at once, and per sequence and head the T×T scores Q·Kᵀ, the weighted sum P·V and, in
 * backward, dP = dO·Vᵀ, dV = Pᵀ·dO, dQ = dS·K, dK = dSᵀ·Q (strided views of the time-major
 * rows, no copies). The masked softmax and its backward are plain loops (no exp kernel); entries
 * above the diagonal are exactly 0 and stay 0. The per-step gradient is dL/dx_t, the gradient of
 * the model's input at step t.
 */
public final class CausalAttention implements SequenceModel {
  private final Kernels k;
  private final List<Tensor> params;
  private final List<Tensor> grads;
  private final int in;
  private final int e;
  private final int heads;
  private final int dh;
  private final boolean embed;
  private final int maxBatch;
  private final int maxSteps;
  private final float scale;
  private final Tensor embW, embB, wIn, bIn, wOut, bOut;
  private final Tensor gEmbW, gEmbB, gWIn, gBIn, gWOut, gBOut;
  private final float[] pe;     // maxSteps×E
  private final float[] z;      // maxRows×E
  private final float[] qkv;    // maxRows×3E
  private final float[] probs;  // maxBatch·heads × T×T (rows of T = steps of the last forward)
  private final float[] o;      // maxRows×E: the heads' outputs side by side
  private final float[] out;    // maxRows×E
  private final float[] dO;     // maxRows×E
  private final float[] dQkv;   // maxRows×3E
  private final float[] dP;     // T×T
  private final float[] dZ;     // maxRows×E
  private final float[] dX;     // maxRows×I
  private final float[] ones;   // maxRows
  private int batch = 1;
  private int steps;

  /** Sizes from the tensors' shapes; {@code heads} must divide E. */
  public CausalAttention(List<Tensor> params, int heads, Kernels kernels, int maxBatch,
                         int maxSteps) {
    if (maxBatch < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("batch " + maxBatch + " × " + maxSteps + " steps");
    }
    this.k = kernels;
    this.params = List.copyOf(params);
    this.grads = Params.zerosLike(this.params);
    this.embed = Params.has(params, "embed.weight");
    int[] shape = null;
    for (Tensor t : params) {
      if (t.name().equals("out_proj.bias")) {
        shape = t.shape();
      }
    }
    if (shape == null) {
      throw new IllegalArgumentException("missing parameter out_proj.bias");
    }
    this.e = shape[0];
    if (heads < 1 || e % heads != 0) {
      throw new IllegalArgumentException("embed_dim " + e + " is not divisible by " + heads
          + " heads");
    }
    this.heads = heads;
    this.dh = e / heads;
    this.scale = (float) (1 / Math.sqrt(dh));
    int expected = embed ? 6 : 4;
    if (params.size() != expected) {
      throw new IllegalArgumentException("attention has " + expected + " parameters, got "
          + params.size());
    }
    int inSize = e;
    if (embed) {
      for (Tensor t : params) {
        if (t.name().equals("embed.weight")) {
          inSize = t.shape()[1];
        }
      }
    }
    this.in = inSize;
    this.maxBatch = maxBatch;
    this.maxSteps = maxSteps;
    embW = embed ? Params.find(params, "embed.weight", e, in) : null;
    embB = embed ? Params.find(params, "embed.bias", e) : null;
    wIn = Params.find(params, "in_proj_weight", 3 * e, e);
    bIn = Params.find(params, "in_proj_bias", 3 * e);
    wOut = Params.find(params, "out_proj.weight", e, e);
    bOut = Params.find(params, "out_proj.bias", e);
    gEmbW = embed ? Params.find(grads, "embed.weight", e, in) : null;
    gEmbB = embed ? Params.find(grads, "embed.bias", e) : null;
    gWIn = Params.find(grads, "in_proj_weight", 3 * e, e);
    gBIn = Params.find(grads, "in_proj_bias", 3 * e);
    gWOut = Params.find(grads, "out_proj.weight", e, e);
    gBOut = Params.find(grads, "out_proj.bias", e);
    int rows = maxBatch * maxSteps;
    this.pe = positionalEncoding(maxSteps, e);
    this.z = new float[rows * e];
    this.qkv = new float[rows * 3 * e];
    this.probs = new float[Math.multiplyExact(Math.multiplyExact(maxBatch * heads, maxSteps),
        maxSteps)];
    this.o = new float[rows * e];
    this.out = new float[rows * e];
    this.dO = new float[rows * e];
    this.dQkv = new float[rows * 3 * e];
    this.dP = new float[maxSteps * maxSteps];
    this.dZ = new float[rows * e];
    this.dX = new float[rows * in];
    this.ones = new float[rows];
    Arrays.fill(ones, 1f);
  }

  /** The fixed sinusoidal encoding of Vaswani et al., {@code steps×E}, position p = row. */
  public static float[] positionalEncoding(int steps, int e) {
    float[] pe = new float[steps * e];
    for (int p = 0; p < steps; p++) {
      for (int i = 0; i < e; i++) {
        double freq = Math.pow(10000.0, -(double) (i - i % 2) / e);
        pe[p * e + i] = (float) (i % 2 == 0 ? Math.sin(p * freq) : Math.cos(p * freq));
      }
    }
    return pe;
  }

  /** Zero parameters (the embedding only when {@code input ≠ embed}). */
  public static List<Tensor> zeros(int input, int embedDim) {
    List<Tensor> ps = new ArrayList<>();
    if (input != embedDim) {
      ps.add(Tensor.zeros("embed.weight", embedDim, input));
      ps.add(Tensor.zeros("embed.bias", embedDim));
    }
    ps.add(Tensor.zeros("in_proj_weight", 3 * embedDim, embedDim));
    ps.add(Tensor.zeros("in_proj_bias", 3 * embedDim));
    ps.add(Tensor.zeros("out_proj.weight", embedDim, embedDim));
    ps.add(Tensor.zeros("out_proj.bias", embedDim));
    return List.copyOf(ps);
  }

  /**
   * PyTorch's initialisation of {@code nn.MultiheadAttention}: in_proj_weight Xavier-uniform
   * (U(±√(6/(E + 3E)))), out_proj.weight U(±1/√E) (nn.Linear's), both biases 0; the embedding as
   * nn.Linear, U(±1/√I).
   */
  public static List<Tensor> pytorchDefault(int input, int embedDim, Random rnd) {
    List<Tensor> ps = zeros(input, embedDim);
    int at = 0;
    if (input != embedDim) {
      Params.uniform(ps.get(0), 1 / Math.sqrt(input), rnd);
      Params.uniform(ps.get(1), 1 / Math.sqrt(input), rnd);
      at = 2;
    }
    Params.uniform(ps.get(at), Math.sqrt(6.0 / (4.0 * embedDim)), rnd);
    Params.uniform(ps.get(at + 2), 1 / Math.sqrt(embedDim), rnd);
    return ps;
  }

  @Override
  public String id() {
    return "attention";
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int outputSize() {
    return e;
  }

  public int heads() {
    return heads;
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public List<Tensor> parameters() {
    return params;
  }

  @Override
  public List<Tensor> gradients() {
    return grads;
  }

  @Override
  public float[] outputs() {
    return out;
  }

  /** The attention weights of sequence b, head h of the last forward: T×T row-major, row = query. */
  public float[] attentionWeights(int b, int h) {
    return Arrays.copyOfRange(probs, pOff(b, h), pOff(b, h) + steps * steps);
  }

  private int pOff(int b, int h) {
    return (b * heads + h) * steps * steps;
  }

  @Override
  public void forward(float[] inputs, int inOff, int batch, int steps) {
    if (batch < 1 || batch > maxBatch || steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException("batch " + batch + " × " + steps + " steps outside the"
          + " workspace's 1.." + maxBatch + " × 1.." + maxSteps);
    }
    this.batch = batch;
    this.steps = steps;
    int rows = batch * steps;
    if (embed) {
      k.gemm(false, true, rows, e, in, 1f, inputs, inOff, in, embW.data(), 0, in, 0f, z, 0, e);
      for (int r = 0; r < rows; r++) {
        k.add(z, r * e, embB.data(), 0, z, r * e, e);
      }
    } else {
      System.arraycopy(inputs, inOff, z, 0, rows * e);
    }
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        k.add(z, (t * batch + b) * e, pe, t * e, z, (t * batch + b) * e, e);
      }
    }
    int e3 = 3 * e;
    k.gemm(false, true, rows, e3, e, 1f, z, 0, e, wIn.data(), 0, e, 0f, qkv, 0, e3);
    for (int r = 0; r < rows; r++) {
      k.add(qkv, r * e3, bIn.data(), 0, qkv, r * e3, e3);
    }
    int ld = batch * e3;   // the stride between one sequence's consecutive steps
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        int q = b * e3 + h * dh;
        int p = pOff(b, h);
        k.gemm(false, true, steps, steps, dh, scale, qkv, q, ld, qkv, q + e, ld, 0f, probs, p,
            steps);
        softmaxCausal(p);
        k.gemm(false, false, steps, dh, steps, 1f, probs, p, steps, qkv, q + 2 * e, ld, 0f, o,
            b * e + h * dh, batch * e);
      }
    }
    k.gemm(false, true, rows, e, e, 1f, o, 0, e, wOut.data(), 0, e, 0f, out, 0, e);
    for (int r = 0; r < rows; r++) {
      k.add(out, r * e, bOut.data(), 0, out, r * e, e);
    }
  }

  /** Row i of the T×T block at {@code p}: softmax over columns 0..i, zero beyond (the mask). */
  private void softmaxCausal(int p) {
    for (int i = 0; i < steps; i++) {
      int row = p + i * steps;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j <= i; j++) {
        max = Math.max(max, probs[row + j]);
      }
      double sum = 0;
      for (int j = 0; j <= i; j++) {
        double v = Math.exp((double) probs[row + j] - max);
        probs[row + j] = (float) v;
        sum += v;
      }
      float inv = (float) (1 / sum);
      k.scale(inv, probs, row, i + 1);
      Arrays.fill(probs, row + i + 1, row + steps, 0f);
    }
  }

  @Override
  public void backward(float[] inputs, int inOff, float[] dOut) {
    int rows = batch * steps;
    int e3 = 3 * e;
    k.gemm(true, false, e, e, rows, 1f, dOut, 0, e, o, 0, e, 1f, gWOut.data(), 0, e);
    k.gemvTAcc(dOut, 0, rows, e, ones, 0, gBOut.data(), 0);
    k.gemm(false, false, rows, e, e, 1f, dOut, 0, e, wOut.data(), 0, e, 0f, dO, 0, e);
    int ld = batch * e3;
    int ldo = batch * e;
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        int q = b * e3 + h * dh;
        int ob = b * e + h * dh;
        int p = pOff(b, h);
        k.gemm(false, true, steps, steps, dh, 1f, dO, ob, ldo, qkv, q + 2 * e, ld, 0f, dP, 0,
            steps);
        k.gemm(true, false, steps, dh, steps, 1f, probs, p, steps, dO, ob, ldo, 0f, dQkv,
            q + 2 * e, ld);
        for (int i = 0; i < steps; i++) {   // dS = P ⊙ (dP − rowsum(P ⊙ dP))
          int row = i * steps;
          float c = k.dot(probs, p + row, dP, row, i + 1);
          k.axpy(-c, ones, 0, dP, row, i + 1);
          k.mul(probs, p + row, dP, row, dP, row, i + 1);
          Arrays.fill(dP, row + i + 1, row + steps, 0f);
        }
        k.gemm(false, false, steps, dh, steps, scale, dP, 0, steps, qkv, q + e, ld, 0f, dQkv, q,
            ld);
        k.gemm(true, false, steps, dh, steps, scale, dP, 0, steps, qkv, q, ld, 0f, dQkv, q + e,
            ld);
      }
    }
    k.gemm(true, false, e3, e, rows, 1f, dQkv, 0, e3, z, 0, e, 1f, gWIn.data(), 0, e);
    k.gemvTAcc(dQkv, 0, rows, e3, ones, 0, gBIn.data(), 0);
    k.gemm(false, false, rows, e, e3, 1f, dQkv, 0, e3, wIn.data(), 0, e, 0f, dZ, 0, e);
    if (embed) {
      k.gemm(true, false, e, in, rows, 1f, dZ, 0, e, inputs, inOff, in, 1f, gEmbW.data(), 0, in);
      k.gemvTAcc(dZ, 0, rows, e, ones, 0, gEmbB.data(), 0);
      k.gemm(false, false, rows, in, e, 1f, dZ, 0, e, embW.data(), 0, in, 0f, dX, 0, in);
    } else {
      System.arraycopy(dZ, 0, dX, 0, rows * e);
    }
  }

  @Override
  public float[] stepGradients() {
    return dX;
  }

  @Override
  public int stepGradientSize() {
    return in;
  }

  /** ‖dL/dx_t‖₂ of sequence b. */
  @Override
  public double stepGradNorm(int t, int b) {
    return k.norm2(dX, ((t - 1) * batch + b) * in, in);
  }
}
