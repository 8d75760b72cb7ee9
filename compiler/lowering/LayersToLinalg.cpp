//===- LayersToLinalg.cpp - mm layers and audio front-end to linalg -------===//
//
// The patterns of the ops that are more than one linalg op: embedding,
// linear, lstm (an scf.for over time; buildRecurrentLayers, shared with gru),
// spectrogram and mel_spectrogram (a
// frame gather and a DFT as a matmul with constant bases).
//
//===----------------------------------------------------------------------===//
#include "compiler/lowering/AudioConstants.h"
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

using namespace mlir;
using namespace mm::lowering;

namespace {

//===----------------------------------------------------------------------===//
// embedding, linear
//===----------------------------------------------------------------------===//

/// nn.Embedding as a gather: a linalg.generic over the result whose body
/// extracts `weight[clamp(index), j]`. Indices that come straight from an
/// input are range-checked by the runtime; the clamp keeps computed ones
/// inside the table.
struct EmbeddingLowering : public OpConversionPattern<mm::EmbeddingOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::EmbeddingOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value weight = adaptor.getWeight(), indices = adaptor.getIndices();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = cast<RankedTensorType>(indices.getType()).getRank();
    SmallVector<OpFoldResult> weightSizes = getSizes(rewriter, loc, weight);
    SmallVector<OpFoldResult> sizes = getSizes(rewriter, loc, indices);
    sizes.push_back(weightSizes[1]);
    Value rows = getValueOrCreateConstantIndexOp(rewriter, loc, weightSizes[0]);
    Value lastRow = rewriter.create<arith::SubIOp>(loc, rows, indexConst(rewriter, loc, 1));
    Value zero = indexConst(rewriter, loc, 0);

    Value init = createEmpty(rewriter, loc, sizes, resultType.getElementType());
    SmallVector<AffineExpr> indexExprs;
    for (int64_t d = 0; d < rank; ++d)
      indexExprs.push_back(getAffineDimExpr(d, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(rank + 1, 0, indexExprs, ctx),
                                   rewriter.getMultiDimIdentityMap(rank + 1)};
    SmallVector<utils::IteratorType> iterators(rank + 1, utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{init.getType()}, ValueRange{indices}, ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Value row = b.create<arith::IndexCastOp>(nestedLoc, b.getIndexType(), args[0]);
          row = b.create<arith::MaxSIOp>(nestedLoc, row, zero);
          row = b.create<arith::MinSIOp>(nestedLoc, row, lastRow);
          Value column = b.create<linalg::IndexOp>(nestedLoc, rank);
          Value element = b.create<tensor::ExtractOp>(nestedLoc, weight, ValueRange{row, column});
          b.create<linalg::YieldOp>(nestedLoc, element);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, generic.getResult(0), resultType));
    return success();
  }
};

