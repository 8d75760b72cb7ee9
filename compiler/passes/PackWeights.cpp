//===- PackWeights.cpp - weights in the layout the register tiles read ----===//
//
// mm-vectorize-contractions reads B of `x W^T` (every linear layer) as
// [K, TILE-N] panels that each column tile fills by transposing W's rows in
// registers, on every call (about 5% of W3). A weight never changes while a
// model is open: this pass writes all the panels of a weights-only B as one
// value, Wp [ceil(N / T), K, T], which mm-hoist-weight-expressions computes
// once per model, and the contraction reads Wp in place: the same products
// in the same K order. Without the hoisting the packing runs on every call.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"
#include "compiler/passes/WeightOrigin.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/Builders.h"

namespace mm {
#define GEN_PASS_DEF_PACKWEIGHTS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;
using mm::Origin;

namespace {

struct PackWeightsPass : public mm::impl::PackWeightsBase<PackWeightsPass> {
  using PackWeightsBase::PackWeightsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (tileN < 1) {
      func.emitError("tile size must be positive");
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> contractions;
    func.walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && op.getNumDpsInputs() == 2 && op.getNumDpsInits() == 1 &&
          op->getNumResults() == 1 && linalg::isaContractionOpInterface(op))
        contractions.push_back(op);
    });
    // All decided before anything changes (the memo of sourceOf holds
    // values of the ops a rewrite replaces).
    SmallVector<std::pair<linalg::LinalgOp, unsigned>> work;
    for (linalg::LinalgOp op : contractions)
      if (std::optional<unsigned> b = weightOperand(op))
        work.push_back({op, *b});
    for (auto [op, b] : work)
      pack(op, b);
  }

  /// The input of OP that is W [N, K] of `out[..., n] += x[...] * w[n, k]`
  /// (N the output's innermost loop, K a reduction loop), f32 of a static
  /// shape and computed from the weights alone.
  std::optional<unsigned> weightOperand(linalg::LinalgOp op) {
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    auto n = dyn_cast<AffineDimExpr>(maps[2].getResults().empty() ? AffineExpr()
                                                                   : maps[2].getResults().back());
    if (!n)
      return std::nullopt;
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    for (unsigned i = 0; i < 2; ++i) {
      AffineMap map = maps[i];
      auto k = map.getNumResults() == 2 ? dyn_cast<AffineDimExpr>(map.getResult(1)) : nullptr;
      auto type = dyn_cast<RankedTensorType>(op.getDpsInputs()[i].getType());
      if (map.getNumResults() != 2 || map.getResult(0) != n || !k ||
          iterators[k.getPosition()] != utils::IteratorType::reduction ||
          maps[1 - i].isFunctionOfDim(n.getPosition()) || !type || !type.hasStaticShape() ||
          type.getNumElements() == 0 || !type.getElementType().isF32() ||
          !getElementTypeOrSelf(op.getDpsInputs()[1 - i].getType()).isF32() ||
          !getElementTypeOrSelf(op.getDpsInits()[0].getType()).isF32())
        continue;
      if (sourceOf(op.getDpsInputs()[i]) == Origin::Weights)
        return i;
    }
    return std::nullopt;
  }

  /// What V is computed from: weights are the function's `mm.weight`
  /// arguments.
  Origin sourceOf(Value v) {
    if (auto it = sources.find(v); it != sources.end())
      return it->second;
    Origin result = Origin::Other;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
      if (func && arg.getOwner()->isEntryBlock() &&
          func.getArgAttr(arg.getArgNumber(), "mm.weight"))
        result = Origin::Weights;
    } else {
      result = mm::originOfResults(v.getDefiningOp(), [&](Value read) { return sourceOf(read); });
    }
    sources[v] = result;
    return result;
  }

  /// Rewrites OP, `out[..., n] += x[...] * w[n, k]` with W its input
  /// INDEX, as the generic that reads the packed weight
  /// `wp[n floordiv T, k, n mod T]` instead.
  void pack(linalg::LinalgOp op, unsigned index) {
    Value w = op.getDpsInputs()[index];
    auto wType = cast<RankedTensorType>(w.getType());
    const int64_t tile = tileN;
    int64_t n = wType.getDimSize(0), k = wType.getDimSize(1);
    int64_t panels = (n + tile - 1) / tile;

    IRRewriter b(op->getContext());
    b.setInsertionPoint(op);
    Location loc = op.getLoc();
    Type f32 = b.getF32Type();
    Value padded = w;
    if (panels * tile != n) {
      Value zero = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
      padded = tensor::createPadHighOp(RankedTensorType::get({panels * tile, k}, f32), w, zero,
                                       /*nofold=*/false, loc, b);
    }
    Value rows = b.create<tensor::ExpandShapeOp>(loc, RankedTensorType::get({panels, tile, k}, f32),
                                                 padded,
                                                 SmallVector<ReassociationIndices>{{0, 1}, {2}});
    Value empty = b.create<tensor::EmptyOp>(loc, ArrayRef<int64_t>{panels, k, tile}, f32);
    auto transpose =
        b.create<linalg::TransposeOp>(loc, rows, empty, ArrayRef<int64_t>{0, 2, 1});
    // A layout change costs one step per element: mm-hoist-weight-expressions
    // keeps it only because of this mark.
    transpose->setAttr("mm.packed_weight", b.getUnitAttr());

    auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
    if (!generic) {
      FailureOr<linalg::GenericOp> generalized = linalg::generalizeNamedOp(b, op);
      if (failed(generalized))
        return;
      generic = *generalized;
    }
    SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
    AffineExpr nd = maps[index].getResult(0), kd = maps[index].getResult(1);
    maps[index] = AffineMap::get(maps[index].getNumDims(), 0,
                                 {nd.floorDiv(tile), kd, nd % tile}, b.getContext());
    generic.setIndexingMapsAttr(b.getAffineMapArrayAttr(maps));
    generic->setOperand(index, transpose.getResult()[0]);
  }

  llvm::DenseMap<Value, Origin> sources;
};

} // namespace
