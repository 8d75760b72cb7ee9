//===- AttentionGenerator.cpp - multi-head attention core kernel ----------===//
//
// `mm_attention`: the core of nn.MultiheadAttention (batch_first=True) once
// Q, K and V are projected and split into heads:
//   out = softmax(Q K^T / sqrt(d) + key_padding_mask) V
// per batch item and head, with key_padding_mask's True (nonzero) entries
// excluded as torch does (filled with -inf).
//
// Fused per tile of queries: the tile's scores against every key live in a
// small buffer (tile x Tk floats) that stays in L1/L2; the row max, the
// exponentials, the row sums and the product with V are computed from it
// before the next tile, so the full Tq x Tk score matrix is never written.
// Queries are in the vector lanes for the scores and the softmax (the
// reductions over keys are then plain vertical vector ops and K needs no
// transpose); the head dimension is in the lanes for P V.
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include <cmath>

using namespace Halide;

namespace {

class Attention : public Generator<Attention> {
public:
  /// Size of one head, d = embed_dim / num_heads.
  GeneratorParam<int> headDim{"head_dim", 64, 1, 4096};
  /// Whether a key_padding_mask input follows V.
  GeneratorParam<bool> hasMask{"has_mask", false};

  /// [B, heads, Tq, d]: dim 0 = feature, 1 = query, 2 = head, 3 = batch.
  /// Strides of dims 1-3 are free: a [B, Tq, heads * d] projection can be
  /// passed as it is, with permuted strides.
  Input<Buffer<float, 4>> query{"query"};
  /// [B, heads, Tk, d], same layout rules as query.
  Input<Buffer<float, 4>> key{"key"};
  Input<Buffer<float, 4>> value{"value"};
  /// [B, heads, Tq, d]; also any strides past dim 0.
  Output<Buffer<float, 4>> output{"output"};

  void configure() {
    // GeneratorParam ranges are not enforced by Halide 14 itself.
    _halide_user_assert(headDim >= 1) << "head_dim must be positive, got " << int(headDim);
    if (hasMask)
      mask = add_input<Buffer<uint8_t, 2>>("key_padding_mask");
  }