/// `linear(transpose(x, -2, -1))` for X [..., K, M]: one contraction that
/// reads X through the transposition, `y[..., m, n] = sum_k x[..., k, m]
/// w[n, k] + bias[n]`, instead of a transposed copy of X (a conv stem's
/// `transpose(flatten(conv(image)), 1, 2)` into its patch projection: the
/// copy's strided loop cost as much as the projection).
Value linearOfTransposed(OpBuilder &b, Location loc, Value x, Value weight, Value bias) {
  MLIRContext *ctx = b.getContext();
  auto xType = cast<RankedTensorType>(x.getType());
  Type elementType = xType.getElementType();
  unsigned lead = xType.getRank() - 2;
  SmallVector<OpFoldResult> xSizes = getSizes(b, loc, x);
  SmallVector<OpFoldResult> sizes(xSizes.begin(), xSizes.begin() + lead);
  sizes.push_back(xSizes[lead + 1]);
  sizes.push_back(getSizes(b, loc, weight)[0]);
  // Loops: the leading dimensions, then m, n and the reduction k.
  unsigned m = lead, n = lead + 1, k = lead + 2;
  SmallVector<AffineExpr> leading, outExprs, xExprs;
  for (unsigned i = 0; i < lead; ++i)
    leading.push_back(getAffineDimExpr(i, ctx));
  outExprs = leading;
  outExprs.append({getAffineDimExpr(m, ctx), getAffineDimExpr(n, ctx)});
  xExprs = leading;
  xExprs.append({getAffineDimExpr(k, ctx), getAffineDimExpr(m, ctx)});
  Value init = biasInit(b, loc, sizes, elementType, bias, /*dim=*/lead + 1);
  SmallVector<AffineMap> maps = {
      AffineMap::get(lead + 3, 0, xExprs, ctx),
      AffineMap::get(lead + 3, 0, {getAffineDimExpr(n, ctx), getAffineDimExpr(k, ctx)}, ctx),
      AffineMap::get(lead + 3, 0, outExprs, ctx)};
  SmallVector<utils::IteratorType> iterators(lead + 2, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  return b
      .create<linalg::GenericOp>(loc, TypeRange{init.getType()}, ValueRange{x, weight},
                                 ValueRange{init}, maps, iterators, multiplyAddBody)
      .getResult(0);
}

/// nn.Linear: the leading dimensions are collapsed into one, so that every
/// rank is one linalg.matmul_transpose_b with the bias in its accumulator.
/// An input that is a transposition of the last two dimensions is read in
/// place (linearOfTransposed).
struct LinearLowering : public OpConversionPattern<mm::LinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(mm::LinearOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (auto transpose = op.getInput().getDefiningOp<mm::TransposeOp>()) {
      auto type = dyn_cast<RankedTensorType>(transpose.getInput().getType());
      int64_t rank = type ? type.getRank() : 0;
      int64_t dim0 = std::min(transpose.getDim0(), transpose.getDim1());
      int64_t dim1 = std::max(transpose.getDim0(), transpose.getDim1());
      Value source = rewriter.getRemappedValue(transpose.getInput());
      if (rank >= 2 && dim0 == rank - 2 && dim1 == rank - 1 && source &&
          isa<FloatType>(type.getElementType())) {
        Value result = linearOfTransposed(rewriter, loc, source, adaptor.getWeight(),
                                          adaptor.getBias());
        rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
        return success();
      }
    }
    Value input = adaptor.getInput();
    SmallVector<OpFoldResult> leading = getSizes(rewriter, loc, input);
    leading.pop_back();
    Value rows = collapseLeading(rewriter, loc, input, 1);
    Value result = linear2D(rewriter, loc, rows, adaptor.getWeight(), adaptor.getBias());
    result = expandLeading(rewriter, loc, result, leading);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// lstm
//===----------------------------------------------------------------------===//

/// nn.LSTM(batch_first=True) with a zero initial state, on
/// buildRecurrentLayers: the input projection of all time steps is one
/// matmul ([B*T, I] @ W_ihᵀ + b_ih + b_hh), each step adds h W_hhᵀ and
/// applies the cell. The loop carries c besides h's history: the cell
/// computes c' into c's buffer.
struct LSTMLowering : public OpConversionPattern<mm::LSTMOp> {
  using OpConversionPattern::OpConversionPattern;

  /// `x W_ihᵀ + b_ih + b_hh` for every (batch, time) of X [B, T, I]:
  /// [B, T, 4H].
  static Value inputProjection(OpBuilder &b, Location loc, Value x, Value weightIh, Value biasIh,
                               Value biasHh) {
    SmallVector<OpFoldResult> sizes = getSizes(b, loc, x);
    Value bias = buildElementwise(b, loc, cast<RankedTensorType>(biasIh.getType()),
                                  ValueRange{biasIh, biasHh},
                                  [](OpBuilder &nb, Location l, ValueRange args) {
                                    return nb.create<arith::AddFOp>(l, args[0], args[1]);
                                  });
    Value rows = collapseLeading(b, loc, x, 1);
    Value projected = linear2D(b, loc, rows, weightIh, bias);
    return expandLeading(b, loc, projected, {sizes[0], sizes[1]});
  }

  /// One LSTM cell on the gate pre-activations GATES [B, 4H] (order i, f,
  /// g, o) and the cell state C: returns (h', c'), c' computed into C.
  static std::pair<Value, Value> cell(OpBuilder &b, Location loc, Value gates, Value c,
                                      OpFoldResult batch, int64_t hidden) {
    SmallVector<OpFoldResult> stateSizes = {batch, b.getIndexAttr(hidden)};
    SmallVector<Value> inputs;
    for (int64_t k = 0; k < 4; ++k)
      inputs.push_back(
          extractSlice(b, loc, gates, {b.getIndexAttr(0), b.getIndexAttr(k * hidden)}, stateSizes));
    Value hInit =
        createEmpty(b, loc, stateSizes, cast<RankedTensorType>(c.getType()).getElementType());
    SmallVector<AffineMap> maps(6, b.getMultiDimIdentityMap(2));
    SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
    auto generic = b.create<linalg::GenericOp>(
        loc, TypeRange{c.getType(), hInit.getType()}, inputs, ValueRange{c, hInit}, maps, iterators,
        [](OpBuilder &nb, Location l, ValueRange args) {
          Value i = sigmoid(nb, l, args[0]), f = sigmoid(nb, l, args[1]);
          Value g = nb.create<math::TanhOp>(l, args[2]);
          Value o = sigmoid(nb, l, args[3]);
          Value cNew = nb.create<arith::AddFOp>(l, nb.create<arith::MulFOp>(l, f, args[4]),
                                                nb.create<arith::MulFOp>(l, i, g));
          Value hNew = nb.create<arith::MulFOp>(l, o, nb.create<math::TanhOp>(l, cNew));
          nb.create<linalg::YieldOp>(l, ValueRange{cNew, hNew});
        });
    return {generic.getResult(1), generic.getResult(0)};
  }

  LogicalResult matchAndRewrite(mm::LSTMOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ValueRange weights = adaptor.getWeights();
    int64_t hidden = op.getHiddenSize();
    RecurrentCell lstm;
    lstm.hidden = hidden;
    lstm.layers = op.getNumLayers();
    lstm.directions = op.getNumDirections();
    lstm.numStates = 1;
    lstm.projectInput = [&](OpBuilder &b, Location l, Value x, int64_t index) {
      return inputProjection(b, l, x, weights[4 * index], weights[4 * index + 2],
                             weights[4 * index + 3]);
    };
    lstm.step = [&](OpBuilder &b, Location l, Value gates, Value h, ValueRange states,
                    OpFoldResult batch, int64_t index) -> SmallVector<Value> {
      gates = b.create<linalg::MatmulTransposeBOp>(l, ValueRange{h, weights[4 * index + 1]},
                                                   ValueRange{gates})
                  .getResult(0);
      auto [hNew, cNew] = cell(b, l, gates, states[0], batch, hidden);
      return {hNew, cNew};
    };
    RecurrentResults results = buildRecurrentLayers(rewriter, op.getLoc(), adaptor.getInput(), lstm);
    Location loc = op.getLoc();
    rewriter.replaceOp(op,
                       ValueRange{castTo(rewriter, loc, results.output, op.getOutput().getType()),
                                  castTo(rewriter, loc, results.finals[0], op.getHN().getType()),
                                  castTo(rewriter, loc, results.finals[1], op.getCN().getType())});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// spectrogram, mel_spectrogram
//===----------------------------------------------------------------------===//

/// The attributes that spectrogram and mel_spectrogram share.
struct StftConfig {
  int64_t nFft, winLength, hopLength, pad;
  double power;
  bool normalized, center;
  StringRef padMode;

  /// (ODS returns I64Attr values as uint64_t; the verifier made them
  /// positive.)
  template <typename OpTy> static StftConfig of(OpTy op) {
    StftConfig config;
    config.nFft = static_cast<int64_t>(op.getNFft());
    config.winLength = static_cast<int64_t>(op.getWinLength());
    config.hopLength = static_cast<int64_t>(op.getHopLength());
    config.pad = static_cast<int64_t>(op.getPad());
    config.power = op.getPower().convertToDouble();
    config.normalized = op.getNormalized();
    config.center = op.getCenter();
    config.padMode = op.getPadMode();
    return config;
  }
  int64_t numFreqs() const { return nFft / 2 + 1; }
};

/// A constant f32 tensor of SHAPE holding VALUES (row-major).
Value floatConstantTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                          ArrayRef<double> values) {
  SmallVector<float> data(values.begin(), values.end());
  auto type = RankedTensorType::get(shape, b.getF32Type());
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, ArrayRef<float>(data)));
}

/// The frames torch.stft sees, gathered straight from SIGNAL [N, L]:
/// [N, F, win_length], sample w of frame f being position
/// `f*hop + left + w` of the signal after its `pad` zeros and its center
/// padding (left = (n_fft - win_length)/2: the window is zero elsewhere).
/// A position outside the signal reads a zero appended to it, so no index
/// ever leaves the tensor, even when a dynamic length is too short for
/// reflect padding (where PyTorch raises).
Value gatherFrames(OpBuilder &b, Location loc, Value signal, const StftConfig &config,
                   OpFoldResult numFrames) {
  Type elementType = cast<RankedTensorType>(signal.getType()).getElementType();
  SmallVector<OpFoldResult> sizes = getSizes(b, loc, signal);
  OpFoldResult length = sizes[1];
  Value source = createFilled(b, loc, {sizes[0], addSizes(b, loc, length, b.getIndexAttr(1))},
                              elementType, 0.0);
  source = insertSlice(b, loc, signal, source, {b.getIndexAttr(0), b.getIndexAttr(0)}, sizes);

  int64_t half = config.center ? config.nFft / 2 : 0;
  int64_t left = (config.nFft - config.winLength) / 2;
  Value lengthValue = getValueOrCreateConstantIndexOp(b, loc, length);
  Value paddedLength = getValueOrCreateConstantIndexOp(
      b, loc, addSizes(b, loc, length, b.getIndexAttr(2 * config.pad)));
  Value frames =
      createEmpty(b, loc, {sizes[0], numFrames, b.getIndexAttr(config.winLength)}, elementType);
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{frames.getType()}, ValueRange{}, ValueRange{frames},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(3)}, iterators,
      [&](OpBuilder &nb, Location l, ValueRange) {
        auto cst = [&](int64_t v) { return indexConst(nb, l, v); };
        auto cmp = [&](arith::CmpIPredicate pred, Value x, Value y) {
          return nb.create<arith::CmpIOp>(l, pred, x, y);
        };
        Value row = nb.create<linalg::IndexOp>(l, 0);
        Value frame = nb.create<linalg::IndexOp>(l, 1);
        Value sample = nb.create<linalg::IndexOp>(l, 2);
        // Position in the zero-padded signal of length L + 2*pad.
        Value p =
            nb.create<arith::AddIOp>(l, nb.create<arith::MulIOp>(l, frame, cst(config.hopLength)),
                                     nb.create<arith::AddIOp>(l, sample, cst(left - half)));
        Value last = nb.create<arith::SubIOp>(l, paddedLength, cst(1));
        if (config.center && config.padMode == "reflect") {
          // x[-k] = x[k] and x[last + k] = x[last - k].
          Value negated = nb.create<arith::SubIOp>(l, cst(0), p);
          p = nb.create<arith::SelectOp>(l, cmp(arith::CmpIPredicate::slt, p, cst(0)), negated, p);
          Value mirrored =
              nb.create<arith::SubIOp>(l, nb.create<arith::MulIOp>(l, last, cst(2)), p);
          p = nb.create<arith::SelectOp>(l, cmp(arith::CmpIPredicate::sgt, p, last), mirrored, p);
        } else if (config.center && config.padMode == "replicate") {
          p = nb.create<arith::MaxSIOp>(l, nb.create<arith::MinSIOp>(l, p, last), cst(0));
        }
        // "constant" needs nothing: outside the signal is zero either way.
        Value q = nb.create<arith::SubIOp>(l, p, cst(config.pad));
        Value inside = nb.create<arith::AndIOp>(l, cmp(arith::CmpIPredicate::sge, q, cst(0)),
                                                cmp(arith::CmpIPredicate::slt, q, lengthValue));
        Value index = nb.create<arith::SelectOp>(l, inside, q, lengthValue);
        Value value = nb.create<tensor::ExtractOp>(l, source, ValueRange{row, index});
        nb.create<linalg::YieldOp>(l, value);
      });
  return generic.getResult(0);
}

