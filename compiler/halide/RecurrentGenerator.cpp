//===- RecurrentGenerator.cpp - LSTM and GRU kernels ----------------------===//
//
// `mm_lstm` and `mm_gru`: nn.LSTM / nn.GRU (batch_first=True, zero initial
// state) with any number of layers, uni- or bidirectional.
//
// Per layer and direction:
//  - the input projection of every timestep at once, W_ih x + b_ih (+ b_hh),
//    is one register-blocked GEMM over panels of 32 gate rows of W_ih;
//  - the recurrence is one Func holding, per (feature, batch, step), one
//    accumulator per gate plus h (and c). Its update runs over time, then over
//    blocks of 32 features, then over kk: W_hh[:, kk] * h_{s-1}[kk] is added
//    to the gate accumulators (features in the vector lanes, h broadcast), and
//    a last pass applies the gate nonlinearities and the cell update. W_hh is
//    packed in exactly the order this reads it, so each step streams it
//    contiguously from L1/L2 (backwards on odd steps).
// A Halide Func may refer only to itself (with its pure variables in place),
// so the matrix-vector product cannot be a separate reduction Func feeding
// the state: it lives inside the state's own update.
//
// Weights are passed exactly as the PyTorch state_dict holds them, one input
// per tensor, named as PyTorch names them (weight_ih_l0, ..., bias_hh_l1_reverse),
// and the kernel packs W_ih and W_hh in every call; or, with prepacked=true
// (what mmc builds), both packed already (layouts in README.md), which mmc's
// glue derives once per model.
//
//===----------------------------------------------------------------------===//

#include "Halide.h"
#include "compiler/halide/PackedLayouts.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace Halide;

namespace {

/// e^x for |x| <= 80 (callers clamp): 2^n through the exponent bits times
/// e^r, |r| <= ln(2)/2, by a degree-6 Taylor polynomial (relative error
/// below 2e-7). Halide's exp also handles overflow and NaN and rounds with
/// two 8-lane instructions on AVX-512; the gates need none of that.
Expr expOf(Expr x) {
  // Round to nearest by adding 1.5 * 2^23: n sits in the low mantissa bits.
  Expr shifted = x * 1.44269504f + 12582912.0f;
  Expr bits = reinterpret<int>(shifted);
  Expr n = cast<float>(bits - 0x4B400000);
  // Cody-Waite: ln(2) = hi + lo, n * hi exact; strict so that the two
  // subtractions are not folded into one rounded n * ln(2).
  Expr r = strict_float((x - n * 0.693145751953125f) - n * 1.42860677e-6f);
  Expr p = 1.0f / 720.0f;
  for (float c : {1.0f / 120.0f, 1.0f / 24.0f, 1.0f / 6.0f, 0.5f, 1.0f, 1.0f})
    p = p * r + c;
  // 2^n: n + 127 into the exponent field (the shift drops the 1.5 * 2^23).
  return p * reinterpret<float>((bits + 127) << 23);
}

/// 1 / d for positive normal d: the reciprocal estimate refined by one
/// Newton step (relative error ~1e-7), cheaper than a vector division.
Expr inverseOf(Expr d) {
  Expr r = fast_inverse(d);
  return r * (2.0f - d * r);
}

/// Numerically safe logistic function.
Expr sigmoidOf(Expr x) { return inverseOf(1.0f + expOf(-clamp(x, -80.0f, 80.0f))); }

/// tanh through exp of -2|x| (never overflows).
Expr tanhOf(Expr x) {
  Expr e = expOf(-2.0f * abs(clamp(x, -40.0f, 40.0f)));
  Expr t = (1.0f - e) * inverseOf(1.0f + e);
  return select(x < 0.0f, -t, t);
}

/// The shared body of the LSTM and GRU generators. `Derived::isLstm` picks
/// the cell.
template <class Derived>
class RecurrentGenerator : public Generator<Derived> {
public:
  GeneratorParam<int> inputSize{"input_size", 64, 1, 1 << 16};
  GeneratorParam<int> hiddenSize{"hidden_size", 64, 1, 4096};
  GeneratorParam<int> numLayers{"num_layers", 1, 1, 64};
  GeneratorParam<bool> bidirectional{"bidirectional", false};
  GeneratorParam<bool> bias{"bias", true};
  /// true: the weights come already in the layouts the kernel reads
  /// (w_ih_t, w_hh_packed; see the README), so a call repacks nothing. mmc's
  /// glue derives them once per model from the state_dict tensors.
  GeneratorParam<bool> prepacked{"prepacked", false};

