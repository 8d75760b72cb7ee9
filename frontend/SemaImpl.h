//===- SemaImpl.h - internals shared by the Sema*.cpp files -----*- C++ -*-===//
//
// Sema evaluates the model the way Python would run the equivalent PyTorch
// module, but on abstract values: a tensor is a value number with a
// symbolic type, a number is a compile-time constant, a layer is an
// instance with its weights. Applying a built-in layer or function appends
// an operation to the Function being built; calling a fn or a block's
// forward evaluates its body in place (inlining).
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_SEMAIMPL_H
#define MM_FRONTEND_SEMAIMPL_H

#include "frontend/AST.h"
#include "frontend/Sema.h"

#include "llvm/ADT/StringMap.h"

#include <map>
#include <memory>
#include <optional>

namespace mm {
namespace sema {

struct LayerInstance;
struct ComponentInstance;
struct BuiltinLayer;
struct BuiltinFunction;

/// A value during evaluation.
struct Value {
  enum Kind {
    Tensor,
    Int,
    Float,
    Bool,
    String,
    Symbol,   ///< A symbolic dimension used as a number (`reshape(x, [B, -1])`).
    DType,    ///< An element type name (`to(x, i64)`).
    List,     ///< `[a, b]`
    Tuple,    ///< The results of a fn.
    Record,   ///< A layer result with fields (`.output`, `.h_n`, ...).
    Layer,
    Fn,
    Builtin,  ///< A built-in function.
  };

  Kind kind = Int;
  // Tensor.
  unsigned id = 0;
  TensorType type;
  // Scalars.
  int64_t intValue = 0;
  double floatValue = 0;
  bool boolValue = false;
  std::string stringValue; ///< String; also the record's kind ("lstm").
  Dim dim;                 ///< Symbol.
  ElementType dtype = ElementType::F32;
  // Aggregates.
  std::vector<Value> elements;
  std::vector<std::pair<std::string, Value>> fields;
  // References.
  LayerInstance *layer = nullptr;
  const ast::FnDecl *fn = nullptr;
  ComponentInstance *component = nullptr;
  const BuiltinFunction *builtin = nullptr;

  static Value makeTensor(unsigned id, TensorType type);
  static Value makeInt(int64_t v);
  static Value makeFloat(double v);
  static Value makeBool(bool v);
  static Value makeString(std::string v);
  static Value makeDim(Dim d); ///< An Int when D is constant.

  bool isTensor() const { return kind == Tensor; }
  bool isNumber() const { return kind == Int || kind == Float; }
  /// Int or Symbol: usable as a dimension.
  bool isDimLike() const { return kind == Int || kind == Symbol; }
  Dim asDim() const { return kind == Int ? Dim(intValue) : dim; }
  double asDouble() const {
    return kind == Int ? static_cast<double>(intValue) : floatValue;
  }
};

/// The shortest decimal form of V that reads back as V ("1e-06", "2.0").
std::string formatDouble(double v);

/// Describes a value for messages: "tensor f32[B, 64]", "integer 3", ...
std::string describe(const Value &v);

//===----------------------------------------------------------------------===//
// Signatures of built-ins
//===----------------------------------------------------------------------===//

/// What an argument of a built-in accepts.
enum class ArgKind {
  Tensor,
  TensorList,
  Int,
  IntOrList, ///< An integer or a list of integers (dims, kernel sizes).
  IntList,
  Shape,     ///< A list of integers and symbols (reshape).
  Float,     ///< A float or an integer.
  Bool,
  String,
  DType,
};

/// One parameter: name, kind, default, and whether it is keyword-only
/// (where LANGUAGE.md's list and PyTorch's positional order differ).
struct ParamSpec {
  enum DefaultKind { Required, None, IntDefault, FloatDefault, BoolDefault,
                     StringDefault };
  const char *name;
  ArgKind kind;
  DefaultKind defaultKind = Required;
  int64_t intDefault = 0;
  double floatDefault = 0;
  bool boolDefault = false;
  const char *stringDefault = "";
  bool keywordOnly = false;
};

ParamSpec required(const char *name, ArgKind kind);
ParamSpec optional(const char *name, ArgKind kind);
ParamSpec withDefault(const char *name, int64_t v);
inline ParamSpec withDefault(const char *name, int v) {
  return withDefault(name, static_cast<int64_t>(v));
}
ParamSpec withDefault(const char *name, double v);
ParamSpec withDefault(const char *name, bool v);
ParamSpec withDefault(const char *name, const char *v);
ParamSpec withDefault(const char *name, ArgKind kind, int64_t v);
ParamSpec keywordOnly(ParamSpec spec);

/// `linear(in_features, out_features, bias: true)`.
std::string formatSignature(llvm::StringRef name,
                            const std::vector<ParamSpec> &params);

/// An argument as written at a call site, already evaluated.
struct CallArg {
  std::string name;    ///< Empty for a positional argument.
  llvm::SMLoc nameLoc; ///< The keyword's location; the value's if positional.
  llvm::SMLoc loc;     ///< The value's location.
  Value value;
};

/// Arguments matched to a signature; absent optional ones are nullopt.
struct BoundArgs {
  const std::vector<ParamSpec> *params = nullptr;
  std::vector<std::optional<Value>> values;
  std::vector<llvm::SMLoc> locs; ///< The argument's location, or the call's.
  llvm::SMLoc callLoc;

