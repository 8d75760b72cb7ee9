//===- Sema.h - semantic analysis of a .mm model ----------------*- C++ -*-===//
//
// Sema checks one model and turns it into a Program: the weight manifest
// and, for every fn of the model, a flat list of typed operations on
// symbolically shaped tensors. Calls of fns, of blocks and of repeat() are
// inlined, so each Function is self-contained. MLIRGen only translates a
// Program into the mm dialect; everything that can be wrong with the source
// is found here, with a source location, before any MLIR exists. Nothing in
// this header or in Sema*.cpp depends on MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_SEMA_H
#define MM_FRONTEND_SEMA_H

#include "frontend/Dim.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/SMLoc.h"

#include <string>
#include <utility>
#include <map>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mm {
namespace ast {
class File;
} // namespace ast

namespace sema {

enum class ElementType { F32, F16, BF16, I8, I32, I64, U8 };

llvm::StringRef getElementTypeName(ElementType type);
bool isFloatType(ElementType type);

/// An element type and a symbolic shape.
struct TensorType {
  ElementType element = ElementType::F32;
  Shape shape;

  bool operator==(const TensorType &other) const {
    return element == other.element && shape == other.shape;
  }
  bool operator!=(const TensorType &other) const { return !(*this == other); }
  /// `f32[B, 64]`.
  std::string str() const;
};

/// An attribute of an operation, named as the mm dialect names it.
struct Attribute {
  enum Kind {
    Int,      ///< i64
    Float,    ///< f64
    Bool,
    String,
    IntArray, ///< array<i64: ...>
    SymbolRef,
    /// A scalar of the result's element type (the `value` of mm.constant):
    /// `floatValue` for float results, `intValue` otherwise.
    Scalar,
  };
  std::string name;
  Kind kind = Int;
  int64_t intValue = 0;
  double floatValue = 0;
  bool boolValue = false;
  std::string stringValue;
  std::vector<int64_t> ints;
};

/// One operation of the mm dialect, e.g. `mm.linear`, before it exists.
struct Operation {
  std::string name;
  llvm::SMLoc loc;
  std::vector<unsigned> operands; ///< Value numbers.
  std::vector<unsigned> results;  ///< Value numbers.
  std::vector<Attribute> attrs;
  /// What the source called, for "... is not supported yet" messages, e.g.
  /// "layer 'gru'" or "function 'softmax'".
  std::string what;
};

struct Argument {
  std::string name;
  llvm::SMLoc loc;
  TensorType type;
};

/// One exported fn, fully inlined. Values 0..args.size()-1 are the
/// arguments; every other value is a result of exactly one operation.
struct Function {
  std::string name;
  llvm::SMLoc loc;
  std::vector<Argument> args;
  std::vector<TensorType> values;
  std::vector<Operation> ops;
  std::vector<unsigned> results;
  std::vector<TensorType> resultTypes;
  /// The symbolic dimensions of the signature in order of first appearance.
  std::vector<std::string> symbols;
  /// Lower bounds the body needs on symbols: `x[:, -1]` on a dimension T
  /// needs T >= 1, checked by the runtime before a call.
  std::map<std::string, int64_t> symbolMin;
};

/// One tensor of the weights file: its state_dict name and static type.
struct WeightDecl {
  std::string name;
  TensorType type;
  llvm::SMLoc loc;
};

struct Program {
  std::string modelName;
  llvm::SMLoc modelLoc;
  /// In PyTorch's state_dict order.
  std::vector<WeightDecl> weights;
  std::vector<Function> functions;
};

/// One error with its notes.
struct Diagnostic {
  llvm::SMLoc loc;
  std::string message;
  std::vector<std::pair<llvm::SMLoc, std::string>> notes;
};

/// Where Sema's errors go (MLIRGen turns them into MLIR diagnostics).
class DiagnosticEmitter {
public:
  virtual ~DiagnosticEmitter();
  virtual void emit(const Diagnostic &diag) = 0;
};

/// Prints PROGRAM in a readable, MLIR-like form (for debugging Sema
/// without the dialect: `mm-fe --emit=sema`).
void dumpProgram(const Program &program, llvm::raw_ostream &os);

/// Checks model MODELNAME of FILE (empty: the file's only or last model)
/// and fills PROGRAM. Reports the first error through DIAG and returns
/// false after it.
bool analyze(const ast::File &file, llvm::StringRef modelName,
             DiagnosticEmitter &diag, Program &program);

} // namespace sema
} // namespace mm

#endif // MM_FRONTEND_SEMA_H
