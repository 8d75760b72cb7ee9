//===- mmc.cpp - the mm model compiler driver -----------------------------===//
//
//   mmc compile MODEL.mm -o OUTDIR      lib<model>.a, lib<model>.so, <model>.h
//   mmc --emit=STAGE MODEL.mm           print one stage and stop
//   mmc pack MODEL.mm --from W.npz -o W.mmw
//   mmc init MODEL.mm -o W.mmw --seed N
//
//===----------------------------------------------------------------------===//
#include "compiler/codegen/Kernels.h"
#include "compiler/codegen/LibraryWriter.h"
#include "compiler/codegen/ModelInfo.h"
#include "compiler/codegen/ObjectEmitter.h"
#include "compiler/passes/Passes.h"
#include "compiler/weights/Weights.h"
#include "dialects/mm/MMDialect.h"
#include "dialects/mm/MMOps.h"
#include "frontend/AST.h"
#include "frontend/Frontend.h"

#include "mlir/Dialect/Func/Extensions/InlinerExtension.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mm;

namespace {

const char *kUsage = R"(OVERVIEW: mmc, the ahead-of-time compiler for .mm multimodal models

USAGE:
  mmc compile MODEL.mm -o OUTDIR [options]   write OUTDIR/lib<model>.a, lib<model>.so,
                                             <model>.h (and OUTDIR/mm/runtime.h)
  mmc --emit=STAGE MODEL.mm [options]        print one stage of the compilation and stop
  mmc pack MODEL.mm --from W.npz|W.safetensors -o W.mmw
                                             check a PyTorch state_dict against the model
                                             and write the weights file
  mmc init MODEL.mm -o W.mmw [--seed N]      write random weights (for testing)

OPTIONS:
  -o PATH            output directory (compile) or file (pack, init)
  --emit=STAGE       ast     the parsed syntax tree
                     mm      the mm dialect, as the frontend generates it
                     linalg  after lowering to linalg on tensors
                     llvm    the optimized LLVM IR
                     asm     the assembly for the target
  --model NAME       which model of the file (default: the last one)
  --no-halide        plain linalg lowering for every op (the reference path);
                     by default LSTM, GRU, (mel) spectrograms and the attention
                     core call Halide kernels built by mm-halide-gen (found
                     beside mmc) and cached in $MMC_CACHE_DIR, else
                     $XDG_CACHE_HOME/mmc, else ~/.cache/mmc
  --no-pack-weights  pack the linear layers' weights for the register tiles on
                     every call, instead of once per model into copies kept
                     with the open model (about the weights' size again)
  --target=T         host (default: this CPU and its features), or an LLVM CPU
                     name such as x86-64-v3 or x86-64
  -O0 -O1 -O2 -O3    LLVM optimization level (default -O3)
  --fp-strict        keep the source order of every floating-point sum and
                     product (by default LLVM may reassociate them to
                     vectorize reductions, as BLAS does)
  --from PATH        (pack) the weights to pack: .npz (numpy.savez of a state_dict)
                     or .safetensors
  --seed N           (init) random seed (default 0)
  --keep-temps       keep OUTDIR/.mmc-<model>/ (generated C glue, objects)
  -v, --verbose      say which kernels are built and which come from the cache
  -h, --help         this help

MODEL may also be a .mlir file in the mm dialect.
)";

struct Options {
  std::string command; // compile, emit, pack, init
  std::string input;
  std::string output;
  std::string emit;
  std::string model;
  std::string from;
  uint64_t seed = 0;
  bool keepTemps = false;
  bool verbose = false;
  LoweringOptions lowering;
  CodegenOptions codegen;
};

int fail(const llvm::Twine &message) {
  llvm::errs() << "mmc: error: " << message << "\n";
  return 1;
}

/// Parses the command line; returns -1 to go on, else an exit code.
int parseArgs(int argc, char **argv, Options &opts) {
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  if (!args.empty() && (args[0] == "compile" || args[0] == "pack" || args[0] == "init"))
    opts.command = args[i++];
  auto value = [&](const std::string &flag) -> std::optional<std::string> {
    if (i + 1 >= args.size()) {
      fail("option '" + flag + "' needs a value");
      return std::nullopt;
    }
    return args[++i];
  };
  for (; i < args.size(); ++i) {
    const std::string &a = args[i];
    llvm::StringRef arg(a);
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      llvm::outs() << kUsage;
      return 0;
    }
    if (arg == "-o" || arg == "--from" || arg == "--model" || arg == "--seed" ||
        arg == "--emit" || arg == "--target") {
      auto v = value(a);
      if (!v)
        return 1;
      if (arg == "-o")
        opts.output = *v;
      else if (arg == "--from")
        opts.from = *v;
      else if (arg == "--model")
        opts.model = *v;
      else if (arg == "--emit")
        opts.emit = *v;
      else if (arg == "--target")
        opts.codegen.target = *v;
      else if (llvm::StringRef(*v).getAsInteger(10, opts.seed))
        return fail("--seed expects a non-negative integer, got '" + *v + "'");
    } else if (arg.consume_front("--emit=")) {
      opts.emit = arg.str();
    } else if (arg.consume_front("--target=")) {
      opts.codegen.target = arg.str();
    } else if (arg.consume_front("--seed=")) {
      if (arg.getAsInteger(10, opts.seed))
        return fail("--seed expects a non-negative integer, got '" + arg.str() + "'");
    } else if (arg.size() == 3 && arg.starts_with("-O") && arg[2] >= '0' && arg[2] <= '3') {
      opts.codegen.optLevel = arg[2] - '0';
    } else if (arg == "--no-halide") {
      opts.lowering.useHalide = false;
    } else if (arg == "--no-pack-weights") {
      opts.lowering.packWeights = false;
    } else if (arg == "--fp-strict") {
      opts.codegen.reassociate = false;
    } else if (arg == "--keep-temps") {
      opts.keepTemps = true;
    } else if (arg == "-v" || arg == "--verbose") {
      opts.verbose = true;
    } else if (arg.starts_with("-") && arg != "-") {
      return fail("unknown option '" + a + "' (see mmc --help)");
    } else if (opts.input.empty()) {
      opts.input = a;
    } else {
      return fail("unexpected argument '" + a + "': one model file at a time");
    }
  }
  if (opts.command.empty()) {
    if (opts.emit.empty())
      return fail("nothing to do: use 'mmc compile', 'mmc pack', 'mmc init' or "
                  "--emit=STAGE (see mmc --help)");
    opts.command = "emit";
  }
  static const char *stages[] = {"ast", "mm", "linalg", "llvm", "asm"};
  if (!opts.emit.empty() && std::find(std::begin(stages), std::end(stages), opts.emit) ==
                                std::end(stages))
    return fail("unknown stage '" + opts.emit + "' for --emit: expected ast, mm, linalg, "
                "llvm or asm");
  if (opts.input.empty())
    return fail("no model file given (see mmc --help)");
  if (opts.command == "compile" && opts.emit.empty() && opts.output.empty())
    return fail("compile needs an output directory: -o OUTDIR");
  if ((opts.command == "pack" || opts.command == "init") && opts.output.empty())
    return fail(opts.command + " needs an output file: -o W.mmw");
  if (opts.command == "pack" && opts.from.empty())
    return fail("pack needs the weights to pack: --from W.npz");
  return -1;
}

