//===- AttentionGenerator.cpp - multi-head attention core kernel ----------===//
//
// `mm_attention`: the core of nn.MultiheadAttention (batch_first=True) once
// Q, K and V are projected and split into heads:
//   out = softmax(Q K^T / sqrt(d) + key_padding_mask) V
// per batch item and head, with key_padding_mask's True (nonzero) entries
// excluded as torch does (filled with -inf).
//
// One task per head and batch item: K and V are first copied into dense
// tiles, then each tile of queries is fused: the tile's scores against every
// key live in a small buffer (tile x Tk floats) that stays in L1/L2; the row
// max, the exponentials, the row sums and the product with V are computed
// from it before the next tile, so the full Tq x Tk score matrix is never
// written. Queries are in the vector lanes for the scores and the softmax
// (the reductions over keys are then plain vertical vector ops and K needs
// no transpose); the head dimension is in the lanes for P V. The scores are
// pre-scaled by log2(e), so that the softmax takes 2^x, by a polynomial.
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include <cmath>
#include <limits>
#include <vector>

using namespace Halide;

namespace {

/// 2^x for x <= 0 (a logit minus its row's max) with a relative error
/// below 2.2e-7; 2^x below 2^-126.5 (masked keys among them) is 0. 2^n
/// through the exponent bits times 2^r, |r| <= 1/2, by a degree-5
/// polynomial: about 15 vector instructions. Halide's exp (also taking
/// positive and non-finite arguments, and e^x, not 2^x) was ~22% of the
/// kernel at W3's shape.
Expr exp2NonPositive(Expr x) {
  x = max(x, -127.0f);
  // Round to nearest by adding 1.5 * 2^23: n sits in the low mantissa bits.
  // n comes back from the bits: (x + c) - c would be simplified to x.
  Expr bits = reinterpret<int>(x + 12582912.0f);
  Expr n = cast<float>(bits - 0x4B400000);
  Expr r = x - n; // exact
  // Minimax for the relative error of 2^r on [-1/2, 1/2] (Lawson-weighted
  // least squares; max relative error 2.1e-7 evaluated in float, against
  // 3.3e-6 for the Taylor polynomial of the same degree).
  const float coefficients[] = {1.00000012f,  0.693146944f,  0.240221202f,
                                0.0555071309f, 0.00967554096f, 0.00132764713f};
  Expr p = coefficients[5];
  for (int k = 4; k >= 0; --k)
    p = p * r + coefficients[k];
  // n + 127 into the exponent field (the shift drops the 1.5 * 2^23); n =
  // -127 gives the bits of 0.
  return p * reinterpret<float>((bits + 127) << 23);
}

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
    // nn.MultiheadAttention scales the scores by 1 / sqrt(head_dim); the
    // extra log2(e) puts them in base 2 for the exponentials.
    const float s = static_cast<float>(1.4426950408889634 / std::sqrt(double(d)));
    Expr tq = query.dim(1).extent(), tk = key.dim(1).extent();

    // Queries transposed (query index innermost) and pre-scaled; reads
    // outside [0, Tq) (rounded-up or shifted tiles) repeat an edge query.
    qT(qi, c, h, b) = query(c, clamp(qi, 0, tq - 1), h, b) * s;

    RDom rc(0, d, "rc");
    // The keys are processed in whole blocks of kBlock: the keys past Tk
    // repeat the last one and count as masked, so that no loop over keys
    // needs a tail.
    Expr tkr = (tk + kBlock - 1) / kBlock * kBlock;
    Expr kc = min(kk, tk - 1);
    // K and V of one head, copied once into dense tiles: the projections
    // are strided views ([B, T, 3E] rows), whose rows fall into a few cache
    // sets.
    keyTile(c, kk, h, b) = key(c, kc, h, b);
    valueTile(c, kk, h, b) = value(c, kc, h, b);
    // Accumulated in small register tiles (scoreAcc, pvAcc) and then stored.
    scoreAcc(qi, kk, h, b) = 0.0f;
    scoreAcc(qi, kk, h, b) += qT(qi, rc, h, b) * keyTile(rc, kk, h, b);
    // Masked keys' scores are -1e30 (once per score, not per use).
    Expr masked = kk >= tk;
    if (hasMask)
      masked = masked || (*mask)(kc, b) != 0;
    score(qi, kk, h, b) = select(masked, -1e30f, scoreAcc(qi, kk, h, b));

    // The row reductions run as kBlock independent chains (j) over blocks
    // of keys, so that they wait on no instruction's latency.
    RDom rb(0, tkr / kBlock, "rb"), rj(0, kBlock, "rj");
    Var j("j");
    maxPart(qi, j, h, b) = -1e30f;
    maxPart(qi, j, h, b) = max(maxPart(qi, j, h, b), score(qi, rb * kBlock + j, h, b));
    rowMax(qi, h, b) = -1e30f;
    rowMax(qi, h, b) = max(rowMax(qi, h, b), maxPart(qi, rj, h, b));
    // Masked keys get 2^(-1e30 - max) = 0, unless the whole row is masked:
    // then every key has probability 1 here and the output below is NaN, as
    // torch's softmax over -inf gives.
    prob(qi, kk, h, b) = exp2NonPositive(score(qi, kk, h, b) - rowMax(qi, h, b));
    sumPart(qi, j, h, b) = 0.0f;
    sumPart(qi, j, h, b) += prob(qi, rb * kBlock + j, h, b);
    rowSum(qi, h, b) = 0.0f;
    rowSum(qi, h, b) += sumPart(qi, rj, h, b);

