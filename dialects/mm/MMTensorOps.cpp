//===- MMTensorOps.cpp - verifiers and folders of the ops in MMTensorOps.td ===//
//
// As in MMOps.cpp, each verifier recomputes the result shape from the
// operand types and the attributes (PyTorch's shape rules) and checks the
// declared result type against it; a dynamic dimension matches anything.
//
//===----------------------------------------------------------------------===//
#include "dialects/mm/MMOps.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mm;

/// Checks that DIM indexes a tensor of RANK; the error names WHAT.
static LogicalResult verifyDimIndex(Operation *op, int64_t dim, int64_t rank,
                                    StringRef what = "dim") {
  if (dim < 0 || dim >= rank)
    return op->emitOpError() << what << " " << dim << " is out of range for rank " << rank;
  return success();
}

/// The product of SHAPE, dynamic if any factor is.
static int64_t staticProduct(ArrayRef<int64_t> shape) {
  int64_t p = 1;
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d))
      return ShapedType::kDynamic;
    p *= d;
  }
  return p;
}

//===----------------------------------------------------------------------===//
// Views
//===----------------------------------------------------------------------===//

SmallVector<int64_t> TransposeOp::getPermutation() {
  SmallVector<int64_t> perm =
      llvm::to_vector(llvm::seq<int64_t>(0, getInput().getType().getRank()));
  std::swap(perm[getDim0()], perm[getDim1()]);
  return perm;
}

LogicalResult TransposeOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (failed(verifyDimIndex(*this, getDim0(), rank, "dim0")) ||
      failed(verifyDimIndex(*this, getDim1(), rank, "dim1")))
    return failure();
  if (getInput().getType().getElementType() != getType().getElementType())
    return emitOpError() << "element types of input and result differ";
  SmallVector<int64_t> expected(getInput().getType().getShape());
  std::swap(expected[getDim0()], expected[getDim1()]);
  return verifyResultShape(*this, getType(), expected);
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  if (getDim0() == getDim1() && getInput().getType() == getType())
    return getInput();
  return {};
}

LogicalResult PermuteOp::verify() {
  auto input = getInput().getType();
  int64_t rank = input.getRank();
  ArrayRef<int64_t> dims = getDims();
  if (static_cast<int64_t>(dims.size()) != rank)
    return emitOpError() << "dims has " << dims.size() << " entries for rank " << rank;
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> expected;
  for (int64_t d : dims) {
    if (failed(verifyDimIndex(*this, d, rank)))
      return failure();
    if (seen[d])
      return emitOpError() << "dimension " << d << " appears twice in dims";
    seen[d] = true;
    expected.push_back(input.getDimSize(d));
  }
  if (input.getElementType() != getType().getElementType())
    return emitOpError() << "element types of input and result differ";
  return verifyResultShape(*this, getType(), expected);
}

OpFoldResult PermuteOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> dims = getDims();
  for (int64_t i = 0, e = dims.size(); i < e; ++i)
    if (dims[i] != i)
      return {};
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

LogicalResult FlattenOp::verify() {
  auto input = getInput().getType();
  int64_t rank = input.getRank(), start = getStartDim(), end = getEndDim();
  if (failed(verifyDimIndex(*this, start, rank, "start_dim")) ||
      failed(verifyDimIndex(*this, end, rank, "end_dim")))
    return failure();
  if (start > end)
    return emitOpError() << "start_dim " << start << " is after end_dim " << end;
  if (input.getElementType() != getType().getElementType())
    return emitOpError() << "element types of input and result differ";
  ArrayRef<int64_t> shape = input.getShape();
  SmallVector<int64_t> expected(shape.take_front(start));
  expected.push_back(staticProduct(shape.slice(start, end - start + 1)));
  llvm::append_range(expected, shape.drop_front(end + 1));
  return verifyResultShape(*this, getType(), expected);
}

OpFoldResult FlattenOp::fold(FoldAdaptor) {
  if (getStartDim() == getEndDim() && getInput().getType() == getType())
    return getInput();
  return {};
}

