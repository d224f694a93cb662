// oneDNN peer for bptt-bench: times oneDNN's RNN primitives (vanilla RNN with tanh, lbr_gru, LSTM),
// forward_training followed by backward, one layer, one direction, input size = hidden, T = 50,
// at BpttBench's shapes (batch 1, H = 64 .. 1024) and TrainBench's (H = 64, 128; batch 1, 8, 32,
// 128), on one thread. Prints one JSON object (schema in benchmarks/README.md, "oneDNN peer").
//
//   onednn_bench [--quick] [--only REGEX] [--reps N] [--rep-ms MS] [--warmup-ms MS] [--no-ftz]
//                [--once]               time (or, with --once, run each shape once: for ONEDNN_VERBOSE)
//   onednn_bench --gradcheck DIR        write the small gradient-check fixtures (.npy) into DIR
//
// What one timed call does: zero the weight and bias gradients (oneDNN 2.x accumulates into them),
// forward_training over T steps from h_0 = 0 (c_0 = 0), backward with dL/dh_t non-zero at the last
// step only (the final-step loss of BpttBench and TrainBench; the read-out and the loss themselves
// are not oneDNN's and not timed), giving dL/dx_t, dL/dh_0 and all parameter gradients. The weights
// are reordered into the layouts the forward and backward primitives chose (format_tag::any) once,
// before timing: that favours oneDNN, since a training step whose weights change would reorder them
// at every update. MXCSR FTZ|DAZ are set (unless --no-ftz): the hardware form of the flush to zero
// that the Java BPTT applies to all-subnormal gradient rows.
//
// Build: c++ -O2 -std=c++17 -fopenmp onednn_bench.cpp -ldnnl (run-onednn.sh does this).
#include <oneapi/dnnl/dnnl.hpp>
#include <omp.h>
#include <xmmintrin.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#ifndef BUILD_FLAGS
#define BUILD_FLAGS "unknown"
#endif

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

namespace {

enum class Cell { RNN, GRU, LSTM };

const char *cellId(Cell c) { return c == Cell::RNN ? "rnn" : c == Cell::GRU ? "gru" : "lstm"; }
const char *algorithmName(Cell c) {
  return c == Cell::RNN ? "vanilla_rnn eltwise_tanh" : c == Cell::GRU ? "lbr_gru" : "vanilla_lstm";
}
int gates(Cell c) { return c == Cell::RNN ? 1 : c == Cell::GRU ? 3 : 4; }
// oneDNN's bias has one more gate for lbr_gru: b_u, b_r, b_o and the recurrent candidate bias.
int biasGates(Cell c) { return c == Cell::GRU ? 4 : gates(c); }
// PyTorch gate of oneDNN gate g: RNN and LSTM (i, f, c~, o = PyTorch's i, f, g, o) keep their
// order; oneDNN's lbr_gru gates u, r, o are PyTorch's z, r, n, i.e. PyTorch gates 1, 0, 2.
int torchGate(Cell c, int g) { return c == Cell::GRU && g < 2 ? 1 - g : g; }

// A small deterministic generator (splitmix64), uniform in [lo, hi).
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  float next(float lo, float hi) {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return lo + (hi - lo) * (float)((z >> 40) * (1.0 / 16777216.0));
  }
  void fill(std::vector<float> &v, float lo, float hi) {
    for (float &x : v) x = next(lo, hi);
  }
};

void write(memory &m, const void *src, size_t bytes) {
  std::memcpy(m.get_data_handle(), src, bytes);
}

// PyTorch-layout parameters of one layer: weight_ih [G·H × I], weight_hh [G·H × H], biases [G·H].
struct TorchParams {
  std::vector<float> wIh, wHh, bIh, bHh;
};

// The RNN primitives of one shape, with every buffer, weights already in the primitives' layouts.
struct Rnn {
  Cell cell;
  int T, N, I, H;
  engine eng{engine::kind::cpu, 0};
  stream strm{eng};
  primitive fwd, bwd;
  std::string implFwd, implBwd;
  memory srcLayer, srcIter, srcIterC, dstLayer, workspace;
  memory wLayerFwd, wIterFwd, wLayerBwd, wIterBwd, bias;
  memory diffSrcLayer, diffSrcIter, diffSrcIterC, diffWLayer, diffWIter, diffBias, diffDstLayer;
  memory::desc diffWLayerPlain, diffWIterPlain;

