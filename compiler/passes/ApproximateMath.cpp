//===- ApproximateMath.cpp - inline polynomial exp and erf ----------------===//
//
// After convert-math-to-libm every math.exp and math.erf is a call to libm's
// expf/erff: one element per call, so the loops around them (softmax, GELU)
// cannot be vectorized, and the calls were 30% of W3's time. Inline
// arithmetic instead, which LLVM vectorizes; the error (a few ulp) is far
// below the 1e-4 tolerance of the tests.
//
// exp is MLIR's polynomial approximation. erf is our own rational function:
// MLIR's picks one of three rational pieces per element, and the selects of
// their coefficients and the final fix-ups made GELU (whose loop is nothing
// but one erf) twice as slow as PyTorch's.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mm {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
/// erf(x) for f32 as x P(x^2) / Q(x^2) on |x| <= kErfClamp, and +-1 beyond:
/// erf(3.92) is 1 - 3e-8, 1.0f once rounded. The coefficients are a
/// minimax fit on [0, 3.92] (weighted least squares iterated on the error,
/// in float64 against torch.erf): 1.6e-8 in exact arithmetic, 4e-7 at most
/// when evaluated in f32 (libm's erff: 1e-7). All of them are positive, so
/// Horner's rule never cancels; the fitted value at the clamp is above 1 and
/// the final clamp to [-1, 1] makes it exactly 1.
constexpr double kErfClamp = 3.92;
constexpr double kErfP[] = {1.1283790223501151,    0.19276253294476275,
                            0.0530602949113663,    0.003868268015535587,
                            0.00028747906017732617, 2.0347583344955416e-06};
constexpr double kErfQ[] = {1.0,
                            0.5041630134420962,
                            0.11508400333098676,
                            0.015172173889180221,
                            0.0011881027760079492,
                            3.807086991362122e-05};

struct RationalErf : public OpRewritePattern<math::ErfOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::ErfOp op, PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return rewriter.notifyMatchFailure(op, "not f32");
    Location loc = op.getLoc();
    auto constant = [&](double value) -> Value {
      Attribute scalar = rewriter.getF32FloatAttr(static_cast<float>(value));
      if (auto shaped = dyn_cast<ShapedType>(type))
        return rewriter.create<arith::ConstantOp>(loc, DenseElementsAttr::get(shaped, scalar));
      return rewriter.create<arith::ConstantOp>(loc, cast<TypedAttr>(scalar));
    };
    // maximumf/minimumf propagate NaN, as erff does.
    auto clamp = [&](Value v, double bound) -> Value {
      Value low = rewriter.create<arith::MaximumFOp>(loc, v, constant(-bound));
      return rewriter.create<arith::MinimumFOp>(loc, low, constant(bound));
    };
    auto horner = [&](ArrayRef<double> coefficients, Value u) {
      Value acc = constant(coefficients.back());
      for (double c : llvm::reverse(coefficients.drop_back()))
        acc = rewriter.create<arith::AddFOp>(loc, rewriter.create<arith::MulFOp>(loc, acc, u),
                                             constant(c));
      return acc;
    };
    Value x = clamp(op.getOperand(), kErfClamp);
    Value u = rewriter.create<arith::MulFOp>(loc, x, x);
    Value numerator = rewriter.create<arith::MulFOp>(loc, x, horner(kErfP, u));
    Value ratio = rewriter.create<arith::DivFOp>(loc, numerator, horner(kErfQ, u));
    rewriter.replaceOp(op, clamp(ratio, 1.0));
    return success();
  }
};

struct ApproximateMathPass : public mm::impl::ApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    // Only exp and erf on f32: the other functions keep libm's results.
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<math::ExpOp, math::ErfOp>(op) && getElementTypeOrSelf(op->getResult(0)).isF32())
        ops.push_back(op);
    });
    RewritePatternSet patterns(&getContext());
    // Ahead of MLIR's own erf pattern.
    patterns.add<RationalErf>(&getContext(), /*benefit=*/2);
    populateMathPolynomialApproximationPatterns(patterns);
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingOps;
    if (failed(applyOpPatternsAndFold(ops, std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace
