//===- MMToLinalg.h - mm ops to linalg on tensors ----------------*- C++ -*-===//
//
// The patterns of `convert-mm-to-linalg`, for passes that want to run them
// with other patterns (e.g. a lowering that sends some ops to Halide
// kernels first and everything else here).
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_LOWERING_MMTOLINALG_H
#define MM_COMPILER_LOWERING_MMTOLINALG_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mm {

/// Adds one conversion pattern per op of the mm dialect (except
/// `mm.weight_decl` and `mm.weight`) that rewrites it to linalg, tensor,
/// arith, math and scf ops on tensors. Dynamic dimensions are read with
/// `tensor.dim`; the patterns need no type conversion.
void populateMMToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace mm

#endif // MM_COMPILER_LOWERING_MMTOLINALG_H
