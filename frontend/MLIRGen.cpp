//===- MLIRGen.cpp - from the checked AST to the mm dialect ---------------===//
//
// Placeholder until Sema and MLIRGen land: reports that generation is not
// available yet, so that the driver links and --emit=ast works.
//
//===----------------------------------------------------------------------===//

#include "frontend/AST.h"
#include "frontend/Frontend.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"

mlir::OwningOpRef<mlir::ModuleOp> mm::genModule(mlir::MLIRContext &ctx,
                                                llvm::SourceMgr &sm,
                                                const ast::File &file,
                                                llvm::StringRef modelName) {
  mlir::emitError(mlir::FileLineColLoc::get(&ctx, file.getPath(), 1, 1))
      << "generating the mm dialect is not implemented yet";
  return nullptr;
}
