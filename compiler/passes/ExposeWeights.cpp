//===- ExposeWeights.cpp - weights become function arguments --------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"

namespace mm {
#define GEN_PASS_DEF_EXPOSEWEIGHTS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
struct ExposeWeightsPass : public mm::impl::ExposeWeightsBase<ExposeWeightsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Builder b(&getContext());
    SmallVector<mm::WeightDeclOp> decls(module.getOps<mm::WeightDeclOp>());
    llvm::StringMap<unsigned> indexOf;
    SmallVector<unsigned> positions;
    SmallVector<Type> types;
    SmallVector<DictionaryAttr> attrs;
    SmallVector<Location> locs;
    for (auto [i, decl] : llvm::enumerate(decls)) {
      indexOf[decl.getSymName()] = i;
      positions.push_back(0);
      types.push_back(decl.getType());
      attrs.push_back(b.getDictionaryAttr(
          b.getNamedAttr("mm.weight", decl.getSymNameAttr())));
      locs.push_back(decl.getLoc());
    }

    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isDeclaration())
        continue;
      if (!func.isPublic()) {
        // Private functions would need the weights threaded through their
        // calls; the pipeline inlines them first.
        func.emitError("private function left after inlining");
        return signalPassFailure();
      }
      func.insertArguments(positions, types, attrs, locs);
      // The C-callable wrapper (`_mlir_ciface_<fn>`) is what the generated
      // glue code calls, with one memref descriptor per argument.
      func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(), b.getUnitAttr());
      WalkResult result = func.walk([&](mm::WeightOp op) {
        auto it = indexOf.find(op.getName());
        if (it == indexOf.end()) {
          op.emitOpError("refers to an undeclared weight");
          return WalkResult::interrupt();
        }
        op.replaceAllUsesWith(func.getArgument(it->second));
        op.erase();
        return WalkResult::advance();
      });
      if (result.wasInterrupted())
        return signalPassFailure();
    }
    for (auto decl : decls)
      decl.erase();
  }
};
} // namespace
