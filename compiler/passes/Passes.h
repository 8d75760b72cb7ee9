//===- Passes.h - passes of mmc ---------------------------------*- C++ -*-===//
#ifndef MM_COMPILER_PASSES_PASSES_H
#define MM_COMPILER_PASSES_PASSES_H

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mm {

#define GEN_PASS_DECL
#include "compiler/passes/Passes.h.inc"

/// Options of the pipeline from the mm dialect to the LLVM dialect.
struct LoweringOptions {
  /// Call the Halide kernels where they exist (mm-kernel-calls); false is
  /// `mmc --no-halide`, the plain linalg lowering of every op.
  bool useHalide = true;
  /// Heap temporaries through the runtime's caching allocator
  /// (mm-runtime-allocator); false keeps malloc/free, for code run without
  /// the runtime (mm-opt's pipelines under mlir-cpu-runner).
  bool useRuntimeAllocator = true;
  /// Values computed from the weights alone are computed once per model and
  /// kept by the runtime (mm-hoist-weight-expressions); needs the library's
  /// glue, so false for mm-opt's pipelines.
  bool hoistWeightExpressions = true;
  /// The linear layers' weights are packed in the register tiles' panels
  /// once per model (mm-pack-weights, with the hoisting above) and read in
  /// place (mm-read-weights-in-place); false packs them on every call
  /// (`mmc --no-pack-weights`: no packed copies kept with the model).
  bool packWeights = true;
  /// The register tile of mm-vectorize-contractions, rows x columns of f32:
  /// chosen from the target's vector registers (see describeTarget in
  /// ObjectEmitter.h); these defaults suit any x86-64.
  int64_t tileM = 4, tileN = 16;
};

/// mm → linalg on tensors (what `mmc --emit=linalg` prints).
void buildMMToLinalgPipeline(mlir::OpPassManager &pm, const LoweringOptions &options);
/// linalg on tensors → LLVM dialect (bufferization, loops, LLVM conversion).
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm, const LoweringOptions &options);
/// The whole lowering, mm → LLVM dialect: what `mmc compile` runs.
void buildLoweringPipeline(mlir::OpPassManager &pm, const LoweringOptions &options);

/// Registers every pass and pipeline above (for mm-opt and mmc).
void registerPasses();

} // namespace mm

#endif // MM_COMPILER_PASSES_PASSES_H
