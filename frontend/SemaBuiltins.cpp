//===- SemaBuiltins.cpp - built-in layers and functions -------------------===//
//
// The tables of LANGUAGE.md: each built-in's PyTorch argument names and
// defaults, its weights (named and shaped as the PyTorch module's
// state_dict), its shape rule, and the mm operation it becomes. Where
// LANGUAGE.md lists fewer arguments than PyTorch has, an argument whose
// position differs from PyTorch's is keyword-only, so that a positional
// call never means something else than in PyTorch.
//
// Operations are named after the PyTorch function ("mm.softmax") with
// attributes named after its arguments; dimension arguments are normalized
// to non-negative indices. An operation the mm dialect does not register
// yet is reported by MLIRGen as "... is not supported yet".
//
//===----------------------------------------------------------------------===//

#include "frontend/SemaImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>

using namespace mm;
using namespace mm::sema;
using llvm::SMLoc;
using llvm::StringRef;
using llvm::Twine;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static Attribute intAttr(const char *name, int64_t v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Int;
  a.intValue = v;
  return a;
}
static Attribute floatAttr(const char *name, double v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Float;
  a.floatValue = v;
  return a;
}
static Attribute boolAttr(const char *name, bool v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::Bool;
  a.boolValue = v;
  return a;
}
static Attribute stringAttr(const char *name, StringRef v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::String;
  a.stringValue = v.str();
  return a;
}
static Attribute intsAttr(const char *name, std::vector<int64_t> v) {
  Attribute a;
  a.name = name;
  a.kind = Attribute::IntArray;
  a.ints = std::move(v);
  return a;
}

static std::string fnWhat(const BuiltinFunction &fn) {
  return std::string("function '") + fn.name + "'";
}
static std::string layerWhat(const LayerInstance &layer) {
  return std::string("layer '") + layer.builtin->name + "'";
}
/// `mm.layer = "mel"`: the state_dict prefix of the layer an op comes from.
/// `mmc pack` uses it to recognise the torchaudio buffers that a PyTorch
/// state_dict holds under that prefix (`mel.spectrogram.window`, ...).
static Attribute layerNameAttr(const LayerInstance &layer) {
  StringRef prefix(layer.prefix);
  prefix.consume_back(".");
  return stringAttr("mm.layer", prefix);
}

/// "layer 'fc' (linear)", for messages about one declared layer.
static std::string layerName(const LayerInstance &layer) {
  return "layer '" + layer.name + "' (" + layer.builtin->name + ")";
}

/// Expands an int-or-list argument to N values (kernel sizes, strides...).
static std::optional<std::vector<int64_t>>
expandInts(Sema &s, const BoundArgs &args, unsigned i, size_t n,
           const char *what) {
  std::vector<int64_t> v = args.getInts(i);
  if (v.size() == 1 && n > 1)
    v.assign(n, v[0]);
  if (v.size() != n)
    return s.error(args.loc(i), Twine(what) + " needs 1 or " + Twine(n) +
                                    " values, found " + Twine(v.size()));
  return v;
}

static bool requirePositive(Sema &s, const BoundArgs &args, unsigned i,
                            bool allowZero = false) {
  for (int64_t v : args.getInts(i))
    if (v < (allowZero ? 0 : 1)) {
      s.error(args.loc(i), "argument '" + Twine((*args.params)[i].name) +
                               "' must be " +
                               (allowZero ? "non-negative" : "positive") +
                               ", found " + Twine(v));
      return false;
    }
  return true;
}

/// Checks that the shape of X has RANK dimensions (any of RANKS).
static bool requireRank(Sema &s, const Value &x, SMLoc loc,
                        std::initializer_list<size_t> ranks,
                        const Twine &who, const char *layout) {
  if (llvm::is_contained(ranks, x.type.shape.size()))
    return true;
  s.error(loc, who + " expects a " + layout + " input, found " + x.type.str());
  return false;
}

/// The output size of a convolution or pooling window along one dimension.
static Dim windowOutput(const Dim &in, int64_t kernel, int64_t stride,
                        int64_t padding, int64_t dilation, bool ceilMode) {
  Dim span = in + Dim(2 * padding - dilation * (kernel - 1) - 1);
  if (ceilMode)
    return (span + Dim(stride - 1)).floorDiv(stride) + Dim(1);
  return span.floorDiv(stride) + Dim(1);
}

//===----------------------------------------------------------------------===//
// Elementwise functions
//===----------------------------------------------------------------------===//

static std::optional<Value> applyUnary(Sema &s, const BuiltinFunction &fn,
                                       const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  return s.emit(fn.opName, a.callLoc, fnWhat(fn), {x}, {x.type})[0];
}

static std::optional<Value> applyGelu(Sema &s, const BuiltinFunction &fn,
                                      const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  const std::string &approximate = a.getString(1);
  if (approximate != "none" && approximate != "tanh")
    return s.error(a.loc(1), "argument 'approximate' of gelu must be \"none\" "
                             "or \"tanh\", found \"" +
                                 approximate + "\"");
  return s.emit("mm.gelu", a.callLoc, fnWhat(fn), {x}, {x.type},
                {stringAttr("approximate", approximate)})[0];
}

static std::optional<Value> applyClamp(Sema &s, const BuiltinFunction &fn,
                                       const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  if (!a.has(1) && !a.has(2))
    return s.error(a.callLoc, "clamp needs 'min', 'max' or both");
  std::vector<Attribute> attrs;
  if (a.has(1))
    attrs.push_back(floatAttr("min", a.getFloat(1)));
  if (a.has(2))
    attrs.push_back(floatAttr("max", a.getFloat(2)));
  return s.emit("mm.clamp", a.callLoc, fnWhat(fn), {x}, {x.type}, attrs)[0];
}

static std::optional<Value> applySoftmax(Sema &s, const BuiltinFunction &fn,
                                         const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  std::optional<int64_t> dim =
      s.normalizeDim(a.getInt(1), x.type.shape.size(), a.loc(1), x.type);
  if (!dim)
    return std::nullopt;
  return s.emit(fn.opName, a.callLoc, fnWhat(fn), {x}, {x.type},
                {intAttr("dim", *dim)})[0];
}

static std::optional<Value> applyNormalize(Sema &s, const BuiltinFunction &fn,
                                           const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  std::optional<int64_t> dim =
      s.normalizeDim(a.getInt(2), x.type.shape.size(), a.loc(2), x.type);
  if (!dim)
    return std::nullopt;
  return s.emit("mm.normalize", a.callLoc, fnWhat(fn), {x}, {x.type},
                {floatAttr("p", a.getFloat(1)), intAttr("dim", *dim),
                 floatAttr("eps", a.getFloat(3))})[0];
}

static std::optional<Value> applyLike(Sema &s, const BuiltinFunction &fn,
                                      const BoundArgs &a) {
  const Value &x = a.get(0);
  return s.emit(fn.opName, a.callLoc, fnWhat(fn), {x}, {x.type})[0];
}

