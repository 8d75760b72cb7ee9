//===- VectorizeContractions.cpp - register tiles for matmul-like ops -----===//
//
// convert-linalg-to-loops turns a matmul into a scalar loop nest whose
// innermost loop is the reduction: one load of A, one of B, one
// multiply-add, one store of C per step, which LLVM cannot keep in
// registers because it cannot tell that C does not alias A or B. This pass
// writes the loop nest itself instead: each TILE-M x TILE-N block of C is
// held in vector registers across the whole K loop, and each K step is one
// outer product (a broadcast element of A times a row of B for each row of
// the tile). B's rows are read as vectors from a small panel that each
// column tile first fills with its columns of B: a contiguous copy, or for
// `x W^T` a transpose in registers of W's rows, so that no op needs a
// transposed copy of a whole weight matrix. Convolutions become im2col and
// such a contraction; elementwise ops on whole buffers become one loop, for
// LLVM to vectorize along memory.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/MathExtras.h"

namespace mm {
#define GEN_PASS_DEF_VECTORIZECONTRACTIONS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
/// The roles of the loops and operands of a contraction
/// `out[...] += lhs[...] * rhs[...]`.
struct Contraction {
  /// Input operand numbers: LHS holds the M loop, RHS the N loop.
  unsigned lhs = 0, rhs = 1;
  /// Loop numbers. N is the innermost dimension of the output, M a parallel
  /// loop of the output and of LHS only, K the one reduction loop.
  unsigned m = 0, n = 0, k = 0;
  /// Every other (parallel) loop, iterated one index at a time.
  SmallVector<unsigned> batch;
  /// RHS is a weight packed by mm-pack-weights, read at
  /// `(n floordiv TILE-N, k, n mod TILE-N)`.
  bool packedRhs = false;
};
} // namespace

/// Whether BODY is `out + lhs * rhs` on f32 (in either operand order), the
/// body of linalg.matmul and of the contractions of the lowering.
static bool isMulAddBody(Block &body) {
  if (body.getNumArguments() != 3 || body.getOperations().size() != 3)
    return false;
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (!yield || yield.getNumOperands() != 1)
    return false;
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value out = body.getArgument(2);
  Value product = add.getLhs() == out   ? add.getRhs()
                  : add.getRhs() == out ? add.getLhs()
                                        : Value();
  auto mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
  if (!mul)
    return false;
  Value a = body.getArgument(0), b = body.getArgument(1);
  return (mul.getLhs() == a && mul.getRhs() == b) || (mul.getLhs() == b && mul.getRhs() == a);
}

/// Whether consecutive indices of the last dimension of TYPE are adjacent in
/// memory, as vector loads and stores need.
static bool hasUnitInnerStride(MemRefType type) {
  if (type.getRank() == 0)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(getStridesAndOffset(type, strides, offset)))
    return false;
  return strides.back() == 1;
}

static bool usesDim(AffineMap map, unsigned dim) {
  return llvm::any_of(map.getResults(), [&](AffineExpr e) { return e.isFunctionOfDim(dim); });
}

/// Whether MAP reads Wp [N / TILE, K, TILE] of mm-pack-weights:
/// `(n floordiv TILE, k, n mod TILE)`.
static bool isPackedMap(AffineMap map, unsigned n, unsigned k, int64_t tile) {
  MLIRContext *ctx = map.getContext();
  AffineExpr nd = getAffineDimExpr(n, ctx);
  return map.getNumResults() == 3 && map.getResult(0) == nd.floorDiv(tile) &&
         map.getResult(1) == getAffineDimExpr(k, ctx) && map.getResult(2) == nd % tile;
}

/// The roles of OP's loops if it is an f32 contraction on buffers this pass
/// handles, with column tiles of TILE-N.
static std::optional<Contraction> analyze(linalg::LinalgOp op, int64_t tileN) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op->getNumRegions() != 1 || !isMulAddBody(*op.getBlock()))
    return std::nullopt;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !type.getElementType().isF32())
      return std::nullopt;
  }
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap outMap = maps[2];
  if (!outMap.isProjectedPermutation(true))
    return std::nullopt;
  if (outMap.getNumResults() == 0 || !hasUnitInnerStride(cast<MemRefType>(op.getDpsInits()[0].getType())))
    return std::nullopt;
  auto innermost = dyn_cast<AffineDimExpr>(outMap.getResults().back());
  if (!innermost)
    return std::nullopt;

  Contraction c;
  c.n = innermost.getPosition();
  if (usesDim(maps[0], c.n) == usesDim(maps[1], c.n))
    return std::nullopt;
  c.rhs = usesDim(maps[0], c.n) ? 0 : 1;
  c.lhs = 1 - c.rhs;
  AffineMap lhsMap = maps[c.lhs], rhsMap = maps[c.rhs];
  // B is read through a permutation of the loops, or packed (checked once K
  // is known).
  c.packedRhs = !rhsMap.isProjectedPermutation(true);
  if (!lhsMap.isProjectedPermutation(true))
    return std::nullopt;

  std::optional<unsigned> m, k;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (unsigned d = 0, e = op.getNumLoops(); d < e; ++d) {
    if (d == c.n)
      continue;
    bool inLhs = usesDim(lhsMap, d), inRhs = usesDim(rhsMap, d), inOut = usesDim(outMap, d);
    if (iterators[d] == utils::IteratorType::reduction) {
      // One reduction loop, shared by both inputs: that is K.
      if (k || inOut || !inLhs || !inRhs)
        return std::nullopt;
      k = d;
      continue;
    }
    if (!inOut)
      return std::nullopt;
    // The last parallel loop of LHS only is M (the rows of a register
    // tile); the others are batch loops.
    if (inLhs && !inRhs) {
      if (m)
        c.batch.push_back(*m);
      m = d;
      continue;
    }
    c.batch.push_back(d);
  }
  if (!m || !k)
    return std::nullopt;
  c.m = *m;
  c.k = *k;
  if (c.packedRhs) {
    auto rhsType = cast<MemRefType>(op.getDpsInputs()[c.rhs].getType());
    if (!isPackedMap(rhsMap, c.n, c.k, tileN) || !hasUnitInnerStride(rhsType) ||
        rhsType.getDimSize(2) != tileN)
      return std::nullopt;
  }
  return c;
}


static Value rootBuffer(Value value);

/// A linalg.generic `out += lhs * rhs` with MAPS and ITERATORS: the form of
/// the contractions that the tiles of this pass handle.
static linalg::GenericOp buildMulAdd(OpBuilder &b, Location loc, Value lhs, Value rhs, Value out,
                                     ArrayRef<AffineMap> maps,
                                     ArrayRef<utils::IteratorType> iterators) {
  return b.create<linalg::GenericOp>(
      loc, TypeRange{}, ValueRange{lhs, rhs}, ValueRange{out}, maps, iterators,
      [](OpBuilder &nb, Location nl, ValueRange args) {
        Value product = nb.create<arith::MulFOp>(nl, args[0], args[1]);
        nb.create<linalg::YieldOp>(nl, ValueRange{nb.create<arith::AddFOp>(nl, args[2], product)});
      });
}

namespace {
/// What a convolution reads: SOURCE with PADH rows and PADW columns of zeros
/// in front (and as many as the output needs behind).
struct ConvSource {
  Value source;
  int64_t padH = 0, padW = 0;
  /// The zero-padded copy of SOURCE that the convolution read, which the
  /// rewrite makes dead: its allocation, fill, subview, copy and deallocs.
  SmallVector<Operation *> paddedCopy;
  /// The deallocs of SOURCE between the copy and the convolution (its last
  /// reader was the copy), which must now follow the convolution.
  SmallVector<Operation *> laterFrees;
};
} // namespace

/// Whether OP only fills its one output with zeros: a linalg.fill or a
/// linalg.map without inputs (what bufferization makes of a tensor.pad).
static bool isZeroFill(Operation *op) {
  Value value;
  if (auto fill = dyn_cast<linalg::FillOp>(op)) {
    value = fill.getDpsInputs()[0];
  } else if (auto map = dyn_cast<linalg::MapOp>(op)) {
    if (!map.getInputs().empty())
      return false;
    value = map.getMapper().front().getTerminator()->getOperand(0);
  } else {
    return false;
  }
  return matchPattern(value, m_AnyZeroFloat());
}

/// Whether any op strictly between FROM and TO (in one block) may write
/// or free the buffer that BUFFER is a view of, but for memref.deallocs,
/// which are added to FREES.
static bool mayWriteBetween(Operation *from, Operation *to, Value buffer,
                            SmallVectorImpl<Operation *> &frees) {
  Value root = rootBuffer(buffer);
  for (Operation *op = from->getNextNode(); op && op != to; op = op->getNextNode()) {
    if (isMemoryEffectFree(op))
      continue;
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
      if (rootBuffer(dealloc.getMemref()) == root)
        frees.push_back(op);
      continue;
    }
    auto effects = dyn_cast<MemoryEffectOpInterface>(op);
    if (!effects)
      return true;
    SmallVector<MemoryEffects::EffectInstance> instances;
    effects.getEffects(instances);
    for (MemoryEffects::EffectInstance &effect : instances) {
      if (!isa<MemoryEffects::Write, MemoryEffects::Free>(effect.getEffect()))
        continue;
      Value written = effect.getValue();
      if (!written || rootBuffer(written) == root)
        return true;
    }
  }
  return false;
}

/// The buffer CONV reads, seen through a zero-padded copy when its input is
/// one that nothing else reads (bufferization turns a tensor.pad into an
/// allocation, a fill with zeros and a copy into a subview): the im2col
/// then reads the unpadded buffer in place and writes the zeros itself.
static ConvSource findConvSource(linalg::Conv2DNchwFchwOp conv) {
  Value input = conv.getDpsInputs()[0];
  ConvSource none{input};
  auto alloc = input.getDefiningOp<memref::AllocOp>();
  if (!alloc)
    return none;
  Operation *fill = nullptr;
  memref::SubViewOp subview;
  SmallVector<Operation *> deallocs;
  for (Operation *user : alloc->getUsers()) {
    if (user == conv)
      continue;
    if (isa<memref::DeallocOp>(user))
      deallocs.push_back(user);
    else if (isZeroFill(user) && !fill)
      fill = user;
    else if (auto view = dyn_cast<memref::SubViewOp>(user); view && !subview)
      subview = view;
    else
      return none;
  }
  if (!fill || !subview || !subview->hasOneUse())
    return none;
  auto copy = dyn_cast<memref::CopyOp>(*subview->getUsers().begin());
  Block *block = conv->getBlock();
  if (!copy || copy.getTarget() != subview.getResult() || fill->getBlock() != block ||
      copy->getBlock() != block || !fill->isBeforeInBlock(copy) || !copy->isBeforeInBlock(conv))
    return none;
  Value source = copy.getSource();
  auto sourceType = cast<MemRefType>(source.getType());
  SmallVector<Operation *> frees;
  if (!hasUnitInnerStride(sourceType) || mayWriteBetween(copy, conv, source, frees))
    return none;
  // The copy fills the padded buffer from [0, 0, padH, padW], unit strides.
  SmallVector<int64_t> offsets(subview.getStaticOffsets());
  if (!llvm::all_of(subview.getStaticStrides(), [](int64_t s) { return s == 1; }) ||
      offsets.size() != 4 || offsets[0] != 0 || offsets[1] != 0 ||
      ShapedType::isDynamic(offsets[2]) || ShapedType::isDynamic(offsets[3]))
    return none;
  ConvSource found{source, offsets[2], offsets[3], {fill, copy, subview}, frees};
  llvm::append_range(found.paddedCopy, deallocs);
  found.paddedCopy.push_back(alloc);
  return found;
}

/// The linalg.generic right before CONV (pure ops in between) that copies
/// a vector of one value per output channel into all of OUT: the bias of
/// a convolution.
static linalg::GenericOp findBiasBroadcast(linalg::Conv2DNchwFchwOp conv, Value out) {
  Operation *prev = conv->getPrevNode();
  while (prev && isMemoryEffectFree(prev))
    prev = prev->getPrevNode();
  auto generic = dyn_cast_or_null<linalg::GenericOp>(prev);
  if (!generic || !generic.hasPureBufferSemantics() || generic.getNumDpsInputs() != 1 ||
      generic.getNumDpsInits() != 1 || generic.getDpsInits()[0] != out ||
      generic.getNumReductionLoops() != 0)
    return {};
  Block &body = *generic.getBlock();
  if (body.getOperations().size() != 1 ||
      body.getTerminator()->getOperand(0) != body.getArgument(0))
    return {};
  MLIRContext *ctx = conv.getContext();
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  auto biasType = dyn_cast<MemRefType>(generic.getDpsInputs()[0].getType());
  if (!biasType || !biasType.getElementType().isF32() || !maps[1].isIdentity() ||
      maps[0] != AffineMap::get(4, 0, getAffineDimExpr(1, ctx)))
    return {};
  return generic;
}

/// Whether OP is `buffer = max(buffer, 0)` in place, elementwise: a relu.
static bool isInPlaceRelu(linalg::GenericOp op, Value buffer) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 ||
      op.getDpsInputs()[0] != buffer || op.getDpsInits()[0] != buffer ||
      op.getNumParallelLoops() != op.getNumLoops() ||
      !llvm::all_of(op.getIndexingMapsArray(), [](AffineMap m) { return m.isIdentity(); }))
    return false;
  Block &body = *op.getBlock();
  auto max = dyn_cast<arith::MaximumFOp>(body.front());
  if (body.getOperations().size() != 2 || !max ||
      body.getTerminator()->getOperand(0) != max.getResult())
    return false;
  Value x = body.getArgument(0);
  Value other = max.getLhs() == x ? max.getRhs() : max.getRhs() == x ? max.getLhs() : Value();
  return other && matchPattern(other, m_PosZeroFloat());
}

/// Whether every use of VALUE, and of the views of it, lies before POINT
/// (in POINT's block) or is one of IGNORED.
static bool usedOnlyBefore(Value value, Operation *point, ArrayRef<Operation *> ignored) {
  for (Operation *user : value.getUsers()) {
    if (llvm::is_contained(ignored, user))
      continue;
    Operation *ancestor = point->getBlock()->findAncestorOpInBlock(*user);
    if (!ancestor || !ancestor->isBeforeInBlock(point))
      return false;
    if (isa<ViewLikeOpInterface>(user))
      for (Value view : user->getResults())
        if (!usedOnlyBefore(view, point, ignored))
          return false;
  }
  return true;
}

