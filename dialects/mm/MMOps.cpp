//===- MMOps.cpp - verifiers and folders of the mm ops --------------------===//
//
// Verifiers check what the frontend's shape inference promised: every op's
// result type follows from its operands (static dimensions must agree, a
// dynamic one is compatible with anything). Messages print shapes as the
// source language does, `[?, 64]`.
//
//===----------------------------------------------------------------------===//
#include "dialects/mm/MMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mm;

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

bool mm::dimsCompatible(int64_t a, int64_t b) {
  return a == b || ShapedType::isDynamic(a) || ShapedType::isDynamic(b);
}

std::string mm::shapeStr(ArrayRef<int64_t> shape) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << '?';
        else
          os << d;
      },
      ", ");
  os << ']';
  return s;
}

/// A double as the source language writes it: 0, 9000, 1e-06.
std::string mm::numStr(double v) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

/// Checks that the result type of OP is compatible with EXPECTED.
LogicalResult mm::verifyResultShape(Operation *op, Type resultType,
                                    ArrayRef<int64_t> expected, StringRef what) {
  auto actual = cast<ShapedType>(resultType).getShape();
  if (actual.size() != expected.size() ||
      !llvm::all_of(llvm::zip(actual, expected), [](auto pair) {
        return dimsCompatible(std::get<0>(pair), std::get<1>(pair));
      }))
    return op->emitOpError()
           << what << " shape " << shapeStr(actual)
           << " does not match the inferred shape " << shapeStr(expected);
  return success();
}

FailureOr<SmallVector<int64_t>> mm::broadcastShapes(ArrayRef<int64_t> lhs,
                                                    ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t a = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t b = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (a == 1)
      result[i] = b;
    else if (b == 1)
      result[i] = a;
    else if (ShapedType::isDynamic(a))
      result[i] = b;
    else if (ShapedType::isDynamic(b) || a == b)
      result[i] = a;
    else
      return failure();
  }
  return result;
}

int64_t mm::stftNumFrames(int64_t length, int64_t nFft, int64_t hopLength,
                          int64_t pad, bool center) {
  if (ShapedType::isDynamic(length))
    return ShapedType::kDynamic;
  int64_t padded = length + 2 * pad + (center ? 2 * (nFft / 2) : 0);
  if (padded < nFft)
    return 0;
  return 1 + (padded - nFft) / hopLength;
}

//===----------------------------------------------------------------------===//
// Weights and constants
//===----------------------------------------------------------------------===//

LogicalResult WeightOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto decl = symbolTable.lookupNearestSymbolFrom<WeightDeclOp>(*this, getNameAttr());
  if (!decl)
    return emitOpError() << "refers to " << getNameAttr()
                         << ", which is not a declared weight";
  if (decl.getType() != getType())
    return emitOpError() << "type " << getType() << " differs from the type "
                         << decl.getType() << " declared for " << getNameAttr();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

OpFoldResult NegOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return {};
}

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError() << "approximate must be \"none\" or \"tanh\", got \""
                         << getApproximate() << "\"";
  return success();
}

template <typename BinaryOp>
static LogicalResult verifyBinary(BinaryOp op) {
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
  auto result = cast<RankedTensorType>(op.getType());
  if (lhs.getElementType() != rhs.getElementType() ||
      lhs.getElementType() != result.getElementType())
    return op.emitOpError() << "element types differ: " << lhs.getElementType()
                            << ", " << rhs.getElementType() << " -> "
                            << result.getElementType();
  auto shape = broadcastShapes(lhs.getShape(), rhs.getShape());
  if (failed(shape))
    return op.emitOpError() << "shapes " << shapeStr(lhs.getShape()) << " and "
                            << shapeStr(rhs.getShape()) << " do not broadcast";
  return verifyResultShape(op, result, *shape);
}