  /// The packed layouts' lanes, shared with mmc's glue (PackedLayouts.h).
  static constexpr int hhLanes = mm::packed::recurrentHhLanes;
  static constexpr int ihLanes = mm::packed::recurrentIhLanes;

  /// [B, T, input_size]: dim 0 = feature, 1 = time, 2 = batch.
  GeneratorInput<Buffer<float, 3>> input{"input"};
  /// [B, T, D * hidden_size] (D = 2 if bidirectional): dim 0 = feature.
  GeneratorOutput<Buffer<float, 3>> output{"output"};
  /// [num_layers * D, B, hidden_size]: dim 0 = feature, 1 = batch, 2 = layer.
  GeneratorOutput<Buffer<float, 3>> hN{"h_n"};

  static constexpr int gateCount() { return Derived::isLstm ? 4 : 3; }

  void configure() {
    // GeneratorParam ranges are not enforced by Halide 14 itself.
    _halide_user_assert(inputSize >= 1 && hiddenSize >= 1 && numLayers >= 1)
        << "input_size, hidden_size and num_layers must be positive, got " << int(inputSize)
        << ", " << int(hiddenSize) << ", " << int(numLayers);
    const int dirs = bidirectional ? 2 : 1;
    for (int l = 0; l < numLayers; ++l)
      for (int d = 0; d < dirs; ++d) {
        std::string suffix = "_l" + std::to_string(l) + (d ? "_reverse" : "");
        LayerInputs li;
        if (prepacked) {
          li.weightIhPacked = this->template add_input<Buffer<float, 3>>("w_ih_packed" + suffix);
          li.weightHhPacked = this->template add_input<Buffer<float, 4>>("w_hh_packed" + suffix);
        } else {
          li.weightIh = this->template add_input<Buffer<float, 2>>("weight_ih" + suffix);
          li.weightHh = this->template add_input<Buffer<float, 2>>("weight_hh" + suffix);
        }
        if (bias) {
          li.biasIh = this->template add_input<Buffer<float, 1>>("bias_ih" + suffix);
          li.biasHh = this->template add_input<Buffer<float, 1>>("bias_hh" + suffix);
        }
        layers.push_back(li);
      }
    if (Derived::isLstm)
      cN = this->template add_output<Buffer<float, 3>>("c_n");
  }

