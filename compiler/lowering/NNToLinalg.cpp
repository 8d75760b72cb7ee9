//===- NNToLinalg.cpp - lowering of the ops of dialects/mm/MMNNOps.td ===//
//
// The normalization, convolution, attention, recurrent and decibel layers
// beyond the seed model, on tensors. Row-wise statistics (layer norm,
// softmax, a per-example maximum) are linalg.generic reductions over
// trailing dimensions; convolutions are linalg's named conv ops on a
// zero-padded input; gru is an scf.for over time like the lstm of
// LayersToLinalg.cpp. The transformer encoder layer never gets here:
// mm-decompose-layers takes it apart into the ops it is made of.
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
#include <limits>

using namespace mlir;
using namespace mm::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Row-wise building blocks
//===----------------------------------------------------------------------===//

using RowReduceBody =
    function_ref<Value(OpBuilder &, Location, Value x, ValueRange rows, Value acc)>;
using RowMapBody =
    function_ref<Value(OpBuilder &, Location, Value x, ValueRange rows, ValueRange trailing)>;

/// The maps of a linalg.generic over X (rank RANK) whose ROWS operands are
/// indexed by the leading RANK - NUMTRAILING dimensions and whose TRAILING
/// operands by the last NUMTRAILING ones.
SmallVector<AffineMap> rowMaps(MLIRContext *ctx, int64_t rank, int64_t numTrailing, size_t numRows,
                               size_t numTrailingOperands) {
  SmallVector<AffineExpr> leading, trailing;
  for (int64_t d = 0; d < rank; ++d)
    (d < rank - numTrailing ? leading : trailing).push_back(getAffineDimExpr(d, ctx));
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx)};
  maps.append(numRows, AffineMap::get(rank, 0, leading, ctx));
  maps.append(numTrailingOperands, AffineMap::get(rank, 0, trailing, ctx));
  return maps;
}

/// Reduces the last NUMTRAILING dimensions of X from INIT: one value per
/// leading index, BODY folding each element into the accumulator. ROWS
/// (tensors of X's leading shape) are read in the body.
Value reduceTrailing(OpBuilder &b, Location loc, Value x, ValueRange rows, int64_t numTrailing,
                     double init, RowReduceBody body) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = getSizes(b, loc, x);
  sizes.resize(rank - numTrailing);
  Value acc = createFilled(b, loc, sizes, type.getElementType(), init);
  SmallVector<AffineMap> maps = rowMaps(b.getContext(), rank, numTrailing, rows.size() + 1, 0);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  for (int64_t d = rank - numTrailing; d < rank; ++d)
    iterators[d] = utils::IteratorType::reduction;
  SmallVector<Value> inputs = {x};
  llvm::append_range(inputs, rows);
  return b
      .create<linalg::GenericOp>(
          loc, TypeRange{acc.getType()}, inputs, ValueRange{acc}, maps, iterators,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value result = body(nb, l, args[0], args.slice(1, rows.size()), args.back());
            nb.create<linalg::YieldOp>(l, result);
          })
      .getResult(0);
}

/// Maps X elementwise; ROWS are indexed by X's leading dimensions, TRAILING
/// (e.g. a norm's weight) by its last NUMTRAILING ones.
Value mapRows(OpBuilder &b, Location loc, Value x, ValueRange rows, ValueRange trailing,
              int64_t numTrailing, RowMapBody body) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  Value init = createEmpty(b, loc, getSizes(b, loc, x), type.getElementType());
  SmallVector<AffineMap> maps =
      rowMaps(b.getContext(), rank, numTrailing, rows.size(), trailing.size());
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<Value> inputs = {x};
  llvm::append_range(inputs, rows);
  llvm::append_range(inputs, trailing);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps, iterators,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value result = body(nb, l, args[0], args.slice(1, rows.size()),
                                args.slice(1 + rows.size(), trailing.size()));
            nb.create<linalg::YieldOp>(l, result);
          })
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

