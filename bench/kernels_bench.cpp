//===- kernels_bench.cpp - Halide kernels against the best C libraries ----===//
//
// usage: kernels_bench DIR THREADS  (run by bench/kernels.sh)
//
// Times, on the inputs kernels.py prepared in DIR:
//  - log-mel: the mm_spectrogram kernel vs FFTW (batched r2c plan, MEASURE)
//    + a oneDNN sgemm with the same torchaudio filter bank + log;
//  - LSTM: the mm_lstm kernel vs oneDNN's LSTM primitive (weights reordered
//    to the primitive's preferred layout once, outside the timing: its best
//    case); the Halide kernel taking the PyTorch layout on every call, and
//    built with prepacked=true on weights packed once (what mmc uses);
//  - attention: the mm_attention core alone, and with its input and output
//    projections done by oneDNN sgemm (passing the projections to the core as
//    permuted views, no copies), to compare with nn.MultiheadAttention.
// Prints "RESULT kernel impl threads median_ms" and "CHECK ..." lines (the
// largest difference between the implementations, relative to max|ref|).
// Threads: Halide reads HL_NUM_THREADS, oneDNN OMP_NUM_THREADS (the script
// sets both); FFTW gets THREADS through its threads API.
//
//===----------------------------------------------------------------------===//

#include "HalideBuffer.h"
#include "HalideRuntime.h"
#include "bench_attention.h"
#include "bench_logmel.h"
#include "bench_lstm_large.h"
#include "bench_lstm_large_packed.h"
#include "bench_lstm_small.h"
#include "bench_lstm_small_packed.h"
#include "npy.h"

#include <oneapi/dnnl/dnnl.hpp>
#include <fftw3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using Halide::Runtime::Buffer;

