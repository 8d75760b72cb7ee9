//===- mm-opt.cpp - runs mm passes on .mlir input -------------------------===//
//
// The lit tests' driver: every registered pass and pipeline of mmc plus the
// upstream ones, so `mm-opt --mm-lowering-pipeline` reproduces what
// `mmc` does stage by stage.
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMDialect.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mm::registerPasses();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mm::MMDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mm optimizer driver\n", registry));
}