LogicalResult AddOp::verify() { return verifyBinary(*this); }
LogicalResult SubOp::verify() { return verifyBinary(*this); }
LogicalResult MulOp::verify() { return verifyBinary(*this); }
LogicalResult DivOp::verify() { return verifyBinary(*this); }

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  auto lhs = getLhs().getType().getShape();
  auto rhs = getRhs().getType().getShape();
  if (lhs.empty() || rhs.empty())
    return emitOpError() << "operands must have rank >= 1";
  int64_t k1 = lhs.back();
  int64_t k2 = rhs.size() == 1 ? rhs[0] : rhs[rhs.size() - 2];
  if (!dimsCompatible(k1, k2))
    return emitOpError() << "contraction dimensions differ: "
                         << shapeStr(lhs) << " @ " << shapeStr(rhs);
  ArrayRef<int64_t> lhsBatch = lhs.size() > 2 ? lhs.drop_back(2) : ArrayRef<int64_t>();
  ArrayRef<int64_t> rhsBatch = rhs.size() > 2 ? rhs.drop_back(2) : ArrayRef<int64_t>();
  auto batch = broadcastShapes(lhsBatch, rhsBatch);
  if (failed(batch))
    return emitOpError() << "batch dimensions do not broadcast: "
                         << shapeStr(lhs) << " @ " << shapeStr(rhs);
  SmallVector<int64_t> expected(*batch);
  if (lhs.size() >= 2)
    expected.push_back(lhs[lhs.size() - 2]);
  if (rhs.size() >= 2)
    expected.push_back(rhs.back());
  return verifyResultShape(*this, getType(), expected);
}

//===----------------------------------------------------------------------===//
// Layers with weights
//===----------------------------------------------------------------------===//

LogicalResult EmbeddingOp::verify() {
  auto weight = getWeight().getType().getShape();
  if (weight.size() != 2)
    return emitOpError() << "weight must be [num_embeddings, embedding_dim], got "
                         << shapeStr(weight);
  SmallVector<int64_t> expected(getIndices().getType().getShape());
  expected.push_back(weight[1]);
  return verifyResultShape(*this, getType(), expected);
}

LogicalResult LinearOp::verify() {
  auto input = getInput().getType().getShape();
  auto weight = getWeight().getType().getShape();
  if (weight.size() != 2)
    return emitOpError() << "weight must be [out_features, in_features], got "
                         << shapeStr(weight);
  if (input.empty() || !dimsCompatible(input.back(), weight[1]))
    return emitOpError() << "input " << shapeStr(input)
                         << " does not end in in_features = " << weight[1];
  if (getBias()) {
    auto bias = getBias().getType().getShape();
    if (bias.size() != 1 || bias[0] != weight[0])
      return emitOpError() << "bias must be [" << weight[0] << "], got "
                           << shapeStr(bias);
  }
  SmallVector<int64_t> expected(input.drop_back());
  expected.push_back(weight[0]);
  return verifyResultShape(*this, getType(), expected);
}

LogicalResult LSTMOp::verify() {
  int64_t hidden = getHiddenSize();
  int64_t layers = getNumLayers();
  int64_t dirs = getNumDirections();
  if (hidden <= 0 || layers <= 0)
    return emitOpError() << "hidden_size and num_layers must be positive";
  if ((int64_t)getWeights().size() != 4 * layers * dirs)
    return emitOpError() << "expects " << 4 * layers * dirs
                         << " weight operands (weight_ih, weight_hh, bias_ih, "
                            "bias_hh per layer and direction), got "
                         << getWeights().size();
  auto input = getInput().getType().getShape();
  if (input.size() != 3)
    return emitOpError() << "input must be [B, T, input_size], got "
                         << shapeStr(input);
  for (int64_t l = 0; l < layers; ++l) {
    int64_t inSize = l == 0 ? input[2] : dirs * hidden;
    for (int64_t d = 0; d < dirs; ++d) {
      unsigned base = 4 * (l * dirs + d);
      SmallVector<SmallVector<int64_t>> expected = {
          {4 * hidden, inSize}, {4 * hidden, hidden}, {4 * hidden}, {4 * hidden}};
      for (unsigned i = 0; i < 4; ++i) {
        auto shape = cast<ShapedType>(getWeights()[base + i].getType()).getShape();
        if (shape.size() != expected[i].size() ||
            !llvm::all_of(llvm::zip(shape, expected[i]), [](auto p) {
              return dimsCompatible(std::get<0>(p), std::get<1>(p));
            }))
          return emitOpError() << "weight " << base + i << " (layer " << l
                               << ", direction " << d << ") has shape "
                               << shapeStr(shape) << ", expected "
                               << shapeStr(expected[i]);
      }
    }
  }
  if (failed(verifyResultShape(*this, getOutput().getType(),
                               {input[0], input[1], dirs * hidden}, "output")))
    return failure();
  SmallVector<int64_t> state = {dirs * layers, input[0], hidden};
  if (failed(verifyResultShape(*this, getHN().getType(), state, "h_n")))
    return failure();
  return verifyResultShape(*this, getCN().getType(), state, "c_n");
}

