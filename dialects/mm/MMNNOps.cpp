//===- MMNNOps.cpp - verifiers and folders of the ops in MMNNOps.td ===//
//
// The layers' weight operands are checked against the shapes that the
// PyTorch module's state_dict gives them, so that a wrong weight is caught
// by name rather than as a wrong number at run time.
//
//===----------------------------------------------------------------------===//
#include "dialects/mm/MMOps.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mm;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static bool shapesCompatible(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  return a.size() == b.size() && llvm::all_of(llvm::zip(a, b), [](auto p) {
           return dimsCompatible(std::get<0>(p), std::get<1>(p));
         });
}

/// Checks that VALUE has the shape EXPECTED; the error names it WHAT.
static LogicalResult verifyOperandShape(Operation *op, Value value, ArrayRef<int64_t> expected,
                                        StringRef what) {
  auto shape = cast<ShapedType>(value.getType()).getShape();
  if (shapesCompatible(shape, expected))
    return success();
  return op->emitOpError() << what << " must be " << shapeStr(expected) << ", got "
                           << shapeStr(shape);
}

/// eps of a normalization: finite and non-negative.
static LogicalResult verifyEps(Operation *op, double eps, StringRef name = "eps") {
  if (std::isfinite(eps) && eps >= 0.0)
    return success();
  return op->emitOpError() << name << " must be finite and non-negative, got " << numStr(eps);
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::verify() {
  auto input = getInput().getType().getShape();
  auto normalized = getWeight().getType().getShape();
  if (normalized.empty() || !getWeight().getType().hasStaticShape())
    return emitOpError() << "weight must have the static normalized shape (rank >= 1), got "
                         << shapeStr(normalized);
  if (failed(verifyOperandShape(*this, getBias(), normalized, "bias")))
    return failure();
  if (input.size() < normalized.size() ||
      !shapesCompatible(input.take_back(normalized.size()), normalized))
    return emitOpError() << "input " << shapeStr(input) << " does not end in the normalized shape "
                         << shapeStr(normalized);
  if (failed(verifyEps(*this, getEps().convertToDouble())))
    return failure();
  return verifyResultShape(*this, getType(), input);
}

LogicalResult BatchNormOp::verify() {
  auto input = getInput().getType().getShape();
  if (input.size() < 2)
    return emitOpError() << "input must be [N, C, ...], got " << shapeStr(input);
  auto weight = getWeight().getType().getShape();
  if (weight.size() != 1)
    return emitOpError() << "weight must be [num_features], got " << shapeStr(weight);
  int64_t channels = weight[0];
  std::pair<Value, StringRef> operands[] = {
      {getBias(), "bias"}, {getRunningMean(), "running_mean"}, {getRunningVar(), "running_var"}};
  for (auto [value, what] : operands)
    if (failed(verifyOperandShape(*this, value, {channels}, what)))
      return failure();
  if (!dimsCompatible(input[1], channels))
    return emitOpError() << "input " << shapeStr(input) << " has " << input[1]
                         << " channels (dimension 1), the weights " << channels;
  if (failed(verifyEps(*this, getEps().convertToDouble())))
    return failure();
  return verifyResultShape(*this, getType(), input);
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// The output size of a convolution window along one dimension, or
/// ShapedType::kDynamic when IN is.
static int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t padding,
                              int64_t dilation) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  int64_t span = in + 2 * padding - dilation * (kernel - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

template <typename ConvOp> static LogicalResult verifyConv(ConvOp op) {
  constexpr int64_t n = ConvOp::kSpatialDims;
  auto input = op.getInput().getType().getShape();
  auto weight = op.getWeight().getType().getShape();
  ArrayRef<int64_t> stride = op.getStride(), padding = op.getPadding(), dilation = op.getDilation();
  if ((int64_t)input.size() != n + 2)
    return op.emitOpError() << "input must have rank " << n + 2 << " ("
                            << (n == 1 ? "[N, C, L]" : "[N, C, H, W]") << "), got "
                            << shapeStr(input);
  if ((int64_t)weight.size() != n + 2)
    return op.emitOpError() << "weight must have rank " << n + 2
                            << " ([out_channels, in_channels / groups, kernel...]), got "
                            << shapeStr(weight);
  if ((int64_t)stride.size() != n || (int64_t)padding.size() != n || (int64_t)dilation.size() != n)
    return op.emitOpError() << "stride, padding and dilation must have " << n
                            << (n == 1 ? " value" : " values") << " each";
  for (int64_t i = 0; i < n; ++i)
    if (stride[i] <= 0 || dilation[i] <= 0 || padding[i] < 0)
      return op.emitOpError() << "stride and dilation must be positive and padding "
                                 "non-negative";
  int64_t groups = op.getGroups();
  if (groups <= 0)
    return op.emitOpError() << "groups must be positive, got " << groups;
  for (int64_t d : weight)
    if (ShapedType::isDynamic(d) || d <= 0)
      return op.emitOpError() << "weight must have a static, non-empty shape, got "
                              << shapeStr(weight);
  if (ShapedType::isDynamic(input[1]))
    return op.emitOpError() << "input channels (dimension 1) must be static, got "
                            << shapeStr(input);
  int64_t outChannels = weight[0];
  if (outChannels % groups)
    return op.emitOpError() << "out_channels (" << outChannels << ") must be a multiple of groups ("
                            << groups << ")";
  if (!dimsCompatible(input[1], weight[1] * groups))
    return op.emitOpError() << "input has " << input[1] << " channels, the weight "
                            << shapeStr(weight) << " with groups = " << groups << " expects "
                            << weight[1] * groups;
  if (op.getBias() && failed(verifyOperandShape(op, op.getBias(), {outChannels}, "bias")))
    return failure();
  SmallVector<int64_t> expected = {input[0], outChannels};
  for (int64_t i = 0; i < n; ++i) {
    int64_t size = convOutputSize(input[2 + i], weight[2 + i], stride[i], padding[i], dilation[i]);
    if (size == 0)
      return op.emitOpError() << "input " << shapeStr(input)
                              << " is smaller than the dilated kernel "
                              << shapeStr(weight.drop_front(2));
    expected.push_back(size);
  }
  return verifyResultShape(op, op.getType(), expected);
}

LogicalResult Conv1dOp::verify() { return verifyConv(*this); }
LogicalResult Conv2dOp::verify() { return verifyConv(*this); }

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

/// Checks a key padding mask against KEY [B, S, E]: [B, S] of an integer
/// (boolean) type or of ELEMENTTYPE (additive).
static LogicalResult verifyKeyPaddingMask(Operation *op, Value mask, ArrayRef<int64_t> key,
                                          Type elementType) {
  auto type = cast<RankedTensorType>(mask.getType());
  if (!isa<IntegerType>(type.getElementType()) && type.getElementType() != elementType)
    return op->emitOpError() << "key_padding_mask must hold integers (booleans) or " << elementType
                             << ", got " << type.getElementType();
  return verifyOperandShape(op, mask, {key[0], key[1]}, "key_padding_mask");
}

/// Checks nn.MultiheadAttention's packed weights for embedding size E,
/// starting at PARAMS[0]: in_proj_weight, in_proj_bias?, out_proj.weight,
/// out_proj.bias?. PREFIX names them as the state_dict does.
static LogicalResult verifyAttentionWeights(Operation *op, ValueRange params, int64_t e, bool bias,
                                            StringRef prefix) {
  unsigned i = 0;
  auto check = [&](ArrayRef<int64_t> shape, StringRef name) {
    return verifyOperandShape(op, params[i++], shape, (prefix + name).str());
  };
  if (failed(check({3 * e, e}, "in_proj_weight")) ||
      (bias && failed(check({3 * e}, "in_proj_bias"))) ||
      failed(check({e, e}, "out_proj.weight")) || (bias && failed(check({e}, "out_proj.bias"))))
    return failure();
  return success();
}

/// The embedding size and head count checks shared by attention and the
/// encoder layer: E static, a positive multiple of HEADS.
static LogicalResult verifyHeads(Operation *op, int64_t e, int64_t heads, StringRef what) {
  if (ShapedType::isDynamic(e))
    return op->emitOpError() << "the embedding dimension must be static";
  if (heads <= 0 || e % heads)
    return op->emitOpError() << "the embedding dimension (" << e << ") must be a multiple of "
                             << what << " (" << heads << ")";
  return success();
}

LogicalResult MultiheadAttentionOp::verify() {
  auto query = getQuery().getType().getShape();
  auto key = getKey().getType().getShape();
  auto value = getValue().getType().getShape();
  if (query.size() != 3 || key.size() != 3 || value.size() != 3)
    return emitOpError() << "query, key and value must be batch-first [B, L, E], got "
                         << shapeStr(query) << ", " << shapeStr(key) << ", " << shapeStr(value);
  int64_t e = query[2];
  if (failed(verifyHeads(*this, e, getNumHeads(), "num_heads")))
    return failure();
  if (!dimsCompatible(key[2], e) || !dimsCompatible(value[2], e) ||
      !dimsCompatible(key[0], query[0]) || !shapesCompatible(key, value))
    return emitOpError() << "expects key and value [B, S, E] for the query [B, L, E], got query "
                         << shapeStr(query) << ", key " << shapeStr(key) << ", value "
                         << shapeStr(value);
  if (getParams().size() != getNumExpectedParams())
    return emitOpError() << "expects " << getNumExpectedParams()
                         << " operands after query, key and value (in_proj_weight"
                         << (getBias() ? ", in_proj_bias" : "") << ", out_proj.weight"
                         << (getBias() ? ", out_proj.bias" : "")
                         << (getHasKeyPaddingMask() ? ", key_padding_mask" : "") << "), got "
                         << getParams().size();
  if (failed(verifyAttentionWeights(*this, getParams(), e, getBias(), "")))
    return failure();
  for (Value w : getParams().take_front(getBias() ? 4 : 2))
    if (!isa<FloatType>(cast<ShapedType>(w.getType()).getElementType()))
      return emitOpError() << "weights must be float tensors";
  if (getHasKeyPaddingMask() && failed(verifyKeyPaddingMask(*this, getKeyPaddingMask(), key,
                                                            getQuery().getType().getElementType())))
    return failure();
  return verifyResultShape(*this, getType(), query);
}

LogicalResult TransformerEncoderLayerOp::verify() {
  auto src = getSrc().getType().getShape();
  if (src.size() != 3)
    return emitOpError() << "src must be batch-first [B, S, d_model], got " << shapeStr(src);
  int64_t d = src[2];
  if (failed(verifyHeads(*this, d, getNhead(), "nhead")))
    return failure();
  unsigned expected = kNumWeights + (getHasKeyPaddingMask() ? 1 : 0);
  if (getParams().size() != expected)
    return emitOpError() << "expects " << expected << " operands after src (12 weights"
                         << (getHasKeyPaddingMask() ? " and the key padding mask" : "") << "), got "
                         << getParams().size();
  if (getActivation() != "relu" && getActivation() != "gelu")
    return emitOpError() << "activation must be \"relu\" or \"gelu\", got \"" << getActivation()
                         << "\"";
  if (failed(verifyEps(*this, getLayerNormEps().convertToDouble(), "layer_norm_eps")))
    return failure();
  if (failed(verifyAttentionWeights(*this, getParams(), d, /*bias=*/true, "self_attn.")))
    return failure();
  auto linear1 = cast<ShapedType>(getLinear1Weight().getType()).getShape();
  if (linear1.size() != 2 || ShapedType::isDynamic(linear1[0]) || linear1[0] <= 0)
    return emitOpError() << "linear1.weight must be [dim_feedforward, " << d << "], got "
                         << shapeStr(linear1);
  int64_t ff = linear1[0];
  std::pair<Value, SmallVector<int64_t>> weights[] = {
      {getLinear1Weight(), {ff, d}}, {getLinear1Bias(), {ff}}, {getLinear2Weight(), {d, ff}},
      {getLinear2Bias(), {d}},       {getNorm1Weight(), {d}},  {getNorm1Bias(), {d}},
      {getNorm2Weight(), {d}},       {getNorm2Bias(), {d}}};
  const char *names[] = {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                         "norm1.weight",   "norm1.bias",   "norm2.weight",   "norm2.bias"};
  for (auto [i, w] : llvm::enumerate(weights))
    if (failed(verifyOperandShape(*this, w.first, w.second, names[i])))
      return failure();
  for (Value w : getParams().take_front(kNumWeights))
    if (!isa<FloatType>(cast<ShapedType>(w.getType()).getElementType()))
      return emitOpError() << "weights must be float tensors";
  if (getHasKeyPaddingMask() && failed(verifyKeyPaddingMask(*this, getKeyPaddingMask(), src,
                                                            getSrc().getType().getElementType())))
    return failure();
  return verifyResultShape(*this, getType(), src);
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

LogicalResult GRUOp::verify() {
  int64_t hidden = getHiddenSize(), layers = getNumLayers(), dirs = getNumDirections();
  if (hidden <= 0 || layers <= 0)
    return emitOpError() << "hidden_size and num_layers must be positive";
  if ((int64_t)getWeights().size() != 4 * layers * dirs)
    return emitOpError() << "expects " << 4 * layers * dirs
                         << " weight operands (weight_ih, weight_hh, bias_ih, bias_hh per layer "
                            "and direction), got "
                         << getWeights().size();
  auto input = getInput().getType().getShape();
  if (input.size() != 3)
    return emitOpError() << "input must be [B, T, input_size], got " << shapeStr(input);
  static const char *const names[] = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
  for (int64_t l = 0; l < layers; ++l) {
    int64_t inSize = l == 0 ? input[2] : dirs * hidden;
    for (int64_t d = 0; d < dirs; ++d) {
      unsigned base = 4 * (l * dirs + d);
      SmallVector<SmallVector<int64_t>> expected = {
          {3 * hidden, inSize}, {3 * hidden, hidden}, {3 * hidden}, {3 * hidden}};
      for (unsigned i = 0; i < 4; ++i) {
        std::string what = std::string(names[i]) + "_l" + std::to_string(l) + (d ? "_reverse" : "");
        if (failed(verifyOperandShape(*this, getWeights()[base + i], expected[i], what)))
          return failure();
      }
    }
  }
  if (failed(verifyResultShape(*this, getOutput().getType(), {input[0], input[1], dirs * hidden},
                               "output")))
    return failure();
  return verifyResultShape(*this, getHN().getType(), {dirs * layers, input[0], hidden}, "h_n");
}

//===----------------------------------------------------------------------===//
// Audio
//===----------------------------------------------------------------------===//

LogicalResult AmplitudeToDBOp::verify() {
  if (getStype() != "power" && getStype() != "magnitude")
    return emitOpError() << "stype must be \"power\" or \"magnitude\", got \"" << getStype()
                         << "\"";
  auto input = getInput().getType().getShape();
  if (std::optional<APFloat> topDb = getTopDb()) {
    double value = topDb->convertToDouble();
    if (!std::isfinite(value) || value < 0.0)
      return emitOpError() << "top_db must be finite and non-negative, got " << numStr(value);
    if (input.size() < 2)
      return emitOpError() << "top_db needs an input of rank >= 2 ([..., freq, time]), got "
                           << shapeStr(input);
  }
  return verifyResultShape(*this, getType(), input);
}
