//===- Frontend.h - public API of the .mm frontend --------------*- C++ -*-===//
//
// The three entry points the `mmc` driver uses: parse a file and its
// imports, dump the AST, and generate the `mm` dialect for one model.
// MLIR types are only forward-declared here so that the parser's TUs do not
// pull in MLIR; callers of genModule include "mlir/IR/BuiltinOps.h".
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_FRONTEND_H
#define MM_FRONTEND_FRONTEND_H

#include "llvm/ADT/StringRef.h"

#include <memory>

namespace llvm {
class SourceMgr;
class raw_ostream;
} // namespace llvm

namespace mlir {
class MLIRContext;
class ModuleOp;
template <typename OpTy>
class OwningOpRef;
} // namespace mlir

namespace mm {
namespace ast {
class File;
} // namespace ast

/// Parses PATH and, recursively, its imports into SM. Prints errors through
/// SM; returns null on error.
std::unique_ptr<ast::File> parseFile(llvm::SourceMgr &sm, llvm::StringRef path);

/// Prints FILE (its imported files first) as an indented tree.
void dumpAST(const ast::File &file, llvm::raw_ostream &os);

/// Semantic checks + MLIRGen of model MODELNAME (empty: the file's only/last
/// model) into the mm dialect. Errors are emitted as MLIR diagnostics at
/// FileLineColLoc locations (the caller installs an
/// mlir::SourceMgrDiagnosticHandler on the same SourceMgr so they print with
/// line + caret). Returns null after errors. The result verifies.
mlir::OwningOpRef<mlir::ModuleOp> genModule(mlir::MLIRContext &ctx,
                                            llvm::SourceMgr &sm,
                                            const ast::File &file,
                                            llvm::StringRef modelName = "");

} // namespace mm

#endif // MM_FRONTEND_FRONTEND_H
