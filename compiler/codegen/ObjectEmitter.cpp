//===- ObjectEmitter.cpp - LLVM dialect to object code --------------------===//
#include "compiler/codegen/ObjectEmitter.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"

using namespace mm;

namespace {
struct TargetChoice {
  std::string triple, cpu, features;
};
} // namespace

static TargetChoice chooseTarget(const CodegenOptions &options) {
  TargetChoice choice;
  choice.triple = llvm::sys::getProcessTriple();
  if (options.target == "host") {
    choice.cpu = llvm::sys::getHostCPUName().str();
    std::string features;
    for (const auto &feature : llvm::sys::getHostCPUFeatures()) {
      if (!features.empty())
        features += ',';
      features += (feature.second ? "+" : "-") + feature.first().str();
    }
    choice.features = features;
  } else {
    choice.cpu = options.target;
  }
  return choice;
}

static std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const CodegenOptions &options, std::string &error) {
  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)initialized;
  TargetChoice choice = chooseTarget(options);
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(choice.triple, error);
  if (!target)
    return nullptr;
  llvm::TargetOptions targetOptions;
  // Fused multiply-add where the hardware has it; PyTorch's kernels use FMA too.
  targetOptions.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  llvm::CodeGenOptLevel level = options.optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : options.optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : options.optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                        : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      choice.triple, choice.cpu, choice.features, targetOptions, llvm::Reloc::PIC_,
      std::nullopt, level));
  if (!machine) {
    error = "cannot create a target machine for CPU '" + choice.cpu + "'";
    return nullptr;
  }
  // An unknown CPU name is only a warning inside LLVM; make it an error.
  if (options.target != "host" &&
      !machine->getMCSubtargetInfo()->isCPUStringValid(choice.cpu)) {
    error = "unknown target '" + options.target + "'";
    return nullptr;
  }
  return machine;
}

/// The x86-64 level of SUBTARGET in Halide 14's target names.
static std::string halideTargetOf(const llvm::TargetMachine &machine) {
  const llvm::Triple &triple = machine.getTargetTriple();
  if (triple.getArch() != llvm::Triple::x86_64 || !triple.isOSLinux())
    return "";
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  std::string target = "x86-64-linux";
  if (!subtarget.checkFeatures("+sse4.1"))
    return target;
  if (!subtarget.checkFeatures("+avx,+avx2,+fma,+f16c"))
    return target + "-sse41";
  target += "-avx-avx2-f16c-fma-sse41";
  if (subtarget.checkFeatures("+avx512f,+avx512cd,+avx512bw,+avx512dq,+avx512vl"))
    target += "-avx512-avx512_skylake";
  return target;
}

bool mm::describeTarget(const CodegenOptions &options, TargetDescription &description,
                        std::string &error) {
  std::unique_ptr<llvm::TargetMachine> machine = createTargetMachine(options, error);
  if (!machine)
    return false;
  const llvm::MCSubtargetInfo &subtarget = *machine->getMCSubtargetInfo();
  RegisterTile &tile = description.registerTile;
  if (subtarget.checkFeatures("+avx512f")) {
    // 16 zmm accumulators (8 rows of 2 x 16 floats), 2 for B, the rest free.
    tile.rows = 8;
    tile.columns = 32;
  } else if (subtarget.checkFeatures("+avx")) {
    // 12 ymm accumulators (6 rows of 2 x 8 floats), 2 for B, 1 broadcast.
    tile.rows = 6;
    tile.columns = 16;
  } else {
    tile.rows = 6;
    tile.columns = 8;
  }
  // The host's kernels are Halide's own "host" (its feature detection), so
  // that the kernel cache key is the same as before a CPU name is given.
  description.halideTarget = options.target == "host" ? "host" : halideTargetOf(*machine);
  description.cpu = machine->getTargetCPU().str();
  description.features = machine->getTargetFeatureString().str();
  return true;
}

std::unique_ptr<llvm::Module> mm::translateAndOptimize(mlir::ModuleOp module,
                                                       llvm::LLVMContext &context,
                                                       const CodegenOptions &options,
                                                       std::string &error) {
  mlir::registerBuiltinDialectTranslation(*module->getContext());
  mlir::registerLLVMDialectTranslation(*module->getContext());
  std::unique_ptr<llvm::Module> llvmModule = mlir::translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    error = "translation to LLVM IR failed";
    return nullptr;
  }
  std::unique_ptr<llvm::TargetMachine> machine = createTargetMachine(options, error);
  if (!machine)
    return nullptr;
  llvmModule->setTargetTriple(machine->getTargetTriple().str());
  llvmModule->setDataLayout(machine->createDataLayout());
  for (llvm::Function &fn : *llvmModule) {
    if (fn.isDeclaration())
      continue;
    fn.addFnAttr("target-cpu", machine->getTargetCPU());
    fn.addFnAttr("target-features", machine->getTargetFeatureString());
    // LLVM's tuning for recent x86 cores (Sapphire Rapids included) prefers
    // 256-bit vectors when it vectorizes loops, against the frequency drop
    // of 512-bit code on older Xeons. Our loops are long elementwise and
    // reduction loops in code that already runs 512-bit matmul tiles, so
    // the wider vectors halve their instruction count (no effect on targets
    // without 512-bit registers).
    fn.addFnAttr("prefer-vector-width", "512");
    // a * b + c may become one fused multiply-add (one rounding instead of
    // two), as in PyTorch's own kernels. Unless asked for strict IEEE order,
    // sums and products may also be reassociated: that is what lets LLVM
    // vectorize the reductions of matmuls and means (4x on the seed model),
    // and it is what BLAS does too. Nothing else (NaN/Inf handling,
    // reciprocals, subtraction order) is relaxed.
    for (llvm::Instruction &inst : llvm::instructions(fn)) {
      unsigned opcode = inst.getOpcode();
      if (opcode != llvm::Instruction::FAdd && opcode != llvm::Instruction::FSub &&
          opcode != llvm::Instruction::FMul)
        continue;
      inst.setHasAllowContract(true);
      if (options.reassociate && opcode != llvm::Instruction::FSub)
        inst.setHasAllowReassoc(true);
    }
  }
  auto transformer = mlir::makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0,
                                                     machine.get());
  if (llvm::Error err = transformer(llvmModule.get())) {
    error = "LLVM optimization failed: " + llvm::toString(std::move(err));
    return nullptr;
  }
  return llvmModule;
}

bool mm::emitMachineCode(llvm::Module &module, const CodegenOptions &options,
                         bool assembly, llvm::raw_pwrite_stream &os, std::string &error) {
  std::unique_ptr<llvm::TargetMachine> machine = createTargetMachine(options, error);
  if (!machine)
    return false;
  llvm::legacy::PassManager pm;
  if (machine->addPassesToEmitFile(pm, os, nullptr,
                                   assembly ? llvm::CodeGenFileType::AssemblyFile
                                            : llvm::CodeGenFileType::ObjectFile)) {
    error = "the target cannot emit this file type";
    return false;
  }
  pm.run(module);
  return true;
}
