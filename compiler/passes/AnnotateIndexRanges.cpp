//===- AnnotateIndexRanges.cpp - range of embedding inputs ----------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace mm {
#define GEN_PASS_DEF_ANNOTATEINDEXRANGES
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {
struct AnnotateIndexRangesPass
    : public mm::impl::AnnotateIndexRangesBase<AnnotateIndexRangesPass> {
  void runOnOperation() override {
    Builder b(&getContext());
    getOperation().walk([&](mm::EmbeddingOp op) {
      auto arg = dyn_cast<BlockArgument>(op.getIndices());
      if (!arg)
        return;
      auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
      if (!func)
        return;
      int64_t rows = op.getWeight().getType().getDimSize(0);
      // One argument may index several tables: keep the tightest range.
      if (auto old = func.getArgAttrOfType<DenseI64ArrayAttr>(
              arg.getArgNumber(), mm::MMDialect::kIndexRangeAttr))
        rows = std::min(rows, old[1]);
      func.setArgAttr(arg.getArgNumber(), mm::MMDialect::kIndexRangeAttr,
                      b.getDenseI64ArrayAttr({0, rows}));
    });
  }
};
} // namespace