/// The in-place relu of SOURCE (a buffer of its own) whose result only CONV
/// reads, and then frees: the im2col can take the maximum with zero as it
/// copies (the zeros of the padding stay zeros) and the relu's pass over
/// the buffer goes. IGNORED: the padded copy that the rewrite erases.
static linalg::GenericOp findFusableRelu(linalg::Conv2DNchwFchwOp conv, Value source,
                                         ArrayRef<Operation *> ignored) {
  if (!source.getDefiningOp<memref::AllocOp>())
    return {};
  linalg::GenericOp relu;
  SmallVector<Operation *> skip(ignored);
  skip.push_back(conv);
  for (Operation *user : source.getUsers()) {
    auto generic = dyn_cast<linalg::GenericOp>(user);
    if (generic && isInPlaceRelu(generic, source)) {
      // (A user once per operand: the relu reads and writes SOURCE.)
      if (relu && relu != generic)
        return {};
      relu = generic;
      continue;
    }
    if (isa<memref::DeallocOp>(user)) {
      if (user->getBlock() != conv->getBlock() || !conv->isBeforeInBlock(user))
        return {};
      skip.push_back(user);
    }
  }
  if (!relu || relu->getBlock() != conv->getBlock() || !relu->isBeforeInBlock(conv))
    return {};
  skip.push_back(relu);
  return usedOnlyBefore(source, relu, skip) ? relu : linalg::GenericOp();
}

/// The widest vectors that the im2col rows are cut into.
constexpr int64_t kIm2ColChunk = 16;

/// Copies the patches of image IMAGE of SOURCE (zero-padded by PADH, PADW)
/// into COL [C, KH, KW, OH, OW], all of whose sizes are static: for each
/// (c, kh, oh) an `scf.if` on whether the input row exists (else zeros);
/// each row of OW outputs is cut into vectors of up to kIm2ColChunk, each
/// one (masked) vector load of the input row and a shuffle that picks every
/// stride-th element and puts zeros where the patch lies in the padding.
/// Which lanes those are is known per (kw, chunk) at compile time. With
/// RELU, each loaded vector is max(x, 0).
static void emitIm2ColRows(OpBuilder &b, Location loc, Value source, Value image, Value col,
                           int64_t padH, int64_t padW, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations, bool relu) {
  auto sourceType = cast<MemRefType>(source.getType());
  ArrayRef<int64_t> colShape = cast<MemRefType>(col.getType()).getShape();
  int64_t height = sourceType.getDimSize(2), width = sourceType.getDimSize(3);
  int64_t kernelW = colShape[2], outH = colShape[3], outW = colShape[4];
  auto constant = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); };
  auto f32 = b.getF32Type();
  auto zeros = [&](int64_t n) {
    return b.create<arith::ConstantOp>(loc, b.getZeroAttr(VectorType::get({n}, f32)));
  };
  SmallVector<Value> lbs(3, constant(0)), steps(3, constant(1));
  SmallVector<Value> ubs = {constant(colShape[0]), constant(colShape[1]), constant(outH)};
  scf::buildLoopNest(b, loc, lbs, ubs, steps, [&](OpBuilder &nested, Location, ValueRange ivs) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
    Value c = ivs[0], kh = ivs[1], oh = ivs[2];
    // ih = oh * sh + kh * dh - padH, which may be negative.
    Value ih = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, oh, constant(strides[0])),
        b.create<arith::SubIOp>(loc, b.create<arith::MulIOp>(loc, kh, constant(dilations[0])),
                                constant(padH)));
    // Each chunk of each kw: one vector of up to kIm2ColChunk outputs.
    auto chunks = [&](bool zero) {
      for (int64_t kw = 0; kw < kernelW; ++kw) {
        for (int64_t ow0 = 0; ow0 < outW; ow0 += kIm2ColChunk) {
          int64_t lanes = std::min(kIm2ColChunk, outW - ow0);
          SmallVector<Value> at = {c, kh, constant(kw), oh, constant(ow0)};
          // The lanes [first, last) whose input column is in the row.
          int64_t base = ow0 * strides[1] + kw * dilations[1] - padW;
          int64_t first = 0, last = lanes;
          while (first < lanes && base + first * strides[1] < 0)
            ++first;
          while (last > first && base + (last - 1) * strides[1] >= width)
            --last;
          if (zero || first == last) {
            b.create<vector::StoreOp>(loc, zeros(lanes), col, at);
            continue;
          }
          int64_t span = (last - 1 - first) * strides[1] + 1;
          int64_t loaded = static_cast<int64_t>(llvm::PowerOf2Ceil(span));
          auto loadType = VectorType::get({loaded}, f32);
          SmallVector<Value> from = {image, c, ih, constant(base + first * strides[1])};
          Value row;
          if (span == loaded) {
            row = b.create<vector::LoadOp>(loc, loadType, source, from);
          } else {
            Value mask = b.create<vector::ConstantMaskOp>(
                loc, VectorType::get({loaded}, b.getI1Type()), b.getI64ArrayAttr({span}));
            row = b.create<vector::MaskedLoadOp>(loc, loadType, source, from, mask, zeros(loaded));
          }
          if (relu)
            row = b.create<arith::MaximumFOp>(loc, row, zeros(loaded));
          // Lane l takes element (l - first) * stride, or a zero.
          SmallVector<int64_t> pick;
          for (int64_t l = 0; l < lanes; ++l)
            pick.push_back(l < first || l >= last ? loaded : (l - first) * strides[1]);
          if (loaded != lanes || !llvm::equal(pick, llvm::seq<int64_t>(0, lanes)))
            row = b.create<vector::ShuffleOp>(loc, row, zeros(loaded), pick);
          b.create<vector::StoreOp>(loc, row, col, at);
        }
      }
    };
    if (padH == 0 && (outH - 1) * strides[0] + (colShape[1] - 1) * dilations[0] < height) {
      chunks(/*zero=*/false);
      return;
    }
    Value inRows = b.create<arith::AndIOp>(
        loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, ih, constant(0)),
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, ih, constant(height)));
    auto ifOp = b.create<scf::IfOp>(loc, inRows, /*withElseRegion=*/true);
    b.setInsertionPointToStart(ifOp.thenBlock());
    chunks(/*zero=*/false);
    b.setInsertionPointToStart(ifOp.elseBlock());
    chunks(/*zero=*/true);
  });
}

/// A convolution with static sizes but for the batch, one image at a time
/// while its data is in the caches: the bias copied into the image's
/// output, the image's patches copied into COL [C, KH, KW, OH, OW] straight
/// from the unpadded input (see findConvSource and emitIm2ColRows), then
/// OUT [F, OH * OW] += W [F, C * KH * KW] x COL. Returns false, changing
/// nothing, when the sizes are not static enough.
static bool rewriteConvPerImage(linalg::Conv2DNchwFchwOp conv, ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> dilations) {
  Value weight = conv.getDpsInputs()[1], out = conv.getDpsInits()[0];
  auto inputType = cast<MemRefType>(conv.getDpsInputs()[0].getType());
  auto weightType = cast<MemRefType>(weight.getType());
  auto outType = cast<MemRefType>(out.getType());
  for (MemRefType type : {inputType, outType})
    for (int64_t i = 1; i < 4; ++i)
      if (type.isDynamicDim(i))
        return false;
  if (weightType.getNumDynamicDims() != 0)
    return false;
  int64_t outW = outType.getDimSize(3);
  // Every (kw, chunk) of a row is code of its own.
  if (weightType.getDimSize(3) * llvm::divideCeil(outW, kIm2ColChunk) > 64)
    return false;

  ConvSource source = findConvSource(conv);
  auto sourceType = cast<MemRefType>(source.source.getType());
  if (!hasUnitInnerStride(sourceType) || sourceType.isDynamicDim(2) || sourceType.isDynamicDim(3))
    return false;
  linalg::GenericOp bias = findBiasBroadcast(conv, out);
  linalg::GenericOp relu = findFusableRelu(conv, source.source, source.paddedCopy);

  OpBuilder b(conv);
  Location loc = conv.getLoc();
  MLIRContext *ctx = b.getContext();
  int64_t filters = outType.getDimSize(1), pixels = outType.getDimSize(2) * outW;
  auto col = b.create<memref::AllocOp>(
      loc, MemRefType::get({weightType.getDimSize(1), weightType.getDimSize(2),
                            weightType.getDimSize(3), outType.getDimSize(2), outW},
                           b.getF32Type()));
  Value colView = b.create<memref::CollapseShapeOp>(
      loc, col, SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4}});
  Value weightView = b.create<memref::CollapseShapeOp>(
      loc, weight, SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  Value outRows = b.create<memref::CollapseShapeOp>(
      loc, out, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value images = b.create<memref::DimOp>(loc, out, 0);
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  b.create<scf::ForOp>(
      loc, zero, images, one, ValueRange{},
      [&](OpBuilder &ib, Location, Value image, ValueRange) {
        // out[image] as [F, OH * OW].
        SmallVector<OpFoldResult> offsets = {image, ib.getIndexAttr(0), ib.getIndexAttr(0)};
        SmallVector<OpFoldResult> sizes = {ib.getIndexAttr(1), ib.getIndexAttr(filters),
                                           ib.getIndexAttr(pixels)};
        SmallVector<OpFoldResult> unit(3, ib.getIndexAttr(1));
        auto rowsType = cast<MemRefType>(memref::SubViewOp::inferRankReducedResultType(
            {filters, pixels}, cast<MemRefType>(outRows.getType()), offsets, sizes, unit));
        Value imageRows =
            ib.create<memref::SubViewOp>(loc, rowsType, outRows, offsets, sizes, unit);
        if (bias) {
          // Each output channel's row starts as its bias.
          SmallVector<AffineMap> maps = {AffineMap::get(2, 0, d(0), ctx),
                                         ib.getMultiDimIdentityMap(2)};
          ib.create<linalg::GenericOp>(
              loc, TypeRange{}, ValueRange{bias.getDpsInputs()[0]}, ValueRange{imageRows}, maps,
              SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
              [](OpBuilder &nb, Location nl, ValueRange args) {
                nb.create<linalg::YieldOp>(nl, args[0]);
              });
        }
        emitIm2ColRows(ib, loc, source.source, image, col, source.padH, source.padW, strides,
                       dilations, /*relu=*/static_cast<bool>(relu));
        // (f, p, k): out[f, p] += w[f, k] * col[k, p]
        SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {d(0), d(2)}, ctx),
                                       AffineMap::get(3, 0, {d(2), d(1)}, ctx),
                                       AffineMap::get(3, 0, {d(0), d(1)}, ctx)};
        buildMulAdd(ib, loc, weightView, colView, imageRows, maps,
                    {utils::IteratorType::parallel, utils::IteratorType::parallel,
                     utils::IteratorType::reduction});
        ib.create<scf::YieldOp>(loc);
      });
  b.create<memref::DeallocOp>(loc, col);
  for (Operation *free : source.laterFrees)
    free->moveAfter(conv);
  conv->erase();
  if (bias)
    bias->erase();
  if (relu)
    relu->erase();
  for (Operation *op : source.paddedCopy)
    op->erase();
  return true;
}

/// Rewrites a convolution as im2col and a contraction on buffers: the
/// patches of the (already padded) input are copied into COL [N, C, KH, KW,
/// OH, OW], and OUT [N, F, OH * OW] += W [F, C * KH * KW] x COL, a
/// contraction whose rows of COL are contiguous along the output pixels.
static void rewriteConvAsIm2Col(linalg::Conv2DNchwFchwOp conv) {
  if (!conv.hasPureBufferSemantics())
    return;
  Value input = conv.getDpsInputs()[0], weight = conv.getDpsInputs()[1];
  Value out = conv.getDpsInits()[0];
  auto inputType = cast<MemRefType>(input.getType());
  auto weightType = cast<MemRefType>(weight.getType());
  auto outType = cast<MemRefType>(out.getType());
  // The views below collapse dimensions of the weight and the output.
  for (MemRefType type : {inputType, weightType, outType})
    if (!type.getElementType().isF32() || !type.getLayout().isIdentity())
      return;
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
  if (rewriteConvPerImage(conv, strides, dilations))
    return;

  OpBuilder b(conv);
  Location loc = conv.getLoc();
  MLIRContext *ctx = b.getContext();
  SmallVector<int64_t> colShape = {inputType.getDimSize(0), weightType.getDimSize(1),
                                   weightType.getDimSize(2), weightType.getDimSize(3),
                                   outType.getDimSize(2), outType.getDimSize(3)};
  SmallVector<std::pair<Value, int64_t>> sources = {{input, 0}, {weight, 1}, {weight, 2},
                                                    {weight, 3}, {out, 2}, {out, 3}};
  SmallVector<Value> dynamicSizes;
  for (auto [size, source] : llvm::zip(colShape, sources))
    if (ShapedType::isDynamic(size))
      dynamicSizes.push_back(b.create<memref::DimOp>(loc, source.first, source.second));
  Value col = b.create<memref::AllocOp>(loc, MemRefType::get(colShape, b.getF32Type()),
                                        dynamicSizes);

  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  auto copy = [&](AffineMap patchMap, Value into) {
    unsigned loops = patchMap.getNumDims();
    b.create<linalg::GenericOp>(loc, TypeRange{}, ValueRange{input}, ValueRange{into},
                                ArrayRef<AffineMap>{patchMap, b.getMultiDimIdentityMap(loops)},
                                SmallVector<utils::IteratorType>(loops, utils::IteratorType::parallel),
                                [](OpBuilder &nb, Location nl, ValueRange args) {
                                  nb.create<linalg::YieldOp>(nl, args[0]);
                                });
  };
  int64_t outWidth = outType.getDimSize(3);
  if (!ShapedType::isDynamic(outWidth)) {
    // One loop over the output pixels p = oh * OW + ow: (n, c, kh, kw, p)
    // -> input[n, c, p / OW * sh + kh * dh, p % OW * sw + kw * dw]. A long
    // innermost loop with contiguous stores; with (oh, ow) as two loops of
    // a few iterations, LLVM unrolled ow and vectorized oh with gathers
    // and scatters, a sixth of the conv stem's time.
    AffineMap patchMap = AffineMap::get(
        5, 0,
        {d(0), d(1), d(4).floorDiv(outWidth) * strides[0] + d(2) * dilations[0],
         (d(4) % outWidth) * strides[1] + d(3) * dilations[1]},
        ctx);
    copy(patchMap, b.create<memref::CollapseShapeOp>(
                       loc, col, SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3}, {4, 5}}));
  } else {
    // (n, c, kh, kw, oh, ow) -> input[n, c, oh * sh + kh * dh, ow * sw + kw * dw]
    copy(AffineMap::get(6, 0,
                        {d(0), d(1), d(4) * strides[0] + d(2) * dilations[0],
                         d(5) * strides[1] + d(3) * dilations[1]},
                        ctx),
         col);
  }

  Value colView = b.create<memref::CollapseShapeOp>(
      loc, col, SmallVector<ReassociationIndices>{{0}, {1, 2, 3}, {4, 5}});
  Value weightView = b.create<memref::CollapseShapeOp>(
      loc, weight, SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  Value outView = b.create<memref::CollapseShapeOp>(
      loc, out, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  // (n, f, p, k): out[n, f, p] += w[f, k] * col[n, k, p]
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {d(1), d(3)}, ctx),
                                 AffineMap::get(4, 0, {d(0), d(3), d(2)}, ctx),
                                 AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx)};
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  auto contraction = buildMulAdd(b, loc, weightView, colView, outView, maps, iterators);
  b.setInsertionPointAfter(contraction);
  b.create<memref::DeallocOp>(loc, col);
  conv->erase();
}

namespace {
/// Where the accumulators of a tile start from.
struct AccumulatorInit {
  enum Kind {
    /// The output's current values: `out += lhs * rhs`.
    Load,
    /// The value that a linalg.fill just wrote to the whole output.
    Splat,
    /// A row (along N) that a broadcast just copied into every row of the
    /// output: the bias of a linear layer.
    Row
  } kind = Load;
  /// Splat: the scalar; Row: the broadcast buffer.
  Value source;
  /// Row: the buffer's indices in the contraction's loops.
  AffineMap map;
  /// The fill or broadcast that the tiles make redundant.
  Operation *producer = nullptr;
};
} // namespace

/// The buffer that VALUE is a view of.
static Value rootBuffer(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// Whether VIEW is BUFFER or a chain of expand_shape and collapse_shape of
/// it: all of its elements, in the same order.
static bool isReshapeOf(Value view, Value buffer) {
  while (view != buffer) {
    if (auto expand = view.getDefiningOp<memref::ExpandShapeOp>())
      view = expand.getSrc();
    else if (auto collapse = view.getDefiningOp<memref::CollapseShapeOp>())
      view = collapse.getSrc();
    else
      return false;
  }
  return true;
}

/// Whether OP is a linalg.generic that copies a buffer indexed by OUTMAP's
/// innermost loop into every row of OUT: `out[..., m, n] = row[..., n]`.
/// Returns the row's indexing map in the contraction's loops.
///
/// The copy may also write another shape of OUT's buffer (bufferization
/// leaves the bias of `linear` on [B * S, N] and the contraction, once the
/// reshapes around it have moved, on [B, S, N]): then the row must be a
/// vector indexed by the innermost dimension alone, which is the same N in
/// both shapes when both are dense views of all of one buffer with the
/// same innermost size.
static std::optional<AffineMap> matchRowBroadcast(linalg::GenericOp op, Value out,
                                                  AffineMap outMap, const Contraction &c) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() != 0)
    return std::nullopt;
  Block &body = *op.getBlock();
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (body.getOperations().size() != 1 || yield.getNumOperands() != 1 ||
      yield.getOperand(0) != body.getArgument(0))
    return std::nullopt;
  Value row = op.getDpsInputs()[0];
  auto rowType = dyn_cast<MemRefType>(row.getType());
  if (!rowType || !rowType.getElementType().isF32() || !hasUnitInnerStride(rowType))
    return std::nullopt;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!maps[1].isIdentity() || !maps[0].isProjectedPermutation(/*allowZeroInResults=*/true))
    return std::nullopt;
  Value written = op.getDpsInits()[0];
  if (written != out) {
    Value root = rootBuffer(out);
    auto writtenType = cast<MemRefType>(written.getType());
    auto outType = cast<MemRefType>(out.getType());
    int64_t inner = outType.getDimSize(outType.getRank() - 1);
    unsigned last = op.getNumLoops() - 1;
    if (!isReshapeOf(written, root) || !isReshapeOf(out, root) ||
        !writtenType.getLayout().isIdentity() || !outType.getLayout().isIdentity() ||
        ShapedType::isDynamic(inner) || writtenType.getDimSize(writtenType.getRank() - 1) != inner ||
        maps[0].getNumResults() != 1 || maps[0].getResult(0) != getAffineDimExpr(last, op.getContext()))
      return std::nullopt;
    return AffineMap::get(outMap.getNumDims(), 0, getAffineDimExpr(c.n, op.getContext()));
  }
  // The generic's loops are the output's dimensions: compose with the
  // contraction's output map to index the row by the contraction's loops.
  AffineMap rowMap = maps[0].compose(outMap);
  auto last = dyn_cast<AffineDimExpr>(rowMap.getResults().back());
  if (!last || last.getPosition() != c.n || usesDim(rowMap, c.m) || usesDim(rowMap, c.k))
    return std::nullopt;
  return rowMap;
}

/// The accumulators' start: the fill or broadcast that writes OP's whole
/// output right before it (nothing but pure ops in between, and the output
/// a buffer of its own, not a view of an input) is folded into the tiles.
/// The fill or broadcast may write another shape of the output's buffer.
static AccumulatorInit findInit(linalg::LinalgOp op, const Contraction &c, AffineMap outMap) {
  AccumulatorInit init;
  Value out = op.getDpsInits()[0];
  Value root = rootBuffer(out);
  if (!root.getDefiningOp<memref::AllocOp>() && !root.getDefiningOp<memref::AllocaOp>())
    return init;
  for (Value input : op.getDpsInputs())
    if (rootBuffer(input) == root)
      return init;
  Operation *prev = op->getPrevNode();
  while (prev && isMemoryEffectFree(prev))
    prev = prev->getPrevNode();
  if (!prev)
    return init;
  if (auto fill = dyn_cast<linalg::FillOp>(prev)) {
    Value filled = fill.getDpsInits()[0];
    bool whole = filled == out || (isReshapeOf(filled, root) && isReshapeOf(out, root));
    if (fill.hasPureBufferSemantics() && whole && fill.getDpsInputs()[0].getType().isF32()) {
      init.kind = AccumulatorInit::Splat;
      init.source = fill.getDpsInputs()[0];
      init.producer = fill;
    }
  } else if (auto generic = dyn_cast<linalg::GenericOp>(prev)) {
    if (std::optional<AffineMap> rowMap = matchRowBroadcast(generic, out, outMap, c)) {
      init.kind = AccumulatorInit::Row;
      init.source = generic.getDpsInputs()[0];
      init.map = *rowMap;
      init.producer = generic;
    }
  }
  return init;
}