LogicalResult ReshapeOp::verify() {
  auto input = getInput().getType();
  auto result = getType();
  ArrayRef<int64_t> shape = getShape();
  if (input.getElementType() != result.getElementType())
    return emitOpError() << "element types of input and result differ";
  if (static_cast<int64_t>(shape.size()) != result.getRank())
    return emitOpError() << "shape has " << shape.size() << " entries for a result of rank "
                         << result.getRank();
  for (auto [i, size] : llvm::enumerate(shape)) {
    if (size < -1)
      return emitOpError() << "shape entry " << size << " is neither a size nor -1";
    int64_t declared = result.getDimSize(i);
    if ((size == -1) != ShapedType::isDynamic(declared) || (size != -1 && size != declared))
      return emitOpError() << "shape "
                           << shapeStr(llvm::map_to_vector(
                                  shape,
                                  [](int64_t s) { return s == -1 ? ShapedType::kDynamic : s; }))
                           << " differs from the result type " << shapeStr(result.getShape());
  }

  // Which dynamic result dimensions the lowering can size: those with a
  // source, plus one from the element count.
  SmallVector<int64_t> sources(shape.size(), -1);
  if (std::optional<ArrayRef<int64_t>> given = getSourceDims()) {
    if (given->size() != shape.size())
      return emitOpError() << "source_dims has " << given->size()
                           << " entries for a result of rank " << shape.size();
    sources.assign(given->begin(), given->end());
  }
  int64_t unsourced = 0;
  for (auto [i, src] : llvm::enumerate(sources)) {
    if (src == -1) {
      unsourced += shape[i] == -1;
      continue;
    }
    if (failed(verifyDimIndex(*this, src, input.getRank(), "source dimension")))
      return failure();
    if (!dimsCompatible(input.getDimSize(src), result.getDimSize(i)))
      return emitOpError() << "result dimension " << i << " of size " << result.getDimSize(i)
                           << " can not equal input dimension " << src << " of size "
                           << input.getDimSize(src);
  }
  if (unsourced > 1)
    return emitOpError() << "result " << shapeStr(result.getShape()) << " has " << unsourced
                         << " dynamic dimensions without a source dimension; at most one "
                            "can follow from the element count";

  // The element count, as far as it is known statically.
  int64_t inCount = staticProduct(input.getShape());
  int64_t outStatic = 1;
  for (int64_t size : shape)
    if (size != -1)
      outStatic *= size;
  bool outDynamic = llvm::is_contained(shape, -1);
  if (!ShapedType::isDynamic(inCount)) {
    bool ok = outDynamic ? (outStatic == 0 ? inCount == 0 : inCount % outStatic == 0)
                         : inCount == outStatic;
    if (!ok)
      return emitOpError() << "can not reshape " << shapeStr(input.getShape()) << " (" << inCount
                           << " elements) into " << shapeStr(result.getShape());
  }
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  // Equal types are an identity when every dynamic size is the input's at
  // the same position: sourced from there, or (for the one unsourced size)
  // implied by the element count since all the other sizes agree.
  if (getInput().getType() == getType()) {
    std::optional<ArrayRef<int64_t>> sources = getSourceDims();
    bool identity = true;
    for (int64_t i = 0, e = getType().getRank(); i < e; ++i)
      if (getType().isDynamicDim(i) && sources && (*sources)[i] != -1 && (*sources)[i] != i)
        identity = false;
    if (identity)
      return getInput();
  }
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    // reshape(reshape(x)) is one reshape; dynamic sizes must not depend on
    // the intermediate shape, so only a static result qualifies.
    if (getType().hasStaticShape()) {
      getInputMutable().assign(inner.getInput());
      removeSourceDimsAttr();
      return getResult();
    }
  }
  return {};
}

LogicalResult StackOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  auto first = cast<RankedTensorType>(getInputs()[0].getType());
  int64_t rank = first.getRank(), dim = getDim();
  if (dim < 0 || dim > rank)
    return emitOpError() << "dim " << dim << " is out of range for stacking rank " << rank
                         << " tensors";
  SmallVector<int64_t> expected(first.getShape());
  for (Value v : getInputs().drop_front()) {
    auto type = cast<RankedTensorType>(v.getType());
    if (type.getElementType() != first.getElementType() || type.getRank() != rank)
      return emitOpError() << "inputs must have the same rank and element type";
    for (int64_t d = 0; d < rank; ++d) {
      if (!dimsCompatible(expected[d], type.getDimSize(d)))
        return emitOpError() << "shapes " << shapeStr(first.getShape()) << " and "
                             << shapeStr(type.getShape()) << " differ";
      if (ShapedType::isDynamic(expected[d]))
        expected[d] = type.getDimSize(d);
    }
  }
  if (getType().getElementType() != first.getElementType())
    return emitOpError() << "element types of inputs and result differ";
  expected.insert(expected.begin() + dim, getInputs().size());
  return verifyResultShape(*this, getType(), expected);
}

