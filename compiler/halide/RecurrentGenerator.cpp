//===- RecurrentGenerator.cpp - LSTM and GRU kernels ----------------------===//
//
// `mm_lstm` and `mm_gru`: nn.LSTM / nn.GRU (batch_first=True, zero initial
// state) with any number of layers, uni- or bidirectional.
//
// Per layer and direction:
//  - the input projection of every timestep at once, W_ih x + b_ih (+ b_hh),
//    is one register-blocked GEMM;
//  - the recurrence is one Func holding, per (feature, batch, step), one
//    accumulator per gate plus h (and c). Its update runs over time, then over
//    blocks of one vector of features, then over kk: W_hh[:, kk] * h_{s-1}[kk]
//    is added to the gate accumulators (features in the vector lanes, h
//    broadcast), and a last pass applies the gate nonlinearities and the cell
//    update. W_hh is packed in exactly the order this reads it, so each step
//    streams it contiguously from L1/L2.
// A Halide Func may refer only to itself (with its pure variables in place),
// so the matrix-vector product cannot be a separate reduction Func feeding
// the state: it lives inside the state's own update.
//
// Weights are passed exactly as the PyTorch state_dict holds them, one input
// per tensor, named as PyTorch names them (weight_ih_l0, ..., bias_hh_l1_reverse),
// and the kernel transposes W_ih and packs W_hh in every call; or, with
// prepacked=true (what mmc builds), W_ih transposed and W_hh packed already,
// which mmc's glue derives once per model.
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include <string>
#include <vector>

using namespace Halide;

