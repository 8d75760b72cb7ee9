//===- Passes.td - passes of mmc ---------------------------*- tablegen -*-===//
#ifndef MM_COMPILER_PASSES_TD
#define MM_COMPILER_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// mm → mm
//===----------------------------------------------------------------------===//

def AnnotateIndexRanges : Pass<"mm-annotate-index-ranges", "mlir::ModuleOp"> {
  let summary = "records the valid range of integer inputs that index an embedding";
  let description = [{
    A function argument used directly as the indices of an `mm.embedding`
    gets `mm.index_range = [0, num_embeddings]`, so that the runtime rejects
    an out-of-range token id with an error before the call instead of
    reading outside the table.
  }];
}

//===----------------------------------------------------------------------===//
// mm → linalg
//===----------------------------------------------------------------------===//

def ConvertMMToLinalg : Pass<"convert-mm-to-linalg", "mlir::ModuleOp"> {
  let summary = "lowers mm ops to linalg, tensor, arith, math and scf on tensors";
  let description = [{
    The plain lowering of every op, also of those with a Halide kernel: it
    is the reference the kernels are tested against (`mmc --no-halide`).
    The LSTM recurrence becomes an `scf.for` over time; the spectrogram a
    DFT as a matmul with compile-time constant (windowed) bases, and the
    mel filter bank a constant matrix.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect", "mlir::math::MathDialect",
    "mlir::scf::SCFDialect"
  ];
}

def KernelCalls : Pass<"mm-kernel-calls", "mlir::ModuleOp"> {
  let summary = "replaces the ops that have a Halide kernel by calls of it";
  let description = [{
    `mm.lstm`, `mm.gru`, `mm.spectrogram` / `mm.mel_spectrogram` (with a
    following `log(x + eps)` or `mm.amplitude_to_db` folded in) and the core
    of `mm.multihead_attention` (its projections become `mm.linear`) become a
    `func.call` of a private declaration `mm_k_<family>_<hash>` on memrefs,
    with `llvm.emit_c_interface` and the kernel's generator and parameters
    as attributes (see compiler/halide/README.md). Outputs are allocated by
    the caller. Configurations a kernel does not support are left to
    `convert-mm-to-linalg`. Runs only without `mmc --no-halide`.
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect", "mlir::memref::MemRefDialect",
    "mlir::func::FuncDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect"
  ];
}

def ExposeWeights : Pass<"mm-expose-weights", "mlir::ModuleOp"> {
  let summary = "turns weights into leading function arguments";
  let description = [{
    Every public function gets one argument per `mm.weight_decl`, in
    manifest order, before its own arguments; `mm.weight` uses become those
    arguments and the declarations are erased. This is the calling
    convention of the generated library: the runtime passes the tensors of
    the mapped weights file in manifest order.
  }];
}

#endif // MM_COMPILER_PASSES_TD
