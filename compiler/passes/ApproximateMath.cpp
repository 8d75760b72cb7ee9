//===- ApproximateMath.cpp - inline polynomial exp and erf ----------------===//
//
// After convert-math-to-libm every math.exp and math.erf is a call to libm's
// expf/erff: one element per call, so the loops around them (softmax, GELU)
// cannot be vectorized, and the calls were 30% of W3's time. MLIR's
// polynomial approximations are plain arithmetic that LLVM vectorizes; their
// error (a few ulp) is far below the 1e-4 tolerance of the tests.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mm {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
struct ApproximateMathPass : public mm::impl::ApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    // Only exp and erf on f32: the other functions keep libm's results.
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<math::ExpOp, math::ErfOp>(op) && getElementTypeOrSelf(op->getResult(0)).isF32())
        ops.push_back(op);
    });
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingOps;
    if (failed(applyOpPatternsAndFold(ops, std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace
