//===- RuntimeAllocator.cpp - heap allocations through the runtime --------===//
//
// malloc'd temporaries above glibc's mmap threshold are unmapped at free and
// fault in again, zeroed by the kernel, at the next call; the runtime's
// cache keeps them (runtime/src/Allocator.h). finalize-memref-to-llvm can
// only call malloc or MLIR's generic names, so the generic names are
// renamed here to the runtime's.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace mm {
#define GEN_PASS_DEF_RUNTIMEALLOCATOR
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
struct RuntimeAllocatorPass : public mm::impl::RuntimeAllocatorBase<RuntimeAllocatorPass> {
  void runOnOperation() override {
    static const std::pair<StringRef, StringRef> kRenames[] = {
        {"_mlir_memref_to_llvm_alloc", "mm_runtime_alloc"},
        {"_mlir_memref_to_llvm_aligned_alloc", "mm_runtime_aligned_alloc"},
        {"_mlir_memref_to_llvm_free", "mm_runtime_free"},
    };
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto [from, to] : kRenames) {
      auto fn = symbols.lookup<LLVM::LLVMFuncOp>(from);
      if (!fn)
        continue;
      if (!fn.isExternal()) {
        fn.emitError() << "'" << from << "' is defined in the module; only a declaration can "
                       << "be pointed at the runtime";
        return signalPassFailure();
      }
      if (Operation *existing = symbols.lookup(to)) {
        existing->emitError() << "'" << to << "' is already a symbol of the module";
        return signalPassFailure();
      }
      if (failed(symbols.rename(fn, to)))
        return signalPassFailure();
    }
  }
};
} // namespace