/// |STFT|^power of SIGNAL [N, L] as rows [N*F, n_fft/2+1]; sets NUMFRAMES.
Value powerSpectrum(OpBuilder &b, Location loc, Value signal, const StftConfig &config,
                    OpFoldResult &numFrames) {
  OpFoldResult length = getSizes(b, loc, signal)[1];
  int64_t extra = 2 * config.pad + (config.center ? 2 * (config.nFft / 2) : 0);
  if (std::optional<int64_t> staticLength = getConstantIntValue(length)) {
    numFrames = b.getIndexAttr(
        mm::stftNumFrames(*staticLength, config.nFft, config.hopLength, config.pad, config.center));
  } else {
    Value padded = b.create<arith::AddIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, length),
                                           indexConst(b, loc, extra));
    Value fits = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, padded,
                                         indexConst(b, loc, config.nFft));
    Value hops = b.create<arith::DivSIOp>(
        loc, b.create<arith::SubIOp>(loc, padded, indexConst(b, loc, config.nFft)),
        indexConst(b, loc, config.hopLength));
    Value count = b.create<arith::AddIOp>(loc, hops, indexConst(b, loc, 1));
    numFrames = b.create<arith::SelectOp>(loc, fits, count, indexConst(b, loc, 0)).getResult();
  }

  Value frames = gatherFrames(b, loc, signal, config, numFrames);
  Value rows = collapseLeading(b, loc, frames, 1);
  int64_t nFreqs = config.numFreqs();
  Value basis =
      floatConstantTensor(b, loc, {config.winLength, 2 * nFreqs},
                          mm::stftBasis(config.nFft, config.winLength, config.normalized));
  Value spectrum = matmul(b, loc, rows, basis);

  OpFoldResult numRows = getSizes(b, loc, spectrum)[0];
  SmallVector<OpFoldResult> partSizes = {numRows, b.getIndexAttr(nFreqs)};
  Value re = extractSlice(b, loc, spectrum, {b.getIndexAttr(0), b.getIndexAttr(0)}, partSizes);
  Value im = extractSlice(b, loc, spectrum, {b.getIndexAttr(0), b.getIndexAttr(nFreqs)}, partSizes);
  double power = config.power;
  return buildElementwise(
      b, loc, cast<RankedTensorType>(re.getType()), ValueRange{re, im},
      [power](OpBuilder &nb, Location l, ValueRange args) -> Value {
        Value sq = nb.create<arith::AddFOp>(l, nb.create<arith::MulFOp>(l, args[0], args[0]),
                                            nb.create<arith::MulFOp>(l, args[1], args[1]));
        if (power == 2.0)
          return sq;
        if (power == 1.0)
          return nb.create<math::SqrtOp>(l, sq);
        return nb.create<math::PowFOp>(l, sq, floatConst(nb, l, sq.getType(), power / 2.0));
      });
}

