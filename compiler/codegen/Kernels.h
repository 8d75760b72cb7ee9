//===- Kernels.h - the Halide kernels a model library links ----*- C++ -*-===//
//
// After `mm-kernel-calls`, the module declares one external function per
// kernel instance. mmc builds each with `mm-halide-gen` (cached by its
// parameters, the target and the generator's identity), writes the C shim
// that turns MLIR's memref descriptors into halide_buffer_t's, and links the
// objects plus one Halide runtime into the library.
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_CODEGEN_KERNELS_H
#define MM_COMPILER_CODEGEN_KERNELS_H

#include <cstdint>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace mm {

/// One argument of a kernel as MLIR passes it: a memref descriptor.
struct KernelArg {
  int64_t rank = 0;
  bool isU8 = false; // else f32
  /// The attention kernel sees a [B, T, heads * d] tensor as
  /// [B, heads, T, d]; 0 for a plain tensor.
  int64_t heads = 0;
};

/// One external function of the module: `name` is what MLIR calls (through
/// `_mlir_ciface_<name>`), `halideName()` the Halide AOT function.
struct KernelInstance {
  std::string name;
  std::string generator;
  std::vector<std::string> params;
  std::vector<KernelArg> args;
  std::string halideName() const { return name + "_halide"; }
  /// mm_lstm / mm_gru: built with prepacked=true, weights packed by the glue.
  bool isRecurrent() const { return generator == "mm_lstm" || generator == "mm_gru"; }
};

/// The kernel declarations of MODULE (after mm-kernel-calls); false and
/// ERROR if one is malformed.
bool collectKernels(mlir::ModuleOp module, std::vector<KernelInstance> &kernels,
                    std::string &error);

/// A value computed from the weights alone, kept with the model by the
/// runtime (pass mm-hoist-weight-expressions): the glue implements its
/// `_cached` declaration around the outlined function that computes it.
struct WeightExpression {
  std::string name;              // the declaration, <fn>_weights<N>_cached
  std::string outlined;          // the function computing it, <fn>_weights<N>
  std::vector<int64_t> argRanks; // the f32 weights it reads
  std::vector<int64_t> shape;    // the f32 value's static shape
  bool readInPlace = false;      // also `<name>_in_place`, which returns the cached block
};

bool collectWeightExpressions(mlir::ModuleOp module, std::vector<WeightExpression> &expressions,
                              std::string &error);

void writeWeightExpressionGlue(const std::vector<WeightExpression> &expressions,
                               llvm::raw_ostream &os);

struct KernelBuildOptions {
  std::string generator;    // the mm-halide-gen executable
  std::string cacheDir;     // where objects are kept across compilations
  std::string halideTarget; // e.g. "host", "x86-64-linux-avx-avx2-f16c-fma-sse41"
  std::string halideLibrary; // the libHalide mm-halide-gen loads (part of the cache key)
  std::string cpu, cpuFeatures; // what "host" is (TargetDescription): part of the cache key
  bool verbose = false;     // say on stderr what is built and what is reused
};

/// Builds (or finds in the cache) the object of every kernel and the Halide
/// runtime; OBJECTS receives their paths, runtime last.
bool buildKernels(const std::vector<KernelInstance> &kernels,
                  const KernelBuildOptions &options, std::vector<std::string> &objects,
                  std::string &error);

/// $MMC_CACHE_DIR, else $XDG_CACHE_HOME/mmc, else ~/.cache/mmc.
std::string defaultKernelCacheDir();

/// The part of the C glue that defines `_mlir_ciface_<name>` for every
/// kernel, the Halide error handler and `mm_kernels_begin/end()`, which the
/// entry points call around the compiled function.
void writeKernelGlue(const std::vector<KernelInstance> &kernels, llvm::raw_ostream &os);

} // namespace mm

#endif // MM_COMPILER_CODEGEN_KERNELS_H
