//===- FuseElementwise.cpp - elementwise fusion that never recomputes -----===//
//
// Upstream `linalg-fuse-elementwise-ops` fuses an elementwise producer into
// any consumer, also where the consumer reads each produced element many
// times: a layer norm fused into the matmul after it, or a GELU into the
// second linear of a feed-forward block, recomputes the normalization or the
// erf once per output column (100x more erf calls than elements in W3).
// This pass applies the same patterns but fuses only where the consumer
// reads the producer's result through a permutation of all its loops, that
// is, each produced element exactly once. Reshapes are propagated through
// elementwise ops, not through reductions.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mm {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
struct FuseElementwisePass : public mm::impl::FuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    linalg::ControlFusionFn fuseOnce = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      if (!producer || !producer->hasOneUse())
        return false;
      auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
      return consumer && consumer.getMatchingIndexingMap(fused).isPermutation();
    };
    // Reshapes move through elementwise ops only, not through a reduction
    // such as a linear layer's product: its rows stay collapsed ([B * S,
    // K], one operand of B * S rows, its weight packed once per block of
    // rows) rather than becoming a batch loop over B or over a split of S
    // (the weight packed again for every batch index).
    auto hasReduction = [](Operation *op) {
      auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
      return linalgOp && linalgOp.getNumReductionLoops() > 0;
    };
    linalg::ControlFusionFn alongElementwise = [hasReduction](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      return producer && producer->hasOneUse() && !hasReduction(producer) &&
             !hasReduction(fused->getOwner());
    };
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseOnce);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, alongElementwise);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