  Rnn(Cell c, int T_, int N_, int I_, int H_, const TorchParams &p) : cell(c), T(T_), N(N_), I(I_), H(H_) {
    const int G = gates(c), GB = biasGates(c);
    auto md = [](memory::dims d, tag t) { return memory::desc(d, dt::f32, t); };
    memory::desc src = md({T, N, I}, tag::tnc), dst = md({T, N, H}, tag::tnc);
    memory::desc iter = md({1, 1, N, H}, tag::ldnc), none;
    memory::desc wlAny = md({1, 1, I, G, H}, tag::any), wiAny = md({1, 1, H, G, H}, tag::any);
    memory::desc b = md({1, 1, GB, H}, tag::ldgo);
    const bool lstm = c == Cell::LSTM;
    const prop_kind ft = prop_kind::forward_training, bk = prop_kind::backward;
    const rnn_direction dir = rnn_direction::unidirectional_left2right;
    // dst_iter (h_T as a separate output) is not asked for: dst_layer already holds it.
    memory::desc fWl, fWi, bWl, bWi, dWl, dWi, ws;
    if (c == Cell::RNN) {
      auto fpd = vanilla_rnn_forward::primitive_desc(
          vanilla_rnn_forward::desc(ft, algorithm::eltwise_tanh, dir, src, iter, wlAny, wiAny, b, dst, none), eng);
      auto bpd = vanilla_rnn_backward::primitive_desc(
          vanilla_rnn_backward::desc(bk, algorithm::eltwise_tanh, dir, src, iter, wlAny, wiAny, b, dst, none,
                                     src, iter, wlAny, wiAny, b, dst, none), eng, fpd);
      fwd = vanilla_rnn_forward(fpd); bwd = vanilla_rnn_backward(bpd);
      implFwd = fpd.impl_info_str(); implBwd = bpd.impl_info_str();
      fWl = fpd.weights_layer_desc(); fWi = fpd.weights_iter_desc(); ws = fpd.workspace_desc();
      bWl = bpd.weights_layer_desc(); bWi = bpd.weights_iter_desc();
      dWl = bpd.diff_weights_layer_desc(); dWi = bpd.diff_weights_iter_desc();
    } else if (c == Cell::GRU) {
      auto fpd = lbr_gru_forward::primitive_desc(
          lbr_gru_forward::desc(ft, dir, src, iter, wlAny, wiAny, b, dst, none), eng);
      auto bpd = lbr_gru_backward::primitive_desc(
          lbr_gru_backward::desc(bk, dir, src, iter, wlAny, wiAny, b, dst, none,
                                 src, iter, wlAny, wiAny, b, dst, none), eng, fpd);
      fwd = lbr_gru_forward(fpd); bwd = lbr_gru_backward(bpd);
      implFwd = fpd.impl_info_str(); implBwd = bpd.impl_info_str();
      fWl = fpd.weights_layer_desc(); fWi = fpd.weights_iter_desc(); ws = fpd.workspace_desc();
      bWl = bpd.weights_layer_desc(); bWi = bpd.weights_iter_desc();
      dWl = bpd.diff_weights_layer_desc(); dWi = bpd.diff_weights_iter_desc();
    } else {
      auto fpd = lstm_forward::primitive_desc(
          lstm_forward::desc(ft, dir, src, iter, iter, wlAny, wiAny, b, dst, none, none), eng);
      auto bpd = lstm_backward::primitive_desc(
          lstm_backward::desc(bk, dir, src, iter, iter, wlAny, wiAny, b, dst, none, none,
                              src, iter, iter, wlAny, wiAny, b, dst, none, none), eng, fpd);
      fwd = lstm_forward(fpd); bwd = lstm_backward(bpd);
      implFwd = fpd.impl_info_str(); implBwd = bpd.impl_info_str();
      fWl = fpd.weights_layer_desc(); fWi = fpd.weights_iter_desc(); ws = fpd.workspace_desc();
      bWl = bpd.weights_layer_desc(); bWi = bpd.weights_iter_desc();
      dWl = bpd.diff_weights_layer_desc(); dWi = bpd.diff_weights_iter_desc();
    }
    srcLayer = memory(src, eng); dstLayer = memory(dst, eng); workspace = memory(ws, eng);
    srcIter = memory(iter, eng); std::memset(srcIter.get_data_handle(), 0, iter.get_size());
    if (lstm) { srcIterC = memory(iter, eng); std::memset(srcIterC.get_data_handle(), 0, iter.get_size()); }
    diffSrcLayer = memory(src, eng); diffDstLayer = memory(dst, eng); diffSrcIter = memory(iter, eng);
    if (lstm) diffSrcIterC = memory(iter, eng);
    diffWLayer = memory(dWl, eng); diffWIter = memory(dWi, eng); diffBias = memory(b, eng);
    diffWLayerPlain = md({1, 1, I, G, H}, tag::ldigo); diffWIterPlain = md({1, 1, H, G, H}, tag::ldigo);

    // PyTorch [G·H × K] (gate blocks in PyTorch's order) -> oneDNN ldigo [K][G][H], oneDNN's order.
    auto ldigo = [&](const std::vector<float> &w, int K) {
      std::vector<float> out((size_t)K * G * H);
      for (int k = 0; k < K; k++)
        for (int g = 0; g < G; g++)
          for (int o = 0; o < H; o++)
            out[((size_t)k * G + g) * H + o] = w[((size_t)torchGate(c, g) * H + o) * K + k];
      return out;
    };
    std::vector<float> wl = ldigo(p.wIh, I), wi = ldigo(p.wHh, H), bb((size_t)GB * H);
    for (int g = 0; g < GB; g++)
      for (int o = 0; o < H; o++) {
        float v;
        if (c == Cell::GRU && g == 2) v = p.bIh[2 * H + o];       // b_in, outside r * (...)
        else if (c == Cell::GRU && g == 3) v = p.bHh[2 * H + o];  // b_hn, inside r * (W_hn h + b_hn)
        else v = p.bIh[torchGate(c, g) * H + o] + p.bHh[torchGate(c, g) * H + o];
        bb[(size_t)g * H + o] = v;
      }
    bias = memory(b, eng); write(bias, bb.data(), bb.size() * sizeof(float));
    // The one-off reorders into the primitives' own weight layouts (outside any timing).
    memory userWl(diffWLayerPlain, eng), userWi(diffWIterPlain, eng);
    write(userWl, wl.data(), wl.size() * sizeof(float)); write(userWi, wi.data(), wi.size() * sizeof(float));
    auto reordered = [&](memory &user, const memory::desc &want) {
      memory m(want, eng);
      reorder(user, m).execute(strm, user, m);
      return m;
    };
    wLayerFwd = reordered(userWl, fWl); wIterFwd = reordered(userWi, fWi);
    wLayerBwd = reordered(userWl, bWl); wIterBwd = reordered(userWi, bWi);
    strm.wait();
  }

  // Zero the accumulated gradients, forward_training, backward.
  void step() {
    std::memset(diffWLayer.get_data_handle(), 0, diffWLayer.get_desc().get_size());
    std::memset(diffWIter.get_data_handle(), 0, diffWIter.get_desc().get_size());
    std::memset(diffBias.get_data_handle(), 0, diffBias.get_desc().get_size());
    std::unordered_map<int, memory> f = {
        {DNNL_ARG_SRC_LAYER, srcLayer}, {DNNL_ARG_SRC_ITER, srcIter},
        {DNNL_ARG_WEIGHTS_LAYER, wLayerFwd}, {DNNL_ARG_WEIGHTS_ITER, wIterFwd}, {DNNL_ARG_BIAS, bias},
        {DNNL_ARG_DST_LAYER, dstLayer}, {DNNL_ARG_WORKSPACE, workspace}};
    std::unordered_map<int, memory> b = {
        {DNNL_ARG_SRC_LAYER, srcLayer}, {DNNL_ARG_SRC_ITER, srcIter},
        {DNNL_ARG_WEIGHTS_LAYER, wLayerBwd}, {DNNL_ARG_WEIGHTS_ITER, wIterBwd}, {DNNL_ARG_BIAS, bias},
        {DNNL_ARG_DST_LAYER, dstLayer}, {DNNL_ARG_WORKSPACE, workspace},
        {DNNL_ARG_DIFF_SRC_LAYER, diffSrcLayer}, {DNNL_ARG_DIFF_SRC_ITER, diffSrcIter},
        {DNNL_ARG_DIFF_WEIGHTS_LAYER, diffWLayer}, {DNNL_ARG_DIFF_WEIGHTS_ITER, diffWIter},
        {DNNL_ARG_DIFF_BIAS, diffBias}, {DNNL_ARG_DIFF_DST_LAYER, diffDstLayer}};
    if (cell == Cell::LSTM) {
      f[DNNL_ARG_SRC_ITER_C] = srcIterC;
      b[DNNL_ARG_SRC_ITER_C] = srcIterC;
      b[DNNL_ARG_DIFF_SRC_ITER_C] = diffSrcIterC;
    }
    fwd.execute(strm, f);
    bwd.execute(strm, b);
    strm.wait();
  }