static std::optional<Value> applyTo(Sema &s, const BuiltinFunction &fn,
                                    const BoundArgs &a) {
  const Value &x = a.get(0);
  ElementType to = a.get(1).dtype;
  if (to == ElementType::F16 || to == ElementType::BF16)
    return s.error(a.loc(1), "element type '" + getElementTypeName(to) +
                                 "' is not supported yet");
  if (to == x.type.element)
    return x;
  TensorType type{to, x.type.shape};
  return s.emit("mm.to", a.callLoc, fnWhat(fn), {x}, {type})[0];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

static std::optional<Value> applyReduction(Sema &s, const BuiltinFunction &fn,
                                           const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  size_t rank = x.type.shape.size();
  std::vector<int64_t> dims;
  if (a.has(1)) {
    for (int64_t d : a.getInts(1)) {
      std::optional<int64_t> n = s.normalizeDim(d, rank, a.loc(1), x.type);
      if (!n)
        return std::nullopt;
      if (llvm::is_contained(dims, *n))
        return s.error(a.loc(1), "dimension " + Twine(*n) +
                                     " appears twice in 'dim' of " + fn.name);
      dims.push_back(*n);
    }
    llvm::sort(dims);
  }
  bool keepdim = a.getBool(2);
  Shape shape;
  for (size_t d = 0; d < rank; ++d) {
    bool reduced = dims.empty() || llvm::is_contained(dims, (int64_t)d);
    if (!reduced)
      shape.push_back(x.type.shape[d]);
    else if (keepdim)
      shape.push_back(Dim(1));
  }
  return s.emit(fn.opName, a.callLoc, fnWhat(fn), {x},
                {TensorType{x.type.element, shape}},
                {intsAttr("dims", dims), boolAttr("keepdim", keepdim)})[0];
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

static std::optional<Value> applyTranspose(Sema &s, const BuiltinFunction &fn,
                                           const BoundArgs &a) {
  const Value &x = a.get(0);
  size_t rank = x.type.shape.size();
  std::optional<int64_t> d0 = s.normalizeDim(a.getInt(1), rank, a.loc(1), x.type);
  if (!d0)
    return std::nullopt;
  std::optional<int64_t> d1 = s.normalizeDim(a.getInt(2), rank, a.loc(2), x.type);
  if (!d1)
    return std::nullopt;
  if (*d0 == *d1)
    return x;
  TensorType type = x.type;
  std::swap(type.shape[*d0], type.shape[*d1]);
  return s.emit("mm.transpose", a.callLoc, fnWhat(fn), {x}, {type},
                {intAttr("dim0", *d0), intAttr("dim1", *d1)})[0];
}

static std::optional<Value> applyPermute(Sema &s, const BuiltinFunction &fn,
                                         const BoundArgs &a) {
  const Value &x = a.get(0);
  size_t rank = x.type.shape.size();
  std::vector<int64_t> dims = a.getInts(1);
  if (dims.size() != rank)
    return s.error(a.loc(1), "permute of " + x.type.str() + " needs " +
                                 Twine(rank) + " dimensions, found " +
                                 Twine(dims.size()));
  std::vector<bool> seen(rank, false);
  TensorType type = x.type;
  for (size_t i = 0; i < rank; ++i) {
    std::optional<int64_t> d = s.normalizeDim(dims[i], rank, a.loc(1), x.type);
    if (!d)
      return std::nullopt;
    if (seen[*d])
      return s.error(a.loc(1), "dimension " + Twine(*d) +
                                   " appears twice in the permutation");
    seen[*d] = true;
    dims[i] = *d;
    type.shape[i] = x.type.shape[*d];
  }
  return s.emit("mm.permute", a.callLoc, fnWhat(fn), {x}, {type},
                {intsAttr("dims", dims)})[0];
}

/// The product of SHAPE[begin, end).
static Dim product(const Shape &shape, size_t begin, size_t end) {
  Dim p(1);
  for (size_t i = begin; i < end; ++i)
    p = p * shape[i];
  return p;
}

static std::optional<Value> applyFlatten(Sema &s, const BuiltinFunction &fn,
                                         const BoundArgs &a) {
  const Value &x = a.get(0);
  size_t rank = x.type.shape.size();
  if (rank == 0)
    return s.emit("mm.reshape", a.callLoc, fnWhat(fn), {x},
                  {TensorType{x.type.element, {Dim(1)}}},
                  {intsAttr("shape", {1})})[0];
  std::optional<int64_t> start =
      s.normalizeDim(a.getInt(1), rank, a.loc(1), x.type);
  if (!start)
    return std::nullopt;
  std::optional<int64_t> end = s.normalizeDim(a.getInt(2), rank, a.loc(2), x.type);
  if (!end)
    return std::nullopt;
  if (*start > *end)
    return s.error(a.loc(1), "flatten needs start_dim <= end_dim, found " +
                                 Twine(*start) + " > " + Twine(*end));
  if (*start == *end)
    return x;
  TensorType type;
  type.element = x.type.element;
  for (int64_t d = 0; d < *start; ++d)
    type.shape.push_back(x.type.shape[d]);
  type.shape.push_back(product(x.type.shape, *start, *end + 1));
  for (size_t d = *end + 1; d < rank; ++d)
    type.shape.push_back(x.type.shape[d]);
  return s.emit("mm.flatten", a.callLoc, fnWhat(fn), {x}, {type},
                {intAttr("start_dim", *start), intAttr("end_dim", *end)})[0];
}

/// NUMEL / DIVISOR when it divides exactly as a polynomial (B*T*64 / B).
static std::optional<Dim> divideExactly(const Dim &numel, const Dim &divisor) {
  if (divisor.isConstant()) {
    int64_t d = divisor.getConstant();
    if (d <= 0)
      return std::nullopt;
    Dim q = numel.floorDiv(d);
    if (q * Dim(d) == numel)
      return q;
    return std::nullopt;
  }
  // Try dividing by each symbol of the divisor's single monomial in turn:
  // substitute the symbol by itself times a fresh marker and compare.
  std::vector<std::string> symbols;
  divisor.collectSymbols(symbols);
  for (const std::string &sym : symbols) {
    // numel = sym * q  <=>  q = numel with sym := 1, checked by multiplying.
    llvm::StringMap<Dim> one;
    one[sym] = Dim(1);
    Dim q = numel.substitute(one);
    Dim rest = divisor.substitute(one);
    if (q * Dim::symbol(sym) == numel && rest * Dim::symbol(sym) == divisor)
      return divideExactly(q, rest);
  }
  return std::nullopt;
}

static std::optional<Value> applyReshape(Sema &s, const BuiltinFunction &fn,
                                         const BoundArgs &a) {
  const Value &x = a.get(0);
  const Value &shapeArg = a.get(1);
  Shape shape;
  int inferred = -1;
  Dim known(1);
  for (size_t i = 0; i < shapeArg.elements.size(); ++i) {
    const Value &e = shapeArg.elements[i];
    if (e.kind == Value::Int && e.intValue == -1) {
      if (inferred >= 0)
        return s.error(a.loc(1), "reshape can infer only one dimension (-1)");
      inferred = i;
      shape.push_back(Dim(0));
      continue;
    }
    if (e.kind == Value::Int && e.intValue < 0)
      return s.error(a.loc(1), "reshape to a negative dimension " +
                                   Twine(e.intValue));
    shape.push_back(e.asDim());
    known = known * e.asDim();
  }
  Dim numel = product(x.type.shape, 0, x.type.shape.size());
  if (inferred >= 0) {
    std::optional<Dim> rest = divideExactly(numel, known);
    if (!rest)
      return s.error(a.loc(1), "can not infer the -1 of reshape: " +
                                   x.type.str() + " has " + numel.str() +
                                   " elements, not a multiple of " +
                                   known.str());
    shape[inferred] = *rest;
  } else if (known != numel) {
    return s.error(a.loc(1), "can not reshape " + x.type.str() + " (" +
                                 numel.str() + " elements) into " +
                                 shapeToString(shape) + " (" + known.str() +
                                 " elements)");
  }
  std::vector<int64_t> staticShape;
  for (const Dim &d : shape)
    staticShape.push_back(d.isConstant() ? d.getConstant() : -1);
  std::vector<Attribute> attrs = {intsAttr("shape", staticShape)};
  // One symbolic size follows from the element count at run time; with
  // more, every other one must be a dimension of the input (source_dims).
  if (llvm::count(staticShape, -1) > 1) {
    std::vector<int64_t> sources(shape.size(), -1);
    int unsourced = -1;
    for (size_t i = 0; i < shape.size(); ++i) {
      if (shape[i].isConstant())
        continue;
      for (size_t j = 0; j < x.type.shape.size() && sources[i] < 0; ++j)
        if (x.type.shape[j] == shape[i])
          sources[i] = j;
      if (sources[i] >= 0)
        continue;
      if (unsourced >= 0)
        return s.error(a.loc(1),
                       "can not reshape " + x.type.str() + " into " +
                           shapeToString(shape) + ": neither " +
                           shape[unsourced].str() + " nor " + shape[i].str() +
                           " is a dimension of the input, and only one "
                           "size can be inferred from the element count");
      unsourced = i;
    }
    attrs.push_back(intsAttr("source_dims", sources));
  }
  return s.emit("mm.reshape", a.callLoc, fnWhat(fn), {x},
                {TensorType{x.type.element, shape}}, attrs)[0];
}

static std::optional<Value> applyCat(Sema &s, const BuiltinFunction &fn,
                                     const BoundArgs &a) {
  const std::vector<Value> &inputs = a.get(0).elements;
  const Value &first = inputs[0];
  size_t rank = first.type.shape.size();
  if (rank == 0)
    return s.error(a.loc(0), "cat needs tensors with at least one dimension, "
                             "found " +
                                 first.type.str());
  std::optional<int64_t> dim = s.normalizeDim(a.getInt(1), rank, a.loc(1),
                                              first.type);
  if (!dim)
    return std::nullopt;
  TensorType type = first.type;
  for (size_t i = 1; i < inputs.size(); ++i) {
    const TensorType &t = inputs[i].type;
    bool ok = t.element == first.type.element && t.shape.size() == rank;
    for (size_t d = 0; ok && d < rank; ++d)
      ok = d == (size_t)*dim || t.shape[d] == first.type.shape[d];
    if (!ok)
      return s.error(a.loc(0), "cat of incompatible shapes along dimension " +
                                   Twine(*dim) + ": " + first.type.str() +
                                   " and " + t.str() +
                                   " (all other dimensions must match)");
    type.shape[*dim] = type.shape[*dim] + t.shape[*dim];
  }
  return s.emit("mm.cat", a.callLoc, fnWhat(fn), inputs, {type},
                {intAttr("dim", *dim)})[0];
}

static std::optional<Value> applyStack(Sema &s, const BuiltinFunction &fn,
                                       const BoundArgs &a) {
  const std::vector<Value> &inputs = a.get(0).elements;
  const TensorType &first = inputs[0].type;
  for (size_t i = 1; i < inputs.size(); ++i)
    if (inputs[i].type != first)
      return s.error(a.loc(0), "stack needs tensors of one type, found " +
                                   first.str() + " and " +
                                   inputs[i].type.str());
  TensorType type = first;
  std::optional<int64_t> dim =
      s.normalizeDim(a.getInt(1), first.shape.size() + 1, a.loc(1), first);
  if (!dim)
    return std::nullopt;
  type.shape.insert(type.shape.begin() + *dim, Dim(inputs.size()));
  return s.emit("mm.stack", a.callLoc, fnWhat(fn), inputs, {type},
                {intAttr("dim", *dim)})[0];
}

static std::optional<Value> applyMatmul(Sema &s, const BuiltinFunction &fn,
                                        const BoundArgs &a) {
  return s.matmul(a.get(0), a.get(1), a.callLoc);
}

//===----------------------------------------------------------------------===//
// Pooling and resampling
//===----------------------------------------------------------------------===//

static std::optional<Value> applyPool(Sema &s, const BuiltinFunction &fn,
                                      const BoundArgs &a) {
  const Value &x = a.get(0);
  bool isMax = StringRef(fn.name) == "max_pool2d";
  if (!s.requireFloat(x, a.loc(0), fn.name) ||
      !requireRank(s, x, a.loc(0), {3, 4}, fn.name, "[N, C, H, W] or [C, H, W]"))
    return std::nullopt;
  auto kernel = expandInts(s, a, 1, 2, "kernel_size");
  if (!kernel || !requirePositive(s, a, 1))
    return std::nullopt;
  std::vector<int64_t> stride = *kernel;
  if (a.has(2)) {
    auto st = expandInts(s, a, 2, 2, "stride");
    if (!st || !requirePositive(s, a, 2))
      return std::nullopt;
    stride = *st;
  }
  auto padding = expandInts(s, a, 3, 2, "padding");
  if (!padding || !requirePositive(s, a, 3, /*allowZero=*/true))
    return std::nullopt;
  std::vector<int64_t> dilation = {1, 1};
  unsigned ceilIndex = 4;
  if (isMax) {
    auto d = expandInts(s, a, 4, 2, "dilation");
    if (!d || !requirePositive(s, a, 4))
      return std::nullopt;
    dilation = *d;
    ceilIndex = 5;
  }
  bool ceilMode = a.getBool(ceilIndex);
  for (int i = 0; i < 2; ++i)
    if ((*padding)[i] * 2 > (*kernel)[i])
      return s.error(a.loc(3), "padding should be at most half of the kernel "
                               "size, found padding " +
                                   Twine((*padding)[i]) + " for kernel " +
                                   Twine((*kernel)[i]));
  TensorType type = x.type;
  size_t rank = type.shape.size();
  for (int i = 0; i < 2; ++i) {
    const Dim &in = x.type.shape[rank - 2 + i];
    Dim out = windowOutput(in, (*kernel)[i], stride[i], (*padding)[i],
                           dilation[i], ceilMode);
    // With ceil_mode, PyTorch drops a last window that would start in the
    // right padding. That can only happen when padding + stride exceeds
    // the dilated kernel extent; for a symbolic size it would depend on
    // the size's remainder.
    if (ceilMode && in.isConstant() && out.isConstant() &&
        (out.getConstant() - 1) * stride[i] >= in.getConstant() + (*padding)[i])
      out = out - Dim(1);
    else if (ceilMode && !in.isConstant() &&
             (*padding)[i] + stride[i] > dilation[i] * ((*kernel)[i] - 1) + 1)
      return s.error(a.loc(0), Twine(fn.name) + " with ceil_mode of the "
                                   "symbolic size " + in.str() +
                                   " needs padding + stride <= dilation * "
                                   "(kernel_size - 1) + 1");
    if (out.isConstant() && out.getConstant() <= 0)
      return s.error(a.loc(0), Twine(fn.name) + " of " + x.type.str() +
                                   " gives an empty output");
    type.shape[rank - 2 + i] = out;
  }
  std::vector<Attribute> attrs = {intsAttr("kernel_size", *kernel),
                                  intsAttr("stride", stride),
                                  intsAttr("padding", *padding)};
  if (isMax)
    attrs.push_back(intsAttr("dilation", dilation));
  attrs.push_back(boolAttr("ceil_mode", ceilMode));
  if (!isMax)
    attrs.push_back(boolAttr("count_include_pad", a.getBool(5)));
  return s.emit(fn.opName, a.callLoc, fnWhat(fn), {x}, {type}, attrs)[0];
}

static std::optional<Value> applyAdaptivePool(Sema &s,
                                              const BuiltinFunction &fn,
                                              const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name) ||
      !requireRank(s, x, a.loc(0), {3, 4}, fn.name, "[N, C, H, W] or [C, H, W]"))
    return std::nullopt;
  auto size = expandInts(s, a, 1, 2, "output_size");
  if (!size || !requirePositive(s, a, 1))
    return std::nullopt;
  TensorType type = x.type;
  size_t rank = type.shape.size();
  type.shape[rank - 2] = Dim((*size)[0]);
  type.shape[rank - 1] = Dim((*size)[1]);
  return s.emit("mm.adaptive_avg_pool2d", a.callLoc, fnWhat(fn), {x}, {type},
                {intsAttr("output_size", *size)})[0];
}

