//===- Weights.h - `mmc pack` and `mmc init` --------------------*- C++ -*-===//
#ifndef MM_COMPILER_WEIGHTS_WEIGHTS_H
#define MM_COMPILER_WEIGHTS_WEIGHTS_H

#include "compiler/codegen/ModelInfo.h"

#include <string>
#include <vector>

namespace mm {

/// Writes OUTPATH (.mmw) from a PyTorch state_dict saved as FROMPATH (.npz
/// from numpy.savez, or .safetensors). Every manifest tensor must be there
/// with its shape; f64 arrays are narrowed to f32. torchaudio's computed
/// buffers are checked against the model's own values and left out. On
/// failure PROBLEMS lists every missing, extra, mis-typed or mis-shaped
/// tensor by name, one message each.
bool packWeights(const ModelInfo &model, const std::string &fromPath,
                 const std::string &outPath, std::vector<std::string> &problems);

/// Writes OUTPATH with random weights (deterministic for a SEED), uniform
/// in ±1/sqrt(fan_in) like PyTorch's default initialisation.
bool initWeights(const ModelInfo &model, uint64_t seed, const std::string &outPath,
                 std::string &error);

/// The runtime's manifest hash of the model's weights.
uint64_t manifestHash(const ModelInfo &model);

} // namespace mm

#endif // MM_COMPILER_WEIGHTS_WEIGHTS_H