/// nn.LayerNorm of X over the trailing dimensions that WEIGHT's shape
/// gives: a mean and then a biased variance per row (two passes, as
/// PyTorch's CPU kernel does, rather than E[x²] - E[x]², which cancels),
/// then `(x - mean) / sqrt(var + eps) * weight + bias`.
Value layerNorm(OpBuilder &b, Location loc, Value x, Value weight, Value bias, double eps) {
  auto weightType = cast<RankedTensorType>(weight.getType());
  int64_t k = weightType.getRank();
  Type elementType = weightType.getElementType();
  double count = static_cast<double>(weightType.getNumElements());
  Value sum = reduceTrailing(b, loc, x, {}, k, 0.0,
                             [](OpBuilder &nb, Location l, Value v, ValueRange, Value acc) {
                               return nb.create<arith::AddFOp>(l, acc, v);
                             });
  Value countValue = floatConst(b, loc, elementType, count);
  Value mean = buildElementwise(b, loc, cast<RankedTensorType>(sum.getType()), ValueRange{sum},
                                [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
                                  return nb.create<arith::DivFOp>(l, args[0], countValue);
                                });
  Value sumSquares =
      reduceTrailing(b, loc, x, {mean}, k, 0.0,
                     [](OpBuilder &nb, Location l, Value v, ValueRange rows, Value acc) {
                       Value d = nb.create<arith::SubFOp>(l, v, rows[0]);
                       return nb.create<arith::AddFOp>(l, acc, nb.create<arith::MulFOp>(l, d, d));
                     });
  Value epsValue = floatConst(b, loc, elementType, eps);
  Value one = floatConst(b, loc, elementType, 1.0);
  return mapRows(b, loc, x, {mean, sumSquares}, {weight, bias}, k,
                 [&](OpBuilder &nb, Location l, Value v, ValueRange rows, ValueRange affine) {
                   Value var = nb.create<arith::DivFOp>(l, rows[1], countValue);
                   Value std =
                       nb.create<math::SqrtOp>(l, nb.create<arith::AddFOp>(l, var, epsValue));
                   Value invStd = nb.create<arith::DivFOp>(l, one, std);
                   Value centered = nb.create<arith::SubFOp>(l, v, rows[0]);
                   Value normalized = nb.create<arith::MulFOp>(l, centered, invStd);
                   return nb.create<arith::AddFOp>(
                       l, nb.create<arith::MulFOp>(l, normalized, affine[0]), affine[1]);
                 });
}

struct LayerNormLowering : public OpConversionPattern<mm::LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::LayerNormOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value y = layerNorm(rewriter, loc, adaptor.getInput(), adaptor.getWeight(), adaptor.getBias(),
                        op.getEps().convertToDouble());
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// batch_norm
//===----------------------------------------------------------------------===//

/// Eval-mode batch norm as PyTorch's CPU kernel computes it: per channel
/// `alpha = weight / sqrt(var + eps)` and `beta = bias - mean * alpha`, then
/// `x * alpha + beta` with the channel read at dimension 1.
struct BatchNormLowering : public OpConversionPattern<mm::BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::BatchNormOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank();

    SmallVector<OpFoldResult> channels = getSizes(rewriter, loc, adaptor.getWeight());
    Value alphaInit = createEmpty(rewriter, loc, channels, elementType);
    Value betaInit = createEmpty(rewriter, loc, channels, elementType);
    Value eps = floatConst(rewriter, loc, elementType, op.getEps().convertToDouble());
    Value one = floatConst(rewriter, loc, elementType, 1.0);
    SmallVector<AffineMap> channelMaps(6, rewriter.getMultiDimIdentityMap(1));
    auto coefficients = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{alphaInit.getType(), betaInit.getType()},
        ValueRange{adaptor.getWeight(), adaptor.getBias(), adaptor.getRunningMean(),
                   adaptor.getRunningVar()},
        ValueRange{alphaInit, betaInit}, channelMaps,
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value std = b.create<math::SqrtOp>(l, b.create<arith::AddFOp>(l, args[3], eps));
          Value invStd = b.create<arith::DivFOp>(l, one, std);
          Value alpha = b.create<arith::MulFOp>(l, invStd, args[0]);
          Value beta =
              b.create<arith::SubFOp>(l, args[1], b.create<arith::MulFOp>(l, args[2], alpha));
          b.create<linalg::YieldOp>(l, ValueRange{alpha, beta});
        });

    Value init = createEmpty(rewriter, loc, getSizes(rewriter, loc, input), elementType);
    AffineMap channelMap = AffineMap::get(rank, 0, {getAffineDimExpr(1, ctx)}, ctx);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    Value result =
        rewriter
            .create<linalg::GenericOp>(
                loc, TypeRange{init.getType()},
                ValueRange{input, coefficients.getResult(0), coefficients.getResult(1)},
                ValueRange{init}, ArrayRef<AffineMap>{identity, channelMap, channelMap, identity},
                iterators,
                [](OpBuilder &b, Location l, ValueRange args) {
                  Value scaled = b.create<arith::MulFOp>(l, args[0], args[1]);
                  b.create<linalg::YieldOp>(
                      l, ValueRange{b.create<arith::AddFOp>(l, scaled, args[2])});
                })
            .getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// conv1d, conv2d
