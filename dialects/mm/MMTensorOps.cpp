//===- MMTensorOps.cpp - verifiers and folders of the ops in MMTensorOps.td ===//
#include "dialects/mm/MMOps.h"

using namespace mlir;
using namespace mm;
