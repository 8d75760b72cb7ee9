//===- MMToLinalg.cpp - mm ops to linalg on tensors -----------------------===//
//
// The plain lowering of the mm dialect, the reference for every op (also of
// those that get a Halide kernel). This file holds the pass, the shared
// helpers of LoweringUtils.h, and the patterns of the elementwise, matmul,
// reduction and shape ops; the layers with weights and the audio front-end
// are in LayersToLinalg.cpp.
//
// Every result tensor is built at the sizes read from the operands
// (`tensor.dim` for dynamic ones) and cast to the op's declared type at the
// end, so the declared type may be more static than what the operands say.
//
//===----------------------------------------------------------------------===//
#include "compiler/lowering/MMToLinalg.h"
#include "compiler/lowering/LoweringUtils.h"
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMDialect.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>
#include <limits>

namespace mm {
#define GEN_PASS_DEF_CONVERTMMTOLINALG
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;
using namespace mm::lowering;

//===----------------------------------------------------------------------===//
// Sizes
//===----------------------------------------------------------------------===//

/// Constant sizes become attributes: the builders of tensor ops derive
/// static dimensions from attributes only, and the result types computed
/// by typeOfSizes must agree with them.
static OpFoldResult normalizeSize(OpBuilder &b, OpFoldResult size) {
  if (std::optional<int64_t> c = getConstantIntValue(size))
    return b.getIndexAttr(*c);
  return size;
}

static SmallVector<OpFoldResult> normalizeSizes(OpBuilder &b, ArrayRef<OpFoldResult> sizes) {
  return llvm::map_to_vector(sizes, [&](OpFoldResult s) { return normalizeSize(b, s); });
}

SmallVector<OpFoldResult> mm::lowering::getSizes(OpBuilder &b, Location loc, Value value) {
  return tensor::getMixedSizes(b, loc, value);
}

SmallVector<OpFoldResult> mm::lowering::getAgreedSizes(OpBuilder &b, Location loc,
                                                       ValueRange inputs, int64_t exceptDim) {
  SmallVector<OpFoldResult> sizes = getSizes(b, loc, inputs[0]);
  for (Value input : inputs.drop_front()) {
    auto type = cast<RankedTensorType>(input.getType());
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != exceptDim && !type.isDynamicDim(d))
        sizes[d] = b.getIndexAttr(type.getDimSize(d));
  }
  return sizes;
}

RankedTensorType mm::lowering::typeOfSizes(ArrayRef<OpFoldResult> sizes, Type elementType) {
  SmallVector<int64_t> shape = llvm::map_to_vector(
      sizes, [](OpFoldResult s) { return getConstantIntValue(s).value_or(ShapedType::kDynamic); });
  return RankedTensorType::get(shape, elementType);
}

Value mm::lowering::indexConst(OpBuilder &b, Location loc, int64_t value) {
  return b.create<arith::ConstantIndexOp>(loc, value);
}

OpFoldResult mm::lowering::addSizes(OpBuilder &b, Location loc, OpFoldResult lhs,
                                    OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs), r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l + *r);
  if (l && *l == 0)
    return rhs;
  if (r && *r == 0)
    return lhs;
  return b
      .create<arith::AddIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, lhs),
                             getValueOrCreateConstantIndexOp(b, loc, rhs))
      .getResult();
}

OpFoldResult mm::lowering::mulSizes(OpBuilder &b, Location loc, OpFoldResult lhs,
                                    OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs), r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l * *r);
  if (l && *l == 1)
    return rhs;
  if (r && *r == 1)
    return lhs;
  return b
      .create<arith::MulIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, lhs),
                             getValueOrCreateConstantIndexOp(b, loc, rhs))
      .getResult();
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

Value mm::lowering::createEmpty(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                                Type elementType) {
  return b.create<tensor::EmptyOp>(loc, normalizeSizes(b, sizes), elementType);
}

Value mm::lowering::createFilled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                                 Type elementType, double value) {
  Value empty = createEmpty(b, loc, sizes, elementType);
  TypedAttr attr;
  if (isa<FloatType>(elementType))
    attr = b.getFloatAttr(elementType, value);
  else
    attr = b.getIntegerAttr(elementType, static_cast<int64_t>(value));
  Value scalar = b.create<arith::ConstantOp>(loc, attr);
  return b.create<linalg::FillOp>(loc, ValueRange{scalar}, ValueRange{empty}).getResult(0);
}