/// ROWS [N*F, C] (one row per frame) to torchaudio's layout
/// [leading..., C, F].
Value framesLast(OpBuilder &b, Location loc, Value rows, OpFoldResult batch, OpFoldResult numFrames,
                 ArrayRef<OpFoldResult> leading) {
  auto type = cast<RankedTensorType>(rows.getType());
  OpFoldResult channels = getSizes(b, loc, rows)[1];
  Value perBatch = expandLeading(b, loc, rows, {batch, numFrames});
  Value init = createEmpty(b, loc, {batch, channels, numFrames}, type.getElementType());
  Value transposed =
      b.create<linalg::TransposeOp>(loc, perBatch, init, ArrayRef<int64_t>{0, 2, 1})->getResult(0);
  return expandLeading(b, loc, transposed, leading);
}

/// torchaudio.transforms.Spectrogram and MelSpectrogram: the leading
/// dimensions of the input are flattened into one batch, the power
/// spectrum is computed per frame, the mel variant applies its filter bank
/// as a matmul, and the result is laid out [..., channels, frames].
template <typename OpTy> struct SpectrogramLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    StftConfig config = StftConfig::of(op);
    SmallVector<OpFoldResult> leading = getSizes(rewriter, loc, input);
    leading.pop_back();
    Value signal = collapseLeading(rewriter, loc, input, 1);
    OpFoldResult batch = getSizes(rewriter, loc, signal)[0];
    OpFoldResult numFrames;
    Value rows = powerSpectrum(rewriter, loc, signal, config, numFrames);
    if constexpr (std::is_same_v<OpTy, mm::MelSpectrogramOp>) {
      // torchaudio's MelScale defaults f_max to `float(sample_rate // 2)`.
      double fMax = op.getFMax() ? op.getFMax()->convertToDouble() : double(op.getSampleRate() / 2);
      int64_t nMels = op.getNMels();
      std::vector<double> bank = mm::melFilterBank(
          config.numFreqs(), op.getFMin().convertToDouble(), fMax, nMels, op.getSampleRate(),
          op.getNorm() == "slaney", op.getMelScale() == "slaney");
      Value filters = floatConstantTensor(rewriter, loc, {config.numFreqs(), nMels}, bank);
      rows = matmul(rewriter, loc, rows, filters);
    }
    Value result = framesLast(rewriter, loc, rows, batch, numFrames, leading);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

} // namespace