  void generate() {
    // ALGORITHM
    const int hidden = hiddenSize;
    const int dirs = bidirectional ? 2 : 1;
    const int gates = gateCount();
    const int gateRows = gates * hidden;
    // W_ih in panels of ihLanes gate rows, W_hh in blocks of hhLanes
    // features; the last panel / block is padded (see the README).
    const int panels = (gateRows + ihLanes - 1) / ihLanes;
    const int blocks = (hidden + hhLanes - 1) / hhLanes;
    Expr steps = input.dim(1).extent();
    Expr batch = input.dim(2).extent();

    const int vec = this->template natural_vector_size<float>();
    // Features of the recurrence per inner iteration: two vectors, 2 x G
    // independent accumulator chains.
    const int chainLanes = std::min(hhLanes, 2 * vec);

    Func layerIn("layer_in0");
    // Reads past the last timestep (GEMM tiles rounded up) see the last one.
    layerIn(i, t, b) = input(i, min(t, steps - 1), b);
    int layerInSize = inputSize;

    std::vector<Func> lastH, lastC;
    for (int l = 0; l < numLayers; ++l) {
      std::vector<Func> dirStates;
      for (int d = 0; d < dirs; ++d) {
        const LayerInputs &li = layers[l * dirs + d];
        std::string tag = std::to_string(l) + (d ? "r" : "f");
        // W_ih as (row in panel, input feature, panel): a register tile of
        // the projection reads one contiguous panel; rows past the last
        // (padding of the last panel) repeat it.
        Func wIhPacked("w_ih_packed" + tag), wHhPacked("w_hh_packed" + tag);
        if (prepacked) {
          GeneratorInput<Buffer<float, 3>> &packed = *li.weightIhPacked;
          packed.dim(0).set_bounds(0, ihLanes);
          packed.dim(1).set_bounds(0, layerInSize).set_stride(ihLanes);
          packed.dim(2).set_bounds(0, panels).set_stride(ihLanes * layerInSize);
          wIhPacked(lv, i, pv) = packed(lv, i, pv);
        } else {
          GeneratorInput<Buffer<float, 2>> &wIh = *li.weightIh;
          wIh.dim(0).set_bounds(0, layerInSize);
          wIh.dim(1).set_bounds(0, gateRows);
          Expr row = pv * ihLanes + lv;
          if (gateRows % ihLanes != 0)
            row = min(row, gateRows - 1);
          wIhPacked(lv, i, pv) = wIh(i, row);
        }

        // Input projection of every timestep, with the biases that are not
        // gated (for GRU, b_hn stays inside r * (W_hn h + b_hn)). Computed
        // for whole panels of gate rows: the rows past G*H are never read.
        Expr bias0 = 0.0f;
        if (bias) {
          GeneratorInput<Buffer<float, 1>> &bIh = *li.biasIh;
          GeneratorInput<Buffer<float, 1>> &bHh = *li.biasHh;
          bIh.dim(0).set_bounds(0, gateRows);
          bHh.dim(0).set_bounds(0, gateRows);
          Expr gc = gateRows % ihLanes == 0 ? Expr(g) : min(g, gateRows - 1);
          bias0 = Derived::isLstm ? bIh(gc) + bHh(gc)
                                  : bIh(gc) + select(g < 2 * hidden, bHh(gc), 0.0f);
        }
        RDom ri(0, layerInSize, "ri" + tag);
        Func proj("proj" + tag), projAcc("proj_acc" + tag);
        projAcc(g, t, b) = bias0;
        projAcc(g, t, b) += wIhPacked(g % ihLanes, ri, g / ihLanes) * layerIn(ri, t, b);
        proj(g, t, b) = projAcc(g, t, b);

        // The recurrence, step s = 0 .. T-1 reading timestep t(s). A Func may
        // refer only to itself, with every pure variable in place, so the
        // matrix-vector product W_hh h_{s-1} lives inside the state Func: a
        // Tuple per (feature k, batch b, step s) of one accumulator per gate
        // plus the hidden (and cell) state. Its pure definition starts the
        // accumulators at the input projection; one update adds
        // W_hh[:, kk] h_{s-1}[kk] for every kk, then applies the gate
        // nonlinearities. Features run over whole blocks: those past H (the
        // padding of the last block) copy the last feature's inputs and are
        // never read.
        auto timeOf = [&](Expr step) {
          Expr tm = d == 0 ? step : steps - 1 - step;
          return clamp(tm, 0, steps - 1);
        };
        Expr kc = hidden % hhLanes == 0 ? Expr(k) : min(k, hidden - 1);
        Func state("state" + tag);
        std::vector<Expr> init;
        for (int q = 0; q < gates; ++q)
          init.push_back(Derived::isLstm || q < 2
                             ? Expr(proj(kc + q * hidden, timeOf(s), b))
                             : (bias ? Expr((*li.biasHh)(kc + 2 * hidden)) : Expr(0.0f)));
        init.push_back(0.0f); // h
        if (Derived::isLstm)
          init.push_back(0.0f); // c
        state(k, b, s) = Tuple(init);
        const int hSlot = gates, cSlot = gates + 1;

        // W_hh packed in the order the recurrence reads it, (lane, gate, kk,
        // block) innermost first: each feature block streams one contiguous
        // slab per step (a plain transpose strides by 4H floats and thrashes
        // the cache sets).
        if (prepacked) {
          GeneratorInput<Buffer<float, 4>> &packed = *li.weightHhPacked;
          packed.dim(0).set_bounds(0, hhLanes);
          packed.dim(1).set_bounds(0, gates).set_stride(hhLanes);
          packed.dim(2).set_bounds(0, hidden).set_stride(hhLanes * gates);
          packed.dim(3).set_bounds(0, blocks).set_stride(hhLanes * gates * hidden);
          wHhPacked(lv, qv, kv, bv) = packed(lv, qv, kv, bv);
        } else {
          GeneratorInput<Buffer<float, 2>> &wHh = *li.weightHh;
          wHh.dim(0).set_bounds(0, hidden);
          wHh.dim(1).set_bounds(0, gateRows);
          wHhPacked(lv, qv, kv, bv) =
              wHh(kv, min(bv * hhLanes + lv, hidden - 1) + qv * hidden);
        }
        // Loops: step / block / phase / kk / lane. Phase 0 runs kk over the
        // hidden size, phase 1 once (kk = 0); the phase loop is unrolled, so
        // neither copy carries the other's work. Odd steps walk W_hh
        // backwards (blocks and kk), so that they start on the part the
        // step before read last, still in L1.
        // A block's features are read chainLanes at a time (two vectors):
        // RVars cannot be reordered, so the RDom has the loop order.
        RDom r({{0, chainLanes}, {0, hidden}, {0, hhLanes / chainLanes}, {0, 2}, {0, blocks},
                {0, steps}},
               "r" + tag);
        RVar lane = r[0], kk = r[1], part = r[2], phase = r[3], block = r[4], rs = r[5];
        r.where(kk < select(phase == 0, hidden, 1));
        Expr odd = rs % 2 == 1;
        Expr blk = select(odd, blocks - 1 - block, block);
        Expr kx = select(odd, hidden - 1 - kk, kk);
        Expr inBlock = part * chainLanes + lane;
        Expr rk = blk * hhLanes + inBlock;
        Tuple cur = state(rk, b, rs);
        Tuple prev = state(rk, b, rs - 1);
        Expr hIn = state(kx, b, rs - 1)[hSlot];
        std::vector<Expr> accumulate, finalize;
        for (int q = 0; q < gates; ++q) {
          accumulate.push_back(cur[q] + wHhPacked(inBlock, q, kx, blk) * hIn);
          finalize.push_back(cur[q]);
        }
        if (Derived::isLstm) {
          Expr ig = sigmoidOf(cur[0]), fg = sigmoidOf(cur[1]);
          Expr gg = tanhOf(cur[2]), og = sigmoidOf(cur[3]);
          Expr c = fg * prev[cSlot] + ig * gg;
          accumulate.push_back(cur[hSlot]);
          accumulate.push_back(cur[cSlot]);
          finalize.push_back(og * tanhOf(c));
          finalize.push_back(c);
        } else {
          Expr rkc = hidden % hhLanes == 0 ? rk : min(rk, hidden - 1);
          Expr rg = sigmoidOf(cur[0]), zg = sigmoidOf(cur[1]);
          Expr ng = tanhOf(proj(rkc + 2 * hidden, timeOf(rs), b) + rg * cur[2]);
          accumulate.push_back(cur[hSlot]);
          finalize.push_back((1.0f - zg) * ng + zg * prev[hSlot]);
        }
        std::vector<Expr> next;
        Expr accumulating = phase == 0;
        for (size_t e = 0; e < accumulate.size(); ++e)
          next.push_back(select(accumulating, accumulate[e], finalize[e]));
        state(rk, b, rs) = Tuple(next);

        cells.push_back({wIhPacked, wHhPacked, proj, projAcc, state, layerIn, ri, r, layerInSize});
        dirStates.push_back(state);
      }

      // This layer's output sequence, directions concatenated on features.
      Func seq("seq" + std::to_string(l));
      auto hOf = [&](const Func &st, Expr kk, Expr bb, Expr ss) {
        return Expr(st(kk, bb, ss)[gates]);
      };
      if (dirs == 1)
        seq(j, t, b) = hOf(dirStates[0], j, b, t);
      else
        seq(j, t, b) = select(j < hidden, hOf(dirStates[0], min(j, hidden - 1), b, t),
                              hOf(dirStates[1], max(j - hidden, 0), b, steps - 1 - t));
      for (int d = 0; d < dirs; ++d) {
        std::string tag = std::to_string(l) + (d ? "r" : "f");
        lastH.push_back(Func("h_last" + tag));
        lastH.back()(k, b) = hOf(dirStates[d], k, b, steps - 1);
        if (Derived::isLstm) {
          lastC.push_back(Func("c_last" + tag));
          lastC.back()(k, b) = dirStates[d](k, b, steps - 1)[gates + 1];
        }
      }
      if (l + 1 == numLayers) {
        output(j, t, b) = seq(j, t, b);
      } else {
        hiddenSeqs.push_back(seq);
        layerIn = Func("layer_in" + std::to_string(l + 1));
        layerIn(i, t, b) = seq(i, min(t, steps - 1), b);
        layerInSize = dirs * hidden;
      }
    }

    auto stackLayers = [&](const std::vector<Func> &per) {
      std::vector<Expr> values;
      for (const Func &fn : per)
        values.push_back(fn(k, b));
      return values.size() == 1 ? values[0] : mux(ld, values);
    };
    hN(k, b, ld) = stackLayers(lastH);
    if (Derived::isLstm)
      (*cN)(k, b, ld) = stackLayers(lastC);

    // Shapes are fixed by the parameters and the input; a caller's buffer
    // that disagrees is an error return, never an out-of-bounds access.
    input.dim(0).set_bounds(0, inputSize);
    input.dim(1).set_min(0);
    input.dim(2).set_min(0);
    output.dim(0).set_bounds(0, dirs * hidden);
    output.dim(1).set_bounds(0, steps);
    output.dim(2).set_bounds(0, batch);
    hN.dim(0).set_bounds(0, hidden);
    hN.dim(1).set_bounds(0, batch);
    hN.dim(2).set_bounds(0, int(numLayers) * dirs);
    if (Derived::isLstm) {
      cN->dim(0).set_bounds(0, hidden);
      cN->dim(1).set_bounds(0, batch);
      cN->dim(2).set_bounds(0, int(numLayers) * dirs);
    }

    // ESTIMATES
    input.set_estimates({{0, inputSize}, {0, 64}, {0, 1}});
    output.set_estimates({{0, dirs * hidden}, {0, 64}, {0, 1}});
    hN.set_estimates({{0, hidden}, {0, 1}, {0, int(numLayers) * dirs}});
    if (Derived::isLstm)
      cN->set_estimates({{0, hidden}, {0, 1}, {0, int(numLayers) * dirs}});

    // SCHEDULE
    // Measured on "Intel(R) Xeon(R) Processor" (Sapphire Rapids, KVM, 2 cores,
    // AVX-512, L1d 48 KB, L2 2 MB), 2026-11-27 11:10-12:20 UTC, 1 thread,
    // batch 1, prepacked=true, with other jobs keeping the load average at
    // 5-8 (so: medians of calls alternating with the previous kernel in one
    // process; /tmp harness, not in the tree). Previous schedule -> this one:
    // I128 H64 T32 (W1) 36 -> 30.5 us (B/A median 0.84), I256 H256 T64 (W2)
    // ~1000 -> ~905 us (0.87).
    //  - Input projection: before, 2 x 4 accumulators on W_ih transposed
    //    ([in][G*H]: at H 256, consecutive k of a tile 4 KB apart, all in one
    //    L1 set) ran at ~96 GFLOP/s at W2. Now one 32-row panel x 8 steps
    //    (16 zmm accumulators), panels outermost (a 32 KB panel at I 256
    //    stays in L1 over the tiles of time), the input copied once (no
    //    clamp per broadcast; with it, 24 accumulators spilled): ~145 GFLOP/s
    //    at W1, 115-150 at W2 (FMA peak measured 165). A 4 x 4 tile (vectors
    //    x steps) of a 64-row panel and the time-outer order measured within
    //    the noise of 2 x 8; 4 x 6 and 4 x 7 round T = 32 up (105 GFLOP/s at
    //    W1); 2 x 4 is slower (130 GFLOP/s at W1).
    //  - Recurrence at H 256: each step streams the 1 MB W_hh from L2. A
    //    read-only loop over a 1 MB buffer reaches 125-128 GB/s on this core,
    //    so >= 8.2 us per step; measured ~9 us per step before and after: it
    //    is at ~85-90% of the L2 bound (walking backwards on odd steps gave
    //    nothing here: 0.99). At H 64 the 64 KB W_hh just misses L1 (48 KB);
    //    walking it backwards on odd steps starts each step on what the step
    //    before read last: a 64 KB pass 0.53 -> 0.39 us in a microbenchmark,
    //    the kernel 12% faster (B/A 0.88). 8 accumulator chains (two vectors
    //    of 16 features x 4 gates) instead of 4 (not measured alone).
    //    expOf/inverseOf instead of exp and vdivps: W1 B/A 0.98.
    //  - Not parallel over feature blocks at batch 1: measured (H 256, T 64)
    //    1.2 ms serial vs 1.8-2.3 ms with one fork/join per step (2026-11-27
    //    ~09:00). The per-call packing of the weights was ~30% of the kernel
    //    at W1 (so prepacked=true for mmc).
    // AVX2/FMA (8 lanes): tiles of 4 vectors x 3 steps, recurrence chains of
    // two vectors (a block of 32 in two halves); SSE4.1: 4 x 2 and 2.
    for (Cell &cell : cells) {
      if (!prepacked) {
        Var lo("lo"), li("li"), io("io"), ii("ii");
        cell.wIhPacked.compute_root()
            .bound(lv, 0, ihLanes)
            .tile(lv, i, lo, io, li, ii, vec, vec, TailStrategy::GuardWithIf)
            .vectorize(li)
            .unroll(ii);
        cell.wHhPacked.compute_root()
            .bound(lv, 0, hhLanes)
            .bound(qv, 0, gates)
            .vectorize(lv, vec)
            .unroll(qv);
      }
      scheduleProjection(cell.proj, cell.projAcc, cell.layerIn, cell.ri, vec);
      // Loop order: b (parallel) / step pairs / step / feature block /
      // phase / part of the block / kk / two vectors of features.
      // The lanes are race-free, though Halide cannot prove it: within one
      // step each rk reads and writes only its own site (rk, b, s) plus
      // sites of step s - 1, which step s never writes.
      RVar lane = cell.r[0], rs = cell.r[5];
      RVar rso("rso"), rsi("rsi"), lo("lo"), li("li");
      cell.state.compute_root();
      Stage step = cell.state.update();
      step.allow_race_conditions()
          .split(rs, rso, rsi, 2, TailStrategy::GuardWithIf)
          .split(lane, lo, li, vec)
          .reorder(li, lo, cell.r[1], cell.r[2], cell.r[3], cell.r[4], rsi, rso, b)
          .vectorize(li)
          .unroll(lo)
          .unroll(cell.r[3])
          .unroll(rsi)
          .parallel(b);
    }
    for (Func &seq : hiddenSeqs)
      seq.compute_root().vectorize(j, vec, TailStrategy::GuardWithIf);
    output.vectorize(j, vec, TailStrategy::GuardWithIf);
    hN.vectorize(k, vec, TailStrategy::GuardWithIf);
    if (Derived::isLstm)
      cN->vectorize(k, vec, TailStrategy::GuardWithIf);
  }

private:
  struct LayerInputs {
    /// weight_ih, weight_hh (unless prepacked).
    GeneratorInput<Buffer<float, 2>> *weightIh = nullptr, *weightHh = nullptr;
    /// w_ih_packed, w_hh_packed (if prepacked).
    GeneratorInput<Buffer<float, 3>> *weightIhPacked = nullptr;
    GeneratorInput<Buffer<float, 4>> *weightHhPacked = nullptr;
    GeneratorInput<Buffer<float, 1>> *biasIh = nullptr, *biasHh = nullptr;
  };