Value mm::lowering::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return b.create<tensor::CastOp>(loc, type, value);
}

Value mm::lowering::collapseLeading(OpBuilder &b, Location loc, Value value, int64_t keep) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t leading = type.getRank() - keep;
  if (leading == 1)
    return value;
  SmallVector<ReassociationIndices> groups;
  if (leading == 0) {
    // Prepend a unit dimension: source dimension 0 becomes result 0 and 1.
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1)};
    llvm::append_range(sizes, getSizes(b, loc, value));
    groups.push_back({0, 1});
    for (int64_t i = 1; i < keep; ++i)
      groups.push_back({i + 1});
    return b.create<tensor::ExpandShapeOp>(loc, typeOfSizes(sizes, type.getElementType()), value,
                                           groups, normalizeSizes(b, sizes));
  }
  ReassociationIndices first;
  for (int64_t i = 0; i < leading; ++i)
    first.push_back(i);
  groups.push_back(first);
  for (int64_t i = 0; i < keep; ++i)
    groups.push_back({leading + i});
  return b.create<tensor::CollapseShapeOp>(loc, value, groups);
}

Value mm::lowering::expandLeading(OpBuilder &b, Location loc, Value value,
                                  ArrayRef<OpFoldResult> leading) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t keep = type.getRank() - 1;
  if (leading.size() == 1)
    return value;
  SmallVector<ReassociationIndices> groups;
  if (leading.empty()) {
    groups.push_back({0, 1});
    for (int64_t i = 1; i < keep; ++i)
      groups.push_back({i + 1});
    return b.create<tensor::CollapseShapeOp>(loc, value, groups);
  }
  int64_t n = leading.size();
  ReassociationIndices first;
  for (int64_t i = 0; i < n; ++i)
    first.push_back(i);
  groups.push_back(first);
  for (int64_t i = 0; i < keep; ++i)
    groups.push_back({n + i});
  SmallVector<OpFoldResult> sizes(leading);
  llvm::append_range(sizes, ArrayRef<OpFoldResult>(getSizes(b, loc, value)).drop_front());
  sizes = normalizeSizes(b, sizes);
  auto resultType = typeOfSizes(sizes, type.getElementType());
  if (llvm::count_if(leading, [](OpFoldResult s) { return !getConstantIntValue(s); }) > 1) {
    // MLIR 19 bufferizes tensor.expand_shape by re-inferring the output
    // shape, which fails for two dynamic sizes in one group ([B*T] into
    // [B, T]); tensor.reshape takes the sizes as a shape tensor instead.
    SmallVector<Value> shape = llvm::map_to_vector(
        sizes, [&](OpFoldResult s) { return getValueOrCreateConstantIndexOp(b, loc, s); });
    Value shapeTensor = b.create<tensor::FromElementsOp>(loc, shape);
    return b.create<tensor::ReshapeOp>(loc, resultType, value, shapeTensor);
  }
  return b.create<tensor::ExpandShapeOp>(loc, resultType, value, groups, sizes);
}

Value mm::lowering::extractSlice(OpBuilder &b, Location loc, Value source,
                                 ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                                 ArrayRef<int64_t> dropped) {
  SmallVector<OpFoldResult> normSizes = normalizeSizes(b, sizes);
  SmallVector<OpFoldResult> kept;
  for (auto [i, size] : llvm::enumerate(normSizes))
    if (!llvm::is_contained(dropped, static_cast<int64_t>(i)))
      kept.push_back(size);
  auto elementType = cast<RankedTensorType>(source.getType()).getElementType();
  SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
  return b.create<tensor::ExtractSliceOp>(loc, typeOfSizes(kept, elementType), source,
                                          normalizeSizes(b, offsets), normSizes, strides);
}

Value mm::lowering::insertSlice(OpBuilder &b, Location loc, Value source, Value dest,
                                ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes) {
  SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
  return b.create<tensor::InsertSliceOp>(loc, source, dest, normalizeSizes(b, offsets),
                                         normalizeSizes(b, sizes), strides);
}

Value mm::lowering::floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