namespace {

int reps() {
  const char *e = getenv("MM_BENCH_REPS");
  return e && atoi(e) > 0 ? atoi(e) : 50;
}

double medianMs(const std::function<void()> &fn) {
  for (int i = 0; i < 3; ++i)
    fn();
  std::vector<double> ms;
  for (int i = 0, n = reps(); i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

struct Array {
  std::vector<int64_t> shape;
  std::vector<float> data;
  std::vector<uint8_t> bytes;
};

bool load(const std::string &dir, const std::string &name, Array &out) {
  NpyArray a;
  if (npyLoad((dir + "/" + name + ".npy").c_str(), &a) != 0)
    return false;
  out.shape.assign(a.shape, a.shape + a.ndim);
  int64_t n = npyCount(&a);
  if (a.elemSize == 4)
    out.data.assign((float *)a.data, (float *)a.data + n);
  else
    out.bytes.assign((uint8_t *)a.data, (uint8_t *)a.data + n);
  free(a.data);
  return true;
}

/// A Halide buffer over a row-major array (dim 0 = last array dim).
template <typename T>
Buffer<T> view(T *data, std::vector<int> shape) {
  std::reverse(shape.begin(), shape.end());
  return Buffer<T>(data, shape);
}

double relDiff(const float *a, const float *b, size_t n) {
  double err = 0, scale = 0;
  for (size_t i = 0; i < n; ++i) {
    err = std::max(err, (double)std::fabs(a[i] - b[i]));
    scale = std::max(scale, (double)std::fabs(b[i]));
  }
  return scale > 0 ? err / scale : err;
}

void result(const char *kernel, const char *impl, int threads, double ms) {
  printf("RESULT %s %s %d %.4f\n", kernel, impl, threads, ms);
}

void sgemm(char ta, char tb, int64_t m, int64_t n, int64_t k, const float *a, int64_t lda,
           const float *b, int64_t ldb, float *c, int64_t ldc) {
  dnnl_sgemm(ta, tb, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
}

//===--- log-mel --------------------------------------------------------===//

int benchLogMel(const std::string &dir, int threads) {
  Array audio, fb, window;
  if (!load(dir, "audio", audio) || !load(dir, "mel_fb", fb) || !load(dir, "window", window))
    return 1;
  const int nfft = 512, hop = 160, bins = nfft / 2 + 1;
  const int nmels = (int)fb.shape[1];
  const int len = (int)audio.shape[1];
  const int frames = 1 + len / hop;

  std::vector<float> hOut((size_t)nmels * frames);
  Buffer<float> in = view(audio.data.data(), {1, len});
  Buffer<float> out = view(hOut.data(), {1, nmels, frames});
  if (bench_logmel(in, out) != 0)
    return 1;
  result("logmel", "halide", threads, medianMs([&] { bench_logmel(in, out); }));

  // FFTW + sgemm: frame (reflect padding, window), batched r2c, power,
  // [frames x bins] x [bins x mels], log, transpose to [mels, frames].
  fftwf_plan_with_nthreads(threads);
  float *framesBuf = fftwf_alloc_real((size_t)frames * nfft);
  fftwf_complex *spec = fftwf_alloc_complex((size_t)frames * bins);
  int n[1] = {nfft};
  fftwf_plan plan = fftwf_plan_many_dft_r2c(1, n, frames, framesBuf, nullptr, 1, nfft, spec,
                                            nullptr, 1, bins, FFTW_MEASURE);
  std::vector<float> power((size_t)frames * bins), melT((size_t)frames * nmels);
  std::vector<float> fOut((size_t)nmels * frames);
  const float *x = audio.data.data();
  auto fftwPath = [&] {
    for (int f = 0; f < frames; ++f)
      for (int i = 0; i < nfft; ++i) {
        int idx = f * hop + i - nfft / 2;
        idx = idx < 0 ? -idx : (idx >= len ? 2 * len - 2 - idx : idx);
        framesBuf[(size_t)f * nfft + i] = x[idx] * window.data[i];
      }
    fftwf_execute(plan);
    for (size_t i = 0; i < (size_t)frames * bins; ++i)
      power[i] = spec[i][0] * spec[i][0] + spec[i][1] * spec[i][1];
    sgemm('N', 'N', frames, nmels, bins, power.data(), bins, fb.data.data(), nmels, melT.data(),
          nmels);
    for (int f = 0; f < frames; ++f)
      for (int m = 0; m < nmels; ++m)
        fOut[(size_t)m * frames + f] = std::log(melT[(size_t)f * nmels + m] + 1e-6f);
  };
  fftwPath();
  result("logmel", "fftw+sgemm", threads, medianMs(fftwPath));
  printf("CHECK logmel halide vs fftw+sgemm: max|diff| / max|fftw| = %.2e\n",
         relDiff(hOut.data(), fOut.data(), hOut.size()));
  fftwf_destroy_plan(plan);
  fftwf_free(framesBuf);
  fftwf_free(spec);
  return 0;
}

//===--- LSTM -----------------------------------------------------------===//

using KernelFn = int (*)(halide_buffer_t *, halide_buffer_t *, halide_buffer_t *,
                         halide_buffer_t *, halide_buffer_t *, halide_buffer_t *,
                         halide_buffer_t *, halide_buffer_t *);

/// The prepacked layouts of compiler/halide/README.md: W_ih in panels of 32
/// gate rows ([panel][in][32]), W_hh in (32 lanes, gate, kk, block) slabs,
/// the last panel / block padded with the last row. What mmc's glue makes
/// once per model.
std::vector<float> packWIh(const float *w, int rows, int in) {
  const int lanes = 32, panels = (rows + lanes - 1) / lanes;
  std::vector<float> out((size_t)panels * in * lanes);
  for (int p = 0; p < panels; ++p)
    for (int l = 0; l < lanes; ++l)
      for (int i = 0; i < in; ++i)
        out[((size_t)p * in + i) * lanes + l] = w[(size_t)std::min(p * lanes + l, rows - 1) * in + i];
  return out;
}

std::vector<float> packWHh(const float *w, int hidden, int gates) {
  const int lanes = 32, blocks = (hidden + lanes - 1) / lanes;
  std::vector<float> out((size_t)blocks * hidden * gates * lanes);
  for (int b = 0; b < blocks; ++b)
    for (int kk = 0; kk < hidden; ++kk)
      for (int q = 0; q < gates; ++q)
        for (int l = 0; l < lanes; ++l)
          out[(((size_t)b * hidden + kk) * gates + q) * lanes + l] =
              w[(size_t)(q * hidden + std::min(b * lanes + l, hidden - 1)) * hidden + kk];
  return out;
}

/// `kernel` takes the state_dict weights (prepacked=false), `packedKernel`
/// the packed ones (prepacked=true, what mmc builds; packed outside the
/// timing, as mmc does once per model).
int benchLstm(const std::string &dir, const char *name, KernelFn kernel, KernelFn packedKernel,
              int threads) {
  std::string p = name;
  Array x, wih, whh, bih, bhh;
  if (!load(dir, p + "_x", x) || !load(dir, p + "_weight_ih_l0", wih) ||
      !load(dir, p + "_weight_hh_l0", whh) || !load(dir, p + "_bias_ih_l0", bih) ||
      !load(dir, p + "_bias_hh_l0", bhh))
    return 1;
  const int steps = (int)x.shape[1], in = (int)x.shape[2], hid = (int)whh.shape[1];

  std::vector<float> hOut((size_t)steps * hid), hN(hid), cN(hid);
  Buffer<float> bx = view(x.data.data(), {1, steps, in});
  Buffer<float> bwih = view(wih.data.data(), {4 * hid, in});
  Buffer<float> bwhh = view(whh.data.data(), {4 * hid, hid});
  Buffer<float> bbih = view(bih.data.data(), {4 * hid});
  Buffer<float> bbhh = view(bhh.data.data(), {4 * hid});
  Buffer<float> bout = view(hOut.data(), {1, steps, hid});
  Buffer<float> bh = view(hN.data(), {1, 1, hid});
  Buffer<float> bc = view(cN.data(), {1, 1, hid});
  auto call = [&] { return kernel(bx, bwih, bwhh, bbih, bbhh, bout, bh, bc); };
  if (call() != 0)
    return 1;
  result(name, "halide", threads, medianMs([&] { call(); }));

  const int panels = (4 * hid + 31) / 32, blocks = (hid + 31) / 32;
  std::vector<float> wihPacked = packWIh(wih.data.data(), 4 * hid, in);
  std::vector<float> whhPacked = packWHh(whh.data.data(), hid, 4);
  std::vector<float> pOut((size_t)steps * hid), pH(hid), pC(hid);
  Buffer<float> bwihPacked = view(wihPacked.data(), {panels, in, 32});
  Buffer<float> bwhhPacked = view(whhPacked.data(), {blocks, hid, 4, 32});
  Buffer<float> bpOut = view(pOut.data(), {1, steps, hid});
  Buffer<float> bpH = view(pH.data(), {1, 1, hid});
  Buffer<float> bpC = view(pC.data(), {1, 1, hid});
  auto callPacked = [&] {
    return packedKernel(bx, bwihPacked, bwhhPacked, bbih, bbhh, bpOut, bpH, bpC);
  };
  if (callPacked() != 0)
    return 1;
  result(name, "halide_prepacked", threads, medianMs([&] { callPacked(); }));

  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  memory::dims srcDims = {steps, 1, in}, dstDims = {steps, 1, hid};
  memory::dims wlDims = {1, 1, in, 4, hid}, wiDims = {1, 1, hid, 4, hid};
  memory::dims biasDims = {1, 1, 4, hid}, iterDims = {1, 1, 1, hid};
  auto srcMd = memory::desc(srcDims, dt::f32, tag::tnc);
  auto dstMd = memory::desc(dstDims, dt::f32, tag::tnc);
  auto iterMd = memory::desc(iterDims, dt::f32, tag::ldnc);
  auto biasMd = memory::desc(biasDims, dt::f32, tag::ldgo);
  auto wlAny = memory::desc(wlDims, dt::f32, tag::any);
  auto wiAny = memory::desc(wiDims, dt::f32, tag::any);
  lstm_forward::desc desc(prop_kind::forward_inference, rnn_direction::unidirectional_left2right,
                          srcMd, memory::desc(), memory::desc(), wlAny, wiAny, memory::desc(),
                          memory::desc(), biasMd, dstMd, iterMd, iterMd);
  lstm_forward::primitive_desc pd(desc, eng);
  // PyTorch's [4H, I] weights are oneDNN's ldgoi; bias = b_ih + b_hh.
  memory userWl({wlDims, dt::f32, tag::ldgoi}, eng, wih.data.data());
  memory userWi({wiDims, dt::f32, tag::ldgoi}, eng, whh.data.data());
  memory wl(pd.weights_layer_desc(), eng), wi(pd.weights_iter_desc(), eng);
  reorder(userWl, wl).execute(strm, userWl, wl);
  reorder(userWi, wi).execute(strm, userWi, wi);
  std::vector<float> biasSum(4 * hid);
  for (int i = 0; i < 4 * hid; ++i)
    biasSum[i] = bih.data[i] + bhh.data[i];
  std::vector<float> dOut((size_t)steps * hid), dH(hid), dC(hid);
  memory src(srcMd, eng, x.data.data()), bias(biasMd, eng, biasSum.data());
  memory dst(dstMd, eng, dOut.data()), dh(iterMd, eng, dH.data()), dc(iterMd, eng, dC.data());
  lstm_forward prim(pd);
  auto run = [&] {
    prim.execute(strm, {{DNNL_ARG_SRC_LAYER, src},
                        {DNNL_ARG_WEIGHTS_LAYER, wl},
                        {DNNL_ARG_WEIGHTS_ITER, wi},
                        {DNNL_ARG_BIAS, bias},
                        {DNNL_ARG_DST_LAYER, dst},
                        {DNNL_ARG_DST_ITER, dh},
                        {DNNL_ARG_DST_ITER_C, dc}});
    strm.wait();
  };
  run();
  result(name, "onednn", threads, medianMs(run));
  printf("CHECK %s halide vs onednn: output %.2e, c_n %.2e\n", name,
         relDiff(hOut.data(), dOut.data(), hOut.size()), relDiff(cN.data(), dC.data(), cN.size()));
  printf("CHECK %s halide_prepacked vs onednn: output %.2e, c_n %.2e\n", name,
         relDiff(pOut.data(), dOut.data(), pOut.size()), relDiff(pC.data(), dC.data(), pC.size()));
  return 0;
}

//===--- attention ------------------------------------------------------===//

int benchAttention(const std::string &dir, int threads) {
  Array query, kv, mask, inW, inB, outW, outB;
  if (!load(dir, "attn_query", query) || !load(dir, "attn_kv", kv) ||
      !load(dir, "attn_mask", mask) || !load(dir, "attn_in_proj_weight", inW) ||
      !load(dir, "attn_in_proj_bias", inB) || !load(dir, "attn_out_proj_weight", outW) ||
      !load(dir, "attn_out_proj_bias", outB))
    return 1;
  const int tq = (int)query.shape[1], tk = (int)kv.shape[1], e = (int)query.shape[2];
  const int heads = 4, d = e / heads;

  // Projections [T, E] = X W^T + b, kept in that layout.
  std::vector<float> q((size_t)tq * e), k((size_t)tk * e), v((size_t)tk * e);
  std::vector<float> core((size_t)tq * e), out((size_t)tq * e);
  auto project = [&](const float *x, int rows, int which, float *y) {
    sgemm('N', 'T', rows, e, e, x, e, inW.data.data() + (size_t)which * e * e, e, y, e);
    const float *b = inB.data.data() + (size_t)which * e;
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < e; ++c)
        y[(size_t)r * e + c] += b[c];
  };
  project(query.data.data(), tq, 0, q.data());
  project(kv.data.data(), tk, 1, k.data());
  project(kv.data.data(), tk, 2, v.data());

  // [1, T, heads, d] arrays seen as [1, heads, T, d]: dims (d, T, heads, B)
  // with the strides of the projection layout.
  auto headsView = [&](float *data, int t) {
    halide_dimension_t dims[4] = {{0, d, 1, 0}, {0, t, e, 0}, {0, heads, d, 0}, {0, 1, t * e, 0}};
    return Buffer<float>(data, 4, dims);
  };
  Buffer<float> bq = headsView(q.data(), tq), bk = headsView(k.data(), tk);
  Buffer<float> bv = headsView(v.data(), tk), bo = headsView(core.data(), tq);
  Buffer<uint8_t> bm = view(mask.bytes.data(), {1, tk});
  if (bench_attention(bq, bk, bv, bm, bo) != 0)
    return 1;
  result("attention", "halide", threads, medianMs([&] { bench_attention(bq, bk, bv, bm, bo); }));

  auto full = [&] {
    project(query.data.data(), tq, 0, q.data());
    project(kv.data.data(), tk, 1, k.data());
    project(kv.data.data(), tk, 2, v.data());
    bench_attention(bq, bk, bv, bm, bo);
    sgemm('N', 'T', tq, e, e, core.data(), e, outW.data.data(), e, out.data(), e);
    for (int r = 0; r < tq; ++r)
      for (int c = 0; c < e; ++c)
        out[(size_t)r * e + c] += outB.data[c];
  };
  result("mha", "halide+sgemm", threads, medianMs(full));

  // Check the core against a plain float64 loop.
  double err = 0, scale = 0;
  for (int h = 0; h < heads; ++h)
    for (int i = 0; i < tq; ++i) {
      std::vector<double> p(tk);
      double mx = -1e300, sum = 0;
      for (int j = 0; j < tk; ++j) {
        double s = 0;
        for (int c = 0; c < d; ++c)
          s += (double)q[(size_t)i * e + h * d + c] * k[(size_t)j * e + h * d + c];
        p[j] = mask.bytes[j] ? -INFINITY : s / std::sqrt((double)d);
        mx = std::max(mx, p[j]);
      }
      for (int j = 0; j < tk; ++j)
        sum += (p[j] = std::exp(p[j] - mx));
      for (int c = 0; c < d; ++c) {
        double o = 0;
        for (int j = 0; j < tk; ++j)
          o += p[j] * v[(size_t)j * e + h * d + c];
        o /= sum;
        err = std::max(err, std::fabs(o - core[(size_t)i * e + h * d + c]));
        scale = std::max(scale, std::fabs(o));
      }
    }
  printf("CHECK attention halide vs float64 loop: %.2e\n", err / scale);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s DIR THREADS\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  int threads = atoi(argv[2]);
  if (threads < 1 || !fftwf_init_threads()) {
    fprintf(stderr, "error: bad thread count or FFTW threads unavailable\n");
    return 2;
  }
  int rc = benchLogMel(dir, threads);
  rc |= benchLstm(dir, "lstm_small", bench_lstm_small, bench_lstm_small_packed, threads);
  rc |= benchLstm(dir, "lstm_large", bench_lstm_large, bench_lstm_large_packed, threads);
  rc |= benchAttention(dir, threads);
  if (rc)
    fprintf(stderr, "error: a benchmark failed\n");
  return rc;
}
