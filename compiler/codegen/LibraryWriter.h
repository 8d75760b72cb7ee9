//===- LibraryWriter.h - the native library around the object --*- C++ -*-===//
//
// `mmc compile` turns the model's object code into what an application
// links: C glue (the reflection table of runtime/include/mm/runtime.h and a
// typed entry point per function), the typed header, and the static and
// shared libraries, both with the runtime inside.
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_CODEGEN_LIBRARYWRITER_H
#define MM_COMPILER_CODEGEN_LIBRARYWRITER_H

#include "compiler/codegen/Kernels.h"
#include "compiler/codegen/ModelInfo.h"

#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mm {

/// Name of the C-callable body of function FN in the object code.
std::string loweredSymbolName(const ModelInfo &model, const std::string &fn);

/// The typed header `<model>.h`.
void writeHeader(const ModelInfo &model, llvm::raw_ostream &os);
/// The C glue compiled into the library (with the shims of KERNELS).
void writeGlue(const ModelInfo &model, llvm::raw_ostream &os,
               const std::vector<KernelInstance> &kernels = {},
               const std::vector<WeightExpression> &weightExpressions = {});

struct LinkOptions {
  std::string runtimeLibrary;   // libmm_runtime.a
  std::string runtimeHeader;    // mm/runtime.h, copied next to the header
  std::string cCompiler = "cc"; // also the linker driver
  bool keepTemporaries = false;
  /// The Halide kernels the object calls, their objects and the Halide
  /// runtime (see Kernels.h); none for a model without kernels.
  std::vector<KernelInstance> kernels;
  std::vector<std::string> kernelObjects;
  std::string halideIncludeDir; // HalideRuntime.h, for the kernel shims
  /// The values of the weights alone the object reads through the runtime's
  /// per-model cache (see Kernels.h).
  std::vector<WeightExpression> weightExpressions;
};

/// Writes OUTDIR/lib<model>.a, lib<model>.so, <model>.h and mm/runtime.h
/// from the model's object file.
bool writeLibraries(const ModelInfo &model, const std::string &objectPath,
                    const std::string &outDir, const LinkOptions &options,
                    std::string &error);

} // namespace mm

#endif // MM_COMPILER_CODEGEN_LIBRARYWRITER_H