namespace {
/// How the tiles read B.
enum class RhsLayout {
  /// In place: B's rows are contiguous along N.
  Direct,
  /// Through a panel buffer [K, TILE-N] that each column tile's part of B
  /// is first copied into, contiguous: the K loop walks one small dense
  /// block instead of rows a whole row of B apart (whose power-of-two
  /// strides keep only a few sets of the L1 cache busy).
  Packed,
  /// W [..., N, K] contiguous along K (`x W^T`): the panel is filled by
  /// BLOCK x BLOCK transposes in registers.
  PackedTransposed,
  /// B is all the panels already (mm-pack-weights): Wp [N / TILE-N, K,
  /// TILE-N], the last one padded with zeros, read in place.
  Prepacked
};

/// Floats of A per block of rows: a block of A (rows x K, 512 KB, a quarter
/// of a 2 MB L2 cache) stays in the L2 cache while every panel of B passes
/// by. Each block packs all of B again: with blocks of 128 KB, the second
/// linear of W3's feed-forward layers (256 rows, K = 512) packed its weight
/// four times.
constexpr int64_t kRowBlockElements = 131072;

/// Emits the loop nest of one contraction.
class TileEmitter {
public:
  TileEmitter(OpBuilder &b, Location loc, const Contraction &c, ArrayRef<AffineMap> maps,
              Value lhs, Value rhs, Value out, const AccumulatorInit &init, RhsLayout layout,
              Value panel, int64_t tileM, int64_t tileN, int64_t block)
      : b(b), loc(loc), c(c), maps(maps), lhs(lhs), rhs(rhs), out(out), init(init),
        layout(layout), panel(panel), tileM(tileM), tileN(tileN), block(block),
        vectorType(VectorType::get({tileN}, b.getF32Type())) {}

  /// The whole nest for loop sizes SIZES; the batch loops are outermost.
  void emit(ArrayRef<Value> sizes) {
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d : c.batch) {
      lbs.push_back(constant(0));
      ubs.push_back(sizes[d]);
      steps.push_back(constant(1));
    }
    scf::buildLoopNest(b, loc, lbs, ubs, steps, [&](OpBuilder &nested, Location, ValueRange ivs) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
      for (auto [d, iv] : llvm::zip(c.batch, ivs))
        index[d] = iv;
      emitBlocks(sizes[c.m], sizes[c.n], sizes[c.k]);
    });
  }