  void generate() {
    // ALGORITHM
    const int d = headDim;
    // nn.MultiheadAttention scales the scores by 1 / sqrt(head_dim).
    const float s = static_cast<float>(1.0 / std::sqrt(double(d)));
    Expr tq = query.dim(1).extent(), tk = key.dim(1).extent();

    // Queries transposed (query index innermost) and pre-scaled; reads
    // outside [0, Tq) (rounded-up or shifted tiles) repeat an edge query.
    qT(qi, c, h, b) = query(c, clamp(qi, 0, tq - 1), h, b) * s;

    RDom rc(0, d, "rc");
    // Accumulated in small register tiles (scoreAcc, pvAcc) and then stored;
    // key reads outside [0, Tk) (a rounded-up or shifted last tile of keys)
    // repeat an edge key.
    keyTile(c, kk, h, b) = key(c, clamp(kk, 0, tk - 1), h, b);
    scoreAcc(qi, kk, h, b) = 0.0f;
    scoreAcc(qi, kk, h, b) += qT(qi, rc, h, b) * keyTile(rc, kk, h, b);
    score(qi, kk, h, b) = scoreAcc(qi, kk, h, b);

    Expr masked = hasMask ? (*mask)(kk, b) != 0 : Expr(false);
    Func logits("logits");
    logits(qi, kk, h, b) = select(masked, -1e30f, score(qi, kk, h, b));

    RDom rk(0, tk, "rk");
    rowMax(qi, h, b) = -1e30f;
    rowMax(qi, h, b) = max(rowMax(qi, h, b), logits(qi, rk, h, b));
    // exp(-inf) = 0 for masked keys; a fully masked row sums to 0 and gives
    // NaN, as torch does.
    prob(qi, kk, h, b) = select(masked, 0.0f, exp(logits(qi, kk, h, b) - rowMax(qi, h, b)));
    rowSum(qi, h, b) = 0.0f;
    rowSum(qi, h, b) += prob(qi, rk, h, b);

    pvAcc(c, qi, h, b) = 0.0f;
    pvAcc(c, qi, h, b) += prob(qi, rk, h, b) * value(c, rk, h, b);
    pv(c, qi, h, b) = pvAcc(c, qi, h, b);
    output(c, qi, h, b) = pv(c, qi, h, b) / rowSum(qi, h, b);

    // Shapes: one head size; K, V and the mask agree with each other and
    // with Q on batch and heads; the output has Q's shape.
    query.dim(0).set_bounds(0, d);
    key.dim(0).set_bounds(0, d);
    value.dim(0).set_bounds(0, d);
    for (int dim = 1; dim < 4; ++dim) {
      query.dim(dim).set_min(0);
      key.dim(dim).set_min(0);
      value.dim(dim).set_bounds(0, key.dim(dim).extent());
    }
    key.dim(2).set_extent(query.dim(2).extent());
    key.dim(3).set_extent(query.dim(3).extent());
    output.dim(0).set_bounds(0, d);
    output.dim(1).set_bounds(0, tq);
    output.dim(2).set_bounds(0, query.dim(2).extent());
    output.dim(3).set_bounds(0, query.dim(3).extent());
    if (hasMask) {
      mask->dim(0).set_bounds(0, tk);
      mask->dim(1).set_bounds(0, query.dim(3).extent());
    }

    // ESTIMATES
    query.set_estimates({{0, d}, {0, 64}, {0, 4}, {0, 1}});
    key.set_estimates({{0, d}, {0, 301}, {0, 4}, {0, 1}});
    value.set_estimates({{0, d}, {0, 301}, {0, 4}, {0, 1}});
    if (hasMask)
      mask->set_estimates({{0, 301}, {0, 1}});
    output.set_estimates({{0, d}, {0, 64}, {0, 4}, {0, 1}});

    // SCHEDULE
    // Measured on "Intel(R) Xeon(R) Processor" (Sapphire Rapids, KVM, 2 cores,
    // AVX-512), 2026-11-27, 1 thread, CPU time of the kernel alone (min of
    // 15 runs; the machine was shared):
    // - W2's E 256, 4 heads, Tq 64, Tk 301, masked: 0.27 ms at first
    //   (PyTorch's baddbmm + softmax + bmm: 1.0-3.5 ms; bench/kernels.sh),
    //   0.21 ms with the key tiles below.
    // - W3's self-attention, E 128, 4 heads (d = 32), no mask: S 256 0.57 ->
    //   0.38 ms (B 16: 9.9 -> 7.0 ms), S 32 9.3 -> 7.8 us; 8 queries per P V
    //   step gave ~17% of that at S 256, the key tiles ~18%.
    // One tile = two vectors of queries; its scores (32 x Tk floats, 38 KB at
    // Tk 301) stay in L1/L2. Score tiles of 2 vectors x 8 keys load one
    // broadcast key value per 2 FMAs (one vector of queries x 8 keys was
    // ~15% slower). The 8 keys of a score step are first copied into a
    // contiguous tile, one clamped row index per key: clamping inside the
    // products made LLVM compute the 8 indices in a vector and extract one
    // per broadcast. P V steps keep ~16 accumulators on AVX-512: 4 queries x
    // 4 vectors at d = 64, 8 queries x 2 vectors at d = 32 (4 queries there
    // left the FMAs waiting on loads). Tiles of all heads and batch items are
    // spread over the threads.
    // Register tiles: AVX-512 has 32 vector registers, AVX2/FMA 16 (each of
    // half the width, so d = 64 takes 8 of them instead of 4). On AVX2 (same
    // machine, target x86-64-avx2) the key tiles were no slower at W3's
    // shapes.
    const int vec = natural_vector_size<float>();
    const bool wideRegisters = get_target().has_feature(Target::AVX512);
    const int keysPerStep = wideRegisters ? 8 : 4;    // scores: vec queries x keys
    const int featureVectors = (d + vec - 1) / vec;
    // P V: d features x queries
    const int queriesPerStep = wideRegisters ? (featureVectors <= 2 ? 8 : 4) : 2;
    const int queryVectors = 2;                        // per tile: 2 x 8 score tile
    const int queryTile = queryVectors * vec;
    Var qo("qo"), qin("qin"), task("task");
    Func out = output;
    out.specialize(tq < queryTile)
        .split(qi, qo, qin, queryTile, TailStrategy::GuardWithIf)
        .reorder(c, qin, qo, h, b)
        .fuse(qo, h, task)
        .fuse(task, b, task)
        .parallel(task)
        .vectorize(c, vec, TailStrategy::GuardWithIf);
    out.split(qi, qo, qin, queryTile, TailStrategy::ShiftInwards)
        .reorder(c, qin, qo, h, b)
        .fuse(qo, h, task)
        .fuse(task, b, task)
        .parallel(task)
        .vectorize(c, vec, TailStrategy::GuardWithIf);

    qT.compute_at(out, task).vectorize(qi, vec).unroll(c, 4);
    score.compute_at(out, task)
        .split(kk, kko, kki, keysPerStep)
        .reorder(qi, kki, kko)
        .vectorize(qi, vec)
        .unroll(kki);
    scoreAcc.compute_at(score, kko)
        .vectorize(qi, vec)
        .unroll(qi, queryVectors)
        .unroll(kk);
    scoreAcc.update()
        .reorder(qi, kk, rc)
        .vectorize(qi, vec)
        .unroll(qi, queryVectors)
        .unroll(kk);
    keyTile.compute_at(score, kko).vectorize(c, vec, TailStrategy::GuardWithIf);
    rowMax.compute_at(out, task).vectorize(qi, vec);
    rowMax.update().vectorize(qi, vec);
    prob.compute_at(out, task).vectorize(qi, vec);
    rowSum.compute_at(out, task).vectorize(qi, vec);
    rowSum.update().vectorize(qi, vec);
    // A head size that is not a multiple of the vector width gets guarded
    // tails (never reads past d in V).
    const TailStrategy featureTail =
        d % vec == 0 ? TailStrategy::Auto : TailStrategy::GuardWithIf;
    pv.compute_at(out, task)
        .split(qi, qio, qii, queriesPerStep)
        .reorder(c, qii, qio)
        .vectorize(c, vec, featureTail)
        .unroll(qii);
    pvAcc.compute_at(pv, qio).vectorize(c, vec, featureTail).unroll(qi);
    pvAcc.update().reorder(c, qi, rk).vectorize(c, vec, featureTail).unroll(qi);
    if (d % vec == 0) {
      pvAcc.unroll(c);
      pvAcc.update().unroll(c);
    }
  }

private:
  Var c{"c"}, qi{"qi"}, kk{"kk"}, h{"h"}, b{"b"}, kko{"kko"}, kki{"kki"};
  Var qio{"qio"}, qii{"qii"};
  Func qT{"q_t"}, score{"score"}, rowMax{"row_max"}, prob{"prob"}, rowSum{"row_sum"};
  Func pv{"pv"}, scoreAcc{"score_acc"}, pvAcc{"pv_acc"}, keyTile{"key_tile"};
  Input<Buffer<uint8_t, 2>> *mask = nullptr;
};

} // namespace

HALIDE_REGISTER_GENERATOR(Attention, mm_attention)
