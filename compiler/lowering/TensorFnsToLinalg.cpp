//===- TensorFnsToLinalg.cpp - lowering of the ops of dialects/mm/MMTensorOps.td ===//
#include "compiler/lowering/LoweringUtils.h"

using namespace mlir;

void mm::lowering::populateTensorFnPatterns(RewritePatternSet &patterns) {}
