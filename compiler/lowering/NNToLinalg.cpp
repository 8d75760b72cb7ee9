//===- NNToLinalg.cpp - lowering of the ops of dialects/mm/MMNNOps.td ===//
#include "compiler/lowering/LoweringUtils.h"

using namespace mlir;

void mm::lowering::populateNNPatterns(RewritePatternSet &patterns) {}