void mm::lowering::multiplyAddBody(OpBuilder &b, Location loc, ValueRange args) {
  Value product = b.create<arith::MulFOp>(loc, args[0], args[1]);
  b.create<linalg::YieldOp>(loc, ValueRange{b.create<arith::AddFOp>(loc, args[2], product)});
}

Value mm::lowering::sigmoid(OpBuilder &b, Location loc, Value x) {
  Value one = floatConst(b, loc, x.getType(), 1.0);
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  return b.create<arith::DivFOp>(loc, one, b.create<arith::AddFOp>(loc, one, e));
}

Value mm::lowering::buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                                     ValueRange operands,
                                     function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = resultType.getRank();
  SmallVector<OpFoldResult> sizes(rank);
  for (int64_t d = 0; d < rank; ++d)
    if (!resultType.isDynamicDim(d))
      sizes[d] = b.getIndexAttr(resultType.getDimSize(d));

  SmallVector<AffineMap> maps;
  for (Value operand : operands) {
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t offset = rank - type.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      int64_t d = offset + i;
      if (type.getDimSize(i) == 1) {
        exprs.push_back(getAffineConstantExpr(0, ctx));
        continue;
      }
      exprs.push_back(getAffineDimExpr(d, ctx));
      if (!sizes[d])
        sizes[d] = type.isDynamicDim(i)
                       ? OpFoldResult(b.create<tensor::DimOp>(loc, operand, i).getResult())
                       : OpFoldResult(b.getIndexAttr(type.getDimSize(i)));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
  }
  // Only reachable if every operand has a 1 where the result says `?`.
  for (OpFoldResult &size : sizes)
    if (!size)
      size = b.getIndexAttr(1);
  maps.push_back(b.getMultiDimIdentityMap(rank));

  Value init = createEmpty(b, loc, sizes, resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{init.getType()}, operands, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return castTo(b, loc, generic.getResult(0), resultType);
}

//===----------------------------------------------------------------------===//
// Linear algebra helpers
//===----------------------------------------------------------------------===//

Value mm::lowering::matmul(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto elementType = cast<RankedTensorType>(lhs.getType()).getElementType();
  SmallVector<OpFoldResult> sizes = {getSizes(b, loc, lhs)[0], getSizes(b, loc, rhs)[1]};
  Value init = createFilled(b, loc, sizes, elementType, 0.0);
  return b.create<linalg::MatmulOp>(loc, ValueRange{lhs, rhs}, ValueRange{init}).getResult(0);
}

Value mm::lowering::biasInit(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                            Type elementType, Value bias, int64_t dim) {
  if (!bias)
    return createFilled(b, loc, sizes, elementType, 0.0);
  MLIRContext *ctx = b.getContext();
  unsigned rank = sizes.size();
  Value empty = createEmpty(b, loc, sizes, elementType);
  SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, {getAffineDimExpr(dim, ctx)}, ctx),
                                 b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(loc, TypeRange{empty.getType()}, ValueRange{bias},
                                 ValueRange{empty}, maps, iterators,
                                 [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                                   nested.create<linalg::YieldOp>(nestedLoc, args[0]);
                                 })
      .getResult(0);
}

