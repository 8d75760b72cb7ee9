//===- HoistWeightExpressions.cpp - weights-only values, once per model ---===//
//
// Some values depend on the weights alone: the composed k/v projection of a
// cross-attention memory (mm-kernel-calls), a bias pushed through a matmul.
// Recomputing them every call costs as much as a layer (W2: a 512x256x80
// matmul per call). The weights never change while a model is open, so the
// value is computed by an outlined function on the first call and kept by
// the runtime with the model (mm_runtime_model_cache, through the glue the
// library writer emits for each `_cached` declaration); later calls copy it,
// or read it in place (a packed weight: mm-read-weights-in-place).
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"
#include "compiler/passes/WeightOrigin.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mm {
#define GEN_PASS_DEF_HOISTWEIGHTEXPRESSIONS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;
using mm::Origin;
using mm::valuesRead;

namespace {

bool isStaticF32Tensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() && tensor.getRank() >= 1 &&
         tensor.getElementType().isF32();
}

/// Ops whose results alias or rearrange their operand without computing:
/// no cost of their own.
bool isView(Operation *op) {
  return isa<tensor::ExtractSliceOp, tensor::CollapseShapeOp, tensor::ExpandShapeOp,
             tensor::CastOp, tensor::EmptyOp>(op) ||
         op->hasTrait<OpTrait::ConstantLike>();
}

/// Steps an op takes per call: the iterations of a linalg op, else one per
/// result element.
int64_t costOf(Operation *op) {
  if (isView(op))
    return 0;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    int64_t steps = 1;
    for (int64_t range : linalgOp.getStaticLoopRanges())
      steps = ShapedType::isDynamic(range) ? steps : steps * range;
    return steps;
  }
  int64_t steps = 0;
  for (Type type : op->getResultTypes())
    if (auto shaped = dyn_cast<ShapedType>(type); shaped && shaped.hasStaticShape())
      steps += shaped.getNumElements();
    else
      steps += 1;
  return steps;
}

/// A value worth keeping costs this many steps per element it holds; below
/// that the copy out of the cache would cost about as much as recomputing.
constexpr int64_t kMinStepsPerElement = 4;

struct HoistWeightExpressionsPass
    : public mm::impl::HoistWeightExpressionsBase<HoistWeightExpressionsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> funcs;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isDeclaration() && func.isPublic() &&
          !func->hasAttr("mm.weight_expression_of"))
        funcs.push_back(func);
    for (func::FuncOp func : funcs)
      hoist(module, func);
  }

  void hoist(ModuleOp module, func::FuncOp func) {
    Block &body = func.getBody().front();
    llvm::DenseMap<Value, Origin> origin;
    for (BlockArgument arg : func.getArguments())
      origin[arg] = func.getArgAttr(arg.getArgNumber(), "mm.weight") &&
                            isStaticF32Tensor(arg.getType())
                        ? Origin::Weights
                        : Origin::Other;
    auto originOf = [&](Value v) {
      auto it = origin.find(v);
      return it == origin.end() ? Origin::Other : it->second;
    };

    // One pass in program order: an op is weights-only when it has no side
    // effect and every value it reads, also inside its regions, is.
    llvm::DenseSet<Operation *> weightOps;
    for (Operation &op : body.without_terminator()) {
      Origin result = mm::originOfResults(&op, originOf);
      if (result == Origin::Weights)
        weightOps.insert(&op);
      for (Value r : op.getResults())
        origin[r] = result;
    }

    // The values the rest of the function reads; each is hoisted with the
    // weights-only ops it needs, if they cost enough.
    unsigned count = 0;
    for (Operation &op : llvm::make_early_inc_range(body.without_terminator())) {
      if (!weightOps.contains(&op) || op.getNumResults() != 1)
        continue;
      Value root = op.getResult(0);
      if (!isStaticF32Tensor(root.getType()))
        continue;
      bool readOutside = llvm::any_of(root.getUses(), [&](OpOperand &use) {
        Operation *user = body.findAncestorOpInBlock(*use.getOwner());
        return !user || !weightOps.contains(user);
      });
      if (!readOutside)
        continue;

      // The ops ROOT needs, in program order, and the weights they read.
      llvm::SetVector<Operation *> slice;
      llvm::SetVector<Value> weights;
      SmallVector<Operation *> work = {&op};
      while (!work.empty()) {
        Operation *cur = work.pop_back_val();
        if (!slice.insert(cur))
          continue;
        for (Value v : valuesRead(cur)) {
          if (auto arg = dyn_cast<BlockArgument>(v)) {
            weights.insert(arg);
            continue;
          }
          work.push_back(v.getDefiningOp());
        }
      }
      int64_t cost = 0;
      for (Operation *s : slice)
        cost += costOf(s);
      auto rootType = cast<RankedTensorType>(root.getType());
      int64_t read = 0;
      for (Value w : weights)
        read += cast<RankedTensorType>(w.getType()).getNumElements();
      // Kept values never outgrow the weights they come from: an expansion
      // (an outer product, a broadcast) is cheaper to recompute than to hold.
      // A packed weight (mm-pack-weights) costs a step per element but saves
      // its reader the packing on every call; it holds its weights plus at
      // most one padded panel, [K, T] of its [P, K, T].
      bool packed = op.hasAttr("mm.packed_weight") && rootType.getRank() == 3;
      int64_t bound = packed ? read + rootType.getDimSize(1) * rootType.getDimSize(2) : read;
      if (weights.empty() ||
          (!packed && cost < kMinStepsPerElement * rootType.getNumElements()) ||
          rootType.getNumElements() > bound)
        continue;
      SmallVector<Operation *> ordered(slice.begin(), slice.end());
      llvm::sort(ordered, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
      SmallVector<Value> args(weights.begin(), weights.end());
      llvm::sort(args, [](Value a, Value b) {
        return cast<BlockArgument>(a).getArgNumber() < cast<BlockArgument>(b).getArgNumber();
      });
      outline(module, func, root, ordered, args, weightOps, packed, count++);
    }
  }

  /// Moves the computation of ROOT (ops SLICE, reading weights ARGS) into
  /// `<func>_weights<INDEX>` and reads ROOT through the cached declaration.
  /// A READONLY value is never written by the function, so that
  /// mm-read-weights-in-place can read the cached block itself.
  void outline(ModuleOp module, func::FuncOp func, Value root, ArrayRef<Operation *> slice,
               ArrayRef<Value> args, const llvm::DenseSet<Operation *> &weightOps,
               bool readOnly, unsigned index) {
    MLIRContext *ctx = &getContext();
    Location loc = root.getLoc();
    std::string name = (func.getSymName() + "_weights" + llvm::Twine(index)).str();
    auto rootType = cast<RankedTensorType>(root.getType());

    OpBuilder mb = OpBuilder::atBlockEnd(module.getBody());
    SmallVector<Type> argTypes;
    for (Value a : args)
      argTypes.push_back(a.getType());
    auto outlined = mb.create<func::FuncOp>(loc, name, FunctionType::get(ctx, argTypes, rootType));
    outlined->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
    outlined->setAttr("mm.weight_expression_of", FlatSymbolRefAttr::get(func.getSymNameAttr()));
    Block *entry = outlined.addEntryBlock();
    OpBuilder ob = OpBuilder::atBlockEnd(entry);
    IRMapping map;
    for (auto [from, to] : llvm::zip(args, entry->getArguments()))
      map.map(from, to);
    for (Operation *op : slice)
      ob.clone(*op, map);
    ob.create<func::ReturnOp>(loc, map.lookup(root));

    // The cached value's declaration: weights as fully dynamic strided
    // memrefs (whatever buffer bufferization gives them), the value into a
    // dense buffer of the caller.
    SmallVector<Type> declTypes;
    for (Value a : args) {
      auto t = cast<RankedTensorType>(a.getType());
      SmallVector<int64_t> dynamic(t.getRank(), ShapedType::kDynamic);
      declTypes.push_back(MemRefType::get(
          dynamic, t.getElementType(), StridedLayoutAttr::get(ctx, ShapedType::kDynamic, dynamic)));
    }
    auto outType = MemRefType::get(rootType.getShape(), rootType.getElementType());
    declTypes.push_back(outType);
    auto decl = mb.create<func::FuncOp>(loc, name + "_cached", FunctionType::get(ctx, declTypes, {}));
    decl.setPrivate();
    decl->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
    decl->setAttr("mm.weight_expression", FlatSymbolRefAttr::get(outlined.getSymNameAttr()));
    if (readOnly)
      decl->setAttr("mm.read_in_place", UnitAttr::get(ctx));

    OpBuilder b(root.getContext());
    b.setInsertionPointAfterValue(root);
    SmallVector<Value> operands;
    for (auto [a, type] : llvm::zip(args, declTypes)) {
      auto t = cast<RankedTensorType>(a.getType());
      SmallVector<int64_t> strides(t.getRank(), ShapedType::kDynamic);
      auto viewType = MemRefType::get(t.getShape(), t.getElementType(),
                                      StridedLayoutAttr::get(ctx, ShapedType::kDynamic, strides));
      Value m = b.create<bufferization::ToMemrefOp>(loc, viewType, a, /*read_only=*/true);
      operands.push_back(b.create<memref::CastOp>(loc, type, m));
    }
    Value out = b.create<memref::AllocOp>(loc, outType);
    operands.push_back(out);
    b.create<func::CallOp>(loc, decl.getSymName(), TypeRange{}, operands);
    // Not writable when read in place: bufferization copies the value before
    // an op would write into it.
    Value cached = b.create<bufferization::ToTensorOp>(loc, out, /*restrict=*/true,
                                                       /*writable=*/!readOnly);
    // Weights-only users keep the original, so that a later value's
    // outlined function can still recompute it from the weights; the ops
    // nothing reads any more are left to canonicalize.
    Block *body = root.getParentBlock();
    root.replaceUsesWithIf(cached, [&](OpOperand &use) {
      Operation *user = body->findAncestorOpInBlock(*use.getOwner());
      return user && !weightOps.contains(user) && user != cached.getDefiningOp();
    });
  }
};

} // namespace
