//===- WeightOrigin.h - what a value is computed from -----------*- C++ -*-===//
//
// mm-hoist-weight-expressions and mm-pack-weights both ask whether a value
// of a function is computed from its weights alone.
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_PASSES_WEIGHTORIGIN_H
#define MM_COMPILER_PASSES_WEIGHTORIGIN_H

#include "mlir/IR/Operation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mm {

/// What a value of a function body depends on: the weights (and maybe
/// constants), constants only, or anything else (an input, a side effect).
enum class Origin { Other, Constant, Weights };

/// The values OP reads: its operands and what its regions use from above.
inline llvm::SmallVector<mlir::Value> valuesRead(mlir::Operation *op) {
  llvm::SmallVector<mlir::Value> reads(op->getOperands());
  llvm::SetVector<mlir::Value> captured;
  mlir::getUsedValuesDefinedAbove(op->getRegions(), captured);
  reads.append(captured.begin(), captured.end());
  return reads;
}

/// The origin of OP's results, ORIGINOF giving that of each value it reads:
/// weights-only when OP has no side effect and every value it reads, also
/// inside its regions, is of the weights or constant.
inline Origin originOfResults(mlir::Operation *op,
                              llvm::function_ref<Origin(mlir::Value)> originOf) {
  if (op->getNumResults() == 0 || !mlir::isMemoryEffectFree(op))
    return Origin::Other;
  Origin result = Origin::Constant;
  for (mlir::Value v : valuesRead(op)) {
    Origin o = originOf(v);
    if (o == Origin::Other)
      return Origin::Other;
    if (o == Origin::Weights)
      result = Origin::Weights;
  }
  return result;
}

} // namespace mm

#endif // MM_COMPILER_PASSES_WEIGHTORIGIN_H