//===----------------------------------------------------------------------===//
// Audio front-end
//===----------------------------------------------------------------------===//

template <typename SpecOp>
static LogicalResult verifyStftAttrs(SpecOp op, int64_t channels) {
  int64_t nFft = op.getNFft(), win = op.getWinLength(), hop = op.getHopLength();
  if (nFft <= 0 || win <= 0 || win > nFft || hop <= 0)
    return op.emitOpError() << "needs 0 < win_length <= n_fft and hop_length > 0, got n_fft = "
                            << nFft << ", win_length = " << win
                            << ", hop_length = " << hop;
  if (op.getPad() < 0)
    return op.emitOpError() << "pad must be >= 0";
  double power = op.getPower().convertToDouble();
  if (!(power > 0.0))
    return op.emitOpError() << "power must be positive, got " << numStr(power);
  StringRef mode = op.getPadMode();
  if (mode != "reflect" && mode != "constant" && mode != "replicate")
    return op.emitOpError() << "pad_mode must be \"reflect\", \"constant\" or "
                               "\"replicate\", got \"" << mode << "\"";
  auto input = op.getInput().getType().getShape();
  if (input.empty())
    return op.emitOpError() << "input must have a time dimension";
  if (op.getCenter() && mode == "reflect" && !ShapedType::isDynamic(input.back()) &&
      input.back() <= nFft / 2)
    return op.emitOpError() << "reflect padding of " << nFft / 2
                            << " needs more than that many samples, got "
                            << input.back();
  SmallVector<int64_t> expected(input.drop_back());
  expected.push_back(channels);
  expected.push_back(stftNumFrames(input.back(), nFft, hop, op.getPad(),
                                   op.getCenter()));
  return verifyResultShape(op, op.getType(), expected);
}

LogicalResult SpectrogramOp::verify() {
  return verifyStftAttrs(*this, getNFft() / 2 + 1);
}

LogicalResult MelSpectrogramOp::verify() {
  if (getNMels() <= 0 || getSampleRate() <= 0)
    return emitOpError() << "n_mels and sample_rate must be positive";
  if (getMelScale() != "htk" && getMelScale() != "slaney")
    return emitOpError() << "mel_scale must be \"htk\" or \"slaney\", got \""
                         << getMelScale() << "\"";
  if (!getNorm().empty() && getNorm() != "slaney")
    return emitOpError() << "norm must be absent or \"slaney\", got \""
                         << getNorm() << "\"";
  double fMin = getFMin().convertToDouble(), fMax = getFMaxOrDefault();
  if (!(fMin >= 0.0 && fMin < fMax && fMax <= getSampleRate() / 2.0))
    return emitOpError() << "needs 0 <= f_min < f_max <= sample_rate / 2, got f_min = "
                         << numStr(fMin) << ", f_max = " << numStr(fMax);
  return verifyStftAttrs(*this, getNMels());
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

template <typename ReduceOp>
static LogicalResult verifyReduction(ReduceOp op) {
  auto input = op.getInput().getType().getShape();
  ArrayRef<int64_t> dims = op.getDims();
  int64_t rank = input.size();
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0 || dims[i] >= rank)
      return op.emitOpError() << "dimension " << dims[i]
                              << " is out of range for rank " << rank;
    if (i > 0 && dims[i] <= dims[i - 1])
      return op.emitOpError() << "dims must be sorted and unique";
  }
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = dims.empty() || llvm::is_contained(dims, d);
    if (!reduced)
      expected.push_back(input[d]);
    else if (op.getKeepdim())
      expected.push_back(1);
  }
  return verifyResultShape(op, op.getType(), expected);
}