/// Where the runtime that every library embeds lives: beside mmc once
/// installed (bin/../lib), else the build tree mmc was built in.
std::string findRuntimeFile(const char *argv0, llvm::StringRef relative,
                            llvm::StringRef buildTreePath) {
  std::string exe = llvm::sys::fs::getMainExecutable(argv0, (void *)&findRuntimeFile);
  llvm::SmallString<256> candidate(llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
  llvm::sys::path::append(candidate, relative);
  if (llvm::sys::fs::exists(candidate))
    return std::string(candidate);
  return buildTreePath.str();
}

class Driver {
public:
  explicit Driver(const Options &opts) : opts(opts) {
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    mlir::registerAllExtensions(registry);
    registry.insert<mm::MMDialect>();
    context.appendDialectRegistry(registry);
    context.loadDialect<mm::MMDialect, mlir::func::FuncDialect>();
    context.printOpOnDiagnostic(false);
  }

  /// Parses the model (and, for --emit=ast, prints it).
  mlir::OwningOpRef<mlir::ModuleOp> load(bool &done, int &exitCode) {
    done = false;
    mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    if (llvm::StringRef(opts.input).ends_with(".mlir")) {
      if (opts.emit == "ast") {
        done = true;
        exitCode = fail("--emit=ast needs a .mm file");
        return nullptr;
      }
      std::string error;
      llvm::sys::fs::file_status status;
      if (!llvm::sys::fs::status(opts.input, status) &&
          status.type() != llvm::sys::fs::file_type::regular_file) {
        done = true;
        exitCode = fail("'" + opts.input + "' is not a regular file");
        return nullptr;
      }
      auto file = mlir::openInputFile(opts.input, &error);
      if (!file) {
        exitCode = fail(error);
        return nullptr;
      }
      sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
      auto module = mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
      if (!module)
        exitCode = 1;
      return module;
    }
    std::unique_ptr<ast::File> file = parseFile(sourceMgr, opts.input);
    if (!file) {
      exitCode = 1;
      return nullptr;
    }
    if (opts.emit == "ast") {
      dumpAST(*file, llvm::outs());
      done = true;
      exitCode = 0;
      return nullptr;
    }
    auto module = genModule(context, sourceMgr, *file, opts.model);
    if (!module)
      exitCode = 1;
    return module;
  }

  /// Runs a pipeline with diagnostics printed at source locations.
  bool runPipeline(mlir::ModuleOp module,
                   llvm::function_ref<void(mlir::OpPassManager &)> build) {
    mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    mlir::PassManager pm(&context);
    build(pm);
    return mlir::succeeded(pm.run(module));
  }

  int run(const char *argv0) {
    bool done;
    int exitCode = 0;
    mlir::OwningOpRef<mlir::ModuleOp> module = load(done, exitCode);
    if (done || !module)
      return exitCode;

    if (!runPipeline(*module, [](mlir::OpPassManager &pm) {
          pm.addPass(mm::createAnnotateIndexRanges());
        }))
      return 1;
    if (opts.emit == "mm") {
      module->print(llvm::outs());
      llvm::outs() << "\n";
      return 0;
    }

    ModelInfo info;
    {
      mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
      if (!extractModelInfo(*module, info))
        return 1;
    }
    if (opts.command == "pack") {
      std::vector<std::string> problems;
      if (!packWeights(info, opts.from, opts.output, problems)) {
        for (const auto &p : problems)
          llvm::errs() << opts.from << ": error: " << p << "\n";
        return 1;
      }
      return 0;
    }
    if (opts.command == "init") {
      std::string error;
      if (!initWeights(info, opts.seed, opts.output, error))
        return fail(error);
      return 0;
    }

    // The exported bodies get model-unique names, so that several models'
    // libraries link into one application.
    for (auto func : llvm::make_early_inc_range(module->getOps<mlir::func::FuncOp>())) {
      if (!func.isPublic() || func.isDeclaration())
        continue;
      auto newName = mlir::StringAttr::get(
          &context, "__mm_" + info.name + "_" + func.getSymName().str());
      if (mlir::failed(mlir::SymbolTable::replaceAllSymbolUses(func, newName, *module)))
        return fail("cannot rename function '" + func.getSymName() + "'");
      func.setSymName(newName);
    }

    // The register tile is the target's from the start: mm-pack-weights
    // packs the weights in panels of its columns.
    TargetDescription target;
    {
      std::string error;
      if (!describeTarget(opts.codegen, target, error))
        return fail(error);
    }
    LoweringOptions lowering = opts.lowering;
    lowering.tileM = target.registerTile.rows;
    lowering.tileN = target.registerTile.columns;
    if (!runPipeline(*module, [&](mlir::OpPassManager &pm) {
          buildMMToLinalgPipeline(pm, lowering);
        }))
      return 1;
    if (opts.emit == "linalg") {
      module->print(llvm::outs());
      llvm::outs() << "\n";
      return 0;
    }
    // The kernel declarations lose their attributes in the LLVM dialect.
    std::vector<KernelInstance> kernels;
    std::vector<WeightExpression> weightExpressions;
    {
      std::string error;
      if (!collectKernels(*module, kernels, error) ||
          !collectWeightExpressions(*module, weightExpressions, error))
        return fail(error);
    }
    if (!runPipeline(*module, [&](mlir::OpPassManager &pm) {
          buildLinalgToLLVMPipeline(pm, lowering);
        }))
      return 1;

    llvm::LLVMContext llvmContext;
    std::string error;
    std::unique_ptr<llvm::Module> llvmModule =
        translateAndOptimize(*module, llvmContext, opts.codegen, error);
    if (!llvmModule)
      return fail(error);
    // Only the C interface wrappers are called from outside the object.
    for (llvm::Function &fn : *llvmModule)
      if (!fn.isDeclaration() && !fn.getName().starts_with("_mlir_ciface_"))
        fn.setLinkage(llvm::GlobalValue::InternalLinkage);
    if (opts.emit == "llvm") {
      llvmModule->print(llvm::outs(), nullptr);
      return 0;
    }
    if (opts.emit == "asm") {
      llvm::outs().flush();
      llvm::raw_fd_ostream &os = llvm::outs();
      if (!emitMachineCode(*llvmModule, opts.codegen, /*assembly=*/true, os, error))
        return fail(error);
      return 0;
    }

    if (std::error_code ec = llvm::sys::fs::create_directories(opts.output))
      return fail("cannot create '" + opts.output + "': " + ec.message());
    llvm::SmallString<256> objectPath(opts.output);
    llvm::sys::path::append(objectPath, ".mmc-" + info.name + ".o");
    {
      std::error_code ec;
      llvm::raw_fd_ostream os(objectPath, ec);
      if (ec)
        return fail("cannot write '" + objectPath.str() + "': " + ec.message());
      if (!emitMachineCode(*llvmModule, opts.codegen, /*assembly=*/false, os, error))
        return fail(error);
    }
    LinkOptions link;
    link.kernels = kernels;
    link.weightExpressions = weightExpressions;
    if (!link.kernels.empty()) {
      KernelBuildOptions build;
      build.halideTarget = target.halideTarget;
      build.cpu = target.cpu;
      build.cpuFeatures = target.features;
      if (build.halideTarget.empty())
        return fail("the Halide kernels have no target '" + opts.codegen.target +
                    "': they are built for x86-64 Linux only (use --no-halide)");
      std::string exe = llvm::sys::fs::getMainExecutable(argv0, (void *)&findRuntimeFile);
      llvm::SmallString<256> generator(llvm::sys::path::parent_path(exe));
      llvm::sys::path::append(generator, "mm-halide-gen");
      build.generator = std::string(generator);
      build.cacheDir = defaultKernelCacheDir();
      build.halideLibrary = MM_HALIDE_LIBRARY;
      build.verbose = opts.verbose;
      if (!buildKernels(link.kernels, build, link.kernelObjects, error))
        return fail(error);
      link.halideIncludeDir = MM_HALIDE_INCLUDE_DIR;
    }
    link.runtimeLibrary = findRuntimeFile(argv0, "lib/libmm_runtime.a", MM_RUNTIME_LIBRARY);
    link.runtimeHeader = findRuntimeFile(argv0, "include/mm/runtime.h", MM_RUNTIME_HEADER);
    link.keepTemporaries = opts.keepTemps;
    bool ok = writeLibraries(info, std::string(objectPath), opts.output, link, error);
    if (!opts.keepTemps)
      llvm::sys::fs::remove(objectPath);
    if (!ok)
      return fail(error);
    return 0;
  }

private:
  const Options &opts;
  mlir::MLIRContext context;
  llvm::SourceMgr sourceMgr;
};

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  Options opts;
  int rc = parseArgs(argc, argv, opts);
  if (rc >= 0)
    return rc;
  // The pipelines are composed from upstream passes' textual names.
  mlir::registerAllPasses();
  mm::registerPasses();
  Driver driver(opts);
  return driver.run(argv[0]);
}