  bool has(unsigned i) const { return values[i].has_value(); }
  const Value &get(unsigned i) const { return *values[i]; }
  int64_t getInt(unsigned i) const { return values[i]->intValue; }
  double getFloat(unsigned i) const { return values[i]->asDouble(); }
  bool getBool(unsigned i) const { return values[i]->boolValue; }
  const std::string &getString(unsigned i) const {
    return values[i]->stringValue;
  }
  /// An IntOrList argument as a list.
  std::vector<int64_t> getInts(unsigned i) const;
  llvm::SMLoc loc(unsigned i) const { return locs[i]; }
};

//===----------------------------------------------------------------------===//
// Instances
//===----------------------------------------------------------------------===//

/// One weight tensor a layer owns, relative to the layer ("weight_ih_l0").
struct WeightSpec {
  std::string name;
  Shape shape;
};

/// A declared layer, constructed: a built-in with its arguments, a block
/// instance, or a repeat() of either.
struct LayerInstance {
  enum Kind { Builtin, Block, Repeat };
  Kind kind = Builtin;
  std::string name;   ///< The declared name, e.g. "lstm".
  std::string prefix; ///< The state_dict prefix with a trailing dot.
  llvm::SMLoc loc;
  // Builtin.
  const BuiltinLayer *builtin = nullptr;
  BoundArgs args;
  std::vector<WeightSpec> weights;
  // Block.
  std::unique_ptr<ComponentInstance> block;
  // Repeat.
  std::vector<std::unique_ptr<LayerInstance>> copies;

  /// The full state_dict name of one of this built-in layer's weights.
  std::string weightName(llvm::StringRef local) const {
    return prefix + local.str();
  }
};

/// A model, or a block instantiated with hyper-parameter values.
struct ComponentInstance {
  const ast::ComponentDecl *decl = nullptr;
  std::string prefix;
  llvm::StringMap<Value> hyperParams;
  llvm::StringMap<std::unique_ptr<LayerInstance>> layers;
  /// A param's full weight name and type.
  llvm::StringMap<std::pair<std::string, TensorType>> params;
  llvm::StringMap<const ast::FnDecl *> fns;
};

//===----------------------------------------------------------------------===//
// Built-in tables (SemaBuiltins.cpp)
//===----------------------------------------------------------------------===//

class Sema;

/// A built-in function such as `relu` or `cat`.
struct BuiltinFunction {
  const char *name;
  std::vector<ParamSpec> params;
  /// Emits the operation(s); returns nullopt after reporting an error.
  std::optional<Value> (*apply)(Sema &s, const BuiltinFunction &fn,
                                const BoundArgs &args);
  /// The mm op the function becomes, for handlers shared by several.
  const char *opName = "";
};

/// A built-in layer such as `linear`.
struct BuiltinLayer {
  const char *name;
  std::vector<ParamSpec> params;        ///< The constructor's.
  std::vector<ParamSpec> forwardParams; ///< Applying the layer.
  /// Checks the constructor arguments and lists the weights; false after
  /// reporting an error.
  bool (*construct)(Sema &s, LayerInstance &layer);
  std::optional<Value> (*apply)(Sema &s, LayerInstance &layer,
                                const BoundArgs &args);
};

const BuiltinFunction *lookupBuiltinFunction(llvm::StringRef name);
const BuiltinLayer *lookupBuiltinLayer(llvm::StringRef name);
std::vector<std::string> builtinLayerNames();
std::vector<std::string> builtinFunctionNames();

//===----------------------------------------------------------------------===//
// The evaluator
//===----------------------------------------------------------------------===//

/// The scope of one fn body being evaluated.
struct Frame {
  ComponentInstance *component = nullptr;
  const ast::FnDecl *fn = nullptr;
  llvm::StringMap<Value> locals;
  llvm::StringMap<Dim> symbols;
};

class Sema {
public:
  Sema(const ast::File &file, DiagnosticEmitter &diag, Program &program)
      : file(file), diag(diag), program(program) {}

  bool run(llvm::StringRef modelName);

  //===--------------------------------------------------------------------===//
  // Services for the built-in handlers
  //===--------------------------------------------------------------------===//

  /// Reports an error (only the first one is shown); returns nullopt.
  std::nullopt_t error(llvm::SMLoc loc, const llvm::Twine &message);
  std::nullopt_t error(llvm::SMLoc loc, const llvm::Twine &message,
                       llvm::SMLoc noteLoc, const llvm::Twine &note);
  bool failed() const { return hadError; }

  /// Records that the current function needs SIZE >= MIN (checked by the
  /// runtime before a call) when SIZE is one of its symbols.
  void requireAtLeast(const Dim &size, int64_t min);

