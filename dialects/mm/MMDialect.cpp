//===- MMDialect.cpp - the mm dialect -------------------------------------===//
#include "dialects/mm/MMDialect.h"
#include "dialects/mm/MMOps.h"

using namespace mlir;
using namespace mm;

#include "dialects/mm/MMDialect.cpp.inc"

void MMDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/mm/MMOps.cpp.inc"
      >();
}

Operation *MMDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, type, elements);
}