static std::optional<Value> applyInterpolate(Sema &s,
                                             const BuiltinFunction &fn,
                                             const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), fn.name))
    return std::nullopt;
  size_t rank = x.type.shape.size();
  if (rank < 3)
    return s.error(a.loc(0), "interpolate expects [N, C, ...] with at least "
                             "one spatial dimension, found " +
                                 x.type.str());
  size_t spatial = rank - 2;
  const std::string &mode = a.getString(3);
  if (mode != "nearest" && mode != "linear" && mode != "bilinear" &&
      mode != "bicubic" && mode != "trilinear")
    return s.error(a.loc(3), "unknown interpolation mode \"" + mode + "\"");
  if (a.has(1) == a.has(2))
    return s.error(a.callLoc, "interpolate needs exactly one of 'size' and "
                              "'scale_factor'");
  TensorType type = x.type;
  std::vector<Attribute> attrs = {stringAttr("mode", mode)};
  if (a.has(1)) {
    auto size = expandInts(s, a, 1, spatial, "size");
    if (!size || !requirePositive(s, a, 1))
      return std::nullopt;
    for (size_t i = 0; i < spatial; ++i)
      type.shape[2 + i] = Dim((*size)[i]);
    attrs.push_back(intsAttr("size", *size));
  } else {
    double scale = a.getFloat(2);
    if (!(scale > 0))
      return s.error(a.loc(2), "scale_factor must be positive");
    for (size_t i = 0; i < spatial; ++i) {
      const Dim &d = x.type.shape[2 + i];
      if (scale == std::floor(scale))
        type.shape[2 + i] = d * Dim(static_cast<int64_t>(scale));
      else if (d.isConstant())
        type.shape[2 + i] = Dim(static_cast<int64_t>(
            std::floor(static_cast<double>(d.getConstant()) * scale)));
      else
        return s.error(a.loc(2), "a fractional scale_factor needs static "
                                 "spatial dimensions, found " +
                                     x.type.str());
    }
    attrs.push_back(floatAttr("scale_factor", scale));
  }
  return s.emit("mm.interpolate", a.callLoc, fnWhat(fn), {x}, {type}, attrs)[0];
}