    RDom rk(0, tkr, "rk");
    pvAcc(c, qi, h, b) = 0.0f;
    pvAcc(c, qi, h, b) += prob(qi, rk, h, b) * valueTile(c, rk, h, b);
    pv(c, qi, h, b) = pvAcc(c, qi, h, b);
    Expr result = pv(c, qi, h, b) / rowSum(qi, h, b);
    if (hasMask)
      result = select(rowMax(qi, h, b) == -1e30f, std::numeric_limits<float>::quiet_NaN(), result);
    output(c, qi, h, b) = result;

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
    //   0.21 ms with the key tiles of a score step.
    // - W3's self-attention, E 128, 4 heads (d = 32), no mask: S 256 0.57 ->
    //   0.38 ms (B 16: 9.9 -> 7.0 ms), S 32 9.3 -> 7.8 us; 8 queries per P V
    //   step gave ~17% of that at S 256, the key tiles ~18%.
    // Then (same machine, 2026-11-27 14:30-15:00 UTC, load average 5-9):
    // the polynomial 2^x, K and V staged per head and the split row
    // reductions, A/B in one process calling the old and new kernels in
    // alternate rounds on the strided Q/K/V views mmc passes (median of 21-31
    // rounds of 50 calls, thread CPU time): W3 0.397 -> 0.317 ms, W2 0.220
    // -> 0.183 ms; again under heavier load W3 0.555 -> 0.497, W2 0.295 ->
    // 0.261. In W3 itself (perf of mm-run --bench 1000) the kernel went from
    // 24-25% to 22.5-23% of the model. bench/kernels.sh (dense Q/K/V, wall
    // time) could not tell them apart on that host: 0.18-0.21 ms both.
    // Where the time goes now (perf annotate, W3): the two FMA loops ~65%,
    // at about the core's FMA peak; 2^x ~18%; the K/V copies and the Q
    // transpose ~8%; the row max and sum ~5%. The FMAs alone are ~0.21 ms
    // at W3's shape (33.6 MFLOP at ~155 GFLOP/s).
    // Staging: the projections come as [B, T, 3E] views whose rows (1.5 KB
    // apart at W3, 2 KB at W2) fall into a few L1 sets; one dense copy of K
    // and V per head and batch item (one parallel task each) beat reading
    // V in place (W3 0.319 vs 0.341 ms, W2 0.179 vs 0.206) and replaces the
    // copy of 8 keys per score step. Keys are processed in blocks of kBlock
    // (the keys past Tk score -1e30), so the row max and sum run as kBlock
    // independent chains of vector ops rather than one chain bound by the
    // latency of each max/add (~5% of the kernel at W3).
    // One tile = two vectors of queries; its scores (32 x Tk floats, 38 KB at
    // Tk 304) stay in L1/L2. Score tiles of 2 vectors x 8 keys load one
    // broadcast key value per 2 FMAs (one vector of queries x 8 keys was
    // ~15% slower). P V steps keep ~16 accumulators on AVX-512: 4 queries x
    // 4 vectors at d = 64, 8 queries x 2 vectors at d = 32 (4 queries there
    // left the FMAs waiting on loads). Heads and batch items are spread over
    // the threads (4 tasks at W2 and W3, B 1).
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
    // A head size that is not a multiple of the vector width gets guarded
    // tails (never reads past d in V).
    const TailStrategy featureTail =
        d % vec == 0 ? TailStrategy::Auto : TailStrategy::GuardWithIf;
    Var qo("qo"), qin("qin"), task("task");
    Func out = output;
    out.specialize(tq < queryTile)
        .split(qi, qo, qin, queryTile, TailStrategy::GuardWithIf)
        .reorder(c, qin, qo, h, b)
        .fuse(h, b, task)
        .parallel(task)
        .vectorize(c, vec, TailStrategy::GuardWithIf);
    out.split(qi, qo, qin, queryTile, TailStrategy::ShiftInwards)
        .reorder(c, qin, qo, h, b)
        .fuse(h, b, task)
        .parallel(task)
        .vectorize(c, vec, TailStrategy::GuardWithIf);

    qT.compute_at(out, qo).vectorize(qi, vec).unroll(c, 4);
    score.compute_at(out, qo)
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
    keyTile.compute_at(out, task).vectorize(c, vec, featureTail);
    valueTile.compute_at(out, task).vectorize(c, vec, featureTail);
    Var qv("qv"), qvo("qvo");
    for (Func part : {maxPart, sumPart}) {
      part.compute_at(out, qo).vectorize(qi, vec).unroll(j);
      part.update()
          .split(qi, qvo, qv, vec)
          .reorder(qv, j, qvo, rb)
          .vectorize(qv)
          .unroll(j);
    }
    rowMax.compute_at(out, qo).vectorize(qi, vec);
    rowMax.update().vectorize(qi, vec).unroll(rj);
    prob.compute_at(out, qo).vectorize(qi, vec);
    rowSum.compute_at(out, qo).vectorize(qi, vec);
    rowSum.update().vectorize(qi, vec).unroll(rj);
    pv.compute_at(out, qo)
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
  Func valueTile{"value_tile"}, maxPart{"max_part"}, sumPart{"sum_part"};
  /// Keys per block of the row reductions (a multiple of the keys per score
  /// step).
  static constexpr int kBlock = 8;
  Input<Buffer<uint8_t, 2>> *mask = nullptr;
};

} // namespace

HALIDE_REGISTER_GENERATOR(Attention, mm_attention)