//===----------------------------------------------------------------------===//

/// SIZES with the constant ones as attributes (the tensor builders derive
/// static dimensions from attributes only).
SmallVector<OpFoldResult> normalized(OpBuilder &b, ArrayRef<OpFoldResult> sizes) {
  return llvm::map_to_vector(sizes, [&](OpFoldResult s) -> OpFoldResult {
    if (std::optional<int64_t> c = getConstantIntValue(s))
      return b.getIndexAttr(*c);
    return s;
  });
}

/// VALUE reshaped to SIZES by a tensor.expand_shape with GROUPS.
Value expandTo(OpBuilder &b, Location loc, Value value, ArrayRef<ReassociationIndices> groups,
               ArrayRef<OpFoldResult> sizes) {
  SmallVector<OpFoldResult> norm = normalized(b, sizes);
  auto type = typeOfSizes(norm, cast<RankedTensorType>(value.getType()).getElementType());
  return b.create<tensor::ExpandShapeOp>(loc, type, value, groups, norm);
}

/// The size of a convolution output along a dimension of (already padded)
/// size IN: `(in - dilation*(kernel-1) - 1) / stride + 1`, and 0 when the
/// window does not fit (only possible for a dynamic size).
OpFoldResult convOutputSize(OpBuilder &b, Location loc, OpFoldResult in, int64_t kernel,
                            int64_t stride, int64_t dilation) {
  int64_t extent = dilation * (kernel - 1) + 1;
  if (std::optional<int64_t> size = getConstantIntValue(in))
    return b.getIndexAttr(*size < extent ? 0 : (*size - extent) / stride + 1);
  // (Not arith.floordivsi: convert-arith-to-llvm does not lower it.)
  Value span = b.create<arith::SubIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, in),
                                       indexConst(b, loc, extent));
  Value steps = stride == 1
                    ? span
                    : b.create<arith::DivSIOp>(loc, span, indexConst(b, loc, stride)).getResult();
  Value count = b.create<arith::AddIOp>(loc, steps, indexConst(b, loc, 1));
  Value fits = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, span, indexConst(b, loc, 0));
  return b.create<arith::SelectOp>(loc, fits, count, indexConst(b, loc, 0)).getResult();
}