  // A gradient of oneDNN's diff weights as a plain ldigo vector.
  std::vector<float> plain(memory &m, const memory::desc &want) {
    memory out(want, eng);
    reorder(m, out).execute(strm, m, out);
    strm.wait();
    const float *p = (const float *)out.get_data_handle();
    return std::vector<float>(p, p + want.get_size() / sizeof(float));
  }
};

TorchParams randomParams(Cell c, int I, int H, Rng &rng, float bound) {
  const int GH = gates(c) * H;
  TorchParams p{std::vector<float>((size_t)GH * I), std::vector<float>((size_t)GH * H),
                std::vector<float>(GH), std::vector<float>(GH)};
  rng.fill(p.wIh, -bound, bound); rng.fill(p.wHh, -bound, bound);
  rng.fill(p.bIh, -bound, bound); rng.fill(p.bHh, -bound, bound);
  return p;
}

// ---- gradient-check fixtures ------------------------------------------------------------------

void npy(const std::string &path, const std::vector<float> &v, std::vector<int> shape) {
  std::string dims;
  for (size_t i = 0; i < shape.size(); i++) dims += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
  std::string h = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  while ((10 + h.size() + 1) % 64 != 0) h += ' ';
  h += '\n';
  std::ofstream f(path, std::ios::binary);
  f.write("\x93NUMPY\x01\x00", 8);
  uint16_t n = (uint16_t)h.size();
  f.write((const char *)&n, 2);
  f.write(h.data(), h.size());
  f.write((const char *)v.data(), v.size() * sizeof(float));
  if (!f) { std::fprintf(stderr, "onednn_bench: cannot write %s\n", path.c_str()); std::exit(1); }
}

