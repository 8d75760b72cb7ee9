//===- MMNNOps.cpp - verifiers and folders of the ops in MMNNOps.td ===//
#include "dialects/mm/MMOps.h"

using namespace mlir;
using namespace mm;