  /// Appends an operation to the current function; returns its results.
  std::vector<Value> emit(llvm::StringRef opName, llvm::SMLoc loc,
                          llvm::StringRef what,
                          const std::vector<Value> &operands,
                          const std::vector<TensorType> &resultTypes,
                          std::vector<Attribute> attrs = {});
  /// The value of weight NAME in the current function (one mm.weight each).
  Value weight(const std::string &name, const TensorType &type,
               llvm::SMLoc loc);
  /// A rank-0 constant of element type ELEMENT.
  Value constant(const Value &number, ElementType element, llvm::SMLoc loc);

  /// Elementwise + - * / with broadcasting, or @, on tensors and numbers.
  std::optional<Value> binary(ast::BinaryExpr::Op op, const Value &lhs,
                              const Value &rhs, llvm::SMLoc loc);
  std::optional<Value> matmul(const Value &lhs, const Value &rhs,
                              llvm::SMLoc loc);
  /// NumPy broadcasting of two shapes; reports a mismatch at LOC.
  std::optional<Shape> broadcast(const Shape &lhs, const Shape &rhs,
                                 llvm::SMLoc loc, llvm::StringRef what);
  /// Normalizes dimension index DIM for RANK (negative counts from the end).
  std::optional<int64_t> normalizeDim(int64_t dim, size_t rank,
                                      llvm::SMLoc loc, const TensorType &type);
  /// Checks that a tensor argument has a floating-point element type.
  bool requireFloat(const Value &v, llvm::SMLoc loc, llvm::StringRef what);

  /// Applies a layer to call arguments.
  std::optional<Value> applyLayer(LayerInstance &layer, llvm::SMLoc loc,
                                  std::vector<CallArg> &args);

  /// Matches ARGS to PARAMS and checks their kinds.
  std::optional<BoundArgs> bind(llvm::StringRef callee,
                                const std::vector<ParamSpec> &params,
                                std::vector<CallArg> &args, llvm::SMLoc loc);

  Program &getProgram() { return program; }

private:
  // Instantiation.
  bool instantiate(ComponentInstance &instance);
  std::unique_ptr<LayerInstance> instantiateLayer(const ast::CallExpr &init,
                                                  llvm::StringRef name,
                                                  llvm::StringRef prefix,
                                                  ComponentInstance &owner);
  bool instantiateBlock(const ast::CallExpr &init,
                        const ast::BlockDecl &block,
                        std::vector<CallArg> &args, llvm::StringRef name,
                        llvm::StringRef prefix, LayerInstance &layer);
  bool addWeight(const std::string &name, const TensorType &type,
                 llvm::SMLoc loc);
  std::optional<TensorType> evalType(const ast::TensorType &type,
                                     const Frame &frame, bool bindSymbols,
                                     llvm::StringMap<Dim> *bindings);
  std::optional<Dim> evalDim(const ast::Expr &dim, const Frame &frame);

  // Functions.
  bool genFunction(const ast::FnDecl &fn, ComponentInstance &model);
  std::optional<Value> callFn(const ast::FnDecl &fn,
                              ComponentInstance &component, llvm::SMLoc loc,
                              std::vector<CallArg> &args);
  std::optional<std::vector<Value>> evalBody(const ast::FnDecl &fn,
                                             Frame &frame);
  bool checkResults(const ast::FnDecl &fn, Frame &frame,
                    const std::vector<Value> &values,
                    const std::vector<llvm::SMLoc> &locs,
                    std::vector<TensorType> *declared);

  // Expressions.
  std::optional<Value> eval(const ast::Expr &expr);
  std::optional<Value> evalName(const ast::NameExpr &expr);
  std::optional<Value> evalCall(const ast::CallExpr &call);
  std::optional<Value> evalField(const ast::FieldExpr &expr);
  std::optional<Value> evalIndex(const ast::IndexExpr &expr);
  std::optional<Value> evalUnary(const ast::UnaryExpr &expr);
  std::optional<Value> lookup(llvm::StringRef name, llvm::SMLoc loc);
  std::optional<std::vector<CallArg>> evalArgs(const ast::CallExpr &call);

  const ast::File &file;
  DiagnosticEmitter &diag;
  Program &program;
  bool hadError = false;

  llvm::StringMap<const ast::BlockDecl *> blocks;
  std::unique_ptr<ComponentInstance> model;
  /// Blocks being instantiated, innermost last (to reject recursion).
  std::vector<const ast::BlockDecl *> instantiating;
  /// Where the fns and blocks being evaluated were called or instantiated,
  /// innermost last; errors inside them say so in notes.
  std::vector<std::pair<llvm::SMLoc, std::string>> callStack;
  /// Weight names already declared, to their location.
  llvm::StringMap<llvm::SMLoc> weightNames;

  // State of the function being generated.
  Function *current = nullptr;
  std::vector<Frame *> frames;
  std::map<std::string, unsigned> weightValues;
  unsigned evalDepth = 0;
};

} // namespace sema
} // namespace mm

#endif // MM_FRONTEND_SEMAIMPL_H