namespace {

/// Numerically safe logistic function built on exp, which Halide vectorizes.
Expr sigmoidOf(Expr x) { return 1.0f / (1.0f + exp(-clamp(x, -80.0f, 80.0f))); }

/// tanh through exp: Halide's own tanh is a scalar libm call per lane.
Expr tanhOf(Expr x) {
  Expr e = exp(-2.0f * abs(clamp(x, -40.0f, 40.0f)));
  Expr t = (1.0f - e) / (1.0f + e);
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

  /// Feature lanes of one block of w_hh_packed when prepacked: fixed, so
  /// that the packed layout does not depend on the target (AVX2 reads a
  /// block as two vectors).
  static constexpr int packLanes = 16;

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
          li.weightIh = this->template add_input<Buffer<float, 2>>("w_ih_t" + suffix);
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
    Expr steps = input.dim(1).extent();
    Expr batch = input.dim(2).extent();
    const int vec = this->template natural_vector_size<float>();
    // Feature lanes per block of the recurrence.
    const int lanes = prepacked ? packLanes : vec;

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
        GeneratorInput<Buffer<float, 2>> &wIh = *li.weightIh;
        const int blocks = (hidden + lanes - 1) / lanes;
        // Gate rows innermost: one contiguous vector per (row block, k).
        Func wIhT("w_ih_t" + tag), wHhPacked("w_hh_packed" + tag);
        if (prepacked) {
          wIh.dim(0).set_bounds(0, gateRows);
          wIh.dim(1).set_bounds(0, layerInSize).set_stride(gateRows);
          wIhT(g, i) = wIh(g, i);
        } else {
          wIh.dim(0).set_bounds(0, layerInSize);
          wIh.dim(1).set_bounds(0, gateRows);
          wIhT(g, i) = wIh(i, g);
        }

        // Input projection of every timestep, with the biases that are not
        // gated (for GRU, b_hn stays inside r * (W_hn h + b_hn)).
        Expr bias0 = 0.0f;
        if (bias) {
          GeneratorInput<Buffer<float, 1>> &bIh = *li.biasIh;
          GeneratorInput<Buffer<float, 1>> &bHh = *li.biasHh;
          bIh.dim(0).set_bounds(0, gateRows);
          bHh.dim(0).set_bounds(0, gateRows);
          bias0 = Derived::isLstm ? bIh(g) + bHh(g)
                                  : bIh(g) + select(g < 2 * hidden, bHh(g), 0.0f);
        }
        RDom ri(0, layerInSize, "ri" + tag);
        Func proj("proj" + tag), projAcc("proj_acc" + tag);
        projAcc(g, t, b) = bias0;
        projAcc(g, t, b) += wIhT(g, ri) * layerIn(ri, t, b);
        proj(g, t, b) = projAcc(g, t, b);

        // The recurrence, step s = 0 .. T-1 reading timestep t(s). A Func may
        // refer only to itself, with every pure variable in place, so the
        // matrix-vector product W_hh h_{s-1} lives inside the state Func: a
        // Tuple per (feature k, batch b, step s) of one accumulator per gate
        // plus the hidden (and cell) state. Its pure definition starts the
        // accumulators at the input projection; one update adds
        // W_hh[:, kk] h_{s-1}[kk] for every kk, then applies the gate
        // nonlinearities.
        auto timeOf = [&](Expr step) {
          Expr tm = d == 0 ? step : steps - 1 - step;
          return clamp(tm, 0, steps - 1);
        };
        Func state("state" + tag);
        std::vector<Expr> init;
        for (int q = 0; q < gates; ++q)
          init.push_back(Derived::isLstm || q < 2
                             ? Expr(proj(k + q * hidden, timeOf(s), b))
                             : (bias ? Expr((*li.biasHh)(k + 2 * hidden)) : Expr(0.0f)));
        init.push_back(0.0f); // h
        if (Derived::isLstm)
          init.push_back(0.0f); // c
        state(k, b, s) = Tuple(init);
        const int hSlot = gates, cSlot = gates + 1;

        // Feature blocks of `lanes`: rk = block * lanes + lane (clamped in
        // a partial last block, where the extra lanes redo lane H-1 exactly).
        // Phase 0 runs kk over the hidden size, phase 1 once (kk = 0); the
        // phase loop is unrolled, so neither copy carries the other's work.
        // W_hh packed in the order the recurrence reads it, (lane, gate, kk,
        // block) innermost first: each feature block streams one contiguous
        // slab per step (a plain transpose strides by 4H floats and thrashes
        // the cache sets).
        if (prepacked) {
          GeneratorInput<Buffer<float, 4>> &packed = *li.weightHhPacked;
          packed.dim(0).set_bounds(0, lanes);
          packed.dim(1).set_bounds(0, gates).set_stride(lanes);
          packed.dim(2).set_bounds(0, hidden).set_stride(lanes * gates);
          packed.dim(3).set_bounds(0, blocks).set_stride(lanes * gates * hidden);
          wHhPacked(lv, qv, kv, bv) = packed(lv, qv, kv, bv);
        } else {
          GeneratorInput<Buffer<float, 2>> &wHh = *li.weightHh;
          wHh.dim(0).set_bounds(0, hidden);
          wHh.dim(1).set_bounds(0, gateRows);
          wHhPacked(lv, qv, kv, bv) =
              wHh(kv, min(bv * lanes + lv, hidden - 1) + qv * hidden);
        }
        RDom r(0, lanes, 0, hidden, 0, 2, 0, blocks, 0, steps, "r" + tag);
        RVar lane = r[0], kk = r[1], phase = r[2], block = r[3], rs = r[4];
        r.where(kk < select(phase == 0, hidden, 1));
        Expr rk = block * lanes + lane;
        if (hidden % lanes != 0)
          rk = min(rk, hidden - 1);
        Tuple cur = state(rk, b, rs);
        Tuple prev = state(rk, b, rs - 1);
        Expr hIn = state(kk, b, rs - 1)[hSlot];
        std::vector<Expr> accumulate, finalize;
        for (int q = 0; q < gates; ++q) {
          accumulate.push_back(cur[q] + wHhPacked(lane, q, kk, block) * hIn);
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
          Expr rg = sigmoidOf(cur[0]), zg = sigmoidOf(cur[1]);
          Expr ng = tanhOf(proj(rk + 2 * hidden, timeOf(rs), b) + rg * cur[2]);
          accumulate.push_back(cur[hSlot]);
          finalize.push_back((1.0f - zg) * ng + zg * prev[hSlot]);
        }
        std::vector<Expr> next;
        Expr accumulating = phase == 0;
        for (size_t e = 0; e < accumulate.size(); ++e)
          next.push_back(select(accumulating, accumulate[e], finalize[e]));
        state(rk, b, rs) = Tuple(next);

        cells.push_back({wIhT, wHhPacked, proj, projAcc, state, ri, r, layerInSize});
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
    // AVX-512), 2026-11-27, 1 thread, batch 1: LSTM I128 H64 T32 0.060 ms
    // (oneDNN lstm_forward 0.089 ms), I256 H256 T64 1.2 ms (oneDNN 3.2 ms);
    // bench/kernels.sh. The recurrence is serial in time; batch items run in
    // parallel. At batch 1 a call is T matrix-vector products streaming the
    // packed W_hh from L1/L2 (a plain transpose, strided by 4H floats per kk,
    // thrashed the cache sets: 8 ms instead of 1.2 ms at H 256).
    // AVX-512 gives 16 lanes, AVX2/FMA 8; the register tiles below (GEMM:
    // 2 x 4 vectors of accumulators) fit both register files.
    for (Cell &cell : cells) {
      if (!prepacked) {
        scheduleTranspose(cell.wIhT, cell.inSize, gateRows, vec);
        cell.wHhPacked.compute_root()
            .bound(lv, 0, vec)
            .bound(qv, 0, gates)
            .vectorize(lv)
            .unroll(qv);
      }
      scheduleProjection(cell.proj, cell.projAcc, cell.ri, gateRows, vec);
      // Loop order: b (parallel) / rs / feature block / phase / kk / lanes.
      // The lanes are race-free, though Halide cannot prove it: within one
      // step each rk reads and writes only its own site (rk, b, s) plus
      // sites of step s - 1, which step s never writes.
      RVar lane = cell.r[0], kk = cell.r[1], phase = cell.r[2];
      RVar block = cell.r[3], rs = cell.r[4];
      cell.state.compute_root();
      Stage step = cell.state.update();
      step.allow_race_conditions()
          .vectorize(lane)
          .reorder(lane, kk, phase, block, rs, b)
          .unroll(phase)
          .parallel(b);
      // Not parallel over feature blocks at batch 1: measured (H 256, T 64)
      // 1.2 ms serial vs 1.8-2.3 ms with one fork/join per step.
      // Same machine, 2026-11-27 ~09:00 UTC, I128 H64 T32 B1, 1 thread, CPU
      // time (the machine was loaded): the per-call transpose of W_ih and
      // packing of W_hh were ~30% of the kernel (so prepacked=true); running
      // 2 or 4 feature blocks side by side (more accumulator chains) gave
      // nothing (0.060 vs 0.058 ms): each step streams all of W_hh (64 KB)
      // from L2.
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
    /// weight_ih (or w_ih_t if prepacked), weight_hh (unless prepacked).
    GeneratorInput<Buffer<float, 2>> *weightIh = nullptr, *weightHh = nullptr;
    GeneratorInput<Buffer<float, 4>> *weightHhPacked = nullptr;
    GeneratorInput<Buffer<float, 1>> *biasIh = nullptr, *biasHh = nullptr;
  };

  /// A transposed copy of a [rows, cols] weight, transposed in cache-sized
  /// blocks; both extents are generator constants.
  void scheduleTranspose(Func &t, int cols, int rows, int vec) {
    Var go("go"), gi("gi"), io("io"), ii("ii");
    t.compute_root();
    if (rows % vec == 0 && cols % vec == 0)
      t.tile(g, i, go, io, gi, ii, vec, vec).vectorize(gi).unroll(ii);
    else
      t.vectorize(g, vec, TailStrategy::GuardWithIf);
  }

  /// Register-blocked GEMM: a (1 or 2 vectors of gate rows) x (4 timesteps)
  /// tile of accumulators, the reduction over input features innermost.
  void scheduleProjection(Func &proj, Func &acc, const RDom &ri, int gateRows, int vec) {
    Var go("go"), gi("gi"), to("to"), ti("ti");
    const int timesPerTile = 4;
    proj.compute_root();
    if (gateRows % vec != 0) {
      proj.vectorize(g, vec, TailStrategy::GuardWithIf);
      acc.compute_at(proj, g).vectorize(g, vec, TailStrategy::GuardWithIf);
      acc.update().reorder(g, ri).vectorize(g, vec, TailStrategy::GuardWithIf);
      return;
    }
    const int rowsPerTile = gateRows % (2 * vec) == 0 ? 2 * vec : vec;
    proj.split(g, go, gi, rowsPerTile)
        .split(t, to, ti, timesPerTile, TailStrategy::RoundUp)
        .reorder(gi, ti, go, to, b)
        .vectorize(gi, vec)
        .unroll(ti);
    acc.compute_at(proj, go).vectorize(g, vec).unroll(g).unroll(t);
    acc.update()
        .reorder(g, t, ri)
        .vectorize(g, vec)
        .unroll(g)
        .unroll(t);
  }

  /// The Funcs of one layer and direction, scheduled after the algorithm.
  struct Cell {
    Func wIhT, wHhPacked, proj, projAcc, state;
    RDom ri, r;
    int inSize;
  };

  Var i{"i"}, j{"j"}, k{"k"}, g{"g"}, t{"t"}, b{"b"}, s{"s"}, ld{"ld"};
  Var lv{"lv"}, qv{"qv"}, kv{"kv"}, bv{"bv"};
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
