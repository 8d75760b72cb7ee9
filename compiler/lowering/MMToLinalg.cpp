//===- MMToLinalg.cpp - mm ops to linalg on tensors -----------------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mm {
#define GEN_PASS_DEF_CONVERTMMTOLINALG
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
struct ConvertMMToLinalgPass
    : public mm::impl::ConvertMMToLinalgBase<ConvertMMToLinalgPass> {
  void runOnOperation() override {}
};
} // namespace