/// nn.Conv2d on INPUT [N, C, H, W]: zero padding as a tensor.pad, then
/// linalg.conv_2d_nchw_fchw into the bias, or for groups > 1 the grouped
/// linalg.conv_2d_ngchw_gfchw on views that split the channels into
/// [groups, channels / groups].
Value conv2d(OpBuilder &b, Location loc, Value input, Value weight, Value bias,
             ArrayRef<int64_t> stride, ArrayRef<int64_t> padding, ArrayRef<int64_t> dilation,
             int64_t groups) {
  Type elementType = cast<RankedTensorType>(input.getType()).getElementType();
  ArrayRef<int64_t> weightShape = cast<RankedTensorType>(weight.getType()).getShape();
  if (llvm::any_of(padding, [](int64_t p) { return p != 0; })) {
    SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(0),
                                     b.getIndexAttr(padding[0]), b.getIndexAttr(padding[1])};
    input =
        b.create<tensor::PadOp>(loc, Type(), input, low, low, floatConst(b, loc, elementType, 0.0));
  }
  SmallVector<OpFoldResult> inSizes = getSizes(b, loc, input);
  SmallVector<OpFoldResult> outSizes = {inSizes[0], b.getIndexAttr(weightShape[0])};
  for (int64_t i = 0; i < 2; ++i)
    outSizes.push_back(
        convOutputSize(b, loc, inSizes[2 + i], weightShape[2 + i], stride[i], dilation[i]));
  Value init = biasInit(b, loc, outSizes, elementType, bias, /*dim=*/1);
  SmallVector<NamedAttribute> attrs = {b.getNamedAttr("strides", b.getI64TensorAttr(stride)),
                                       b.getNamedAttr("dilations", b.getI64TensorAttr(dilation))};
  if (groups == 1)
    return b
        .create<linalg::Conv2DNchwFchwOp>(loc, TypeRange{init.getType()}, ValueRange{input, weight},
                                          ValueRange{init}, attrs)
        .getResult(0);

  // [N, C, ...] as [N, G, C/G, ...] and [F, C/G, ...] as [G, F/G, C/G, ...].
  OpFoldResult g = b.getIndexAttr(groups);
  int64_t perGroupIn = weightShape[1], perGroupOut = weightShape[0] / groups;
  SmallVector<ReassociationIndices> split = {{0}, {1, 2}, {3}, {4}};
  Value groupedInput = expandTo(
      b, loc, input, split, {inSizes[0], g, b.getIndexAttr(perGroupIn), inSizes[2], inSizes[3]});
  SmallVector<ReassociationIndices> splitFirst = {{0, 1}, {2}, {3}, {4}};
  Value groupedWeight = expandTo(b, loc, weight, splitFirst,
                                 {g, b.getIndexAttr(perGroupOut), b.getIndexAttr(perGroupIn),
                                  b.getIndexAttr(weightShape[2]), b.getIndexAttr(weightShape[3])});
  Value groupedInit = expandTo(
      b, loc, init, split, {outSizes[0], g, b.getIndexAttr(perGroupOut), outSizes[2], outSizes[3]});
  Value result = b.create<linalg::Conv2DNgchwGfchwOp>(loc, TypeRange{groupedInit.getType()},
                                                      ValueRange{groupedInput, groupedWeight},
                                                      ValueRange{groupedInit}, attrs)
                     .getResult(0);
  return b.create<tensor::CollapseShapeOp>(loc, result, split);
}

/// nn.Conv1d and nn.Conv2d; a conv1d is a conv2d of height 1 (its input,
/// weight and output viewed with a unit dimension 2).
template <typename OpTy> struct ConvLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    SmallVector<int64_t> stride(op.getStride()), padding(op.getPadding()),
        dilation(op.getDilation());
    constexpr bool is1d = OpTy::kSpatialDims == 1;
    SmallVector<ReassociationIndices> unitHeight = {{0}, {1}, {2, 3}};
    if constexpr (is1d) {
      SmallVector<OpFoldResult> inSizes = getSizes(rewriter, loc, input);
      input = expandTo(rewriter, loc, input, unitHeight,
                       {inSizes[0], inSizes[1], rewriter.getIndexAttr(1), inSizes[2]});
      SmallVector<OpFoldResult> wSizes = getSizes(rewriter, loc, weight);
      weight = expandTo(rewriter, loc, weight, unitHeight,
                        {wSizes[0], wSizes[1], rewriter.getIndexAttr(1), wSizes[2]});
      stride.insert(stride.begin(), 1);
      padding.insert(padding.begin(), 0);
      dilation.insert(dilation.begin(), 1);
    }
    Value result = conv2d(rewriter, loc, input, weight, adaptor.getBias(), stride, padding,
                          dilation, op.getGroups());
    if constexpr (is1d)
      result = rewriter.create<tensor::CollapseShapeOp>(loc, result, unitHeight);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// multihead_attention