  /// Register-blocked GEMM: a tile of (one panel of w_ih_packed: 2 vectors
  /// of 16 gate rows on AVX-512) x (8 timesteps) accumulators, the reduction
  /// over input features innermost; panels outermost, so that a panel stays
  /// in L1 for every tile of timesteps.
  void scheduleProjection(Func &proj, Func &acc, Func &in, const RDom &ri, int vec) {
    Var go("go"), gi("gi"), to("to"), ti("ti"), gp("gp"), gin("gin");
    const int rowsPerTile = std::min(ihLanes, 4 * vec);
    const int timesPerTile = vec >= 16 ? 8 : (vec >= 8 ? 3 : 2);
    proj.compute_root()
        .split(g, gp, gin, ihLanes, TailStrategy::RoundUp)
        .split(gin, go, gi, rowsPerTile)
        .split(t, to, ti, timesPerTile, TailStrategy::RoundUp)
        .reorder(gi, ti, to, go, gp, b);
    proj.vectorize(gi, vec).unroll(ti);
    acc.compute_at(proj, to).vectorize(g, vec).unroll(g).unroll(t);
    acc.update().reorder(g, t, ri).vectorize(g, vec).unroll(g).unroll(t);
    // The input, copied once with the timesteps rounded up to whole tiles:
    // the inner loop broadcasts from one base pointer (no clamp per step).
    in.in(acc).compute_root().vectorize(i, vec, TailStrategy::GuardWithIf);
  }

  /// The Funcs of one layer and direction, scheduled after the algorithm.
  struct Cell {
    Func wIhPacked, wHhPacked, proj, projAcc, state, layerIn;
    RDom ri, r;
    int inSize;
  };

  Var i{"i"}, j{"j"}, k{"k"}, g{"g"}, t{"t"}, b{"b"}, s{"s"}, ld{"ld"};
  Var lv{"lv"}, qv{"qv"}, kv{"kv"}, bv{"bv"}, pv{"pv"};
  std::vector<Cell> cells;
  std::vector<Func> hiddenSeqs;
  std::vector<LayerInputs> layers;
  GeneratorOutput<Buffer<float, 3>> *cN = nullptr;
};

class Lstm : public RecurrentGenerator<Lstm> {
public:
  static constexpr bool isLstm = true;
};

class Gru : public RecurrentGenerator<Gru> {
public:
  static constexpr bool isLstm = false;
};

} // namespace

HALIDE_REGISTER_GENERATOR(Lstm, mm_lstm)
HALIDE_REGISTER_GENERATOR(Gru, mm_gru)