LogicalResult MeanOp::verify() { return verifyReduction(*this); }
LogicalResult SumOp::verify() { return verifyReduction(*this); }
LogicalResult AmaxOp::verify() { return verifyReduction(*this); }

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult CatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  auto first = cast<RankedTensorType>(getInputs()[0].getType());
  int64_t rank = first.getRank();
  int64_t dim = getDim();
  if (dim < 0 || dim >= rank)
    return emitOpError() << "dim " << dim << " is out of range for rank " << rank;
  SmallVector<int64_t> expected(first.getShape());
  for (Value v : getInputs().drop_front()) {
    auto type = cast<RankedTensorType>(v.getType());
    if (type.getElementType() != first.getElementType() || type.getRank() != rank)
      return emitOpError() << "inputs must have the same rank and element type";
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = type.getDimSize(d);
      if (d == dim) {
        expected[d] = ShapedType::isDynamic(expected[d]) || ShapedType::isDynamic(size)
                          ? ShapedType::kDynamic
                          : expected[d] + size;
      } else if (!dimsCompatible(expected[d], size)) {
        return emitOpError() << "shapes " << shapeStr(first.getShape()) << " and "
                             << shapeStr(type.getShape())
                             << " differ outside dimension " << dim;
      }
    }
  }
  return verifyResultShape(*this, getType(), expected);
}

OpFoldResult CatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return {};
}

LogicalResult SelectOp::verify() {
  auto input = getInput().getType().getShape();
  int64_t rank = input.size(), dim = getDim(), index = getIndex();
  if (dim < 0 || dim >= rank)
    return emitOpError() << "dim " << dim << " is out of range for rank " << rank;
  if (!ShapedType::isDynamic(input[dim]) && (index < -input[dim] || index >= input[dim]))
    return emitOpError() << "index " << index << " is out of range for dimension "
                         << dim << " of size " << input[dim];
  SmallVector<int64_t> expected(input);
  expected.erase(expected.begin() + dim);
  return verifyResultShape(*this, getType(), expected);
}

/// Length of Python's slice start:end:step over a dimension of SIZE.
static int64_t sliceLength(int64_t size, int64_t start, std::optional<int64_t> end,
                           int64_t step) {
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += size;
    return std::clamp<int64_t>(i, 0, size);
  };
  int64_t lo = clampIndex(start);
  int64_t hi = end ? clampIndex(*end) : size;
  return hi <= lo ? 0 : (hi - lo + step - 1) / step;
}

LogicalResult SliceOp::verify() {
  auto input = getInput().getType().getShape();
  int64_t rank = input.size(), dim = getDim();
  if (dim < 0 || dim >= rank)
    return emitOpError() << "dim " << dim << " is out of range for rank " << rank;
  if (getStep() <= 0)
    return emitOpError() << "step must be positive, got " << getStep();
  SmallVector<int64_t> expected(input);
  if (!ShapedType::isDynamic(input[dim]))
    expected[dim] = sliceLength(input[dim], getStart(), getEnd(), getStep());
  else
    expected[dim] = ShapedType::kDynamic;
  return verifyResultShape(*this, getType(), expected);
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (getStart() == 0 && !getEnd() && getStep() == 1 &&
      getInput().getType() == getType())
    return getInput();
  return {};
}

#define GET_OP_CLASSES
#include "dialects/mm/MMOps.cpp.inc"