//===----------------------------------------------------------------------===//
// The function table
//===----------------------------------------------------------------------===//

static const std::vector<BuiltinFunction> &functions() {
  using K = ArgKind;
  static const std::vector<BuiltinFunction> table = [] {
    std::vector<BuiltinFunction> t;
    auto unary = [&](const char *name, const char *op) {
      t.push_back({name, {required("input", K::Tensor)}, applyUnary, op});
    };
    unary("relu", "mm.relu");
    unary("sigmoid", "mm.sigmoid");
    unary("tanh", "mm.tanh");
    unary("silu", "mm.silu");
    unary("exp", "mm.exp");
    unary("log", "mm.log");
    unary("sqrt", "mm.sqrt");
    unary("abs", "mm.abs");
    t.push_back({"gelu",
                 {required("input", K::Tensor),
                  keywordOnly(withDefault("approximate", "none"))},
                 applyGelu});
    t.push_back({"clamp",
                 {required("input", K::Tensor), optional("min", K::Float),
                  optional("max", K::Float)},
                 applyClamp});
    t.push_back({"softmax",
                 {required("input", K::Tensor), required("dim", K::Int)},
                 applySoftmax, "mm.softmax"});
    t.push_back({"log_softmax",
                 {required("input", K::Tensor), required("dim", K::Int)},
                 applySoftmax, "mm.log_softmax"});
    auto reduction = [&](const char *name, const char *op) {
      t.push_back({name,
                   {required("input", K::Tensor), optional("dim", K::IntOrList),
                    withDefault("keepdim", false)},
                   applyReduction, op});
    };
    reduction("mean", "mm.mean");
    reduction("sum", "mm.sum");
    reduction("amax", "mm.amax");
    t.push_back({"transpose",
                 {required("input", K::Tensor), required("dim0", K::Int),
                  required("dim1", K::Int)},
                 applyTranspose});
    t.push_back({"permute",
                 {required("input", K::Tensor), required("dims", K::IntList)},
                 applyPermute});
    t.push_back({"reshape",
                 {required("input", K::Tensor), required("shape", K::Shape)},
                 applyReshape});
    t.push_back({"flatten",
                 {required("input", K::Tensor), withDefault("start_dim", 0),
                  withDefault("end_dim", -1)},
                 applyFlatten});
    t.push_back({"cat",
                 {required("tensors", K::TensorList), withDefault("dim", 0)},
                 applyCat});
    t.push_back({"stack",
                 {required("tensors", K::TensorList), withDefault("dim", 0)},
                 applyStack});
    t.push_back({"matmul",
                 {required("input", K::Tensor), required("other", K::Tensor)},
                 applyMatmul});
    t.push_back({"normalize",
                 {required("input", K::Tensor), withDefault("p", 2.0),
                  withDefault("dim", 1), withDefault("eps", 1e-12)},
                 applyNormalize});
    t.push_back({"zeros_like", {required("input", K::Tensor)}, applyLike,
                 "mm.zeros_like"});
    t.push_back({"ones_like", {required("input", K::Tensor)}, applyLike,
                 "mm.ones_like"});
    t.push_back({"max_pool2d",
                 {required("input", K::Tensor),
                  required("kernel_size", K::IntOrList),
                  optional("stride", K::IntOrList),
                  withDefault("padding", K::IntOrList, 0),
                  withDefault("dilation", K::IntOrList, 1),
                  withDefault("ceil_mode", false)},
                 applyPool, "mm.max_pool2d"});
    t.push_back({"avg_pool2d",
                 {required("input", K::Tensor),
                  required("kernel_size", K::IntOrList),
                  optional("stride", K::IntOrList),
                  withDefault("padding", K::IntOrList, 0),
                  withDefault("ceil_mode", false),
                  withDefault("count_include_pad", true)},
                 applyPool, "mm.avg_pool2d"});
    t.push_back({"adaptive_avg_pool2d",
                 {required("input", K::Tensor),
                  required("output_size", K::IntOrList)},
                 applyAdaptivePool});
    t.push_back({"interpolate",
                 {required("input", K::Tensor), optional("size", K::IntOrList),
                  optional("scale_factor", K::Float),
                  keywordOnly(withDefault("mode", "bilinear"))},
                 applyInterpolate});
    t.push_back({"to",
                 {required("input", K::Tensor), required("dtype", K::DType)},
                 applyTo});
    return t;
  }();
  return table;
}

const BuiltinFunction *sema::lookupBuiltinFunction(StringRef name) {
  for (const BuiltinFunction &fn : functions())
    if (name == fn.name)
      return &fn;
  return nullptr;
}

std::vector<std::string> sema::builtinFunctionNames() {
  std::vector<std::string> names;
  for (const BuiltinFunction &fn : functions())
    names.push_back(fn.name);
  return names;
}

//===----------------------------------------------------------------------===//
// Layers with weights
//===----------------------------------------------------------------------===//

/// Values of weight operands, in the order of LAYER's weights.
static std::vector<Value> weightValues(Sema &s, LayerInstance &layer,
                                       SMLoc loc) {
  std::vector<Value> values;
  for (const WeightSpec &w : layer.weights)
    values.push_back(s.weight(layer.weightName(w.name),
                              TensorType{ElementType::F32, w.shape}, loc));
  return values;
}

static bool constructEmbedding(Sema &s, LayerInstance &l) {
  if (!requirePositive(s, l.args, 0) || !requirePositive(s, l.args, 1))
    return false;
  l.weights.push_back({"weight", {Dim(l.args.getInt(0)), Dim(l.args.getInt(1))}});
  return true;
}

