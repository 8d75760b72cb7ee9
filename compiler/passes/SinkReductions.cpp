//===- SinkReductions.cpp - means taken before the linear maps they follow ===//
//
// `mm-sink-reductions` moves a mean (or sum) over positions above the linear
// layers and additions it follows:
//
//   mean(linear(x), d)   = linear(mean(x, d))          (d not the last dim)
//   mean(a + b, d)       = mean(a, d) + mean(b, d)
//
// Both hold exactly in real arithmetic; in floating point the sums are taken
// in another order (errors of the order of the mean's own rounding). The
// payoff is the linear map applied to one row instead of S: an encoder
// followed by mean pooling (CLIP-style towers, sentence embeddings) spends a
// third of its feed-forward work on the second linear, whose rows are only
// ever averaged.
//
// A rewrite is made only where it removes work: the linear (or the addition
// that leads to one) must have no other user, so that its full-size result
// is no longer computed at all.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mm {
#define GEN_PASS_DEF_SINKREDUCTIONS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {

/// What a reduction over DIMS of a rank-RANK value allows to move across.
struct Reduction {
  ArrayRef<int64_t> dims;
  bool keepdim;
  /// A sum scales a bias by the number of positions and counts a
  /// broadcast operand once per position; a mean does neither.
  bool isMean;

  bool reduces(int64_t dim) const { return llvm::is_contained(dims, dim); }

  /// The type of this reduction applied to TYPE.
  RankedTensorType resultType(RankedTensorType type) const {
    SmallVector<int64_t> shape;
    for (auto [i, size] : llvm::enumerate(type.getShape())) {
      if (!reduces(i))
        shape.push_back(size);
      else if (keepdim)
        shape.push_back(1);
    }
    return RankedTensorType::get(shape, type.getElementType());
  }

  /// Whether the reduction of OPERAND of a binary op with result RESULT is
  /// the same as the reduction of its broadcast to RESULT's shape.
  bool commutesWithBroadcast(RankedTensorType operand, RankedTensorType result) const {
    if (operand.getRank() != result.getRank())
      return false;
    if (isMean)
      return true;
    // A sum over a stretched dimension would count the operand once, not
    // once per position.
    for (int64_t dim : dims)
      if (operand.getDimSize(dim) != result.getDimSize(dim))
        return false;
    return true;
  }
};

/// Whether V, reduced by R, can be rewritten so that a linear map is
/// applied after the reduction: V is a linear layer (over the last
/// dimension, which R keeps) or a sum/difference with such a term, and
/// nothing else reads the full-size V.
bool hasLinearToSink(Value v, const Reduction &r) {
  if (!v.hasOneUse())
    return false;
  Operation *op = v.getDefiningOp();
  if (auto linear = dyn_cast_or_null<mm::LinearOp>(op)) {
    int64_t rank = linear.getType().getRank();
    return !r.reduces(rank - 1) && (r.isMean || !linear.getBias());
  }
  if (!isa_and_nonnull<mm::AddOp, mm::SubOp>(op))
    return false;
  auto result = cast<RankedTensorType>(op->getResult(0).getType());
  for (Value operand : op->getOperands())
    if (!r.commutesWithBroadcast(cast<RankedTensorType>(operand.getType()), result))
      return false;
  return llvm::any_of(op->getOperands(), [&](Value operand) { return hasLinearToSink(operand, r); });
}

template <typename ReduceOp>
struct SinkReduction : public OpRewritePattern<ReduceOp> {
  using OpRewritePattern<ReduceOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ReduceOp op, PatternRewriter &rewriter) const override {
    Reduction r{op.getDims(), op.getKeepdim(), std::is_same_v<ReduceOp, mm::MeanOp>};
    // An empty list reduces every dimension, the features too.
    if (r.dims.empty() || !hasLinearToSink(op.getInput(), r))
      return failure();
    Location loc = op.getLoc();
    auto reduce = [&](Value v) -> Value {
      return rewriter.create<ReduceOp>(loc, r.resultType(cast<RankedTensorType>(v.getType())), v,
                                       op.getDimsAttr(), op.getKeepdimAttr());
    };
    Operation *producer = op.getInput().getDefiningOp();
    Value replacement;
    if (auto linear = dyn_cast<mm::LinearOp>(producer)) {
      replacement = rewriter.create<mm::LinearOp>(loc, op.getType(), reduce(linear.getInput()),
                                                  linear.getWeight(), linear.getBias());
    } else {
      // The reductions of the two terms are rewritten in turn when they
      // match; a term without a linear map keeps a plain reduction.
      Value lhs = reduce(producer->getOperand(0)), rhs = reduce(producer->getOperand(1));
      if (isa<mm::AddOp>(producer))
        replacement = rewriter.create<mm::AddOp>(loc, op.getType(), lhs, rhs);
      else
        replacement = rewriter.create<mm::SubOp>(loc, op.getType(), lhs, rhs);
    }
    rewriter.replaceOp(op, replacement);
    // The full-size value had no other user: it is not computed at all.
    rewriter.eraseOp(producer);
    return success();
  }
};

struct SinkReductionsPass : public mm::impl::SinkReductionsBase<SinkReductionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<SinkReduction<mm::MeanOp>, SinkReduction<mm::SumOp>>(&getContext());
    // Only the reductions and what they create: no folding of the rest of
    // the module as a side effect.
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    SmallVector<Operation *> reductions;
    getOperation().walk([&](Operation *op) {
      if (isa<mm::MeanOp, mm::SumOp>(op))
        reductions.push_back(op);
    });
    if (failed(applyOpPatternsAndFold(reductions, std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace
