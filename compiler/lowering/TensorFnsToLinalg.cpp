//===- TensorFnsToLinalg.cpp - lowering of the ops of dialects/mm/MMTensorOps.td ===//
//
// Views become linalg.transpose and tensor reshapes; softmax, log_softmax
// and normalize become a reduction linalg.generic followed by an
// elementwise one; pooling uses linalg's pooling ops on an explicitly
// padded input; adaptive pooling and interpolation, whose windows and
// source indices vary per output element, read their input with
// tensor.extract from the body of a linalg.generic over the output.
//
// As in MMToLinalg.cpp, results are built at sizes read from the operands
// (tensor.dim for dynamic ones) and cast to the declared type at the end.
//
//===----------------------------------------------------------------------===//
#include "compiler/lowering/LoweringUtils.h"
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
#include <functional>
#include <limits>

using namespace mlir;
using namespace mm::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Constant sizes as attributes, which tensor builders need to infer
/// static dimensions.
static SmallVector<OpFoldResult> foldedSizes(OpBuilder &b, ArrayRef<OpFoldResult> sizes) {
  return llvm::map_to_vector(sizes, [&](OpFoldResult s) -> OpFoldResult {
    if (std::optional<int64_t> c = getConstantIntValue(s))
      return b.getIndexAttr(*c);
    return s;
  });
}

static Value toIndex(OpBuilder &b, Location loc, OpFoldResult size) {
  return getValueOrCreateConstantIndexOp(b, loc, size);
}

static SmallVector<utils::IteratorType> parallelIterators(int64_t rank) {
  return SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
}

/// A linalg.generic over the full iteration space of a rank-RANK tensor in
/// which loop DIM is a reduction when REDUCE is set. Operands of rank RANK
/// are read at the loop indices, operands of rank RANK-1 (per-slice values
/// such as a maximum) without DIM; INIT has rank RANK-1 when reducing.
static Value buildAlongDim(OpBuilder &b, Location loc, int64_t rank, int64_t dim,
                           ValueRange operands, Value init, bool reduce,
                           function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  AffineMap full = b.getMultiDimIdentityMap(rank);
  AffineMap dropped = full.dropResult(dim);
  SmallVector<AffineMap> maps;
  for (Value v : operands)
    maps.push_back(cast<RankedTensorType>(v.getType()).getRank() == rank ? full : dropped);
  maps.push_back(reduce ? dropped : full);
  SmallVector<utils::IteratorType> iterators = parallelIterators(rank);
  if (reduce)
    iterators[dim] = utils::IteratorType::reduction;
  return b
      .create<linalg::GenericOp>(
          loc, TypeRange{init.getType()}, operands, ValueRange{init}, maps, iterators,
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            nested.create<linalg::YieldOp>(nestedLoc, body(nested, nestedLoc, args));
          })
      .getResult(0);
}

/// The sizes of VALUE without dimension DIM.
static SmallVector<OpFoldResult> sizesWithout(OpBuilder &b, Location loc, Value value,
                                              int64_t dim) {
  SmallVector<OpFoldResult> sizes = getSizes(b, loc, value);
  sizes.erase(sizes.begin() + dim);
  return sizes;
}

//===----------------------------------------------------------------------===//
// Views
//===----------------------------------------------------------------------===//

namespace {

/// linalg.transpose with the op's permutation.
Value transposeTensor(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> perm) {
  SmallVector<OpFoldResult> inSizes = getSizes(b, loc, input);
  SmallVector<OpFoldResult> outSizes =
      llvm::map_to_vector(perm, [&](int64_t d) { return inSizes[d]; });
  Value init =
      createEmpty(b, loc, outSizes, cast<RankedTensorType>(input.getType()).getElementType());
  return b.create<linalg::TransposeOp>(loc, input, init, perm)->getResult(0);
}

struct TransposeLowering : public OpConversionPattern<mm::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::TransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value result = transposeTensor(rewriter, op.getLoc(), adaptor.getInput(), op.getPermutation());
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), result, op.getType()));
    return success();
  }
};

struct PermuteLowering : public OpConversionPattern<mm::PermuteOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::PermuteOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value result = transposeTensor(rewriter, op.getLoc(), adaptor.getInput(), op.getDims());
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), result, op.getType()));
    return success();
  }
};

/// A collapse_shape of the merged dimensions (a view when bufferized).
struct FlattenLowering : public OpConversionPattern<mm::FlattenOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::FlattenOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t rank = op.getInput().getType().getRank();
    int64_t start = op.getStartDim(), end = op.getEndDim();
    SmallVector<ReassociationIndices> groups;
    for (int64_t d = 0; d < start; ++d)
      groups.push_back({d});
    ReassociationIndices merged;
    for (int64_t d = start; d <= end; ++d)
      merged.push_back(d);
    groups.push_back(merged);
    for (int64_t d = end + 1; d < rank; ++d)
      groups.push_back({d});
    Value result =
        rewriter.create<tensor::CollapseShapeOp>(op.getLoc(), adaptor.getInput(), groups);
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), result, op.getType()));
    return success();
  }
};

/// Row-major reshape through a 1-D view: collapse every input dimension
/// into one, then expand into the result sizes. Dynamic result sizes come
/// from the input dimension `source_dims` names, or (for at most one) from
/// the element count.
struct ReshapeLowering : public OpConversionPattern<mm::ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::ReshapeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    ArrayRef<int64_t> shape = op.getShape();
    int64_t outRank = shape.size();

    SmallVector<OpFoldResult> inSizes = getSizes(rewriter, loc, input);
    SmallVector<int64_t> sources(outRank, -1);
    if (std::optional<ArrayRef<int64_t>> given = op.getSourceDims())
      sources.assign(given->begin(), given->end());
    SmallVector<OpFoldResult> outSizes(outRank);
    int64_t inferred = -1;
    for (int64_t i = 0; i < outRank; ++i) {
      if (shape[i] != -1)
        outSizes[i] = rewriter.getIndexAttr(shape[i]);
      else if (sources[i] >= 0)
        outSizes[i] = inSizes[sources[i]];
      else
        inferred = i;
    }
    if (inferred >= 0) {
      OpFoldResult count = rewriter.getIndexAttr(1);
      for (OpFoldResult s : inSizes)
        count = mulSizes(rewriter, loc, count, s);
      OpFoldResult known = rewriter.getIndexAttr(1);
      for (int64_t i = 0; i < outRank; ++i)
        if (i != inferred)
          known = mulSizes(rewriter, loc, known, outSizes[i]);
      // An empty tensor has a known product of 0; the division must not
      // trap, and any size gives zero elements then.
      Value divisor;
      if (std::optional<int64_t> c = getConstantIntValue(known))
        divisor = indexConst(rewriter, loc, std::max<int64_t>(*c, 1));
      else
        divisor = rewriter.create<arith::MaxSIOp>(loc, toIndex(rewriter, loc, known),
                                                  indexConst(rewriter, loc, 1));
      outSizes[inferred] =
          rewriter.create<arith::DivUIOp>(loc, toIndex(rewriter, loc, count), divisor).getResult();
    }
    outSizes = foldedSizes(rewriter, outSizes);

    // The 1-D view of the input.
    Value flat = input;
    if (inputType.getRank() == 0) {
      flat = rewriter.create<tensor::ExpandShapeOp>(loc, RankedTensorType::get({1}, elementType),
                                                    input, ArrayRef<ReassociationIndices>{});
    } else if (inputType.getRank() > 1) {
      ReassociationIndices all;
      for (int64_t d = 0; d < inputType.getRank(); ++d)
        all.push_back(d);
      flat =
          rewriter.create<tensor::CollapseShapeOp>(loc, input, ArrayRef<ReassociationIndices>{all});
    }

    Value result;
    if (outRank == 0) {
      // The only element; the verifier made the count 1.
      Value unit = castTo(rewriter, loc, flat, RankedTensorType::get({1}, elementType));
      result =
          rewriter.create<tensor::CollapseShapeOp>(loc, unit, ArrayRef<ReassociationIndices>{});
    } else if (outRank == 1) {
      result = flat;
    } else {
      auto type = typeOfSizes(outSizes, elementType);
      int64_t dynamic = type.getNumDynamicDims();
      if (dynamic <= 1) {
        ReassociationIndices all;
        for (int64_t d = 0; d < outRank; ++d)
          all.push_back(d);
        result = rewriter.create<tensor::ExpandShapeOp>(
            loc, type, flat, ArrayRef<ReassociationIndices>{all}, outSizes);
      } else {
        // MLIR 19 bufferizes an expand_shape by re-inferring its sizes,
        // which fails for two dynamic ones in a group; tensor.reshape takes
        // them as a shape tensor.
        SmallVector<Value> dims = llvm::map_to_vector(
            outSizes, [&](OpFoldResult s) { return toIndex(rewriter, loc, s); });
        Value shapeTensor = rewriter.create<tensor::FromElementsOp>(loc, dims);
        result = rewriter.create<tensor::ReshapeOp>(loc, type, flat, shapeTensor);
      }
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// Every input inserted as one slice of the new dimension.
struct StackLowering : public OpConversionPattern<mm::StackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::StackOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange inputs = adaptor.getInputs();
    int64_t dim = op.getDim();
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<OpFoldResult> sizes = getAgreedSizes(rewriter, loc, inputs);
    SmallVector<OpFoldResult> outSizes(sizes);
    outSizes.insert(outSizes.begin() + dim, rewriter.getIndexAttr(inputs.size()));
    Value result = createEmpty(rewriter, loc, outSizes, resultType.getElementType());
    SmallVector<OpFoldResult> sliceSizes(outSizes);
    sliceSizes[dim] = rewriter.getIndexAttr(1);
    for (auto [i, input] : llvm::enumerate(inputs)) {
      SmallVector<OpFoldResult> offsets(outSizes.size(), rewriter.getIndexAttr(0));
      offsets[dim] = rewriter.getIndexAttr(i);
      Value slice = castTo(rewriter, loc, input, typeOfSizes(sizes, resultType.getElementType()));
      result = insertSlice(rewriter, loc, slice, result, offsets, sliceSizes);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// softmax, log_softmax, normalize
//===----------------------------------------------------------------------===//

/// softmax = exp(x - max) / sum(exp(x - max)), log_softmax = (x - max) -
/// log(sum(exp(x - max))), with max and sum along `dim`: three generics
/// (maximum, sum of exponentials, the result).
template <typename OpTy> struct SoftmaxLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    constexpr bool isLog = std::is_same_v<OpTy, mm::LogSoftmaxOp>;
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank(), dim = op.getDim();
    SmallVector<OpFoldResult> reduced = sizesWithout(rewriter, loc, x, dim);

    Value maxInit =
        createFilled(rewriter, loc, reduced, elementType, -std::numeric_limits<double>::infinity());
    Value max = buildAlongDim(rewriter, loc, rank, dim, {x}, maxInit, /*reduce=*/true,
                              [](OpBuilder &b, Location l, ValueRange args) -> Value {
                                return b.create<arith::MaximumFOp>(l, args[1], args[0]);
                              });
    Value sumInit = createFilled(rewriter, loc, reduced, elementType, 0.0);
    Value sum = buildAlongDim(rewriter, loc, rank, dim, {x, max}, sumInit, /*reduce=*/true,
                              [](OpBuilder &b, Location l, ValueRange args) -> Value {
                                Value shifted = b.create<arith::SubFOp>(l, args[0], args[1]);
                                Value e = b.create<math::ExpOp>(l, shifted);
                                return b.create<arith::AddFOp>(l, args[2], e);
                              });
    Value init = createEmpty(rewriter, loc, getSizes(rewriter, loc, x), elementType);
    Value result = buildAlongDim(
        rewriter, loc, rank, dim, {x, max, sum}, init, /*reduce=*/false,
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value shifted = b.create<arith::SubFOp>(l, args[0], args[1]);
          if (isLog)
            return b.create<arith::SubFOp>(l, shifted, b.create<math::LogOp>(l, args[2]));
          return b.create<arith::DivFOp>(l, b.create<math::ExpOp>(l, shifted), args[2]);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// F.normalize: x / max(||x||_p, eps) with the vector norm of
/// torch.linalg.vector_norm along `dim`. One generic accumulates per slice
/// (sum of |x|^p, or max / min / non-zero count for p = +-inf / 0), the
/// second finishes the norm and divides.
struct NormalizeLowering : public OpConversionPattern<mm::NormalizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::NormalizeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank(), dim = op.getDim();
    double p = op.getP().convertToDouble(), eps = op.getEps().convertToDouble();
    enum class Kind { Max, Min, Count, One, Two, General } kind = Kind::General;
    if (std::isinf(p))
      kind = p > 0 ? Kind::Max : Kind::Min;
    else if (p == 0.0)
      kind = Kind::Count;
    else if (p == 1.0)
      kind = Kind::One;
    else if (p == 2.0)
      kind = Kind::Two;

    double initValue = kind == Kind::Min ? std::numeric_limits<double>::infinity() : 0.0;
    Value accInit =
        createFilled(rewriter, loc, sizesWithout(rewriter, loc, x, dim), elementType, initValue);
    Value acc =
        buildAlongDim(rewriter, loc, rank, dim, {x}, accInit, /*reduce=*/true,
                      [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                        Value v = args[0], a = args[1];
                        switch (kind) {
                        case Kind::Max:
                          return b.create<arith::MaximumFOp>(l, a, b.create<math::AbsFOp>(l, v));
                        case Kind::Min:
                          return b.create<arith::MinimumFOp>(l, a, b.create<math::AbsFOp>(l, v));
                        case Kind::Count: {
                          // NaN counts as non-zero, as in PyTorch.
                          Value zero = floatConst(b, l, elementType, 0.0);
                          Value nonZero =
                              b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNE, v, zero);
                          Value one = b.create<arith::UIToFPOp>(l, elementType, nonZero);
                          return b.create<arith::AddFOp>(l, a, one);
                        }
                        case Kind::One:
                          return b.create<arith::AddFOp>(l, a, b.create<math::AbsFOp>(l, v));
                        case Kind::Two:
                          return b.create<arith::AddFOp>(l, a, b.create<arith::MulFOp>(l, v, v));
                        case Kind::General:
                          break;
                        }
                        Value powered = b.create<math::PowFOp>(l, b.create<math::AbsFOp>(l, v),
                                                               floatConst(b, l, elementType, p));
                        return b.create<arith::AddFOp>(l, a, powered);
                      });

    Value init = createEmpty(rewriter, loc, getSizes(rewriter, loc, x), elementType);
    Value result = buildAlongDim(
        rewriter, loc, rank, dim, {x, acc}, init, /*reduce=*/false,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value norm = args[1];
          if (kind == Kind::Two)
            norm = b.create<math::SqrtOp>(l, norm);
          else if (kind == Kind::General)
            norm = b.create<math::PowFOp>(l, norm, floatConst(b, l, elementType, 1.0 / p));
          // maximumf keeps a NaN norm, as clamp_min does.
          Value denom = b.create<arith::MaximumFOp>(l, norm, floatConst(b, l, elementType, eps));
          return b.create<arith::DivFOp>(l, args[0], denom);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// zeros_like, ones_like, to
//===----------------------------------------------------------------------===//

/// Arith works on signless integers: unsigned scalars are converted inside
/// the linalg bodies.
Type signlessOf(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type))
    if (!intType.isSignless())
      return IntegerType::get(type.getContext(), intType.getWidth());
  return type;
}

/// The scalar V as TYPE, which differs from V's type at most in
/// signedness: an unrealized_conversion_cast, which disappears in the LLVM
/// lowering where ui8 and i8 are both i8 (reconcile-unrealized-casts folds
/// it with the load's or store's own cast). As in NNToLinalg.cpp, it is
/// built outside the conversion rewriter, whose target does not list
/// builtin casts as legal; no tensor-level view would do instead
/// (tensor.bitcast does not bufferize in MLIR 19).
Value castSignedness(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  OpBuilder untracked(b.getContext());
  untracked.setInsertionPoint(b.getInsertionBlock(), b.getInsertionPoint());
  return untracked.create<UnrealizedConversionCastOp>(loc, type, v).getResult(0);
}

/// zeros_like / ones_like: linalg.fill, or for an unsigned element type a
/// generic that yields the constant cast to it.
template <typename OpTy> struct FillLikeLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    constexpr double value = std::is_same_v<OpTy, mm::OnesLikeOp> ? 1.0 : 0.0;
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, adaptor.getInput());
    Value filled;
    if (signlessOf(elementType) == elementType) {
      filled = createFilled(rewriter, loc, sizes, elementType, value);
    } else {
      Value empty = createEmpty(rewriter, loc, sizes, elementType);
      int64_t rank = resultType.getRank();
      filled =
          rewriter
              .create<linalg::GenericOp>(
                  loc, TypeRange{empty.getType()}, ValueRange{}, ValueRange{empty},
                  SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
                  parallelIterators(rank),
                  [&](OpBuilder &b, Location l, ValueRange) {
                    Value c = b.create<arith::ConstantOp>(
                        l, b.getIntegerAttr(signlessOf(elementType), static_cast<int64_t>(value)));
                    b.create<linalg::YieldOp>(l, castSignedness(b, l, c, elementType));
                  })
              .getResult(0);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, filled, resultType));
    return success();
  }
};

/// The scalar conversion of Tensor.to: FROMUNSIGNED tells how an integer
/// source extends.
Value convertScalar(OpBuilder &b, Location loc, Value v, Type to, bool fromUnsigned) {
  Type from = v.getType();
  if (from == to)
    return v;
  auto fromInt = dyn_cast<IntegerType>(from);
  auto toInt = dyn_cast<IntegerType>(to);
  if (!fromInt && !toInt) {
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return b.create<arith::ExtFOp>(loc, to, v);
    return b.create<arith::TruncFOp>(loc, to, v);
  }
  if (fromInt && !toInt) {
    if (fromUnsigned)
      return b.create<arith::UIToFPOp>(loc, to, v);
    return b.create<arith::SIToFPOp>(loc, to, v);
  }
  if (!fromInt) {
    // fptosi truncates toward zero. Narrow results go through i32 and wrap,
    // as PyTorch's static_cast does on the CPUs it runs on.
    if (toInt.getWidth() >= 32)
      return b.create<arith::FPToSIOp>(loc, to, v);
    Value wide = b.create<arith::FPToSIOp>(loc, b.getI32Type(), v);
    return b.create<arith::TruncIOp>(loc, to, wide);
  }
  if (fromInt.getWidth() > toInt.getWidth())
    return b.create<arith::TruncIOp>(loc, to, v);
  if (fromInt.getWidth() == toInt.getWidth())
    return v;
  if (fromUnsigned)
    return b.create<arith::ExtUIOp>(loc, to, v);
  return b.create<arith::ExtSIOp>(loc, to, v);
}

struct ToLowering : public OpConversionPattern<mm::ToOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::ToOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type fromType = op.getInput().getType().getElementType();
    Type toType = resultType.getElementType();
    bool fromUnsigned = fromType.isUnsignedInteger();
    Value result = buildElementwise(rewriter, loc, resultType, ValueRange{adaptor.getInput()},
                                    [&](OpBuilder &b, Location l, ValueRange args) {
                                      Value v = castSignedness(b, l, args[0], signlessOf(fromType));
                                      v = convertScalar(b, l, v, signlessOf(toType), fromUnsigned);
                                      return castSignedness(b, l, v, toType);
                                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// The input as [N, C, H, W]: a [C, H, W] input gets a unit batch.
Value asBatched(OpBuilder &b, Location loc, Value input) {
  if (cast<RankedTensorType>(input.getType()).getRank() == 4)
    return input;
  return collapseLeading(b, loc, input, 3);
}

/// The inverse of asBatched for a result of the original RANK.
Value unbatched(OpBuilder &b, Location loc, Value result, int64_t rank) {
  if (rank == 4)
    return result;
  return b.create<tensor::CollapseShapeOp>(loc, result,
                                           ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
}

/// Index arithmetic on OpFoldResults that folds constants.
struct IndexMath {
  OpBuilder &b;
  Location loc;

  OpFoldResult constant(int64_t v) { return b.getIndexAttr(v); }
  Value value(OpFoldResult v) { return toIndex(b, loc, v); }

  template <typename ArithOp>
  OpFoldResult binary(OpFoldResult lhs, OpFoldResult rhs,
                      function_ref<int64_t(int64_t, int64_t)> fold) {
    std::optional<int64_t> l = getConstantIntValue(lhs), r = getConstantIntValue(rhs);
    if (l && r)
      return constant(fold(*l, *r));
    return b.create<ArithOp>(loc, value(lhs), value(rhs)).getResult();
  }
  OpFoldResult add(OpFoldResult l, OpFoldResult r) {
    return binary<arith::AddIOp>(l, r, [](int64_t x, int64_t y) { return x + y; });
  }
  OpFoldResult sub(OpFoldResult l, OpFoldResult r) {
    return binary<arith::SubIOp>(l, r, [](int64_t x, int64_t y) { return x - y; });
  }
  OpFoldResult mul(OpFoldResult l, OpFoldResult r) {
    return binary<arith::MulIOp>(l, r, [](int64_t x, int64_t y) { return x * y; });
  }
  OpFoldResult max(OpFoldResult l, OpFoldResult r) {
    return binary<arith::MaxSIOp>(l, r, [](int64_t x, int64_t y) { return std::max(x, y); });
  }
  /// Floor division by a positive constant. (Not arith.floordivsi, which
  /// the LLVM lowering of the pipeline does not expand.)
  OpFoldResult floorDiv(OpFoldResult l, int64_t d) {
    if (std::optional<int64_t> c = getConstantIntValue(l))
      return constant(*c >= 0 ? *c / d : -((-*c + d - 1) / d));
    Value x = value(l), divisor = value(constant(d));
    Value q = b.create<arith::DivSIOp>(loc, x, divisor);
    Value r = b.create<arith::RemSIOp>(loc, x, divisor);
    Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, r, value(constant(0)));
    Value down = b.create<arith::SubIOp>(loc, q, value(constant(1)));
    return b.create<arith::SelectOp>(loc, negative, down, q).getResult();
  }
};

/// PyTorch's pooling output size (pooling_output_shape) of an input size IN,
/// never negative so that a too-small run-time input gives an empty result
/// rather than a negative allocation.
OpFoldResult poolOutputSize(IndexMath &m, OpFoldResult in, int64_t kernel, int64_t stride,
                            int64_t padding, int64_t dilation, bool ceilMode) {
  int64_t extra = 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  OpFoldResult out = m.add(m.floorDiv(m.add(in, m.constant(extra)), stride), m.constant(1));
  if (ceilMode) {
    // Drop a last window that would start in the right padding.
    OpFoldResult lastStart = m.mul(m.sub(out, m.constant(1)), m.constant(stride));
    OpFoldResult limit = m.add(in, m.constant(padding));
    std::optional<int64_t> s = getConstantIntValue(lastStart), l = getConstantIntValue(limit);
    if (s && l) {
      if (*s >= *l)
        out = m.sub(out, m.constant(1));
    } else {
      Value drop = m.b.create<arith::CmpIOp>(m.loc, arith::CmpIPredicate::sge, m.value(lastStart),
                                             m.value(limit));
      out =
          m.b.create<arith::SelectOp>(m.loc, drop, m.value(m.sub(out, m.constant(1))), m.value(out))
              .getResult();
    }
  }
  return m.max(out, m.constant(0));
}

/// max_pool2d and avg_pool2d: the input padded explicitly (-inf or 0; on
/// the right also as far as the last ceil_mode window reaches), pooled by
/// linalg.pooling_nchw_max / _sum; the average divides by PyTorch's
/// per-window divisor.
template <typename OpTy> struct PoolLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMax = std::is_same_v<OpTy, mm::MaxPool2dOp>;
    Location loc = op.getLoc();
    int64_t rank = op.getInput().getType().getRank();
    Value x = asBatched(rewriter, loc, adaptor.getInput());
    Type elementType = cast<RankedTensorType>(x.getType()).getElementType();
    ArrayRef<int64_t> kernel = op.getKernelSize(), stride = op.getStride(),
                      padding = op.getPadding();
    SmallVector<int64_t> dilation = {1, 1};
    if constexpr (isMax)
      dilation.assign(op.getDilation().begin(), op.getDilation().end());
    bool ceilMode = op.getCeilMode();

    IndexMath m{rewriter, loc};
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, x);
    SmallVector<OpFoldResult> outSizes = {sizes[0], sizes[1]};
    SmallVector<OpFoldResult> low(4, m.constant(0)), high(4, m.constant(0));
    bool padded = false;
    for (int i = 0; i < 2; ++i) {
      OpFoldResult in = sizes[2 + i];
      OpFoldResult out =
          poolOutputSize(m, in, kernel[i], stride[i], padding[i], dilation[i], ceilMode);
      outSizes.push_back(out);
      // Padded extent the windows read: (out-1)*stride + dilated kernel.
      OpFoldResult reach = m.add(m.mul(m.sub(out, m.constant(1)), m.constant(stride[i])),
                                 m.constant(dilation[i] * (kernel[i] - 1) + 1));
      low[2 + i] = m.constant(padding[i]);
      high[2 + i] = m.max(m.constant(padding[i]), m.sub(reach, m.add(in, m.constant(padding[i]))));
      padded |= padding[i] != 0 || getConstantIntValue(high[2 + i]) != 0;
    }
    outSizes = foldedSizes(rewriter, outSizes);

    double padValue = isMax ? -std::numeric_limits<double>::infinity() : 0.0;
    Value source = x;
    if (padded) {
      SmallVector<OpFoldResult> paddedSizes(sizes);
      for (int i = 0; i < 2; ++i)
        paddedSizes[2 + i] = m.add(m.add(sizes[2 + i], low[2 + i]), high[2 + i]);
      auto paddedType = typeOfSizes(foldedSizes(rewriter, paddedSizes), elementType);
      source = rewriter.create<tensor::PadOp>(loc, paddedType, x, foldedSizes(rewriter, low),
                                              foldedSizes(rewriter, high),
                                              floatConst(rewriter, loc, elementType, padValue));
    }
    Value window = rewriter.create<tensor::EmptyOp>(loc, ArrayRef<int64_t>(kernel), elementType);
    Value init = createFilled(rewriter, loc, outSizes, elementType, padValue);
    auto strides = rewriter.getI64VectorAttr(stride);
    auto dilations = rewriter.getI64VectorAttr(dilation);
    Value result;
    if constexpr (isMax)
      result = rewriter
                   .create<linalg::PoolingNchwMaxOp>(loc, TypeRange{init.getType()},
                                                     ValueRange{source, window}, ValueRange{init},
                                                     strides, dilations)
                   .getResult(0);
    else
      result = rewriter
                   .create<linalg::PoolingNchwSumOp>(loc, TypeRange{init.getType()},
                                                     ValueRange{source, window}, ValueRange{init},
                                                     strides, dilations)
                   .getResult(0);

    if constexpr (!isMax) {
      // The divisor of window (oh, ow), as PyTorch's avg_pool2d: the
      // window clipped to the padded input, or to the input itself without
      // count_include_pad.
      bool includePad = op.getCountIncludePad();
      Value inH = m.value(sizes[2]), inW = m.value(sizes[3]);
      Value empty = createEmpty(rewriter, loc, outSizes, elementType);
      SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(4));
      result = rewriter
                   .create<linalg::GenericOp>(
                       loc, TypeRange{empty.getType()}, ValueRange{result}, ValueRange{empty}, maps,
                       parallelIterators(4),
                       [&](OpBuilder &b, Location l, ValueRange args) {
                         auto extent = [&](int64_t d, Value in, int i) {
                           Value o = b.create<linalg::IndexOp>(l, d);
                           Value start = b.create<arith::SubIOp>(
                               l, b.create<arith::MulIOp>(l, o, indexConst(b, l, stride[i])),
                               indexConst(b, l, padding[i]));
                           Value end = b.create<arith::MinSIOp>(
                               l, b.create<arith::AddIOp>(l, start, indexConst(b, l, kernel[i])),
                               b.create<arith::AddIOp>(l, in, indexConst(b, l, padding[i])));
                           if (!includePad) {
                             start = b.create<arith::MaxSIOp>(l, start, indexConst(b, l, 0));
                             end = b.create<arith::MinSIOp>(l, end, in);
                           }
                           return b.create<arith::SubIOp>(l, end, start).getResult();
                         };
                         Value rows = extent(2, inH, 0);
                         Value cols = extent(3, inW, 1);
                         Value count = b.create<arith::MulIOp>(l, rows, cols);
                         Value countInt = b.create<arith::IndexCastOp>(l, b.getI64Type(), count);
                         Value divisor = b.create<arith::SIToFPOp>(l, elementType, countInt);
                         b.create<linalg::YieldOp>(
                             l, ValueRange{b.create<arith::DivFOp>(l, args[0], divisor)});
                       })
                   .getResult(0);
    }
    result = unbatched(rewriter, loc, result, rank);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// adaptive_avg_pool2d: a generic over the output whose body sums its
/// window [floor(i*in/out), ceil((i+1)*in/out)) with two scf.for loops.
struct AdaptiveAvgPoolLowering : public OpConversionPattern<mm::AdaptiveAvgPool2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::AdaptiveAvgPool2dOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t rank = op.getInput().getType().getRank();
    Value x = asBatched(rewriter, loc, adaptor.getInput());
    Type elementType = cast<RankedTensorType>(x.getType()).getElementType();
    ArrayRef<int64_t> outputSize = op.getOutputSize();
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, x);
    Value inH = toIndex(rewriter, loc, sizes[2]), inW = toIndex(rewriter, loc, sizes[3]);
    SmallVector<OpFoldResult> outSizes = {sizes[0], sizes[1], rewriter.getIndexAttr(outputSize[0]),
                                          rewriter.getIndexAttr(outputSize[1])};
    Value empty = createEmpty(rewriter, loc, outSizes, elementType);
    Value result =
        rewriter
            .create<linalg::GenericOp>(
                loc, TypeRange{empty.getType()}, ValueRange{}, ValueRange{empty},
                SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(4)}, parallelIterators(4),
                [&](OpBuilder &b, Location l, ValueRange) {
                  Value n = b.create<linalg::IndexOp>(l, 0);
                  Value c = b.create<linalg::IndexOp>(l, 1);
                  auto range = [&](int64_t d, Value in, int64_t out) {
                    Value o = b.create<linalg::IndexOp>(l, d);
                    Value outC = indexConst(b, l, out);
                    Value start =
                        b.create<arith::DivUIOp>(l, b.create<arith::MulIOp>(l, o, in), outC);
                    Value next = b.create<arith::AddIOp>(l, o, indexConst(b, l, 1));
                    // ceil((o+1)*in/out) as (o+1)*in + out-1 divided by
                    // out (arith.ceildivui has no LLVM lowering here).
                    Value end = b.create<arith::DivUIOp>(
                        l,
                        b.create<arith::AddIOp>(l, b.create<arith::MulIOp>(l, next, in),
                                                indexConst(b, l, out - 1)),
                        outC);
                    return std::make_pair(start, end);
                  };
                  auto [h0, h1] = range(2, inH, outputSize[0]);
                  auto [w0, w1] = range(3, inW, outputSize[1]);
                  Value one = indexConst(b, l, 1);
                  Value zero = floatConst(b, l, elementType, 0.0);
                  auto rows = b.create<scf::ForOp>(
                      l, h0, h1, one, ValueRange{zero},
                      [&](OpBuilder &bh, Location lh, Value h, ValueRange rowAcc) {
                        auto cols = bh.create<scf::ForOp>(
                            lh, w0, w1, one, rowAcc,
                            [&](OpBuilder &bw, Location lw, Value w, ValueRange acc) {
                              Value v = bw.create<tensor::ExtractOp>(lw, x, ValueRange{n, c, h, w});
                              bw.create<scf::YieldOp>(
                                  lw, ValueRange{bw.create<arith::AddFOp>(lw, acc[0], v)});
                            });
                        bh.create<scf::YieldOp>(lh, cols.getResults());
                      });
                  Value rowCount = b.create<arith::SubIOp>(l, h1, h0);
                  Value colCount = b.create<arith::SubIOp>(l, w1, w0);
                  Value count = b.create<arith::MulIOp>(l, rowCount, colCount);
                  Value countF = b.create<arith::SIToFPOp>(
                      l, elementType, b.create<arith::IndexCastOp>(l, b.getI64Type(), count));
                  b.create<linalg::YieldOp>(
                      l, ValueRange{b.create<arith::DivFOp>(l, rows.getResult(0), countF)});
                })
            .getResult(0);
    result = unbatched(rewriter, loc, result, rank);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// interpolate
//===----------------------------------------------------------------------===//

/// The source taps of one output index along one dimension: the input
/// indices read and their weights (none for a single nearest tap).
struct Taps {
  SmallVector<Value> indices;
  SmallVector<Value> weights;
};

/// Keys's cubic convolution weights of PyTorch's bicubic mode (A = -0.75)
/// for the fraction T, in float32 as upsample_bicubic2d computes them.
SmallVector<Value> cubicWeights(OpBuilder &b, Location l, Value t) {
  Type f32 = b.getF32Type();
  auto c = [&](double v) { return floatConst(b, l, f32, v); };
  const double a = -0.75;
  // ((A + 2) * x - (A + 3)) * x * x + 1, for |x| <= 1.
  auto near = [&](Value x) -> Value {
    Value p = b.create<arith::SubFOp>(l, b.create<arith::MulFOp>(l, c(a + 2), x), c(a + 3));
    Value xx = b.create<arith::MulFOp>(l, p, x);
    return b.create<arith::AddFOp>(l, b.create<arith::MulFOp>(l, xx, x), c(1.0));
  };
  // ((A * x - 5A) * x + 8A) * x - 4A, for 1 < |x| < 2.
  auto far = [&](Value x) -> Value {
    Value p = b.create<arith::SubFOp>(l, b.create<arith::MulFOp>(l, c(a), x), c(5 * a));
    Value q = b.create<arith::AddFOp>(l, b.create<arith::MulFOp>(l, p, x), c(8 * a));
    return b.create<arith::SubFOp>(l, b.create<arith::MulFOp>(l, q, x), c(4 * a));
  };
  Value rest = b.create<arith::SubFOp>(l, c(1.0), t);
  Value w0 = far(b.create<arith::AddFOp>(l, t, c(1.0)));
  Value w1 = near(t);
  Value w2 = near(rest);
  Value w3 = far(b.create<arith::AddFOp>(l, rest, c(1.0)));
  return {w0, w1, w2, w3};
}

/// F.interpolate with align_corners=False, following PyTorch's CPU kernels
/// for contiguous inputs. Per spatial dimension, a float32 scale (1 /
/// scale_factor if given, else in / out) maps output index o to the input:
/// "nearest" reads min(floor(o * scale), in - 1); the linear modes blend the
/// neighbours of max(scale * (o + 0.5) - 0.5, 0) (the input itself where
/// in == out); "bicubic" weights the four neighbours of scale * (o + 0.5) -
/// 0.5, clamped into the input. Dimensions combine from the last inwards
/// out, in PyTorch's order.
struct InterpolateLowering : public OpConversionPattern<mm::InterpolateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::InterpolateOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank(), spatial = rank - 2;
    StringRef mode = op.getMode();
    std::optional<double> scaleFactor;
    if (std::optional<APFloat> sf = op.getScaleFactor())
      scaleFactor = sf->convertToDouble();

    SmallVector<OpFoldResult> inSizes = getSizes(rewriter, loc, x);
    SmallVector<OpFoldResult> outSizes = {inSizes[0], inSizes[1]};
    for (int64_t i = 0; i < spatial; ++i) {
      int64_t d = 2 + i;
      if (std::optional<ArrayRef<int64_t>> size = op.getSize()) {
        outSizes.push_back(rewriter.getIndexAttr((*size)[i]));
      } else if (std::optional<int64_t> in = getConstantIntValue(inSizes[d])) {
        outSizes.push_back(rewriter.getIndexAttr(
            static_cast<int64_t>(std::floor(static_cast<double>(*in) * *scaleFactor))));
      } else {
        // floor(in * scale_factor) in double, as F.interpolate computes it.
        Type f64 = rewriter.getF64Type();
        Value inI64 = rewriter.create<arith::IndexCastOp>(loc, rewriter.getI64Type(),
                                                          toIndex(rewriter, loc, inSizes[d]));
        Value scaled =
            rewriter.create<arith::MulFOp>(loc, rewriter.create<arith::SIToFPOp>(loc, f64, inI64),
                                           floatConst(rewriter, loc, f64, *scaleFactor));
        Value floored = rewriter.create<math::FloorOp>(loc, scaled);
        Value out = rewriter.create<arith::FPToSIOp>(loc, rewriter.getI64Type(), floored);
        outSizes.push_back(
            rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(), out).getResult());
      }
    }
    outSizes = foldedSizes(rewriter, outSizes);
    SmallVector<Value> inValues, outValues;
    for (int64_t i = 0; i < spatial; ++i) {
      inValues.push_back(toIndex(rewriter, loc, inSizes[2 + i]));
      outValues.push_back(toIndex(rewriter, loc, outSizes[2 + i]));
    }

    auto body = [&](OpBuilder &b, Location l, ValueRange) {
      Type f32 = b.getF32Type();
      auto toF32 = [&](Value index) -> Value {
        Value i64 = b.create<arith::IndexCastOp>(l, b.getI64Type(), index);
        return b.create<arith::SIToFPOp>(l, f32, i64);
      };
      auto toIndexValue = [&](Value f) -> Value {
        Value i64 = b.create<arith::FPToSIOp>(l, b.getI64Type(), f);
        return b.create<arith::IndexCastOp>(l, b.getIndexType(), i64);
      };
      SmallVector<Value> base = {b.create<linalg::IndexOp>(l, 0), b.create<linalg::IndexOp>(l, 1)};
      SmallVector<Taps> taps(spatial);
      for (int64_t i = 0; i < spatial; ++i) {
        Value o = b.create<linalg::IndexOp>(l, 2 + i);
        Value in = inValues[i];
        Value scale = scaleFactor
                          ? floatConst(b, l, f32, 1.0 / *scaleFactor)
                          : b.create<arith::DivFOp>(l, toF32(in), toF32(outValues[i])).getResult();
        Value last = b.create<arith::SubIOp>(l, in, indexConst(b, l, 1));
        if (mode == "nearest") {
          Value src = b.create<math::FloorOp>(l, b.create<arith::MulFOp>(l, toF32(o), scale));
          taps[i].indices.push_back(b.create<arith::MinSIOp>(l, toIndexValue(src), last));
          continue;
        }
        Value half = floatConst(b, l, f32, 0.5);
        Value centre = b.create<arith::AddFOp>(l, toF32(o), half);
        Value real = b.create<arith::SubFOp>(l, b.create<arith::MulFOp>(l, scale, centre), half);
        if (mode == "bicubic") {
          Value floor = b.create<math::FloorOp>(l, real);
          Value t = b.create<arith::SubFOp>(l, real, floor);
          Value first = toIndexValue(floor);
          for (int64_t k = 0; k < 4; ++k) {
            Value index = b.create<arith::AddIOp>(l, first, indexConst(b, l, k - 1));
            index = b.create<arith::MinSIOp>(l, index, last);
            index = b.create<arith::MaxSIOp>(l, index, indexConst(b, l, 0));
            taps[i].indices.push_back(index);
          }
          taps[i].weights = cubicWeights(b, l, t);
          continue;
        }
        real = b.create<arith::MaximumFOp>(l, real, floatConst(b, l, f32, 0.0));
        Value i0 = toIndexValue(real);
        Value hasNext = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, i0, last);
        Value i1 = b.create<arith::SelectOp>(
            l, hasNext, b.create<arith::AddIOp>(l, i0, indexConst(b, l, 1)), i0);
        Value frac = b.create<arith::SubFOp>(l, real, toF32(i0));
        frac = b.create<arith::MinimumFOp>(l, frac, floatConst(b, l, f32, 1.0));
        // in == out copies the input (PyTorch's special case).
        Value same = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, in, outValues[i]);
        Value lambda1 = b.create<arith::SelectOp>(l, same, floatConst(b, l, f32, 0.0), frac);
        Value lambda0 = b.create<arith::SubFOp>(l, floatConst(b, l, f32, 1.0), lambda1);
        taps[i].indices = {b.create<arith::SelectOp>(l, same, o, i0),
                           b.create<arith::SelectOp>(l, same, o, i1)};
        taps[i].weights = {lambda0, lambda1};
      }

      // sum_k weight_k * combine(dimension i + 1) with the k-th index.
      SmallVector<Value> chosen(base);
      std::function<Value(int64_t)> combine = [&](int64_t i) -> Value {
        if (i == spatial)
          return b.create<tensor::ExtractOp>(l, x, chosen);
        Value sum;
        for (auto [k, index] : llvm::enumerate(taps[i].indices)) {
          chosen.push_back(index);
          Value v = combine(i + 1);
          chosen.pop_back();
          if (taps[i].weights.empty())
            return v;
          Value weighted = b.create<arith::MulFOp>(l, taps[i].weights[k], v);
          sum = sum ? b.create<arith::AddFOp>(l, sum, weighted).getResult() : weighted;
        }
        return sum;
      };
      b.create<linalg::YieldOp>(l, ValueRange{combine(0)});
    };

    Value empty = createEmpty(rewriter, loc, outSizes, elementType);
    Value result = rewriter
                       .create<linalg::GenericOp>(
                           loc, TypeRange{empty.getType()}, ValueRange{}, ValueRange{empty},
                           SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
                           parallelIterators(rank), body)
                       .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

} // namespace

void mm::lowering::populateTensorFnPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<TransposeLowering, PermuteLowering, FlattenLowering, ReshapeLowering, StackLowering,
               SoftmaxLowering<mm::SoftmaxOp>, SoftmaxLowering<mm::LogSoftmaxOp>, NormalizeLowering,
               FillLikeLowering<mm::ZerosLikeOp>, FillLikeLowering<mm::OnesLikeOp>, ToLowering,
               PoolLowering<mm::MaxPool2dOp>, PoolLowering<mm::AvgPool2dOp>,
               AdaptiveAvgPoolLowering, InterpolateLowering>(ctx);
}