static std::optional<Value> applyEmbedding(Sema &s, LayerInstance &l,
                                           const BoundArgs &a) {
  const Value &x = a.get(0);
  if (x.type.element != ElementType::I32 && x.type.element != ElementType::I64)
    return s.error(a.loc(0), layerName(l) + " expects indices of type i32 or "
                                            "i64, found " +
                                 x.type.str());
  TensorType type{ElementType::F32, x.type.shape};
  type.shape.push_back(Dim(l.args.getInt(1)));
  std::vector<Value> operands = weightValues(s, l, a.callLoc);
  operands.push_back(x);
  return s.emit("mm.embedding", a.callLoc, layerWhat(l), operands, {type})[0];
}

static bool constructLinear(Sema &s, LayerInstance &l) {
  if (!requirePositive(s, l.args, 0) || !requirePositive(s, l.args, 1))
    return false;
  Dim in(l.args.getInt(0)), out(l.args.getInt(1));
  l.weights.push_back({"weight", {out, in}});
  if (l.args.getBool(2))
    l.weights.push_back({"bias", {out}});
  return true;
}

/// Checks that dimension D (from the end when negative) of X is EXPECTED.
static bool requireDim(Sema &s, const Value &x, SMLoc loc, int64_t d,
                       int64_t expected, const std::string &who,
                       const char *what) {
  int64_t rank = x.type.shape.size();
  int64_t i = d < 0 ? d + rank : d;
  if (i >= 0 && i < rank && x.type.shape[i] == Dim(expected))
    return true;
  s.error(loc, who + " expects " + what + " " + Twine(expected) + ", found " +
                   x.type.str());
  return false;
}

static std::optional<Value> applyLinear(Sema &s, LayerInstance &l,
                                        const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), layerName(l)) ||
      !requireDim(s, x, a.loc(0), -1, l.args.getInt(0), layerName(l),
                  "the last dimension of its input to be in_features ="))
    return std::nullopt;
  TensorType type = x.type;
  type.shape.back() = Dim(l.args.getInt(1));
  std::vector<Value> operands = {x};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  return s.emit("mm.linear", a.callLoc, layerWhat(l), operands, {type})[0];
}

/// LSTM and GRU: GATES gate blocks per weight matrix.
static bool constructRNN(Sema &s, LayerInstance &l, int64_t gates) {
  if (!requirePositive(s, l.args, 0) || !requirePositive(s, l.args, 1) ||
      !requirePositive(s, l.args, 2))
    return false;
  int64_t input = l.args.getInt(0), hidden = l.args.getInt(1);
  int64_t layers = l.args.getInt(2);
  int64_t dirs = l.args.getBool(3) ? 2 : 1;
  if (layers > 64)
    return s.error(l.args.loc(2), "num_layers must be at most 64"), false;
  // PyTorch's _flat_weights_names order: layer, direction, then the four.
  for (int64_t layer = 0; layer < layers; ++layer) {
    int64_t in = layer == 0 ? input : dirs * hidden;
    for (int64_t dir = 0; dir < dirs; ++dir) {
      std::string sfx =
          "_l" + std::to_string(layer) + (dir ? "_reverse" : "");
      l.weights.push_back({"weight_ih" + sfx, {Dim(gates * hidden), Dim(in)}});
      l.weights.push_back(
          {"weight_hh" + sfx, {Dim(gates * hidden), Dim(hidden)}});
      l.weights.push_back({"bias_ih" + sfx, {Dim(gates * hidden)}});
      l.weights.push_back({"bias_hh" + sfx, {Dim(gates * hidden)}});
    }
  }
  return true;
}

static bool constructLSTM(Sema &s, LayerInstance &l) {
  return constructRNN(s, l, 4);
}
static bool constructGRU(Sema &s, LayerInstance &l) {
  return constructRNN(s, l, 3);
}

static std::optional<Value> applyRNN(Sema &s, LayerInstance &l,
                                     const BoundArgs &a, bool isLSTM) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), layerName(l)) ||
      !requireRank(s, x, a.loc(0), {3}, layerName(l),
                   "batch-first [B, T, input_size]") ||
      !requireDim(s, x, a.loc(0), 2, l.args.getInt(0), layerName(l),
                  "input_size ="))
    return std::nullopt;
  int64_t hidden = l.args.getInt(1), layers = l.args.getInt(2);
  int64_t dirs = l.args.getBool(3) ? 2 : 1;
  const Shape &in = x.type.shape;
  TensorType output{ElementType::F32, {in[0], in[1], Dim(dirs * hidden)}};
  TensorType state{ElementType::F32, {Dim(dirs * layers), in[0], Dim(hidden)}};
  std::vector<Value> operands = {x};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  std::vector<TensorType> types = {output, state};
  if (isLSTM)
    types.push_back(state);
  std::vector<Value> results =
      s.emit(isLSTM ? "mm.lstm" : "mm.gru", a.callLoc, layerWhat(l), operands,
             types,
             {intAttr("hidden_size", hidden), intAttr("num_layers", layers),
              boolAttr("bidirectional", dirs == 2)});
  Value record;
  record.kind = Value::Record;
  record.stringValue = layerName(l);
  record.fields.push_back({"output", results[0]});
  record.fields.push_back({"h_n", results[1]});
  if (isLSTM)
    record.fields.push_back({"c_n", results[2]});
  return record;
}

static std::optional<Value> applyLSTM(Sema &s, LayerInstance &l,
                                      const BoundArgs &a) {
  return applyRNN(s, l, a, /*isLSTM=*/true);
}
static std::optional<Value> applyGRU(Sema &s, LayerInstance &l,
                                     const BoundArgs &a) {
  return applyRNN(s, l, a, /*isLSTM=*/false);
}

/// The number of spatial dimensions of a convolution layer.
static size_t convDims(const LayerInstance &l) {
  return StringRef(l.builtin->name) == "conv1d" ? 1 : 2;
}

static bool constructConv(Sema &s, LayerInstance &l) {
  size_t n = convDims(l);
  const BoundArgs &a = l.args;
  if (!requirePositive(s, a, 0) || !requirePositive(s, a, 1) ||
      !requirePositive(s, a, 2) || !requirePositive(s, a, 3) ||
      !requirePositive(s, a, 4, /*allowZero=*/true) ||
      !requirePositive(s, a, 5) || !requirePositive(s, a, 6))
    return false;
  auto kernel = expandInts(s, a, 2, n, "kernel_size");
  if (!kernel || !expandInts(s, a, 3, n, "stride") ||
      !expandInts(s, a, 4, n, "padding") || !expandInts(s, a, 5, n, "dilation"))
    return false;
  int64_t in = a.getInt(0), out = a.getInt(1), groups = a.getInt(6);
  if (in % groups || out % groups)
    return s.error(a.loc(6), "in_channels (" + Twine(in) +
                                 ") and out_channels (" + Twine(out) +
                                 ") must be multiples of groups (" +
                                 Twine(groups) + ")"),
           false;
  Shape weight = {Dim(out), Dim(in / groups)};
  for (int64_t k : *kernel)
    weight.push_back(Dim(k));
  l.weights.push_back({"weight", weight});
  if (a.getBool(7))
    l.weights.push_back({"bias", {Dim(out)}});
  return true;
}