// Fixed weights, inputs and an upstream dL/dh_t at every step for one small case per cell; writes
// them in PyTorch's layout and oneDNN's results mapped back to it (see the README there).
int gradcheck(const std::string &dir) {
  const int T = 5, N = 2, I = 3, H = 4;
  for (Cell c : {Cell::RNN, Cell::GRU, Cell::LSTM}) {
    const int G = gates(c), GB = biasGates(c);
    Rng rng(21 + (int)c);
    TorchParams p = randomParams(c, I, H, rng, 0.6f);
    Rnn r(c, T, N, I, H, p);
    std::vector<float> x((size_t)T * N * I), dh((size_t)T * N * H);
    rng.fill(x, -1, 1); rng.fill(dh, -1, 1);
    write(r.srcLayer, x.data(), x.size() * sizeof(float));
    write(r.diffDstLayer, dh.data(), dh.size() * sizeof(float));
    r.step();
    auto vec = [](memory &m) {
      const float *q = (const float *)m.get_data_handle();
      return std::vector<float>(q, q + m.get_desc().get_size() / sizeof(float));
    };
    std::vector<float> dWl = r.plain(r.diffWLayer, r.diffWLayerPlain), dWi = r.plain(r.diffWIter, r.diffWIterPlain);
    std::vector<float> db = vec(r.diffBias);
    // Back to PyTorch's layout: dW[gate·H + o][k] = oneDNN's dW[k][g][o]; a bias that oneDNN holds
    // once for b_ih + b_hh has the same gradient for both.
    auto torchW = [&](const std::vector<float> &w, int K) {
      std::vector<float> out((size_t)G * H * K);
      for (int k = 0; k < K; k++)
        for (int g = 0; g < G; g++)
          for (int o = 0; o < H; o++) out[((size_t)torchGate(c, g) * H + o) * K + k] = w[((size_t)k * G + g) * H + o];
      return out;
    };
    std::vector<float> gbIh((size_t)G * H), gbHh((size_t)G * H);
    for (int g = 0; g < GB; g++)
      for (int o = 0; o < H; o++) {
        float v = db[(size_t)g * H + o];
        if (c == Cell::GRU && g == 2) gbIh[2 * H + o] = v;
        else if (c == Cell::GRU && g == 3) gbHh[2 * H + o] = v;
        else gbIh[torchGate(c, g) * H + o] = gbHh[torchGate(c, g) * H + o] = v;
      }
    std::string d = dir + "/" + cellId(c) + "/";
    if (std::system(("mkdir -p '" + d + "'").c_str()) != 0) return 1;
    npy(d + "weight_ih.npy", p.wIh, {G * H, I}); npy(d + "weight_hh.npy", p.wHh, {G * H, H});
    npy(d + "bias_ih.npy", p.bIh, {G * H}); npy(d + "bias_hh.npy", p.bHh, {G * H});
    npy(d + "inputs.npy", x, {T, N, I}); npy(d + "upstream_dh.npy", dh, {T, N, H});
    npy(d + "expected_h.npy", vec(r.dstLayer), {T, N, H});
    npy(d + "expected_dx.npy", vec(r.diffSrcLayer), {T, N, I});
    npy(d + "expected_dh0.npy", vec(r.diffSrcIter), {N, H});
    if (c == Cell::LSTM) npy(d + "expected_dc0.npy", vec(r.diffSrcIterC), {N, H});
    npy(d + "expected_grad_weight_ih.npy", torchW(dWl, I), {G * H, I});
    npy(d + "expected_grad_weight_hh.npy", torchW(dWi, H), {G * H, H});
    npy(d + "expected_grad_bias_ih.npy", gbIh, {G * H});
    npy(d + "expected_grad_bias_hh.npy", gbHh, {G * H});
    std::fprintf(stderr, "onednn_bench: %s: fixtures in %s (impl %s / %s)\n", cellId(c), d.c_str(),
                 r.implFwd.c_str(), r.implBwd.c_str());
  }
  return 0;
}

// ---- timing -----------------------------------------------------------------------------------

struct Shape {
  std::string key, bench;
  Cell cell;
  int N, H;
};

double nowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Linear-interpolated quantile of sorted v at fraction q, the "exclusive" method of Python's
// statistics.quantiles (as pytorch_bench.py's iqr_ms): position q·(n + 1), 1-based, clamped.
double quantile(const std::vector<double> &v, double q) {
  double pos = q * (v.size() + 1);
  if (pos <= 1) return v.front();
  if (pos >= v.size()) return v.back();
  size_t i = (size_t)pos;
  return v[i - 1] + (pos - i) * (v[i] - v[i - 1]);
}

// Distribution-free confidence interval of the median (ranks from the binomial(n, 1/2)
// distribution): the widest-coverage-at-least-95 % order statistics [x_(j), x_(n+1-j)], j the
// largest rank with P(Bin(n, 1/2) < j) <= 2.5 %; the full range when n is too small (n < 6).
std::pair<double, double> medianCi(const std::vector<double> &v) {
  int n = (int)v.size(), j = 1;
  double cdf = 0, pk = std::pow(0.5, n);  // pk = P(Bin = k), from k = 0
  for (int k = 0; k < n; k++) {
    cdf += pk;                              // P(Bin <= k) = P(Bin < k + 1)
    if (cdf > 0.025) break;
    j = k + 1;                              // rank k + 1 keeps P(Bin < rank) <= 2.5 %
    pk = pk * (n - k) / (k + 1);
  }
  j = std::min(j, (n + 1) / 2);             // n = 21: j = 6, [x_6, x_16], coverage 97.3 %
  return {v[j - 1], v[n - j]};
}

std::string jsonEscape(const std::string &s) {
  std::string o;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') o += '\\';
    if ((unsigned char)ch >= 0x20) o += ch;
  }
  return o;
}