private:
  Value constant(int64_t value) { return b.create<arith::ConstantIndexOp>(loc, value); }

  /// The indices of an operand with map MAP at the current loop indices.
  SmallVector<Value> indicesOf(AffineMap map) {
    SmallVector<Value> indices;
    for (AffineExpr e : map.getResults()) {
      if (auto dim = dyn_cast<AffineDimExpr>(e))
        indices.push_back(index.lookup(dim.getPosition()));
      else
        indices.push_back(constant(cast<AffineConstantExpr>(e).getValue()));
    }
    return indices;
  }

  /// The largest multiple of TILE not above SIZE.
  Value roundDown(Value size, int64_t tile) {
    Value rest = b.createOrFold<arith::RemUIOp>(loc, size, constant(tile));
    return b.createOrFold<arith::SubIOp>(loc, size, rest);
  }

  Value add(Value x, Value y) { return b.createOrFold<arith::AddIOp>(loc, x, y); }

  /// A `for` loop from FROM to TO by STEP whose body BODY builds with b.
  void loop(Value from, Value to, Value step, function_ref<void(Value)> body) {
    b.create<scf::ForOp>(loc, from, to, step, ValueRange{},
                         [&](OpBuilder &nested, Location, Value iv, ValueRange) {
                           OpBuilder::InsertionGuard guard(b);
                           b.setInsertionPoint(nested.getInsertionBlock(),
                                               nested.getInsertionPoint());
                           body(iv);
                           b.create<scf::YieldOp>(loc);
                         });
  }

  /// Blocks of rows (see kRowBlockElements), each swept by all the column
  /// tiles; one block when the sizes say that it is all of M.
  void emitBlocks(Value sizeM, Value sizeN, Value sizeK) {
    std::optional<int64_t> staticM = getConstantIntValue(sizeM);
    std::optional<int64_t> staticK = getConstantIntValue(sizeK);
    Value rowsPerBlock;
    if (staticK) {
      int64_t rows = std::max<int64_t>(kRowBlockElements / std::max<int64_t>(*staticK, 1), tileM);
      rows -= rows % tileM;
      if (staticM && *staticM <= rows) {
        emitColumns(constant(0), sizeM, sizeN, sizeK);
        return;
      }
      rowsPerBlock = constant(rows);
    } else {
      Value k = b.create<arith::MaxUIOp>(loc, sizeK, constant(1));
      Value rows = b.create<arith::DivUIOp>(loc, constant(kRowBlockElements), k);
      rowsPerBlock = b.create<arith::MaxUIOp>(loc, roundDown(rows, tileM), constant(tileM));
    }
    loop(constant(0), sizeM, rowsPerBlock, [&](Value m0) {
      Value left = b.create<arith::SubIOp>(loc, sizeM, m0);
      emitColumns(m0, b.create<arith::MinUIOp>(loc, left, rowsPerBlock), sizeN, sizeK);
    });
  }

  /// Tiles of N columns: full ones, then one masked tile for the rest. A
  /// path that a static size makes dead is not emitted (less code for LLVM
  /// to unroll and compile).
  void emitColumns(Value m0, Value countM, Value sizeN, Value sizeK) {
    std::optional<int64_t> staticN = getConstantIntValue(sizeN);
    Value fullN = roundDown(sizeN, tileN);
    if (!staticN || *staticN >= tileN)
      loop(constant(0), fullN, constant(tileN), [&](Value n0) {
        index[c.n] = n0;
        pack(sizeK, Value());
        emitRows(m0, countM, sizeK, Value());
      });
    if (staticN && *staticN % tileN == 0)
      return;
    Value partial = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, fullN, sizeN);
    b.create<scf::IfOp>(loc, partial, [&](OpBuilder &nested, Location) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
      index[c.n] = fullN;
      Value count = b.create<arith::SubIOp>(loc, sizeN, fullN);
      Value mask = b.create<vector::CreateMaskOp>(
          loc, VectorType::get({tileN}, b.getI1Type()), ValueRange{count});
      pack(sizeK, count);
      emitRows(m0, countM, sizeK, mask);
      b.create<scf::YieldOp>(loc);
    });
  }

  /// Copies B's columns index[n] .. + TILE-N (COUNT of them if given, the
  /// rest zeros) into the panel.
  void pack(Value sizeK, Value count) {
    AffineMap rhsMap = maps[c.rhs];
    Value n0 = index[c.n];
    if (layout == RhsLayout::Direct)
      return;
    if (layout == RhsLayout::Prepacked) {
      // Column tiles start at multiples of TILE-N: one panel each.
      packedPanel = b.createOrFold<arith::DivUIOp>(loc, n0, constant(tileN));
      return;
    }
    if (layout == RhsLayout::Packed) {
      Value mask;
      if (count)
        mask = b.create<vector::CreateMaskOp>(loc, VectorType::get({tileN}, b.getI1Type()),
                                              ValueRange{count});
      loop(constant(0), sizeK, constant(1), [&](Value k) {
        index[c.k] = k;
        b.create<vector::StoreOp>(loc, loadRow(rhs, rhsMap, mask), panel,
                                  ValueRange{k, constant(0)});
      });
      return;
    }

    // W [..., N, K]: one scalar at a time where the columns or K do not
    // fill a square.
    auto scalarCopy = [&](Value columns, Value fromK) {
      loop(constant(0), columns, constant(1), [&](Value j) {
        index[c.n] = add(n0, j);
        loop(fromK, sizeK, constant(1), [&](Value k) {
          index[c.k] = k;
          Value element = b.create<memref::LoadOp>(loc, rhs, indicesOf(rhsMap));
          b.create<memref::StoreOp>(loc, element, panel, ValueRange{k, j});
        });
      });
      index[c.n] = n0;
    };
    if (count) {
      Value zero = b.create<arith::ConstantOp>(loc, b.getZeroAttr(vectorType));
      loop(constant(0), sizeK, constant(1), [&](Value k) {
        b.create<vector::StoreOp>(loc, zero, panel, ValueRange{k, constant(0)});
      });
      scalarCopy(count, constant(0));
      return;
    }
    Value fullK = roundDown(sizeK, block);
    auto rowType = VectorType::get({block}, b.getF32Type());
    loop(constant(0), fullK, constant(block), [&](Value k0) {
      index[c.k] = k0;
      for (int64_t j0 = 0; j0 < tileN; j0 += block) {
        SmallVector<Value> rows;
        for (int64_t i = 0; i < block; ++i) {
          index[c.n] = add(n0, constant(j0 + i));
          rows.push_back(b.create<vector::LoadOp>(loc, rowType, rhs, indicesOf(rhsMap)));
        }
        transposeSquare(rows);
        for (int64_t i = 0; i < block; ++i)
          b.create<vector::StoreOp>(loc, rows[i], panel,
                                    ValueRange{add(k0, constant(i)), constant(j0)});
      }
      index[c.n] = n0;
    });
    std::optional<int64_t> staticK = getConstantIntValue(sizeK);
    if (!staticK || *staticK % block != 0)
      scalarCopy(constant(tileN), fullK);
  }

  /// Transposes the square ROWS (BLOCK vectors of BLOCK) in registers:
  /// log2(BLOCK) rounds of two-input shuffles, each swapping the
  /// off-diagonal halves of ever smaller sub-squares.
  void transposeSquare(SmallVectorImpl<Value> &rows) {
    for (int64_t half = block / 2; half >= 1; half /= 2) {
      SmallVector<int64_t> low, high;
      for (int64_t l = 0; l < block; ++l) {
        bool first = (l & half) == 0;
        low.push_back(first ? l : block + l - half);
        high.push_back(first ? l + half : block + l);
      }
      for (int64_t i = 0; i < block; ++i) {
        if (i & half)
          continue;
        Value x = rows[i], y = rows[i + half];
        rows[i] = b.create<vector::ShuffleOp>(loc, x, y, low);
        rows[i + half] = b.create<vector::ShuffleOp>(loc, x, y, high);
      }
    }
  }

  /// COUNT rows from M0 in tiles of TILE-M rows, then the rest in tiles of
  /// half as many, and so on down to single rows: a few rows left over
  /// still get several independent accumulators.
  void emitRows(Value m0, Value countM, Value sizeK, Value mask) {
    std::optional<int64_t> left = getConstantIntValue(countM);
    Value from = m0;
    for (int64_t rows = tileM; rows >= 1; rows = rows == 1 ? 0 : rows / 2) {
      if (left && *left == 0)
        break;
      Value to = add(m0, rows == 1 ? countM : roundDown(countM, rows));
      if (!left || *left >= rows)
        loop(from, to, constant(rows), [&](Value row) { emitTile(row, rows, sizeK, mask); });
      if (left)
        *left %= rows;
      from = to;
    }
  }

  Value loadRow(Value memref, AffineMap map, Value mask) {
    SmallVector<Value> indices = indicesOf(map);
    if (!mask)
      return b.create<vector::LoadOp>(loc, vectorType, memref, indices);
    Value zero = b.create<arith::ConstantOp>(loc, b.getZeroAttr(vectorType));
    return b.create<vector::MaskedLoadOp>(loc, vectorType, memref, indices, mask, zero);
  }

  /// ROWS x TILE-N outputs from row M0 and column index[n]: the accumulators
  /// live in registers across the K loop.
  void emitTile(Value m0, int64_t rows, Value sizeK, Value mask) {
    AffineMap lhsMap = maps[c.lhs], rhsMap = maps[c.rhs], outMap = maps[2];
    SmallVector<Value> rowIndex;
    for (int64_t i = 0; i < rows; ++i)
      rowIndex.push_back(i == 0 ? m0 : b.create<arith::AddIOp>(loc, m0, constant(i)).getResult());
    SmallVector<Value> accumulators;
    if (init.kind == AccumulatorInit::Load) {
      for (Value row : rowIndex) {
        index[c.m] = row;
        accumulators.push_back(loadRow(out, outMap, mask));
      }
    } else {
      Value start = init.kind == AccumulatorInit::Splat
                        ? b.create<vector::BroadcastOp>(loc, vectorType, init.source).getResult()
                        : loadRow(init.source, init.map, mask);
      accumulators.assign(rows, start);
    }
    auto kLoop = b.create<scf::ForOp>(
        loc, constant(0), sizeK, constant(1), accumulators,
        [&](OpBuilder &nested, Location, Value kv, ValueRange accs) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
          index[c.k] = kv;
          Value rhsRow;
          if (layout == RhsLayout::Direct)
            rhsRow = loadRow(rhs, rhsMap, mask);
          else if (layout == RhsLayout::Prepacked)
            rhsRow = b.create<vector::LoadOp>(loc, vectorType, rhs,
                                              ValueRange{packedPanel, kv, constant(0)});
          else
            rhsRow = b.create<vector::LoadOp>(loc, vectorType, panel, ValueRange{kv, constant(0)});
          SmallVector<Value> next;
          for (auto [row, acc] : llvm::zip(rowIndex, accs)) {
            index[c.m] = row;
            Value a = b.create<memref::LoadOp>(loc, lhs, indicesOf(lhsMap));
            Value broadcast = b.create<vector::BroadcastOp>(loc, vectorType, a);
            Value product = b.create<arith::MulFOp>(loc, broadcast, rhsRow);
            next.push_back(b.create<arith::AddFOp>(loc, acc, product));
          }
          b.create<scf::YieldOp>(loc, next);
        });
    for (auto [row, acc] : llvm::zip(rowIndex, kLoop.getResults())) {
      index[c.m] = row;
      SmallVector<Value> indices = indicesOf(outMap);
      if (mask)
        b.create<vector::MaskedStoreOp>(loc, out, indices, mask, acc);
      else
        b.create<vector::StoreOp>(loc, acc, out, indices);
    }
  }

  OpBuilder &b;
  Location loc;
  const Contraction &c;
  ArrayRef<AffineMap> maps;
  Value lhs, rhs, out;
  const AccumulatorInit &init;
  RhsLayout layout;
  Value panel;
  /// Prepacked: the panel of the current column tile.
  Value packedPanel;
  int64_t tileM, tileN, block;
  VectorType vectorType;
  /// The current index of every loop.
  llvm::DenseMap<unsigned, Value> index;
};

