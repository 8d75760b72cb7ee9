//===- ReadWeightsInPlace.cpp - cached weight values without a copy -------===//
//
// mm-hoist-weight-expressions reads a value of the weights through
// `call @f_cached(weights..., %out)`, which copies the block that the
// runtime keeps with the model into %out every call. For a packed weight
// (mm-pack-weights) that copy costs what the packing did. Once buffers are
// explicit and deallocated, a buffer that nothing writes can be the cached
// block itself: `<f>_cached_in_place` returns it instead, and the buffer's
// dealloc goes (the runtime frees the block with the model). This runs after
// buffer-deallocation, which would otherwise free a call's memref result.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mm {
#define GEN_PASS_DEF_READWEIGHTSINPLACE
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {

/// Whether every use of BUFFER (through views) after CALL only reads it;
/// collects its deallocs into DEALLOCS. A closed list of readers: anything
/// else (a copy into it, a pointer taken for a dealloc helper) keeps the
/// copy.
bool onlyRead(Value buffer, Operation *call, SmallVectorImpl<Operation *> &deallocs) {
  Block *block = call->getBlock();
  for (OpOperand &use : buffer.getUses()) {
    Operation *user = use.getOwner();
    if (user == call)
      continue;
    Operation *inBlock = block->findAncestorOpInBlock(*user);
    if (!inBlock || !call->isBeforeInBlock(inBlock))
      return false;
    if (isa<memref::DeallocOp>(user)) {
      deallocs.push_back(user);
      continue;
    }
    if (isa<memref::SubViewOp, memref::ExpandShapeOp, memref::CollapseShapeOp, memref::CastOp,
            memref::ReinterpretCastOp>(user)) {
      if (!onlyRead(user->getResult(0), call, deallocs))
        return false;
      continue;
    }
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(user)) {
      if (!linalgOp.isDpsInput(&use))
        return false;
      continue;
    }
    if (auto copy = dyn_cast<memref::CopyOp>(user); copy && copy.getSource() == buffer)
      continue;
    if (isa<memref::LoadOp>(user))
      continue;
    return false;
  }
  return true;
}

/// Moves CALL, and the views of the function's arguments it reads, to the
/// start of its block when that is the function's entry, after the ops
/// HOISTED there before: nothing then sits between a contraction and the
/// fill or bias broadcast of its output, which mm-vectorize-contractions
/// folds into its accumulators only when they are adjacent.
void hoistToEntry(func::CallOp call, llvm::DenseSet<Operation *> &hoisted) {
  Block *block = call->getBlock();
  if (!block->isEntryBlock() || !isa<func::FuncOp>(block->getParentOp()))
    return;
  llvm::SetVector<Operation *> views;
  for (Value operand : call.getOperands()) {
    if (isa<BlockArgument>(operand))
      continue;
    Operation *def = operand.getDefiningOp();
    if (!def || def->getBlock() != block || !isMemoryEffectFree(def) ||
        !llvm::all_of(def->getOperands(), [&](Value v) {
          auto arg = dyn_cast<BlockArgument>(v);
          return arg && arg.getOwner() == block;
        }))
      return;
    views.insert(def);
  }
  // In program order after what is there already (a view may be, moved for
  // an earlier call).
  Operation *last = nullptr;
  for (Operation &op : *block) {
    if (!hoisted.contains(&op))
      break;
    last = &op;
  }
  SmallVector<Operation *> order;
  for (Operation *view : views)
    if (!hoisted.contains(view))
      order.push_back(view);
  order.push_back(call);
  for (Operation *op : order) {
    if (!last && op != &block->front())
      op->moveBefore(&block->front());
    else if (last && op != last->getNextNode())
      op->moveAfter(last);
    last = op;
    hoisted.insert(op);
  }
}

struct ReadWeightsInPlacePass
    : public mm::impl::ReadWeightsInPlaceBase<ReadWeightsInPlacePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::DenseSet<Operation *> hoisted;
    for (auto decl : llvm::to_vector(module.getOps<func::FuncOp>())) {
      FunctionType type = decl.getFunctionType();
      if (!decl.isDeclaration() || !decl->hasAttr("mm.read_in_place") ||
          type.getNumResults() != 0 || type.getNumInputs() < 2)
        continue;
      std::optional<SymbolTable::UseRange> uses = SymbolTable::getSymbolUses(decl, module);
      if (!uses)
        continue;
      SmallVector<func::CallOp> calls;
      bool ok = true;
      for (const SymbolTable::SymbolUse &use : *uses) {
        auto call = dyn_cast<func::CallOp>(use.getUser());
        ok = ok && call;
        if (call)
          calls.push_back(call);
      }
      SmallVector<SmallVector<Operation *>> deallocs(calls.size());
      for (auto [call, toErase] : llvm::zip(calls, deallocs)) {
        Value out = call.getOperands().back();
        ok = ok && out.getDefiningOp<memref::AllocOp>() && onlyRead(out, call, toErase);
      }
      if (!ok)
        continue;
      // A declaration of its own: the glue, written from the module before
      // this pass runs, implements both.
      Type outType = type.getInputs().back();
      OpBuilder mb = OpBuilder::atBlockEnd(module.getBody());
      auto inPlace = mb.create<func::FuncOp>(
          decl.getLoc(), (decl.getSymName() + "_in_place").str(),
          FunctionType::get(&getContext(), type.getInputs().drop_back(), TypeRange{outType}));
      inPlace.setPrivate();
      inPlace->setAttr("llvm.emit_c_interface", mb.getUnitAttr());
      for (auto [call, toErase] : llvm::zip(calls, deallocs)) {
        OpBuilder b(call);
        Value out = call.getOperands().back();
        auto read = b.create<func::CallOp>(call.getLoc(), inPlace.getSymName(), TypeRange{outType},
                                           call.getOperands().drop_back());
        hoistToEntry(read, hoisted);
        for (Operation *dealloc : toErase)
          dealloc->erase();
        call->erase();
        out.replaceAllUsesWith(read.getResult(0));
        out.getDefiningOp()->erase();
      }
    }
  }
};

} // namespace