std::string cpuModel() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos)
      return line.substr(std::min(line.size(), line.find(':') + 2));
  return "unknown";
}

int threadsOfProcess() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  return -1;
}

const char *isaName(cpu_isa isa) {
  switch (isa) {
    case cpu_isa::sse41: return "sse41";
    case cpu_isa::avx: return "avx";
    case cpu_isa::avx2: return "avx2";
    case cpu_isa::avx512_core: return "avx512_core";
    case cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

}  // namespace

int main(int argc, char **argv) {
  bool quick = false, ftz = true, once = false;
  int reps = 21;
  double repMs = 20, warmupMs = 300;
  std::string only = ".*";
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto val = [&]() -> std::string {
      if (i + 1 >= argc) { std::fprintf(stderr, "onednn_bench: %s needs a value\n", a.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (a == "--gradcheck") return gradcheck(val());
    else if (a == "--quick") quick = true;
    else if (a == "--no-ftz") ftz = false;
    else if (a == "--once") once = true;
    else if (a == "--only") only = val();
    else if (a == "--reps") reps = std::max(1, std::atoi(val().c_str()));
    else if (a == "--rep-ms") repMs = std::atof(val().c_str());
    else if (a == "--warmup-ms") warmupMs = std::atof(val().c_str());
    else {
      std::fprintf(stderr, "usage: onednn_bench [--quick] [--only REGEX] [--reps N] [--rep-ms MS] "
                           "[--warmup-ms MS] [--no-ftz] [--once] | --gradcheck DIR\n");
      return 2;
    }
  }
  if (quick) { reps = std::min(reps, 5); repMs = std::min(repMs, 5.0); warmupMs = std::min(warmupMs, 50.0); }
  if (ftz) _mm_setcsr(_mm_getcsr() | 0x8040);  // FTZ (bit 15) | DAZ (bit 6)
  const int T = 50;
  std::vector<Shape> shapes;
  const Cell cells[] = {Cell::RNN, Cell::GRU, Cell::LSTM};
  for (Cell c : cells)
    for (int h : quick ? std::vector<int>{64} : std::vector<int>{64, 128, 256, 512, 1024})
      shapes.push_back({std::string(cellId(c)) + "_h" + std::to_string(h) + "_T50", "bptt", c, 1, h});
  for (Cell c : cells)
    for (int h : quick ? std::vector<int>{64} : std::vector<int>{64, 128})
      for (int b : quick ? std::vector<int>{8} : std::vector<int>{1, 8, 32, 128})
        shapes.push_back({"train_" + std::string(cellId(c)) + "_h" + std::to_string(h) + "_b" + std::to_string(b) + "_T50",
                          "train", c, b, h});
  std::regex want(only);

  const version_t *ver = version();
  std::printf("{\n\"schema\": 1,\n\"onednn\": {\"version\": \"%d.%d.%d\", \"hash\": \"%s\", \"cpuRuntime\": \"%s\", "
              "\"effectiveIsa\": \"%s\"},\n",
              ver->major, ver->minor, ver->patch, jsonEscape(ver->hash ? ver->hash : "").c_str(),
              ver->cpu_runtime == DNNL_RUNTIME_OMP ? "OMP" : ver->cpu_runtime == DNNL_RUNTIME_SEQ ? "SEQ" : "other",
              isaName(get_effective_cpu_isa()));
  std::printf("\"cpu\": \"%s\",\n\"compiler\": \"gcc %s\",\n\"flags\": \"%s\",\n", jsonEscape(cpuModel()).c_str(),
              jsonEscape(__VERSION__).c_str(), BUILD_FLAGS);
  std::printf("\"T\": %d,\n\"inputSize\": \"= hidden\",\n\"ftzDaz\": %s,\n", T, ftz ? "true" : "false");
  std::printf("\"call\": \"zero the weight and bias gradients, forward_training over T steps from h_0 = 0, "
              "backward with dL/dh non-zero at the last step only; weights reordered into the primitives' layouts "
              "once, outside the timing (favours oneDNN)\",\n");
  std::printf("\"statistic\": \"per shape: a warm-up of %.0f ms, then %d repetitions, each a batch of calls lasting "
              "at least %.0f ms (at least one call); per-call ms of each repetition in times_ms; median_ms their "
              "median, iqr_ms their interquartile range (Python's statistics.quantiles, exclusive), ci95_ms the "
              "distribution-free 95 %% confidence interval of the median (binomial order statistics: at 21 "
              "repetitions the 6th and 16th fastest, 97.3 %% coverage; below 6 repetitions the range), best_ms the fastest\",\n",
              warmupMs, reps, repMs);
  std::printf("\"results\": {");
  const char *sep = "\n";
  for (const Shape &s : shapes) {
    if (!std::regex_search(s.key, want)) continue;
    Rng rng(7);
    TorchParams p = randomParams(s.cell, s.H, s.H, rng, 1.0f / std::sqrt((float)s.H));  // PyTorch's init
    Rnn r(s.cell, T, s.N, s.H, s.H, p);
    std::vector<float> x((size_t)T * s.N * s.H), dh((size_t)T * s.N * s.H, 0.0f);
    rng.fill(x, -1, 1);
    for (size_t i = (size_t)(T - 1) * s.N * s.H; i < dh.size(); i++) dh[i] = rng.next(-0.1f, 0.1f);
    write(r.srcLayer, x.data(), x.size() * sizeof(float));
    write(r.diffDstLayer, dh.data(), dh.size() * sizeof(float));
    std::vector<double> times;
    int calls = 1;
    if (once) {
      r.step();
    } else {
      // Warm-up; the fastest warm-up call sizes the batches (the first calls pay one-off set-up:
      // 25 ms for the first forward on this machine).
      double t0 = nowMs(), per = 1e300;
      int n = 0;
      for (double a = t0, b; n < 3 || a - t0 < warmupMs; a = b, n++) {
        r.step();
        b = nowMs();
        per = std::min(per, b - a);
      }
      calls = std::max(1, (int)std::ceil(repMs / per));
      for (int k = 0; k < reps; k++) {
        double a = nowMs();
        for (int j = 0; j < calls; j++) r.step();
        times.push_back((nowMs() - a) / calls);
      }
    }
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%s\"%s\": {\"bench\": \"%s\", \"cell\": \"%s\", \"algorithm\": \"%s\", \"batch\": %d, \"T\": %d, "
                "\"hidden\": %d, \"input\": %d, \"impl_fwd\": \"%s\", \"impl_bwd\": \"%s\"",
                sep, s.key.c_str(), s.bench.c_str(), cellId(s.cell), algorithmName(s.cell), s.N, T, s.H, s.H,
                jsonEscape(r.implFwd).c_str(), jsonEscape(r.implBwd).c_str());
    if (!sorted.empty()) {
      auto ci = medianCi(sorted);
      std::printf(", \"median_ms\": %.6g, \"iqr_ms\": %.6g, \"ci95_ms\": [%.6g, %.6g], \"best_ms\": %.6g, "
                  "\"reps\": %d, \"calls_per_rep\": %d, \"times_ms\": [",
                  quantile(sorted, 0.5), quantile(sorted, 0.75) - quantile(sorted, 0.25), ci.first, ci.second,
                  sorted.front(), reps, calls);
      for (size_t k = 0; k < times.size(); k++) std::printf("%s%.6g", k ? ", " : "", times[k]);
      std::printf("]");
    }
    std::printf("}");
    std::fflush(stdout);
    sep = ",\n";
    std::fprintf(stderr, "onednn_bench: %s: %s (%s / %s)\n", s.key.c_str(),
                 sorted.empty() ? "ran once" : (std::to_string(quantile(sorted, 0.5)) + " ms").c_str(),
                 r.implFwd.c_str(), r.implBwd.c_str());
  }
  int omp = omp_get_max_threads(), os = threadsOfProcess();
  std::printf("\n},\n\"threads\": {\"ompMaxThreads\": %d, \"processThreads\": %d, \"OMP_NUM_THREADS\": \"%s\"}\n}\n",
              omp, os, jsonEscape(std::getenv("OMP_NUM_THREADS") ? std::getenv("OMP_NUM_THREADS") : "").c_str());
  if (omp != 1 || os != 1)
    std::fprintf(stderr, "onednn_bench: warning: %d OpenMP thread(s), %d thread(s) in the process (expected 1; "
                         "set OMP_NUM_THREADS=1)\n", omp, os);
  return 0;
}