struct VectorizeContractionsPass
    : public mm::impl::VectorizeContractionsBase<VectorizeContractionsPass> {
  using VectorizeContractionsBase::VectorizeContractionsBase;

  void runOnOperation() override {
    if (tileM < 1 || tileN < 1) {
      getOperation().emitError("tile sizes must be positive");
      return signalPassFailure();
    }
    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    getOperation().walk([&](linalg::Conv2DNchwFchwOp conv) { convs.push_back(conv); });
    for (linalg::Conv2DNchwFchwOp conv : convs)
      rewriteConvAsIm2Col(conv);

    flattenElementwise();

    SmallVector<std::pair<linalg::LinalgOp, Contraction>> work;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (std::optional<Contraction> c = analyze(op, tileN))
        work.push_back({op, *c});
    });
    for (auto &[op, c] : work)
      rewrite(op, c);
  }

  /// Elementwise generics on whole dense buffers (identity maps, identity
  /// layouts) become one loop over all their elements: with the inner
  /// dimensions of a conv's output (32 x 32, 16 x 16) as loops of their
  /// own, LLVM unrolled the innermost and vectorized the next one with
  /// gathers and scatters (the in-place ReLUs of W3's stem, an eighth of
  /// its time).
  void flattenElementwise() {
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) {
      if (!op.hasPureBufferSemantics() || op.getNumLoops() < 2 ||
          op.getNumParallelLoops() != op.getNumLoops() ||
          !llvm::all_of(op.getIndexingMapsArray(), [](AffineMap m) { return m.isIdentity(); }))
        return;
      for (OpOperand &operand : op->getOpOperands()) {
        auto type = dyn_cast<MemRefType>(operand.get().getType());
        if (!type || !type.getLayout().isIdentity())
          return;
      }
      ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : ops) {
      rewriter.setInsertionPoint(op);
      ReassociationIndices all = llvm::to_vector(llvm::seq<int64_t>(0, op.getNumLoops()));
      FailureOr<linalg::CollapseResult> collapsed =
          linalg::collapseOpIterationDims(op, {all}, rewriter);
      if (succeeded(collapsed))
        rewriter.eraseOp(op);
    }
  }

  /// The side of the squares transposed in registers: the largest power
  /// of two that divides TILE-N, at most half of it (the hardware vector
  /// for the tiles that describeTarget chooses) and at most 16.
  int64_t transposeBlock() const {
    int64_t block = 1;
    while (block < 16 && tileN % (block * 2) == 0 && block * 2 <= std::max<int64_t>(tileN / 2, 1))
      block *= 2;
    return block;
  }

  void rewrite(linalg::LinalgOp op, const Contraction &c) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    // Before anything is inserted between the op and its producer.
    AccumulatorInit init = findInit(op, c, maps[2]);
    SmallVector<Value> sizes;
    for (Range range : op.createLoopRanges(b, loc))
      sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, range.size));

    Value lhs = op.getDpsInputs()[c.lhs], rhs = op.getDpsInputs()[c.rhs];
    Value out = op.getDpsInits()[0];
    if (c.packedRhs) {
      TileEmitter(b, loc, c, maps, lhs, rhs, out, init, RhsLayout::Prepacked, Value(), tileM,
                  tileN, transposeBlock())
          .emit(sizes);
      finish(op, init, Value(), Value());
      return;
    }
    AffineMap rhsMap = maps[c.rhs];
    auto rhsType = cast<MemRefType>(rhs.getType());
    unsigned nPosition = *rhsMap.getResultPosition(b.getAffineDimExpr(c.n));
    unsigned numResults = rhsMap.getNumResults();
    bool contiguous = hasUnitInnerStride(rhsType);
    bool nLast = nPosition == numResults - 1;
    // x W^T: W [..., N, K], contiguous along K.
    bool transposed = contiguous && numResults >= 2 && nPosition == numResults - 2 &&
                      rhsMap.getResult(numResults - 1) == b.getAffineDimExpr(c.k);

    // Any other layout of B: a copy with the dimensions permuted so that N
    // comes last.
    Value copy;
    if (!transposed && (!nLast || !contiguous)) {
      SmallVector<int64_t> permutation;
      for (unsigned i = 0; i < numResults; ++i)
        if (i != nPosition)
          permutation.push_back(i);
      permutation.push_back(nPosition);
      SmallVector<int64_t> shape;
      SmallVector<Value> dynamicSizes;
      SmallVector<AffineExpr> results;
      for (int64_t from : permutation) {
        shape.push_back(rhsType.getDimSize(from));
        if (rhsType.isDynamicDim(from))
          dynamicSizes.push_back(b.create<memref::DimOp>(loc, rhs, from));
        results.push_back(rhsMap.getResult(from));
      }
      copy = b.create<memref::AllocOp>(loc, MemRefType::get(shape, rhsType.getElementType()),
                                       dynamicSizes);
      b.create<linalg::TransposeOp>(loc, rhs, copy, permutation);
      rhs = copy;
      maps[c.rhs] = AffineMap::get(rhsMap.getNumDims(), 0, results, b.getContext());
    }

    // A row of B in place is as good as a panel when one tile covers M.
    RhsLayout layout = transposed ? RhsLayout::PackedTransposed : RhsLayout::Packed;
    std::optional<int64_t> staticM = getConstantIntValue(sizes[c.m]);
    if (!transposed && staticM && *staticM <= tileM)
      layout = RhsLayout::Direct;
    Value panel;
    if (layout != RhsLayout::Direct) {
      std::optional<int64_t> staticK = getConstantIntValue(sizes[c.k]);
      auto panelType = MemRefType::get({staticK ? *staticK : ShapedType::kDynamic, tileN},
                                       b.getF32Type());
      SmallVector<Value> dynamicSizes;
      if (!staticK)
        dynamicSizes.push_back(sizes[c.k]);
      panel = b.create<memref::AllocOp>(loc, panelType, dynamicSizes, b.getI64IntegerAttr(64));
    }

    TileEmitter(b, loc, c, maps, lhs, rhs, out, init, layout, panel, tileM, tileN,
                transposeBlock())
        .emit(sizes);
    finish(op, init, panel, copy);
  }

  /// After OP's loop nest: frees its scratch buffers, erases OP and the
  /// producer its tiles made redundant.
  void finish(linalg::LinalgOp op, const AccumulatorInit &init, Value panel, Value copy) {
    OpBuilder b(op);
    if (init.producer)
      init.producer->erase();
    if (panel)
      b.create<memref::DeallocOp>(op.getLoc(), panel);
    if (copy)
      b.create<memref::DeallocOp>(op.getLoc(), copy);
    op->erase();
  }
};
} // namespace
