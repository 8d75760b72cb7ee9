//===- ObjectEmitter.h - LLVM dialect to object code ------------*- C++ -*-===//
#ifndef MM_COMPILER_CODEGEN_OBJECTEMITTER_H
#define MM_COMPILER_CODEGEN_OBJECTEMITTER_H

#include <cstdint>
#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class raw_pwrite_stream;
} // namespace llvm
namespace mlir {
class ModuleOp;
} // namespace mlir

namespace mm {

struct CodegenOptions {
  /// "host" (this machine's CPU and features), or an LLVM CPU name such as
  /// "x86-64-v3" or "x86-64".
  std::string target = "host";
  unsigned optLevel = 3;
  /// Let LLVM reassociate floating-point sums and products (vectorized
  /// reductions); `mmc --fp-strict` turns it off.
  bool reassociate = true;
};

/// Rows and columns (f32) of the register tiles of mm-vectorize-contractions
/// for the target.
struct RegisterTile {
  int64_t rows = 4, columns = 16;
};

/// What the compiler derives from the target's CPU features, once per
/// compile.
struct TargetDescription {
  /// The register tile that keeps the target's FMA units busy: enough
  /// independent accumulators to cover the FMA latency, plus the row of B
  /// and the broadcast element, within its vector registers (32 zmm with
  /// AVX-512, 16 ymm with AVX, 16 xmm otherwise).
  RegisterTile registerTile;
  /// The Halide target (Halide 14's names) of the kernels: "host" for the
  /// host, else the x86-64 level the CPU's features reach (SSE4.1; AVX2 +
  /// FMA + F16C; AVX-512 as on Skylake-SP), so that any CPU name LLVM knows
  /// works for the kernels too; "" for a target that is not x86-64 Linux.
  std::string halideTarget;
  /// The LLVM CPU name and feature string the code is compiled for (for
  /// "host", this machine's): part of the kernel cache key.
  std::string cpu, features;
};

/// Describes the target of OPTIONS. Returns false and sets ERROR if LLVM
/// does not know it.
bool describeTarget(const CodegenOptions &options, TargetDescription &description,
                    std::string &error);

/// Translates a module in the LLVM dialect to LLVM IR and optimizes it for
/// the target. Returns null and sets ERROR on failure.
std::unique_ptr<llvm::Module> translateAndOptimize(mlir::ModuleOp module,
                                                   llvm::LLVMContext &context,
                                                   const CodegenOptions &options,
                                                   std::string &error);

/// Writes MODULE as an object file (or assembly) for the target.
bool emitMachineCode(llvm::Module &module, const CodegenOptions &options,
                     bool assembly, llvm::raw_pwrite_stream &os, std::string &error);

} // namespace mm

#endif // MM_COMPILER_CODEGEN_OBJECTEMITTER_H
