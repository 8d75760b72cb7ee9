//===- ModelInfo.h - what the generated library exposes ---------*- C++ -*-===//
//
// The model as the runtime and the application see it: the weight manifest
// and each exported function's signature with its symbolic dimensions. It is
// read off the mm module before lowering (which erases the declarations) and
// drives the C glue, the header, `mmc pack` and `mmc init`. No MLIR types
// here, so that the tools that only need the manifest stay light.
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_CODEGEN_MODELINFO_H
#define MM_COMPILER_CODEGEN_MODELINFO_H

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace mm {

/// Element types of the C API (values of mm_dtype).
enum class DType : int32_t { F32 = 0, I32 = 1, I64 = 2, U8 = 3 };

const char *dtypeName(DType dtype);   // "f32"
const char *dtypeCType(DType dtype);  // "float"
const char *dtypeEnum(DType dtype);   // "MM_F32"
size_t dtypeSize(DType dtype);

struct WeightInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
};

/// A dimension of an argument: a constant (>= 0) or symbol number
/// -(dim + 1), as in mm_arg_desc.
struct ArgInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> dims;
  int64_t indexMin = 0, indexMax = 0; // a range iff indexMax > indexMin
};

struct FunctionInfo {
  std::string name;
  std::vector<std::string> symbols;
  /// Per symbol, the smallest value the body accepts (0 = any).
  std::vector<int64_t> symbolMin;
  /// The last derived.size() symbols are result sizes computed from the
  /// others (a symbol's name is its expression, `S/160 + 1`); derived[k] is
  /// that expression in C over `s[i]`, with overflow noted in `ovf` (see
  /// LibraryWriter's mm_d* helpers).
  std::vector<std::string> derived;
  size_t numInputSymbols() const { return symbols.size() - derived.size(); }
  std::vector<ArgInfo> inputs;
  std::vector<ArgInfo> outputs;
};

/// A torchaudio buffer that a PyTorch state_dict holds but that the model
/// computes itself (a window or a mel filter bank): `mmc pack` checks it
/// and leaves it out of the weights file.
struct ComputedBufferInfo {
  std::string name;              // "mel.spectrogram.window"
  std::vector<int64_t> shape;
  std::vector<double> values;    // row-major
};

struct ModelInfo {
  std::string name;
  std::vector<WeightInfo> weights;
  std::vector<FunctionInfo> functions;
  std::vector<ComputedBufferInfo> computedBuffers;
};

/// Reads the model's interface off an mm-dialect module (as MLIRGen makes
/// it). Reports an error on the offending op and fails for a signature the
/// C API cannot express.
bool extractModelInfo(mlir::ModuleOp module, ModelInfo &info);

} // namespace mm

#endif // MM_COMPILER_CODEGEN_MODELINFO_H