//===----------------------------------------------------------------------===//
// Normalization along one dimension
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() { return verifyDimIndex(*this, getDim(), getType().getRank()); }

LogicalResult LogSoftmaxOp::verify() {
  return verifyDimIndex(*this, getDim(), getType().getRank());
}

LogicalResult NormalizeOp::verify() {
  if (std::isnan(getP().convertToDouble()))
    return emitOpError() << "p must be a number";
  if (std::isnan(getEps().convertToDouble()))
    return emitOpError() << "eps must be a number";
  return verifyDimIndex(*this, getDim(), getType().getRank());
}

//===----------------------------------------------------------------------===//
// Element type conversion
//===----------------------------------------------------------------------===//

LogicalResult ToOp::verify() {
  return verifyResultShape(*this, getType(), getInput().getType().getShape());
}

OpFoldResult ToOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Pooling and resampling
//===----------------------------------------------------------------------===//

/// PyTorch's pooling_output_shape for one spatial dimension of size IN.
static int64_t poolOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t padding,
                              int64_t dilation, bool ceilMode) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  int64_t span = in + 2 * padding - dilation * (kernel - 1) - 1;
  if (ceilMode)
    span += stride - 1;
  // Floor division, also for a negative span (an empty output).
  int64_t out = (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1;
  // PyTorch drops a last window that would start in the right padding.
  if (ceilMode && (out - 1) * stride >= in + padding)
    --out;
  return out;
}

/// Checks the layout and the per-dimension attributes of a pooling op;
/// SPATIAL receives the input's (H, W).
static LogicalResult verifyPoolInput(Operation *op, RankedTensorType input,
                                     ArrayRef<std::pair<StringRef, ArrayRef<int64_t>>> attrs,
                                     SmallVectorImpl<int64_t> &expected) {
  int64_t rank = input.getRank();
  if (rank != 3 && rank != 4)
    return op->emitOpError() << "expects [N, C, H, W] or [C, H, W], got "
                             << shapeStr(input.getShape());
  for (auto [name, values] : attrs) {
    if (values.size() != 2)
      return op->emitOpError() << name << " needs 2 values (H, W), got " << values.size();
    bool allowZero = name == "padding";
    for (int64_t v : values)
      if (v < (allowZero ? 0 : 1))
        return op->emitOpError() << name << " must be " << (allowZero ? "non-negative" : "positive")
                                 << ", got " << v;
  }
  expected.assign(input.getShape().begin(), input.getShape().end());
  return success();
}

/// The shared verifier of max_pool2d and avg_pool2d.
static LogicalResult verifyWindowPool(Operation *op, RankedTensorType input,
                                      RankedTensorType result, ArrayRef<int64_t> kernel,
                                      ArrayRef<int64_t> stride, ArrayRef<int64_t> padding,
                                      ArrayRef<int64_t> dilation, bool ceilMode) {
  SmallVector<int64_t> expected;
  SmallVector<std::pair<StringRef, ArrayRef<int64_t>>> attrs = {
      {"kernel_size", kernel}, {"stride", stride}, {"padding", padding}, {"dilation", dilation}};
  if (failed(verifyPoolInput(op, input, attrs, expected)))
    return failure();
  int64_t rank = input.getRank();
  for (int i = 0; i < 2; ++i) {
    if (padding[i] * 2 > kernel[i])
      return op->emitOpError() << "padding " << padding[i] << " is more than half the kernel size "
                               << kernel[i];
    int64_t in = input.getDimSize(rank - 2 + i);
    int64_t out = poolOutputSize(in, kernel[i], stride[i], padding[i], dilation[i], ceilMode);
    if (!ShapedType::isDynamic(out) && out <= 0)
      return op->emitOpError() << "window of " << kernel[i] << " (dilation " << dilation[i]
                               << ", padding " << padding[i] << ") does not fit the input size "
                               << in;
    expected[rank - 2 + i] = out;
  }
  return verifyResultShape(op, result, expected);
}

