//===- Pipelines.cpp - the lowering pipelines of mmc ----------------------===//
//
// Upstream passes are composed from their textual names so that the
// pipelines read like the `mm-opt` command lines that reproduce them.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace mm {
#define GEN_PASS_REGISTRATION
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

static void addPipeline(OpPassManager &pm, llvm::StringRef pipeline) {
  // The strings are constants of this file: a parse failure is a bug here.
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("invalid built-in pass pipeline");
}

void mm::buildMMToLinalgPipeline(OpPassManager &pm, const LoweringOptions &options) {
  // fn-calls-fn are inlined first, so that weights become arguments of the
  // exported functions only.
  // Composite layers are taken apart before the kernels are picked, so
  // that their pieces can be kernels too.
  addPipeline(pm, "inline,symbol-dce,mm-annotate-index-ranges,mm-expose-weights,"
                  "mm-decompose-layers");
  if (options.useHalide)
    addPipeline(pm, "mm-kernel-calls");
  // Reductions move above linear maps once the kernels' projections are
  // mm.linear ops too.
  addPipeline(pm, "mm-sink-reductions,convert-mm-to-linalg,canonicalize,cse");
  // The linear layers' weights are packed for the register tiles only
  // where the packing then runs once per model, not on every call.
  if (options.hoistWeightExpressions && options.packWeights)
    addPipeline(pm, llvm::formatv("func.func(mm-pack-weights{{tile-n={0}}),"
                                  "mm-hoist-weight-expressions,canonicalize",
                                  options.tileN)
                        .str());
  else if (options.hoistWeightExpressions)
    addPipeline(pm, "mm-hoist-weight-expressions,canonicalize");
}

void mm::buildLinalgToLLVMPipeline(OpPassManager &pm, const LoweringOptions &options) {
  std::string vectorize = llvm::formatv("func.func(mm-vectorize-contractions{{tile-m={0} tile-n={1}}),",
                                        options.tileM, options.tileN)
                              .str();
  addPipeline(pm,
              "func.func(mm-fuse-elementwise),canonicalize,cse,"
              "one-shot-bufferize{bufferize-function-boundaries "
              "function-boundary-type-conversion=identity-layout-map},"
              // Results become caller-provided buffers: the C API writes
              // straight into the application's output arrays.
              "buffer-results-to-out-params,"
              "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
              + std::string(options.hoistWeightExpressions ? "mm-read-weights-in-place," : "") +
              // Matmul-like ops first, as vector code; the rest as scalar loops.
              vectorize +
              "func.func(convert-linalg-to-loops),func.func(mm-approximate-math),lower-affine,convert-scf-to-cf,"
              "convert-vector-to-llvm,"
              "expand-strided-metadata,lower-affine");
  // Temporaries come from the runtime's cache, not malloc.
  addPipeline(pm, options.useRuntimeAllocator
                      ? "finalize-memref-to-llvm{use-generic-functions},mm-runtime-allocator"
                      : "finalize-memref-to-llvm");
  addPipeline(pm, "convert-math-to-llvm,convert-math-to-libm,convert-arith-to-llvm,"
                  "convert-index-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,"
                  "reconcile-unrealized-casts,canonicalize");
}

void mm::buildLoweringPipeline(OpPassManager &pm, const LoweringOptions &options) {
  buildMMToLinalgPipeline(pm, options);
  buildLinalgToLLVMPipeline(pm, options);
}

namespace {
/// The options of mm-opt's pipelines: the register tile, which mmc derives
/// from the target.
struct PipelineOptions : public PassPipelineOptions<PipelineOptions> {
  Option<int64_t> tileM{*this, "tile-m", llvm::cl::desc("rows of a register tile"),
                        llvm::cl::init(mm::LoweringOptions().tileM)};
  Option<int64_t> tileN{*this, "tile-n", llvm::cl::desc("columns of a register tile"),
                        llvm::cl::init(mm::LoweringOptions().tileN)};

  /// mm-opt has no kernels and no runtime to link (its output runs under
  /// mlir-cpu-runner): its pipelines are the linalg-only ones, with malloc.
  mm::LoweringOptions lowering() const {
    mm::LoweringOptions options;
    options.useHalide = false;
    options.useRuntimeAllocator = false;
    options.hoistWeightExpressions = false;
    options.tileM = tileM;
    options.tileN = tileN;
    return options;
  }
};
} // namespace

void mm::registerPasses() {
  registerMMPasses();
  static LoweringOptions linalgOnly;
  linalgOnly.useHalide = false;
  linalgOnly.useRuntimeAllocator = false;
  linalgOnly.hoistWeightExpressions = false;
  PassPipelineRegistration<>("mm-to-linalg-pipeline",
                             "lowers the mm dialect to linalg on tensors",
                             [](OpPassManager &pm) {
                               buildMMToLinalgPipeline(pm, linalgOnly);
                             });
  PassPipelineRegistration<PipelineOptions>(
      "mm-linalg-to-llvm-pipeline", "bufferizes and lowers linalg on tensors to the LLVM dialect",
      [](OpPassManager &pm, const PipelineOptions &options) {
        buildLinalgToLLVMPipeline(pm, options.lowering());
      });
  PassPipelineRegistration<PipelineOptions>(
      "mm-lowering-pipeline", "the whole lowering of mmc, mm to the LLVM dialect",
      [](OpPassManager &pm, const PipelineOptions &options) {
        buildLoweringPipeline(pm, options.lowering());
      });
}
