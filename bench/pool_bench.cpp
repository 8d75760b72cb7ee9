//===- pool_bench.cpp - Halide kernels on Halide's pool vs the runtime's --===//
//
// usage: pool_bench THREADS   (run by bench/pool.sh)
//
// Times each kernel with Halide's own thread pool (halide_default_do_par_for,
// halide_set_num_threads(THREADS)) and with the runtime's
// (halide_set_custom_do_par_for(mm_runtime_do_par_for),
// mm_set_num_threads(THREADS)), on the same random inputs, and prints
// "RESULT name halide_ms mm_ms" (medians). The two pools take turns in
// blocks of calls, so that both see the same load on a shared machine, and
// the outputs of the two must be the same bits ("CHECK" lines).
//
// Also one parallel loop alone ("loop/NxTus": N tasks of T microseconds),
// through halide_do_par_for as kernels call it: with empty tasks the cost of
// a dispatch, with 5 us tasks also how fast the workers join in.
//
//===----------------------------------------------------------------------===//

#include "HalideBuffer.h"
#include "HalideRuntime.h"
#include "pool_attention.h"
#include "pool_logmel.h"
#include "pool_lstm.h"
#include "mm/runtime.h"
#include "mm/runtime_internal.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using Halide::Runtime::Buffer;

namespace {

int reps() {
  const char *e = getenv("MM_BENCH_REPS");
  return e && atoi(e) > 0 ? atoi(e) : 200;
}

enum class PoolKind { Halide, Mm };

void usePool(PoolKind kind, int threads) {
  if (kind == PoolKind::Halide) {
    halide_set_custom_do_par_for(halide_default_do_par_for);
    halide_set_num_threads(threads);
  } else {
    halide_set_custom_do_par_for(mm_runtime_do_par_for);
    mm_set_num_threads(threads);
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Medians (ms) of `fn` on each pool; blocks of 20 calls per pool in turn,
/// the first 2 of every block not timed (the other pool's threads settle).
void timeBoth(int threads, const std::function<void()> &fn, double &halideMs, double &mmMs) {
  const int block = 20, warm = 2;
  std::vector<double> times[2];
  while (static_cast<int>(times[1].size()) < reps()) {
    for (int p = 0; p < 2; ++p) {
      usePool(p ? PoolKind::Mm : PoolKind::Halide, threads);
      for (int i = 0; i < block; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        fn();
        auto t1 = std::chrono::steady_clock::now();
        if (i >= warm)
          times[p].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    }
  }
  halideMs = median(times[0]);
  mmMs = median(times[1]);
}

/// Deterministic values in [-1, 1).
void fill(std::vector<float> &v, uint32_t seed) {
  for (float &x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = static_cast<float>(seed >> 8) / static_cast<float>(1u << 23) - 1.0f;
  }
}

/// A Halide buffer over a row-major array (dim 0 = last array dim).
template <typename T> Buffer<T> view(T *data, std::vector<int> shape) {
  std::reverse(shape.begin(), shape.end());
  return Buffer<T>(data, shape);
}

struct Kernel {
  std::string name;
  std::function<int()> call;
  std::vector<std::vector<float> *> outputs;
};

/// Runs `k` on both pools, checks the outputs are the same bits, times it.
int bench(const Kernel &k, int threads) {
  std::vector<std::vector<float>> first;
  for (int p = 0; p < 2; ++p) {
    usePool(p ? PoolKind::Mm : PoolKind::Halide, threads);
    for (auto *o : k.outputs)
      std::fill(o->begin(), o->end(), -12345.0f);
    if (int err = k.call()) {
      fprintf(stderr, "error: %s returned %d\n", k.name.c_str(), err);
      return 1;
    }
    for (size_t i = 0; i < k.outputs.size(); ++i) {
      if (p == 0) {
        first.push_back(*k.outputs[i]);
      } else if (std::memcmp(first[i].data(), k.outputs[i]->data(),
                             first[i].size() * sizeof(float)) != 0) {
        printf("CHECK %s output %zu DIFFERS between the pools\n", k.name.c_str(), i);
        return 1;
      }
    }
  }
  printf("CHECK %s same bits on both pools\n", k.name.c_str());
  double h, m;
  timeBoth(threads, [&] { k.call(); }, h, m);
  printf("RESULT %-16s threads %d halide %9.4f ms  mm %9.4f ms  mm/halide %.3f\n", k.name.c_str(),
         threads, h, m, m / h);
  fflush(stdout);
  return 0;
}

/// Busy-waits `*closure` microseconds (0: returns at once).
int spinTask(void *, int, uint8_t *closure) {
  int us = closure ? *reinterpret_cast<int *>(closure) : 0;
  if (us > 0) {
    auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(us);
    while (std::chrono::steady_clock::now() < end) {
    }
  }
  return 0;
}

/// One parallel loop of `extent` tasks of `taskUs` microseconds each,
/// through halide_do_par_for as kernels call it: with empty tasks, the
/// dispatch cost alone; with 5 us tasks also whether the workers join in
/// time (the ideal is extent * 5 / threads us).
void benchDispatch(int threads, int extent, int taskUs) {
  const int callsPerSample = taskUs ? 200 : 1000;
  std::vector<double> times[2];
  for (int round = 0; round < 15; ++round)
    for (int p = 0; p < 2; ++p) {
      usePool(p ? PoolKind::Mm : PoolKind::Halide, threads);
      for (int s = 0; s < 4; ++s) {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < callsPerSample; ++i)
          halide_do_par_for(nullptr, spinTask, 0, extent, reinterpret_cast<uint8_t *>(&taskUs));
        auto t1 = std::chrono::steady_clock::now();
        if (s > 0)
          times[p].push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() /
                             callsPerSample);
      }
    }
  std::string name = "loop/" + std::to_string(extent) + "x" + std::to_string(taskUs) + "us";
  printf("RESULT %-16s threads %d halide %9.3f us  mm %9.3f us\n", name.c_str(), threads,
         median(times[0]), median(times[1]));
  fflush(stdout);
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 2 || atoi(argv[1]) < 1) {
    fprintf(stderr, "usage: %s THREADS\n", argv[0]);
    return 2;
  }
  int threads = atoi(argv[1]);
  int rc = 0;

  benchDispatch(threads, threads, 0);
  benchDispatch(threads, 64, 0);
  benchDispatch(threads, threads, 5);
  benchDispatch(threads, 8, 5);

  // Log-mel of 3 s of 16 kHz audio (W2's front end), batch 1 and 16.
  for (int batch : {1, 16}) {
    const int len = 48000, mels = 80, frames = 1 + len / 160;
    static std::vector<float> audio, out;
    audio.assign(size_t(batch) * len, 0.0f);
    out.assign(size_t(batch) * mels * frames, 0.0f);
    fill(audio, 1);
    Buffer<float> in = view(audio.data(), {batch, len});
    Buffer<float> res = view(out.data(), {batch, mels, frames});
    rc |= bench({"logmel/b" + std::to_string(batch), [&] { return pool_logmel(in, res); }, {&out}},
                threads);
  }

  // LSTM(256, 256), T = 64 (W2's text encoder), batch 1 and 16.
  for (int batch : {1, 16}) {
    const int in = 256, hid = 256, steps = 64;
    static std::vector<float> x, wih, whh, bih, bhh, y, h, c;
    x.assign(size_t(batch) * steps * in, 0.0f);
    wih.assign(size_t(4 * hid) * in, 0.0f);
    whh.assign(size_t(4 * hid) * hid, 0.0f);
    bih.assign(4 * hid, 0.0f);
    bhh.assign(4 * hid, 0.0f);
    y.assign(size_t(batch) * steps * hid, 0.0f);
    h.assign(size_t(batch) * hid, 0.0f);
    c.assign(size_t(batch) * hid, 0.0f);
    fill(x, 2), fill(wih, 3), fill(whh, 4), fill(bih, 5), fill(bhh, 6);
    for (float &w : wih)
      w *= 0.0625f;
    for (float &w : whh)
      w *= 0.0625f;
    Buffer<float> bx = view(x.data(), {batch, steps, in});
    Buffer<float> bwih = view(wih.data(), {4 * hid, in}), bwhh = view(whh.data(), {4 * hid, hid});
    Buffer<float> bbih = view(bih.data(), {4 * hid}), bbhh = view(bhh.data(), {4 * hid});
    Buffer<float> by = view(y.data(), {batch, steps, hid});
    Buffer<float> bh = view(h.data(), {1, batch, hid}), bc = view(c.data(), {1, batch, hid});
    rc |= bench({"lstm256/b" + std::to_string(batch),
                 [&] { return pool_lstm(bx, bwih, bwhh, bbih, bbhh, by, bh, bc); },
                 {&y, &h, &c}},
                threads);
  }

  // Attention core, W2's shape: 4 heads of 64, Tq 64, Tk 301, with a
  // key padding mask; batch 1 and 16.
  for (int batch : {1, 16}) {
    const int heads = 4, d = 64, tq = 64, tk = 301;
    static std::vector<float> q, k, v, o;
    static std::vector<uint8_t> mask;
    q.assign(size_t(batch) * heads * tq * d, 0.0f);
    k.assign(size_t(batch) * heads * tk * d, 0.0f);
    v.assign(size_t(batch) * heads * tk * d, 0.0f);
    o.assign(size_t(batch) * heads * tq * d, 0.0f);
    mask.assign(size_t(batch) * tk, 0);
    fill(q, 7), fill(k, 8), fill(v, 9);
    for (int b = 0; b < batch; ++b)
      for (int t = tk - 1 - (7 * b) % tk; t < tk; ++t)
        mask[size_t(b) * tk + t] = 1;
    Buffer<float> bq = view(q.data(), {batch, heads, tq, d});
    Buffer<float> bk = view(k.data(), {batch, heads, tk, d});
    Buffer<float> bv = view(v.data(), {batch, heads, tk, d});
    Buffer<float> bo = view(o.data(), {batch, heads, tq, d});
    Buffer<uint8_t> bm = view(mask.data(), {batch, tk});
    rc |= bench({"attention/b" + std::to_string(batch),
                 [&] { return pool_attention(bq, bk, bv, bm, bo); }, {&o}},
                threads);
  }
  return rc;
}