//===----------------------------------------------------------------------===//

/// `x W^T + b` on the last dimension of X [..., K] (B may be null).
Value linearLastDim(OpBuilder &b, Location loc, Value x, Value weight, Value bias) {
  SmallVector<OpFoldResult> leading = getSizes(b, loc, x);
  leading.pop_back();
  Value rows = collapseLeading(b, loc, x, 1);
  return expandLeading(b, loc, linear2D(b, loc, rows, weight, bias), leading);
}

/// Rows [FIRST, FIRST + COUNT) of the matrix or vector W.
Value sliceRows(OpBuilder &b, Location loc, Value w, int64_t first, int64_t count) {
  SmallVector<OpFoldResult> sizes = getSizes(b, loc, w);
  SmallVector<OpFoldResult> offsets(sizes.size(), b.getIndexAttr(0));
  offsets[0] = b.getIndexAttr(first);
  sizes[0] = b.getIndexAttr(count);
  return extractSlice(b, loc, w, offsets, sizes);
}

/// The scalar V of an integer tensor as a signless integer: arith has no
/// unsigned types, and a u8 mask is the language's boolean. The
/// unrealized_conversion_cast disappears in the LLVM lowering, where ui8
/// and i8 are both i8 (reconcile-unrealized-casts folds it with the load's
/// own cast). It is built outside the conversion rewriter: the conversion
/// target does not list builtin casts as legal, and no tensor-level view
/// would do instead (tensor.bitcast does not bufferize in MLIR 19).
Value signlessScalar(OpBuilder &b, Location loc, Value v) {
  auto type = cast<IntegerType>(v.getType());
  if (type.isSignless())
    return v;
  OpBuilder untracked(b.getContext());
  untracked.setInsertionPoint(b.getInsertionBlock(), b.getInsertionPoint());
  Type signless = b.getIntegerType(type.getWidth());
  return untracked.create<UnrealizedConversionCastOp>(loc, signless, v).getResult(0);
}

/// The weights of one nn.MultiheadAttention (biases may be null).
struct AttentionWeights {
  Value inProjWeight, inProjBias, outProjWeight, outProjBias;
};