static std::optional<Value> applyConv(Sema &s, LayerInstance &l,
                                      const BoundArgs &a) {
  size_t n = convDims(l);
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), layerName(l)) ||
      !requireRank(s, x, a.loc(0), {n + 2}, layerName(l),
                   n == 1 ? "[N, C, L]" : "[N, C, H, W]") ||
      !requireDim(s, x, a.loc(0), 1, l.args.getInt(0), layerName(l),
                  "channels (dimension 1) ="))
    return std::nullopt;
  std::vector<int64_t> kernel = *expandInts(s, l.args, 2, n, "kernel_size");
  std::vector<int64_t> stride = *expandInts(s, l.args, 3, n, "stride");
  std::vector<int64_t> padding = *expandInts(s, l.args, 4, n, "padding");
  std::vector<int64_t> dilation = *expandInts(s, l.args, 5, n, "dilation");
  TensorType type = x.type;
  type.shape[1] = Dim(l.args.getInt(1));
  for (size_t i = 0; i < n; ++i) {
    Dim out = windowOutput(x.type.shape[2 + i], kernel[i], stride[i],
                           padding[i], dilation[i], false);
    if (out.isConstant() && out.getConstant() <= 0)
      return s.error(a.loc(0), layerName(l) + ": input " + x.type.str() +
                                   " is smaller than the kernel");
    type.shape[2 + i] = out;
  }
  std::vector<Value> operands = {x};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  return s.emit(n == 1 ? "mm.conv1d" : "mm.conv2d", a.callLoc, layerWhat(l),
                operands, {type},
                {intsAttr("stride", stride), intsAttr("padding", padding),
                 intsAttr("dilation", dilation),
                 intAttr("groups", l.args.getInt(6))})[0];
}

static bool constructBatchNorm(Sema &s, LayerInstance &l) {
  if (!requirePositive(s, l.args, 0))
    return false;
  Dim c(l.args.getInt(0));
  // num_batches_tracked is in PyTorch's state_dict too; eval mode ignores it.
  for (const char *name : {"weight", "bias", "running_mean", "running_var"})
    l.weights.push_back({name, {c}});
  return true;
}

static std::optional<Value> applyBatchNorm(Sema &s, LayerInstance &l,
                                           const BoundArgs &a) {
  const Value &x = a.get(0);
  bool is1d = StringRef(l.builtin->name) == "batch_norm1d";
  if (!s.requireFloat(x, a.loc(0), layerName(l)) ||
      !requireRank(s, x, a.loc(0), is1d ? std::initializer_list<size_t>{2, 3}
                                        : std::initializer_list<size_t>{4},
                   layerName(l), is1d ? "[N, C] or [N, C, L]" : "[N, C, H, W]") ||
      !requireDim(s, x, a.loc(0), 1, l.args.getInt(0), layerName(l),
                  "num_features (dimension 1) ="))
    return std::nullopt;
  std::vector<Value> operands = {x};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  return s.emit("mm.batch_norm", a.callLoc, layerWhat(l), operands, {x.type},
                {floatAttr("eps", l.args.getFloat(1))})[0];
}

static bool constructLayerNorm(Sema &s, LayerInstance &l) {
  if (!requirePositive(s, l.args, 0))
    return false;
  Shape shape;
  for (int64_t d : l.args.getInts(0))
    shape.push_back(Dim(d));
  l.weights.push_back({"weight", shape});
  l.weights.push_back({"bias", shape});
  return true;
}

static std::optional<Value> applyLayerNorm(Sema &s, LayerInstance &l,
                                           const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), layerName(l)))
    return std::nullopt;
  std::vector<int64_t> normalized = l.args.getInts(0);
  const Shape &shape = x.type.shape;
  bool ok = shape.size() >= normalized.size();
  for (size_t i = 0; ok && i < normalized.size(); ++i)
    ok = shape[shape.size() - normalized.size() + i] == Dim(normalized[i]);
  if (!ok) {
    Shape expected;
    for (int64_t d : normalized)
      expected.push_back(Dim(d));
    return s.error(a.loc(0), layerName(l) + " expects an input ending in " +
                                 shapeToString(expected) + ", found " +
                                 x.type.str());
  }
  std::vector<Value> operands = {x};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  return s.emit("mm.layer_norm", a.callLoc, layerWhat(l), operands, {x.type},
                {floatAttr("eps", l.args.getFloat(1))})[0];
}

/// The weights of nn.MultiheadAttention(E, heads, bias) under PREFIX.
static void attentionWeights(std::vector<WeightSpec> &weights,
                             const std::string &prefix, int64_t e, bool bias) {
  weights.push_back({prefix + "in_proj_weight", {Dim(3 * e), Dim(e)}});
  if (bias)
    weights.push_back({prefix + "in_proj_bias", {Dim(3 * e)}});
  weights.push_back({prefix + "out_proj.weight", {Dim(e), Dim(e)}});
  if (bias)
    weights.push_back({prefix + "out_proj.bias", {Dim(e)}});
}

static bool checkHeads(Sema &s, const BoundArgs &a) {
  if (!requirePositive(s, a, 0) || !requirePositive(s, a, 1))
    return false;
  if (a.getInt(0) % a.getInt(1))
    return s.error(a.loc(1), "the embedding dimension (" + Twine(a.getInt(0)) +
                                 ") must be a multiple of the number of "
                                 "heads (" +
                                 Twine(a.getInt(1)) + ")"),
           false;
  return true;
}

static bool constructAttention(Sema &s, LayerInstance &l) {
  if (!checkHeads(s, l.args))
    return false;
  attentionWeights(l.weights, "", l.args.getInt(0), l.args.getBool(2));
  return true;
}

/// Checks a key padding mask [B, S] against KEYS [B, S, E].
static bool checkMask(Sema &s, const BoundArgs &a, unsigned i,
                      const Value &keys, const std::string &who) {
  if (!a.has(i))
    return true;
  const Value &mask = a.get(i);
  const Shape &k = keys.type.shape;
  if (mask.type.shape.size() == 2 && mask.type.shape[0] == k[0] &&
      mask.type.shape[1] == k[1])
    return true;
  s.error(a.loc(i), who + " expects a key padding mask of shape " +
                        shapeToString({k[0], k[1]}) + ", found " +
                        mask.type.str());
  return false;
}

static std::optional<Value> applyAttention(Sema &s, LayerInstance &l,
                                           const BoundArgs &a) {
  int64_t e = l.args.getInt(0);
  std::string who = layerName(l);
  for (unsigned i = 0; i < 3; ++i) {
    const Value &x = a.get(i);
    if (!s.requireFloat(x, a.loc(i), who) ||
        !requireRank(s, x, a.loc(i), {3}, who, "batch-first [B, L, E]") ||
        !requireDim(s, x, a.loc(i), 2, e, who, "embed_dim ="))
      return std::nullopt;
  }
  const Shape &q = a.get(0).type.shape, &k = a.get(1).type.shape,
              &v = a.get(2).type.shape;
  if (q[0] != k[0] || k[0] != v[0] || k[1] != v[1])
    return s.error(a.loc(1), who + " expects keys and values [B, S, E] for "
                                   "queries [B, L, E], found query " +
                                 shapeToString(q) + ", key " +
                                 shapeToString(k) + ", value " +
                                 shapeToString(v));
  if (!checkMask(s, a, 3, a.get(1), who))
    return std::nullopt;
  std::vector<Value> operands = {a.get(0), a.get(1), a.get(2)};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  if (a.has(3))
    operands.push_back(a.get(3));
  return s.emit("mm.multihead_attention", a.callLoc, layerWhat(l), operands,
                {a.get(0).type},
                {intAttr("num_heads", l.args.getInt(1)),
                 boolAttr("bias", l.args.getBool(2)),
                 boolAttr("has_key_padding_mask", a.has(3))})[0];
}

static bool constructEncoderLayer(Sema &s, LayerInstance &l) {
  const BoundArgs &a = l.args;
  if (!checkHeads(s, a) || !requirePositive(s, a, 2))
    return false;
  const std::string &activation = a.getString(3);
  if (activation != "relu" && activation != "gelu")
    return s.error(a.loc(3), "activation must be \"relu\" or \"gelu\", found "
                             "\"" +
                                 activation + "\""),
           false;
  int64_t d = a.getInt(0), ff = a.getInt(2);
  attentionWeights(l.weights, "self_attn.", d, true);
  l.weights.push_back({"linear1.weight", {Dim(ff), Dim(d)}});
  l.weights.push_back({"linear1.bias", {Dim(ff)}});
  l.weights.push_back({"linear2.weight", {Dim(d), Dim(ff)}});
  l.weights.push_back({"linear2.bias", {Dim(d)}});
  for (const char *name :
       {"norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"})
    l.weights.push_back({name, {Dim(d)}});
  return true;
}