LogicalResult MaxPool2dOp::verify() {
  return verifyWindowPool(*this, getInput().getType(), getType(), getKernelSize(), getStride(),
                          getPadding(), getDilation(), getCeilMode());
}

LogicalResult AvgPool2dOp::verify() {
  static const int64_t ones[] = {1, 1};
  return verifyWindowPool(*this, getInput().getType(), getType(), getKernelSize(), getStride(),
                          getPadding(), ones, getCeilMode());
}

LogicalResult AdaptiveAvgPool2dOp::verify() {
  SmallVector<int64_t> expected;
  SmallVector<std::pair<StringRef, ArrayRef<int64_t>>> attrs = {{"output_size", getOutputSize()}};
  if (failed(verifyPoolInput(*this, getInput().getType(), attrs, expected)))
    return failure();
  int64_t rank = expected.size();
  expected[rank - 2] = getOutputSize()[0];
  expected[rank - 1] = getOutputSize()[1];
  return verifyResultShape(*this, getType(), expected);
}

/// `floor(in * scale)` in double, as F.interpolate sizes its output.
static int64_t interpolateOutputSize(int64_t in, double scale) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  return static_cast<int64_t>(std::floor(static_cast<double>(in) * scale));
}

LogicalResult InterpolateOp::verify() {
  auto input = getInput().getType();
  int64_t rank = input.getRank();
  StringRef mode = getMode();
  int64_t minRank = 3, maxRank = 5;
  if (mode == "linear")
    maxRank = 3;
  else if (mode == "bilinear" || mode == "bicubic")
    minRank = maxRank = 4;
  else if (mode == "trilinear")
    minRank = maxRank = 5;
  else if (mode != "nearest")
    return emitOpError() << "mode must be \"nearest\", \"linear\", \"bilinear\", "
                            "\"bicubic\" or \"trilinear\", got \""
                         << mode << "\"";
  if (rank < minRank || rank > maxRank)
    return emitOpError() << "mode \"" << mode << "\" needs an input of rank "
                         << (minRank == maxRank
                                 ? std::to_string(minRank)
                                 : std::to_string(minRank) + " to " + std::to_string(maxRank))
                         << ", got " << shapeStr(input.getShape());
  if (getSize().has_value() == getScaleFactor().has_value())
    return emitOpError() << "needs exactly one of size and scale_factor";
  int64_t spatial = getNumSpatialDims();
  SmallVector<int64_t> expected(input.getShape());
  if (std::optional<ArrayRef<int64_t>> size = getSize()) {
    if (static_cast<int64_t>(size->size()) != spatial)
      return emitOpError() << "size needs " << spatial << " values, got " << size->size();
    for (int64_t i = 0; i < spatial; ++i) {
      if ((*size)[i] <= 0)
        return emitOpError() << "size must be positive, got " << (*size)[i];
      expected[2 + i] = (*size)[i];
    }
  } else {
    double scale = getScaleFactor()->convertToDouble();
    if (!(scale > 0.0) || !std::isfinite(scale))
      return emitOpError() << "scale_factor must be positive, got " << numStr(scale);
    for (int64_t i = 0; i < spatial; ++i) {
      int64_t in = input.getDimSize(2 + i);
      // Beyond int64_t the cast below would be undefined.
      if (!ShapedType::isDynamic(in) && static_cast<double>(in) * scale > 1e15)
        return emitOpError() << "scale_factor " << numStr(scale) << " gives a too large output for "
                             << shapeStr(input.getShape());
      int64_t out = interpolateOutputSize(in, scale);
      if (!ShapedType::isDynamic(out) && out <= 0)
        return emitOpError() << "scale_factor " << numStr(scale) << " gives an empty output for "
                             << shapeStr(input.getShape());
      expected[2 + i] = out;
    }
  }
  return verifyResultShape(*this, getType(), expected);
}