/// F.multi_head_attention_forward at eval on batch-first QUERY [B, L, E],
/// KEY and VALUE [B, S, E], with an optional KEY_PADDING_MASK [B, S].
/// Per head h (columns h*D .. h*D+D-1 of the projections, D = E/heads):
/// `softmax(q/sqrt(D) kᵀ + mask) v`, the heads side by side, then the
/// output projection. The mask becomes the scores' initial value, as in
/// PyTorch's baddbmm: -inf where a boolean mask is set, the value itself
/// for a float mask; a query whose keys are all hidden gets NaN, as in
/// PyTorch.
Value multiheadAttention(OpBuilder &b, Location loc, Value query, Value key, Value value,
                         const AttentionWeights &w, Value keyPaddingMask, int64_t heads) {
  MLIRContext *ctx = b.getContext();
  auto queryType = cast<RankedTensorType>(query.getType());
  Type elementType = queryType.getElementType();
  int64_t e = queryType.getDimSize(2), d = e / heads;
  auto project = [&](Value x, int64_t part) {
    Value bias = w.inProjBias ? sliceRows(b, loc, w.inProjBias, part * e, e) : Value();
    return linearLastDim(b, loc, x, sliceRows(b, loc, w.inProjWeight, part * e, e), bias);
  };
  Value q = project(query, 0), k = project(key, 1), v = project(value, 2);
  Value scale = floatConst(b, loc, elementType, std::sqrt(static_cast<double>(d)));
  q = buildElementwise(b, loc, cast<RankedTensorType>(q.getType()), ValueRange{q},
                       [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
                         return nb.create<arith::DivFOp>(l, args[0], scale);
                       });

  // [B, L, E] as [B, L, heads, D].
  SmallVector<ReassociationIndices> splitHeads = {{0}, {1}, {2, 3}};
  auto perHead = [&](Value x) {
    SmallVector<OpFoldResult> sizes = getSizes(b, loc, x);
    return expandTo(b, loc, x, splitHeads,
                    {sizes[0], sizes[1], b.getIndexAttr(heads), b.getIndexAttr(d)});
  };
  Value q4 = perHead(q), k4 = perHead(k), v4 = perHead(v);
  SmallVector<OpFoldResult> qSizes = getSizes(b, loc, query), kSizes = getSizes(b, loc, key);
  OpFoldResult batch = qSizes[0], targetLen = qSizes[1], sourceLen = kSizes[1];
  SmallVector<OpFoldResult> scoreSizes = {batch, b.getIndexAttr(heads), targetLen, sourceLen};

  // The scores' initial value [B, heads, L, S]: the mask, or zeros.
  Value scoresInit;
  if (keyPaddingMask) {
    Value empty = createEmpty(b, loc, scoreSizes, elementType);
    Type maskElement = cast<RankedTensorType>(keyPaddingMask.getType()).getElementType();
    Value zero = floatConst(b, loc, elementType, 0.0);
    Value minusInf = floatConst(b, loc, elementType, -std::numeric_limits<double>::infinity());
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(3, ctx)}, ctx),
        b.getMultiDimIdentityMap(4)};
    scoresInit =
        b.create<linalg::GenericOp>(
             loc, TypeRange{empty.getType()}, ValueRange{keyPaddingMask}, ValueRange{empty}, maps,
             SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value result;
               if (isa<FloatType>(maskElement)) {
                 result = args[0]; // the verifier made its type the query's
               } else {
                 Value m = signlessScalar(nb, l, args[0]);
                 Value off = nb.create<arith::ConstantOp>(l, nb.getIntegerAttr(m.getType(), 0));
                 Value hidden = nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::ne, m, off);
                 result = nb.create<arith::SelectOp>(l, hidden, minusInf, zero);
               }
               nb.create<linalg::YieldOp>(l, result);
             })
            .getResult(0);
  } else {
    scoresInit = createFilled(b, loc, scoreSizes, elementType, 0.0);
  }

  // scores[b, h, l, s] += sum_d q[b, l, h, d] * k[b, s, h, d]
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  using IT = utils::IteratorType;
  // Loops (b, h, l, s, d).
  SmallVector<AffineMap> scoreMaps = {AffineMap::get(5, 0, {dim(0), dim(2), dim(1), dim(4)}, ctx),
                                      AffineMap::get(5, 0, {dim(0), dim(3), dim(1), dim(4)}, ctx),
                                      AffineMap::get(5, 0, {dim(0), dim(1), dim(2), dim(3)}, ctx)};
  Value scores =
      b.create<linalg::GenericOp>(
           loc, TypeRange{scoresInit.getType()}, ValueRange{q4, k4}, ValueRange{scoresInit},
           scoreMaps,
           SmallVector<IT>{IT::parallel, IT::parallel, IT::parallel, IT::parallel, IT::reduction},
           multiplyAddBody)
          .getResult(0);

  // Softmax over s: exp(x - max) / sum, as torch.softmax.
  Value maxima = reduceTrailing(b, loc, scores, {}, 1, -std::numeric_limits<double>::infinity(),
                                [](OpBuilder &nb, Location l, Value x, ValueRange, Value acc) {
                                  return nb.create<arith::MaximumFOp>(l, acc, x);
                                });
  Value sums =
      reduceTrailing(b, loc, scores, {maxima}, 1, 0.0,
                     [](OpBuilder &nb, Location l, Value x, ValueRange rows, Value acc) {
                       Value e = nb.create<math::ExpOp>(l, nb.create<arith::SubFOp>(l, x, rows[0]));
                       return nb.create<arith::AddFOp>(l, acc, e);
                     });
  Value probs = mapRows(b, loc, scores, {maxima, sums}, {}, 1,
                        [](OpBuilder &nb, Location l, Value x, ValueRange rows, ValueRange) {
                          Value e =
                              nb.create<math::ExpOp>(l, nb.create<arith::SubFOp>(l, x, rows[0]));
                          return nb.create<arith::DivFOp>(l, e, rows[1]);
                        });

  // out[b, l, h, d] = sum_s probs[b, h, l, s] * v[b, s, h, d]; loops (b, l, h, d, s).
  Value outInit = createFilled(b, loc, {batch, targetLen, b.getIndexAttr(heads), b.getIndexAttr(d)},
                               elementType, 0.0);
  SmallVector<AffineMap> outMaps = {AffineMap::get(5, 0, {dim(0), dim(2), dim(1), dim(4)}, ctx),
                                    AffineMap::get(5, 0, {dim(0), dim(4), dim(2), dim(3)}, ctx),
                                    AffineMap::get(5, 0, {dim(0), dim(1), dim(2), dim(3)}, ctx)};
  Value heads4 =
      b.create<linalg::GenericOp>(
           loc, TypeRange{outInit.getType()}, ValueRange{probs, v4}, ValueRange{outInit}, outMaps,
           SmallVector<IT>{IT::parallel, IT::parallel, IT::parallel, IT::parallel, IT::reduction},
           multiplyAddBody)
          .getResult(0);
  Value concatenated = b.create<tensor::CollapseShapeOp>(loc, heads4, splitHeads);
  return linearLastDim(b, loc, concatenated, w.outProjWeight, w.outProjBias);
}