void mm::lowering::populateLayerPatterns(RewritePatternSet &patterns) {
  patterns.add<EmbeddingLowering, LinearLowering, LSTMLowering,
               SpectrogramLowering<mm::SpectrogramOp>, SpectrogramLowering<mm::MelSpectrogramOp>>(
      patterns.getContext());
}

RecurrentResults mm::lowering::buildRecurrentLayers(OpBuilder &b, Location loc, Value input,
                                                    const RecurrentCell &cell) {
  Type elementType = cast<RankedTensorType>(input.getType()).getElementType();
  SmallVector<OpFoldResult> inputSizes = getSizes(b, loc, input);
  OpFoldResult batch = inputSizes[0], time = inputSizes[1];
  OpFoldResult hiddenSize = b.getIndexAttr(cell.hidden);
  OpFoldResult zeroAttr = b.getIndexAttr(0), oneAttr = b.getIndexAttr(1);
  Value zero = indexConst(b, loc, 0), one = indexConst(b, loc, 1);
  Value steps = getValueOrCreateConstantIndexOp(b, loc, time);
  Value lastStep = b.create<arith::SubIOp>(loc, steps, one);
  // One-shot bufferization needs every tensor a loop yields to be updated
  // in place, and elementwise fusion drops a linalg output that the body
  // does not read; so the loop carries a history `hs` [B, T+1, H] of h into
  // which each step inserts its h, rather than h itself. Slot 0 (forward)
  // or T (reverse) holds the zero initial state and step t reads h from the
  // slot next to the one it writes.
  SmallVector<OpFoldResult> historySizes = {batch, addSizes(b, loc, time, oneAttr), hiddenSize};
  SmallVector<OpFoldResult> stateSizes = {batch, hiddenSize};
  SmallVector<OpFoldResult> finalSizes = {b.getIndexAttr(cell.directions * cell.layers), batch,
                                          hiddenSize};
  SmallVector<Value> finals;
  for (unsigned i = 0; i <= cell.numStates; ++i)
    finals.push_back(createEmpty(b, loc, finalSizes, elementType));

  Value layerInput = input;
  for (int64_t layer = 0; layer < cell.layers; ++layer) {
    Value layerOutput = createEmpty(
        b, loc, {batch, time, b.getIndexAttr(cell.directions * cell.hidden)}, elementType);
    for (int64_t dir = 0; dir < cell.directions; ++dir) {
      int64_t index = layer * cell.directions + dir;
      bool reverse = dir == 1;
      Value gatesIn = cell.projectInput(b, loc, layerInput, index);
      OpFoldResult gateSize = getSizes(b, loc, gatesIn)[2];
      SmallVector<Value> init = {createFilled(b, loc, historySizes, elementType, 0.0)};
      for (unsigned i = 0; i < cell.numStates; ++i)
        init.push_back(createFilled(b, loc, stateSizes, elementType, 0.0));
      auto loop = b.create<scf::ForOp>(
          loc, zero, steps, one, init,
          [&](OpBuilder &nb, Location l, Value step, ValueRange carried) {
            Value t = reverse ? nb.create<arith::SubIOp>(l, lastStep, step).getResult() : step;
            Value tNext = nb.create<arith::AddIOp>(l, t, one);
            Value readSlot = reverse ? tNext : t, writeSlot = reverse ? t : tNext;
            Value h = extractSlice(nb, l, carried[0], {zeroAttr, readSlot, zeroAttr},
                                   {batch, oneAttr, hiddenSize}, {1});
            Value gates = extractSlice(nb, l, gatesIn, {zeroAttr, t, zeroAttr},
                                       {batch, oneAttr, gateSize}, {1});
            SmallVector<Value> next = cell.step(nb, l, gates, h, carried.drop_front(), batch, index);
            next[0] = insertSlice(nb, l, next[0], carried[0], {zeroAttr, writeSlot, zeroAttr},
                                  {batch, oneAttr, hiddenSize});
            nb.create<scf::YieldOp>(l, next);
          });
      Value history = loop.getResult(0);

      // The direction's outputs are the T written slots, its h_n the last.
      OpFoldResult firstSlot = reverse ? zeroAttr : oneAttr;
      OpFoldResult lastSlot = reverse ? zeroAttr : time;
      Value sequence = extractSlice(b, loc, history, {zeroAttr, firstSlot, zeroAttr},
                                    {batch, time, hiddenSize});
      layerOutput = insertSlice(b, loc, sequence, layerOutput,
                                {zeroAttr, zeroAttr, b.getIndexAttr(dir * cell.hidden)},
                                {batch, time, hiddenSize});
      SmallVector<Value> last = {extractSlice(b, loc, history, {zeroAttr, lastSlot, zeroAttr},
                                              {batch, oneAttr, hiddenSize}, {1})};
      llvm::append_range(last, loop.getResults().drop_front());
      SmallVector<OpFoldResult> offsets = {b.getIndexAttr(index), zeroAttr, zeroAttr};
      SmallVector<OpFoldResult> sizes = {oneAttr, batch, hiddenSize};
      for (auto [final, value] : llvm::zip(finals, last))
        final = insertSlice(b, loc, value, final, offsets, sizes);
    }
    layerInput = layerOutput;
  }
  return {layerInput, finals};
}