Value mm::lowering::linear2D(OpBuilder &b, Location loc, Value x, Value weight, Value bias) {
  auto elementType = cast<RankedTensorType>(x.getType()).getElementType();
  SmallVector<OpFoldResult> sizes = {getSizes(b, loc, x)[0], getSizes(b, loc, weight)[0]};
  Value init = biasInit(b, loc, sizes, elementType, bias, /*dim=*/1);
  return b.create<linalg::MatmulTransposeBOp>(loc, ValueRange{x, weight}, ValueRange{init})
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// What cannot be lowered
//===----------------------------------------------------------------------===//

/// The largest constant the audio lowering bakes into the code, in
/// elements: 64 MB of f32, a DFT basis for n_fft = 4096.
static constexpr int64_t kMaxConstantElements = int64_t(1) << 24;

/// The size of a DFT basis or filter bank, saturated so that absurd
/// attributes cannot overflow.
static int64_t constantElements(int64_t rows, int64_t cols) {
  if (rows > kMaxConstantElements || cols > kMaxConstantElements)
    return kMaxConstantElements + 1;
  return rows * cols;
}

template <typename SpecOp> static std::string audioReason(SpecOp op, int64_t melChannels) {
  int64_t nFft = op.getNFft(), win = op.getWinLength();
  int64_t rows = win, cols = 2 * (nFft / 2 + 1);
  std::string reason;
  llvm::raw_string_ostream os(reason);
  if (nFft > kMaxConstantElements || constantElements(rows, cols) > kMaxConstantElements)
    os << "needs a DFT basis of " << win << " x " << cols
       << " constants, more than the lowering's limit of " << kMaxConstantElements;
  else if (melChannels > 0 &&
           constantElements(nFft / 2 + 1, melChannels) > kMaxConstantElements)
    os << "needs a mel filter bank of " << nFft / 2 + 1 << " x " << melChannels
       << " constants, more than the lowering's limit of " << kMaxConstantElements;
  return reason;
}

std::string mm::lowering::unsupportedReason(Operation *op) {
  if (auto spec = dyn_cast<mm::SpectrogramOp>(op))
    return audioReason(spec, 0);
  if (auto mel = dyn_cast<mm::MelSpectrogramOp>(op))
    return audioReason(mel, mel.getNMels());
  if (isa<mm::TransformerEncoderLayerOp>(op))
    return "is not lowered directly: run mm-decompose-layers first";
  if (!isa<mm::AddOp, mm::SubOp, mm::MulOp, mm::DivOp>(op))
    return "";
  Type elementType = cast<RankedTensorType>(op->getResult(0).getType()).getElementType();
  if (isa<FloatType>(elementType))
    return "";
  std::string reason;
  llvm::raw_string_ostream os(reason);
  if (isa<mm::DivOp>(op))
    os << "on integers is not supported: PyTorch's `/` of '" << elementType
       << "' tensors gives a float tensor";
  else if (!elementType.isSignlessInteger())
    os << "on '" << elementType << "' is not supported";
  return reason;
}

//===----------------------------------------------------------------------===//
// Constants and elementwise ops
//===----------------------------------------------------------------------===//

namespace {

struct ConstantLowering : public OpConversionPattern<mm::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value)
      return rewriter.notifyMatchFailure(op, "constant value is not a typed attribute");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

// The scalar computation of each elementwise op, by overloading on the op.

Value scalarOp(mm::ReluOp, OpBuilder &b, Location loc, ValueRange args) {
  // maximumf propagates NaN like torch.relu does.
  return b.create<arith::MaximumFOp>(loc, args[0], floatConst(b, loc, args[0].getType(), 0.0));
}
Value scalarOp(mm::SigmoidOp, OpBuilder &b, Location loc, ValueRange args) {
  return sigmoid(b, loc, args[0]);
}
Value scalarOp(mm::TanhOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<math::TanhOp>(loc, args[0]);
}
Value scalarOp(mm::ExpOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<math::ExpOp>(loc, args[0]);
}
Value scalarOp(mm::LogOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<math::LogOp>(loc, args[0]);
}
Value scalarOp(mm::SqrtOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<math::SqrtOp>(loc, args[0]);
}
Value scalarOp(mm::AbsOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<math::AbsFOp>(loc, args[0]);
}
Value scalarOp(mm::NegOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<arith::NegFOp>(loc, args[0]);
}
Value scalarOp(mm::SiluOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<arith::MulFOp>(loc, args[0], sigmoid(b, loc, args[0]));
}

Value scalarOp(mm::GeluOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Type type = x.getType();
  Value inner;
  if (op.getApproximate() == "tanh") {
    // tanh(sqrt(2/pi) * (x + 0.044715 x^3)), PyTorch's constants.
    Value x3 = b.create<arith::MulFOp>(loc, x, b.create<arith::MulFOp>(loc, x, x));
    Value poly = b.create<arith::AddFOp>(
        loc, x, b.create<arith::MulFOp>(loc, floatConst(b, loc, type, 0.044715), x3));
    double beta = M_SQRT2 * M_2_SQRTPI * 0.5;
    inner = b.create<math::TanhOp>(
        loc, b.create<arith::MulFOp>(loc, floatConst(b, loc, type, beta), poly));
  } else {
    inner = b.create<math::ErfOp>(
        loc, b.create<arith::MulFOp>(loc, x, floatConst(b, loc, type, M_SQRT1_2)));
  }
  Value onePlus = b.create<arith::AddFOp>(loc, floatConst(b, loc, type, 1.0), inner);
  Value halfX = b.create<arith::MulFOp>(loc, x, floatConst(b, loc, type, 0.5));
  return b.create<arith::MulFOp>(loc, halfX, onePlus);
}

Value scalarOp(mm::ClampOp op, OpBuilder &b, Location loc, ValueRange args) {
  // min then max, both NaN-propagating: torch.clamp gives `max` when
  // min > max, and this order does too.
  Value x = args[0];
  if (std::optional<APFloat> lo = op.getMin())
    x = b.create<arith::MaximumFOp>(loc, x, floatConst(b, loc, x.getType(), lo->convertToDouble()));
  if (std::optional<APFloat> hi = op.getMax())
    x = b.create<arith::MinimumFOp>(loc, x, floatConst(b, loc, x.getType(), hi->convertToDouble()));
  return x;
}

template <typename FloatOp, typename IntOp>
Value floatOrInt(OpBuilder &b, Location loc, ValueRange args) {
  if (isa<FloatType>(args[0].getType()))
    return b.create<FloatOp>(loc, args[0], args[1]);
  return b.create<IntOp>(loc, args[0], args[1]);
}

Value scalarOp(mm::AddOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::AddFOp, arith::AddIOp>(b, loc, args);
}
Value scalarOp(mm::SubOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::SubFOp, arith::SubIOp>(b, loc, args);
}
Value scalarOp(mm::MulOp, OpBuilder &b, Location loc, ValueRange args) {
  return floatOrInt<arith::MulFOp, arith::MulIOp>(b, loc, args);
}
Value scalarOp(mm::DivOp, OpBuilder &b, Location loc, ValueRange args) {
  // Integer division never gets here (unsupportedReason).
  return b.create<arith::DivFOp>(loc, args[0], args[1]);
}

/// Any elementwise op, unary or binary with broadcasting.
template <typename OpTy> struct ElementwiseLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    auto resultType = cast<RankedTensorType>(op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) { return scalarOp(op, b, loc, args); });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