struct MultiheadAttentionLowering : public OpConversionPattern<mm::MultiheadAttentionOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::MultiheadAttentionOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange params = adaptor.getParams();
    bool bias = op.getBias();
    AttentionWeights w{params[0], bias ? params[1] : Value(), params[bias ? 2 : 1],
                       bias ? params[3] : Value()};
    Value mask = op.getHasKeyPaddingMask() ? params.back() : Value();
    Value result = multiheadAttention(rewriter, loc, adaptor.getQuery(), adaptor.getKey(),
                                      adaptor.getValue(), w, mask, op.getNumHeads());
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// gru
//===----------------------------------------------------------------------===//

/// nn.GRU(batch_first=True) with a zero initial state, on
/// buildRecurrentLayers (LayersToLinalg.cpp) like the lstm: the input
/// projection of every time step is one matmul ([B*T, I] @ W_ihᵀ + b_ih;
/// b_hh stays with the recurrent part, which r scales in n), each step
/// computes `W_hh h + b_hh` and the cell.
struct GRULowering : public OpConversionPattern<mm::GRUOp> {
  using OpConversionPattern::OpConversionPattern;

  /// `h' = (h - n) * z + n`, PyTorch's CPU cell, from the gate
  /// pre-activations GI (input part) and GH (hidden part) [B, 3H] and H.
  static Value cell(OpBuilder &b, Location loc, Value gi, Value gh, Value h, OpFoldResult batch,
                    int64_t hidden) {
    SmallVector<OpFoldResult> stateSizes = {batch, b.getIndexAttr(hidden)};
    SmallVector<Value> inputs;
    for (Value gates : {gi, gh})
      for (int64_t k = 0; k < 3; ++k)
        inputs.push_back(extractSlice(b, loc, gates,
                                      {b.getIndexAttr(0), b.getIndexAttr(k * hidden)}, stateSizes));
    inputs.push_back(h);
    Value init =
        createEmpty(b, loc, stateSizes, cast<RankedTensorType>(h.getType()).getElementType());
    SmallVector<AffineMap> maps(8, b.getMultiDimIdentityMap(2));
    SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
    return b
        .create<linalg::GenericOp>(
            loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps, iterators,
            [](OpBuilder &nb, Location l, ValueRange args) {
              Value r = sigmoid(nb, l, nb.create<arith::AddFOp>(l, args[3], args[0]));
              Value z = sigmoid(nb, l, nb.create<arith::AddFOp>(l, args[4], args[1]));
              Value n = nb.create<math::TanhOp>(
                  l, nb.create<arith::AddFOp>(l, args[2], nb.create<arith::MulFOp>(l, args[5], r)));
              Value hNew = nb.create<arith::AddFOp>(
                  l, nb.create<arith::MulFOp>(l, nb.create<arith::SubFOp>(l, args[6], n), z), n);
              nb.create<linalg::YieldOp>(l, hNew);
            })
        .getResult(0);
  }