static std::optional<Value> applyEncoderLayer(Sema &s, LayerInstance &l,
                                              const BoundArgs &a) {
  const Value &x = a.get(0);
  std::string who = layerName(l);
  if (!s.requireFloat(x, a.loc(0), who) ||
      !requireRank(s, x, a.loc(0), {3}, who, "batch-first [B, S, d_model]") ||
      !requireDim(s, x, a.loc(0), 2, l.args.getInt(0), who, "d_model =") ||
      !checkMask(s, a, 1, x, who))
    return std::nullopt;
  std::vector<Value> operands = {x};
  for (Value &w : weightValues(s, l, a.callLoc))
    operands.push_back(w);
  if (a.has(1))
    operands.push_back(a.get(1));
  return s.emit("mm.transformer_encoder_layer", a.callLoc, layerWhat(l),
                operands, {x.type},
                {intAttr("nhead", l.args.getInt(1)),
                 stringAttr("activation", l.args.getString(3)),
                 floatAttr("layer_norm_eps", l.args.getFloat(4)),
                 boolAttr("norm_first", l.args.getBool(5)),
                 boolAttr("has_key_padding_mask", a.has(1))})[0];
}

//===----------------------------------------------------------------------===//
// Audio front-end
//===----------------------------------------------------------------------===//

namespace {
/// The STFT arguments shared by spectrogram and mel_spectrogram, resolved.
struct StftArgs {
  int64_t nFft, winLength, hopLength, pad;
  double power;
  bool normalized, center;
  std::string padMode;
};
} // namespace

/// Reads and checks the STFT arguments at the given parameter indices.
static std::optional<StftArgs> stftArgs(Sema &s, const BoundArgs &a,
                                        unsigned nFft, unsigned win,
                                        unsigned hop, unsigned pad,
                                        unsigned power, unsigned normalized,
                                        unsigned center, unsigned padMode) {
  StftArgs r;
  r.nFft = a.getInt(nFft);
  if (r.nFft <= 0)
    return s.error(a.loc(nFft), "n_fft must be positive, found " +
                                    Twine(r.nFft));
  r.winLength = a.has(win) ? a.getInt(win) : r.nFft;
  if (r.winLength <= 0 || r.winLength > r.nFft)
    return s.error(a.loc(win), "win_length must be in 1.." + Twine(r.nFft) +
                                   " (n_fft), found " + Twine(r.winLength));
  r.hopLength = a.has(hop) ? a.getInt(hop) : r.winLength / 2;
  if (r.hopLength <= 0)
    return s.error(a.loc(hop), "hop_length must be positive, found " +
                                   Twine(r.hopLength));
  r.pad = a.getInt(pad);
  if (r.pad < 0)
    return s.error(a.loc(pad), "pad must be non-negative");
  r.power = a.getFloat(power);
  if (!(r.power > 0))
    return s.error(a.loc(power), "power must be positive");
  r.normalized = a.getBool(normalized);
  r.center = a.getBool(center);
  r.padMode = a.getString(padMode);
  if (r.padMode != "reflect" && r.padMode != "constant" &&
      r.padMode != "replicate")
    return s.error(a.loc(padMode), "pad_mode must be \"reflect\", "
                                   "\"constant\" or \"replicate\", found \"" +
                                       r.padMode + "\"");
  return r;
}

static std::vector<Attribute> stftAttrs(const StftArgs &r) {
  return {intAttr("n_fft", r.nFft),
          intAttr("win_length", r.winLength),
          intAttr("hop_length", r.hopLength),
          intAttr("pad", r.pad),
          floatAttr("power", r.power),
          boolAttr("normalized", r.normalized),
          boolAttr("center", r.center),
          stringAttr("pad_mode", r.padMode)};
}

/// The shape of a spectrogram of X with CHANNELS frequency rows.
static std::optional<TensorType> stftType(Sema &s, const Value &x, SMLoc loc,
                                          const StftArgs &r, int64_t channels,
                                          const std::string &who) {
  if (!s.requireFloat(x, loc, who))
    return std::nullopt;
  if (x.type.shape.empty())
    return s.error(loc, who + " expects a waveform [..., time], found " +
                            x.type.str());
  const Dim &time = x.type.shape.back();
  if (r.center && r.padMode == "reflect" && time.isConstant() &&
      time.getConstant() + 2 * r.pad <= r.nFft / 2)
    return s.error(loc, who + ": reflect padding of " + Twine(r.nFft / 2) +
                            " needs more than that many samples, found " +
                            x.type.str());
  Dim padded = time + Dim(2 * r.pad + (r.center ? 2 * (r.nFft / 2) : 0));
  if (padded.isConstant() && padded.getConstant() < r.nFft)
    return s.error(loc, who + ": " + x.type.str() +
                            " is shorter than one window of n_fft = " +
                            Twine(r.nFft));
  // torch.stft refuses what the checks above refuse for a constant length;
  // for a symbolic one the runtime checks the same bound before a call.
  int64_t extra = 2 * r.pad + (r.center ? 2 * (r.nFft / 2) : 0);
  int64_t minTime = std::max<int64_t>(r.nFft - extra, 0);
  if (r.center && r.padMode == "reflect")
    minTime = std::max<int64_t>(minTime, r.nFft / 2 + 1 - 2 * r.pad);
  s.requireAtLeast(time, minTime);
  Dim frames = (padded - Dim(r.nFft)).floorDiv(r.hopLength) + Dim(1);
  TensorType type = x.type;
  type.shape.back() = Dim(channels);
  type.shape.push_back(frames);
  return type;
}

static bool constructSpectrogram(Sema &s, LayerInstance &l) {
  return stftArgs(s, l.args, 0, 1, 2, 3, 4, 5, 6, 7).has_value();
}

static std::optional<Value> applySpectrogram(Sema &s, LayerInstance &l,
                                             const BoundArgs &a) {
  StftArgs r = *stftArgs(s, l.args, 0, 1, 2, 3, 4, 5, 6, 7);
  std::optional<TensorType> type =
      stftType(s, a.get(0), a.loc(0), r, r.nFft / 2 + 1, layerName(l));
  if (!type)
    return std::nullopt;
  std::vector<Attribute> attrs = stftAttrs(r);
  attrs.push_back(layerNameAttr(l));
  return s.emit("mm.spectrogram", a.callLoc, layerWhat(l), {a.get(0)}, {*type},
                attrs)[0];
}

// mel_spectrogram(sample_rate 0, n_fft 1, win_length 2, hop_length 3,
//                 f_min 4, f_max 5, pad 6, n_mels 7, power 8, normalized 9,
//                 center 10, pad_mode 11, norm 12, mel_scale 13)
static bool constructMelSpectrogram(Sema &s, LayerInstance &l) {
  const BoundArgs &a = l.args;
  if (!stftArgs(s, a, 1, 2, 3, 6, 8, 9, 10, 11))
    return false;
  if (!requirePositive(s, a, 0) || !requirePositive(s, a, 7))
    return false;
  double fMin = a.getFloat(4);
  double fMax = a.has(5) ? a.getFloat(5) : a.getInt(0) / 2.0;
  if (!(fMin >= 0 && fMin < fMax && fMax <= a.getInt(0) / 2.0))
    return s.error(a.has(5) ? a.loc(5) : a.loc(4),
                   "mel_spectrogram needs 0 <= f_min < f_max <= sample_rate "
                   "/ 2, found f_min = " +
                       formatDouble(fMin) + ", f_max = " + formatDouble(fMax)),
           false;
  if (a.has(12) && a.getString(12) != "slaney")
    return s.error(a.loc(12), "norm must be \"slaney\" or absent, found \"" +
                                  a.getString(12) + "\""),
           false;
  if (a.getString(13) != "htk" && a.getString(13) != "slaney")
    return s.error(a.loc(13), "mel_scale must be \"htk\" or \"slaney\", found "
                              "\"" +
                                  a.getString(13) + "\""),
           false;
  return true;
}