/// torch.matmul. 2-D @ 2-D is a linalg.matmul; every other case one
/// linalg.generic whose loops are (batch..., m?, n?, k): a rank-1 operand
/// simply has no m (or n) loop, which is PyTorch's "prepend/append a unit
/// dimension, then remove it", and batch dimensions broadcast like the
/// elementwise ops.
struct MatmulLowering : public OpConversionPattern<mm::MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::MatmulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (lhsType.getRank() == 2 && rhsType.getRank() == 2) {
      rewriter.replaceOp(op, castTo(rewriter, loc, matmul(rewriter, loc, lhs, rhs), resultType));
      return success();
    }

    MLIRContext *ctx = rewriter.getContext();
    int64_t lhsRank = lhsType.getRank(), rhsRank = rhsType.getRank();
    int64_t lhsBatch = std::max<int64_t>(lhsRank - 2, 0);
    int64_t rhsBatch = std::max<int64_t>(rhsRank - 2, 0);
    int64_t numBatch = std::max(lhsBatch, rhsBatch);
    bool hasM = lhsRank >= 2, hasN = rhsRank >= 2;
    int64_t mLoop = numBatch, nLoop = numBatch + hasM;
    int64_t kLoop = numBatch + hasM + hasN;
    auto dim = [&](int64_t d) { return getAffineDimExpr(d, ctx); };

    SmallVector<OpFoldResult> batchSizes(numBatch);
    auto batchExprs = [&](Value operand, RankedTensorType type, int64_t batchRank) {
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < batchRank; ++i) {
        int64_t d = numBatch - batchRank + i;
        if (type.getDimSize(i) == 1) {
          exprs.push_back(getAffineConstantExpr(0, ctx));
          continue;
        }
        exprs.push_back(dim(d));
        if (!batchSizes[d] || !type.isDynamicDim(i))
          batchSizes[d] = tensor::getMixedSize(rewriter, loc, operand, i);
      }
      return exprs;
    };
    SmallVector<AffineExpr> lhsExprs = batchExprs(lhs, lhsType, lhsBatch);
    SmallVector<AffineExpr> rhsExprs = batchExprs(rhs, rhsType, rhsBatch);
    SmallVector<AffineExpr> outExprs;
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < numBatch; ++d) {
      outExprs.push_back(dim(d));
      sizes.push_back(batchSizes[d] ? batchSizes[d] : rewriter.getIndexAttr(1));
    }
    if (hasM) {
      lhsExprs.push_back(dim(mLoop));
      outExprs.push_back(dim(mLoop));
      sizes.push_back(tensor::getMixedSize(rewriter, loc, lhs, lhsRank - 2));
    }
    lhsExprs.push_back(dim(kLoop));
    rhsExprs.push_back(dim(kLoop));
    if (hasN) {
      rhsExprs.push_back(dim(nLoop));
      outExprs.push_back(dim(nLoop));
      sizes.push_back(tensor::getMixedSize(rewriter, loc, rhs, rhsRank - 1));
    }

    int64_t numLoops = kLoop + 1;
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, lhsExprs, ctx),
                                   AffineMap::get(numLoops, 0, rhsExprs, ctx),
                                   AffineMap::get(numLoops, 0, outExprs, ctx)};
    SmallVector<utils::IteratorType> iterators(numLoops, utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;
    Value init = createFilled(rewriter, loc, sizes, resultType.getElementType(), 0.0);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{init.getType()}, ValueRange{lhs, rhs}, ValueRange{init}, maps, iterators,
        multiplyAddBody);
    rewriter.replaceOp(op, castTo(rewriter, loc, generic.getResult(0), resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// mean, sum and amax over `dims` (all if empty), with keepdim as an
/// expand_shape of the reduced result.
template <typename OpTy> struct ReductionLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<OpTy, mm::AmaxOp>;
    constexpr bool isMean = std::is_same_v<OpTy, mm::MeanOp>;
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank();
    ArrayRef<int64_t> dims = op.getDims();

    SmallVector<bool> reduced(rank);
    for (int64_t d = 0; d < rank; ++d)
      reduced[d] = dims.empty() || llvm::is_contained(dims, d);
    SmallVector<OpFoldResult> inSizes = getSizes(rewriter, loc, input);
    SmallVector<OpFoldResult> outSizes;
    SmallVector<AffineExpr> outExprs;
    SmallVector<utils::IteratorType> iterators;
    OpFoldResult count = rewriter.getIndexAttr(1);
    for (int64_t d = 0; d < rank; ++d) {
      if (reduced[d]) {
        iterators.push_back(utils::IteratorType::reduction);
        count = mulSizes(rewriter, loc, count, inSizes[d]);
      } else {
        iterators.push_back(utils::IteratorType::parallel);
        outSizes.push_back(inSizes[d]);
        outExprs.push_back(getAffineDimExpr(d, ctx));
      }
    }

    double initValue = isMax ? -std::numeric_limits<double>::infinity() : 0.0;
    Value init = createFilled(rewriter, loc, outSizes, elementType, initValue);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   AffineMap::get(rank, 0, outExprs, ctx)};
    Value result = rewriter
                       .create<linalg::GenericOp>(
                           loc, TypeRange{init.getType()}, ValueRange{input}, ValueRange{init},
                           maps, iterators,
                           [](OpBuilder &b, Location nestedLoc, ValueRange args) {
                             Value combined;
                             if (isMax)
                               combined = b.create<arith::MaximumFOp>(nestedLoc, args[1], args[0]);
                             else
                               combined = b.create<arith::AddFOp>(nestedLoc, args[1], args[0]);
                             b.create<linalg::YieldOp>(nestedLoc, combined);
                           })
                       .getResult(0);

    if (isMean) {
      Value countValue = getValueOrCreateConstantIndexOp(rewriter, loc, count);
      Value countInt = rewriter.create<arith::IndexCastOp>(loc, rewriter.getI64Type(), countValue);
      Value countFloat = rewriter.create<arith::SIToFPOp>(loc, elementType, countInt);
      result = buildElementwise(rewriter, loc, cast<RankedTensorType>(result.getType()),
                                ValueRange{result},
                                [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
                                  return b.create<arith::DivFOp>(nestedLoc, args[0], countFloat);
                                });
    }

    if (op.getKeepdim()) {
      // Each kept dimension takes the reduced ones before it (and the last
      // kept one those after it) into its reassociation group.
      SmallVector<ReassociationIndices> groups;
      ReassociationIndices current;
      SmallVector<OpFoldResult> keptSizes;
      for (int64_t d = 0; d < rank; ++d) {
        current.push_back(d);
        keptSizes.push_back(reduced[d] ? OpFoldResult(rewriter.getIndexAttr(1)) : inSizes[d]);
        if (!reduced[d]) {
          groups.push_back(current);
          current.clear();
        }
      }
      if (!groups.empty())
        llvm::append_range(groups.back(), current);
      keptSizes = normalizeSizes(rewriter, keptSizes);
      result = rewriter.create<tensor::ExpandShapeOp>(loc, typeOfSizes(keptSizes, elementType),
                                                      result, groups, keptSizes);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

/// torch.cat: every input inserted into one tensor.empty at a running
/// offset along `dim`.
struct CatLowering : public OpConversionPattern<mm::CatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::CatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange inputs = adaptor.getInputs();
    int64_t dim = op.getDim();
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<OpFoldResult> sizes = getAgreedSizes(rewriter, loc, inputs, dim);
    OpFoldResult total = rewriter.getIndexAttr(0);
    for (Value input : inputs)
      total = addSizes(rewriter, loc, total, tensor::getMixedSize(rewriter, loc, input, dim));
    sizes[dim] = total;

    Value result = createEmpty(rewriter, loc, sizes, resultType.getElementType());
    OpFoldResult offset = rewriter.getIndexAttr(0);
    for (auto [i, input] : llvm::enumerate(inputs)) {
      SmallVector<OpFoldResult> inputSizes = getSizes(rewriter, loc, input);
      SmallVector<OpFoldResult> offsets(inputSizes.size(), rewriter.getIndexAttr(0));
      offsets[dim] = offset;
      result = insertSlice(rewriter, loc, input, result, offsets, inputSizes);
      if (i + 1 < inputs.size())
        offset = addSizes(rewriter, loc, offset, inputSizes[dim]);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// torch.select as a rank-reducing extract_slice. A negative index of a
/// dynamic dimension is resolved from tensor.dim; such an index is also
/// clamped into the dimension so that a too-short input cannot make it
/// read outside the tensor (PyTorch would raise; there is no error path in
/// generated code).
struct SelectLowering : public OpConversionPattern<mm::SelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::SelectOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    int64_t dim = op.getDim(), index = op.getIndex();
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, input);
    OpFoldResult position;
    if (std::optional<int64_t> staticSize = getConstantIntValue(sizes[dim])) {
      position = rewriter.getIndexAttr(index < 0 ? index + *staticSize : index);
    } else {
      Value size = getValueOrCreateConstantIndexOp(rewriter, loc, sizes[dim]);
      Value i = indexConst(rewriter, loc, index);
      if (index < 0)
        i = rewriter.create<arith::AddIOp>(loc, size, i);
      Value last = rewriter.create<arith::SubIOp>(loc, size, indexConst(rewriter, loc, 1));
      i = rewriter.create<arith::MinSIOp>(loc, i, last);
      position = rewriter.create<arith::MaxSIOp>(loc, i, indexConst(rewriter, loc, 0)).getResult();
    }
    SmallVector<OpFoldResult> offsets(sizes.size(), rewriter.getIndexAttr(0));
    offsets[dim] = position;
    sizes[dim] = rewriter.getIndexAttr(1);
    Value result = extractSlice(rewriter, loc, input, offsets, sizes, {dim});
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// A Python slice `start:end:step` as a strided extract_slice, with the
/// bounds resolved and clamped like Python's: statically for a static
/// dimension, with arith on index values for a dynamic one.
struct SliceLowering : public OpConversionPattern<mm::SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::SliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    int64_t dim = op.getDim(), start = op.getStart(), step = op.getStep();
    // (A plain flag and value: GCC 12 mistakes an optional's use here for
    // an uninitialized read.)
    bool hasEnd = op.getEnd().has_value();
    int64_t end = op.getEnd().value_or(0);
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, input);
    OpFoldResult offset, length;
    if (std::optional<int64_t> staticSize = getConstantIntValue(sizes[dim])) {
      int64_t size = *staticSize;
      auto clampIndex = [&](int64_t i) {
        return std::clamp<int64_t>(i < 0 ? i + size : i, 0, size);
      };
      int64_t lo = clampIndex(start), hi = hasEnd ? clampIndex(end) : size;
      offset = rewriter.getIndexAttr(lo);
      length = rewriter.getIndexAttr(hi <= lo ? 0 : (hi - lo + step - 1) / step);
    } else {
      Value size = getValueOrCreateConstantIndexOp(rewriter, loc, sizes[dim]);
      Value zero = indexConst(rewriter, loc, 0);
      auto clampIndex = [&](int64_t i) -> Value {
        Value v = indexConst(rewriter, loc, i);
        if (i < 0)
          return rewriter.create<arith::MaxSIOp>(loc, rewriter.create<arith::AddIOp>(loc, size, v),
                                                 zero);
        return rewriter.create<arith::MinSIOp>(loc, v, size);
      };
      Value lo = clampIndex(start);
      Value hi = hasEnd ? clampIndex(end) : size;
      Value span =
          rewriter.create<arith::MaxSIOp>(loc, rewriter.create<arith::SubIOp>(loc, hi, lo), zero);
      Value rounded =
          rewriter.create<arith::AddIOp>(loc, span, indexConst(rewriter, loc, step - 1));
      offset = lo;
      length = rewriter.create<arith::DivUIOp>(loc, rounded, indexConst(rewriter, loc, step))
                   .getResult();
    }
    SmallVector<OpFoldResult> offsets(sizes.size(), rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    offsets[dim] = normalizeSize(rewriter, offset);
    sizes[dim] = normalizeSize(rewriter, length);
    strides[dim] = rewriter.getIndexAttr(step);
    auto type = typeOfSizes(sizes, cast<RankedTensorType>(input.getType()).getElementType());
    Value result =
        rewriter.create<tensor::ExtractSliceOp>(loc, type, input, offsets, sizes, strides);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Pattern set and pass
//===----------------------------------------------------------------------===//

void mm::populateMMToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ConstantLowering, ElementwiseLowering<mm::ReluOp>,
               ElementwiseLowering<mm::SigmoidOp>, ElementwiseLowering<mm::TanhOp>,
               ElementwiseLowering<mm::ExpOp>, ElementwiseLowering<mm::LogOp>,
               ElementwiseLowering<mm::SqrtOp>, ElementwiseLowering<mm::AbsOp>,
               ElementwiseLowering<mm::NegOp>, ElementwiseLowering<mm::SiluOp>,
               ElementwiseLowering<mm::GeluOp>, ElementwiseLowering<mm::ClampOp>,
               ElementwiseLowering<mm::AddOp>, ElementwiseLowering<mm::SubOp>,
               ElementwiseLowering<mm::MulOp>, ElementwiseLowering<mm::DivOp>, MatmulLowering,
               ReductionLowering<mm::MeanOp>, ReductionLowering<mm::SumOp>,
               ReductionLowering<mm::AmaxOp>, CatLowering, SelectLowering, SliceLowering>(ctx);
  populateLayerPatterns(patterns);
  populateTensorFnPatterns(patterns);
  populateNNPatterns(patterns);
}

/// Reports the ops this lowering cannot give PyTorch's meaning to, before
/// the conversion starts, so that the user reads why rather than a
/// "failed to legalize".
static LogicalResult checkSupported(ModuleOp module) {
  WalkResult result = module.walk([](Operation *op) {
    std::string reason = unsupportedReason(op);
    if (reason.empty())
      return WalkResult::advance();
    op->emitOpError() << reason;
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

namespace {
struct ConvertMMToLinalgPass : public mm::impl::ConvertMMToLinalgBase<ConvertMMToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkSupported(module)))
      return signalPassFailure();
    ConversionTarget target(getContext());
    target.addIllegalDialect<mm::MMDialect>();
    // Removed by mm-expose-weights; left alone if still there.
    target.addLegalOp<mm::WeightDeclOp, mm::WeightOp>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect, arith::ArithDialect,
                           math::MathDialect, scf::SCFDialect>();
    RewritePatternSet patterns(&getContext());
    mm::populateMMToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