  LogicalResult matchAndRewrite(mm::GRUOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ValueRange weights = adaptor.getWeights();
    int64_t hidden = op.getHiddenSize();
    RecurrentCell gru;
    gru.hidden = hidden;
    gru.layers = op.getNumLayers();
    gru.directions = op.getNumDirections();
    gru.projectInput = [&](OpBuilder &b, Location l, Value x, int64_t index) {
      return linearLastDim(b, l, x, weights[4 * index], weights[4 * index + 2]);
    };
    gru.step = [&](OpBuilder &b, Location l, Value gi, Value h, ValueRange, OpFoldResult batch,
                   int64_t index) -> SmallVector<Value> {
      Value gh = linear2D(b, l, h, weights[4 * index + 1], weights[4 * index + 3]);
      return {cell(b, l, gi, gh, h, batch, hidden)};
    };
    Location loc = op.getLoc();
    RecurrentResults results = buildRecurrentLayers(rewriter, loc, adaptor.getInput(), gru);
    rewriter.replaceOp(op,
                       ValueRange{castTo(rewriter, loc, results.output, op.getOutput().getType()),
                                  castTo(rewriter, loc, results.finals[0], op.getHN().getType())});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// amplitude_to_db
//===----------------------------------------------------------------------===//

/// torchaudio's amplitude_to_DB: `multiplier * log10(max(x, amin))`, then,
/// with top_db, `max(x_db, amax(x_db over the example) - top_db)` where the
/// example is the last min(rank, 3) dimensions (torchaudio reshapes to
/// [-1, channels, freq, time] and reduces the last three).
struct AmplitudeToDBLowering : public OpConversionPattern<mm::AmplitudeToDBOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::AmplitudeToDBOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Type elementType = type.getElementType();
    // AmplitudeToDB's amin; its ref_value is 1, so the subtracted
    // multiplier * log10(ref_value) is 0.
    Value amin = floatConst(rewriter, loc, elementType, 1e-10);
    Value multiplier = floatConst(rewriter, loc, elementType, op.getMultiplier());
    Value db = buildElementwise(rewriter, loc, type, ValueRange{input},
                                [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                                  Value clamped = b.create<arith::MaximumFOp>(l, args[0], amin);
                                  Value log = b.create<math::Log10Op>(l, clamped);
                                  return b.create<arith::MulFOp>(l, multiplier, log);
                                });
    if (std::optional<APFloat> topDb = op.getTopDb()) {
      int64_t example = std::min<int64_t>(type.getRank(), 3);
      Value maxima =
          reduceTrailing(rewriter, loc, db, {}, example, -std::numeric_limits<double>::infinity(),
                         [](OpBuilder &b, Location l, Value x, ValueRange, Value acc) {
                           return b.create<arith::MaximumFOp>(l, acc, x);
                         });
      Value range = floatConst(rewriter, loc, elementType, topDb->convertToDouble());
      db = mapRows(rewriter, loc, db, {maxima}, {}, example,
                   [&](OpBuilder &b, Location l, Value x, ValueRange rows, ValueRange) -> Value {
                     Value floor = b.create<arith::SubFOp>(l, rows[0], range);
                     return b.create<arith::MaximumFOp>(l, x, floor);
                   });
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, db, op.getType()));
    return success();
  }
};

} // namespace

void mm::lowering::populateNNPatterns(RewritePatternSet &patterns) {
  patterns.add<LayerNormLowering, BatchNormLowering, ConvLowering<mm::Conv1dOp>,
               ConvLowering<mm::Conv2dOp>, MultiheadAttentionLowering, GRULowering,
               AmplitudeToDBLowering>(
      patterns.getContext());
}
