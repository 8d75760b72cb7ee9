//===- MMDialect.h - the mm dialect -----------------------------*- C++ -*-===//
#ifndef MM_DIALECTS_MM_MMDIALECT_H
#define MM_DIALECTS_MM_MMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/mm/MMDialect.h.inc"

#endif // MM_DIALECTS_MM_MMDIALECT_H
