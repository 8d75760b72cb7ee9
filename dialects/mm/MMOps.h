//===- MMOps.h - ops of the mm dialect --------------------------*- C++ -*-===//
#ifndef MM_DIALECTS_MM_MMOPS_H
#define MM_DIALECTS_MM_MMOPS_H

#include "dialects/mm/MMDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/mm/MMOps.h.inc"

namespace mm {
/// The shape that NumPy broadcasting gives LHS and RHS, or failure if they
/// do not broadcast. Dynamic dimensions broadcast with anything but are
/// assumed equal to the other side when that is not 1.
mlir::FailureOr<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs);

/// Whether two dimensions can be equal (a dynamic one matches anything).
bool dimsCompatible(int64_t a, int64_t b);
/// A shape as the source language prints it: `[?, 64]`.
std::string shapeStr(llvm::ArrayRef<int64_t> shape);
/// A double as the source language writes it: 0, 9000, 1e-06.
std::string numStr(double v);
/// Checks that RESULTTYPE is compatible with the inferred EXPECTED shape;
/// the error names WHAT ("result", "h_n", ...).
mlir::LogicalResult verifyResultShape(mlir::Operation *op, mlir::Type resultType,
                                      llvm::ArrayRef<int64_t> expected,
                                      llvm::StringRef what = "result");

/// Number of STFT frames torchaudio produces for LENGTH samples, or
/// ShapedType::kDynamic when LENGTH is.
int64_t stftNumFrames(int64_t length, int64_t nFft, int64_t hopLength,
                      int64_t pad, bool center);
} // namespace mm

#endif // MM_DIALECTS_MM_MMOPS_H