static std::optional<Value> applyMelSpectrogram(Sema &s, LayerInstance &l,
                                                const BoundArgs &a) {
  const BoundArgs &c = l.args;
  StftArgs r = *stftArgs(s, c, 1, 2, 3, 6, 8, 9, 10, 11);
  std::optional<TensorType> type =
      stftType(s, a.get(0), a.loc(0), r, c.getInt(7), layerName(l));
  if (!type)
    return std::nullopt;
  std::vector<Attribute> attrs = stftAttrs(r);
  attrs.push_back(intAttr("sample_rate", c.getInt(0)));
  attrs.push_back(intAttr("n_mels", c.getInt(7)));
  attrs.push_back(floatAttr("f_min", c.getFloat(4)));
  if (c.has(5))
    attrs.push_back(floatAttr("f_max", c.getFloat(5)));
  attrs.push_back(stringAttr("norm", c.has(12) ? c.getString(12) : ""));
  attrs.push_back(stringAttr("mel_scale", c.getString(13)));
  attrs.push_back(layerNameAttr(l));
  return s.emit("mm.mel_spectrogram", a.callLoc, layerWhat(l), {a.get(0)},
                {*type}, attrs)[0];
}

static bool constructAmplitudeToDB(Sema &s, LayerInstance &l) {
  const BoundArgs &a = l.args;
  if (a.getString(0) != "power" && a.getString(0) != "magnitude")
    return s.error(a.loc(0), "stype must be \"power\" or \"magnitude\", found "
                             "\"" +
                                 a.getString(0) + "\""),
           false;
  if (a.has(1) && a.getFloat(1) < 0)
    return s.error(a.loc(1), "top_db must be non-negative"), false;
  return true;
}

static std::optional<Value> applyAmplitudeToDB(Sema &s, LayerInstance &l,
                                               const BoundArgs &a) {
  const Value &x = a.get(0);
  if (!s.requireFloat(x, a.loc(0), layerName(l)))
    return std::nullopt;
  std::vector<Attribute> attrs = {stringAttr("stype", l.args.getString(0))};
  if (l.args.has(1))
    attrs.push_back(floatAttr("top_db", l.args.getFloat(1)));
  return s.emit("mm.amplitude_to_db", a.callLoc, layerWhat(l), {x}, {x.type},
                attrs)[0];
}

//===----------------------------------------------------------------------===//
// The layer table
//===----------------------------------------------------------------------===//

static const std::vector<BuiltinLayer> &layers() {
  using K = ArgKind;
  static const std::vector<BuiltinLayer> table = [] {
    std::vector<BuiltinLayer> t;
    std::vector<ParamSpec> input = {required("input", K::Tensor)};
    t.push_back({"embedding",
                 {required("num_embeddings", K::Int),
                  required("embedding_dim", K::Int)},
                 input, constructEmbedding, applyEmbedding});
    t.push_back({"linear",
                 {required("in_features", K::Int),
                  required("out_features", K::Int), withDefault("bias", true)},
                 input, constructLinear, applyLinear});
    std::vector<ParamSpec> rnn = {required("input_size", K::Int),
                                  required("hidden_size", K::Int),
                                  withDefault("num_layers", 1),
                                  keywordOnly(withDefault("bidirectional", false))};
    t.push_back({"lstm", rnn, input, constructLSTM, applyLSTM});
    t.push_back({"gru", rnn, input, constructGRU, applyGRU});
    std::vector<ParamSpec> conv = {
        required("in_channels", K::Int), required("out_channels", K::Int),
        required("kernel_size", K::IntOrList),
        withDefault("stride", K::IntOrList, 1),
        withDefault("padding", K::IntOrList, 0),
        withDefault("dilation", K::IntOrList, 1), withDefault("groups", 1),
        withDefault("bias", true)};
    t.push_back({"conv1d", conv, input, constructConv, applyConv});
    t.push_back({"conv2d", conv, input, constructConv, applyConv});
    std::vector<ParamSpec> bn = {required("num_features", K::Int),
                                 withDefault("eps", 1e-5)};
    t.push_back({"batch_norm1d", bn, input, constructBatchNorm, applyBatchNorm});
    t.push_back({"batch_norm2d", bn, input, constructBatchNorm, applyBatchNorm});
    t.push_back({"layer_norm",
                 {required("normalized_shape", K::IntOrList),
                  withDefault("eps", 1e-5)},
                 input, constructLayerNorm, applyLayerNorm});
    t.push_back({"multihead_attention",
                 {required("embed_dim", K::Int), required("num_heads", K::Int),
                  keywordOnly(withDefault("bias", true))},
                 {required("query", K::Tensor), required("key", K::Tensor),
                  required("value", K::Tensor),
                  optional("key_padding_mask", K::Tensor)},
                 constructAttention, applyAttention});
    t.push_back({"transformer_encoder_layer",
                 {required("d_model", K::Int), required("nhead", K::Int),
                  withDefault("dim_feedforward", 2048),
                  keywordOnly(withDefault("activation", "relu")),
                  keywordOnly(withDefault("layer_norm_eps", 1e-5)),
                  keywordOnly(withDefault("norm_first", false))},
                 {required("src", K::Tensor),
                  keywordOnly(optional("src_key_padding_mask", K::Tensor))},
                 constructEncoderLayer, applyEncoderLayer});
    std::vector<ParamSpec> waveform = {required("waveform", K::Tensor)};
    t.push_back({"spectrogram",
                 {withDefault("n_fft", 400), optional("win_length", K::Int),
                  optional("hop_length", K::Int), withDefault("pad", 0),
                  keywordOnly(withDefault("power", 2.0)),
                  keywordOnly(withDefault("normalized", false)),
                  keywordOnly(withDefault("center", true)),
                  keywordOnly(withDefault("pad_mode", "reflect"))},
                 waveform, constructSpectrogram, applySpectrogram});
    t.push_back({"mel_spectrogram",
                 {withDefault("sample_rate", 16000), withDefault("n_fft", 400),
                  optional("win_length", K::Int),
                  optional("hop_length", K::Int), withDefault("f_min", 0.0),
                  optional("f_max", K::Float), withDefault("pad", 0),
                  withDefault("n_mels", 128),
                  keywordOnly(withDefault("power", 2.0)),
                  keywordOnly(withDefault("normalized", false)),
                  keywordOnly(withDefault("center", true)),
                  keywordOnly(withDefault("pad_mode", "reflect")),
                  keywordOnly(optional("norm", K::String)),
                  keywordOnly(withDefault("mel_scale", "htk"))},
                 waveform, constructMelSpectrogram, applyMelSpectrogram});
    t.push_back({"amplitude_to_db",
                 {withDefault("stype", "power"), optional("top_db", K::Float)},
                 {required("x", K::Tensor)}, constructAmplitudeToDB,
                 applyAmplitudeToDB});
    return t;
  }();
  return table;
}

const BuiltinLayer *sema::lookupBuiltinLayer(StringRef name) {
  for (const BuiltinLayer &layer : layers())
    if (name == layer.name)
      return &layer;
  return nullptr;
}

std::vector<std::string> sema::builtinLayerNames() {
  std::vector<std::string> names;
  for (const BuiltinLayer &layer : layers())
    names.push_back(layer.name);
  return names;
}
