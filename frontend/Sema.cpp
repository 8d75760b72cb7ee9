//===- Sema.cpp - semantic analysis of a .mm model ------------------------===//
//
// Instantiates the model (its layers, params and blocks, giving the weight
// manifest), then evaluates each fn of the model on symbolic tensors,
// inlining fn calls, block layers and repeat(). Only the first error is
// reported: later ones are mostly consequences of it.
//
//===----------------------------------------------------------------------===//

#include "frontend/SemaImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace mm;
using namespace mm::sema;
using llvm::SMLoc;
using llvm::StringRef;
using llvm::Twine;

/// Calls of fns and blocks nest at most this deep (each inlines a body).
static constexpr size_t kMaxCallDepth = 32;
/// Expression evaluation, counting inlined bodies, nests at most this deep.
static constexpr unsigned kMaxEvalDepth = 512;

DiagnosticEmitter::~DiagnosticEmitter() = default;

//===----------------------------------------------------------------------===//
// Types and values
//===----------------------------------------------------------------------===//

StringRef sema::getElementTypeName(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "f32";
  case ElementType::F16:
    return "f16";
  case ElementType::BF16:
    return "bf16";
  case ElementType::I8:
    return "i8";
  case ElementType::I32:
    return "i32";
  case ElementType::I64:
    return "i64";
  case ElementType::U8:
    return "u8";
  }
  return "?";
}

bool sema::isFloatType(ElementType type) {
  return type == ElementType::F32 || type == ElementType::F16 ||
         type == ElementType::BF16;
}

static std::optional<ElementType> parseElementType(StringRef name) {
  return llvm::StringSwitch<std::optional<ElementType>>(name)
      .Case("f32", ElementType::F32)
      .Case("f16", ElementType::F16)
      .Case("bf16", ElementType::BF16)
      .Case("i8", ElementType::I8)
      .Case("i32", ElementType::I32)
      .Case("i64", ElementType::I64)
      .Case("u8", ElementType::U8)
      .Default(std::nullopt);
}

std::string TensorType::str() const {
  return (getElementTypeName(element) + shapeToString(shape)).str();
}

Value Value::makeTensor(unsigned id, TensorType type) {
  Value v;
  v.kind = Tensor;
  v.id = id;
  v.type = std::move(type);
  return v;
}
Value Value::makeInt(int64_t i) {
  Value v;
  v.kind = Int;
  v.intValue = i;
  return v;
}
Value Value::makeFloat(double f) {
  Value v;
  v.kind = Float;
  v.floatValue = f;
  return v;
}
Value Value::makeBool(bool b) {
  Value v;
  v.kind = Bool;
  v.boolValue = b;
  return v;
}
Value Value::makeString(std::string s) {
  Value v;
  v.kind = String;
  v.stringValue = std::move(s);
  return v;
}
Value Value::makeDim(Dim d) {
  if (d.isConstant())
    return makeInt(d.getConstant());
  Value v;
  v.kind = Symbol;
  v.dim = std::move(d);
  return v;
}

std::string sema::formatDouble(double v) {
  // Integral values read best without an exponent: 80.0, not 8e+01.
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof(buf), "%.1f", v);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v)
      break;
  }
  std::string s = buf;
  if (s.find_first_not_of("-0123456789") == std::string::npos)
    s += ".0";
  return s;
}

std::string sema::describe(const Value &v) {
  switch (v.kind) {
  case Value::Tensor:
    return "tensor " + v.type.str();
  case Value::Int:
    return "integer " + std::to_string(v.intValue);
  case Value::Float:
    return "float " + formatDouble(v.floatValue);
  case Value::Bool:
    return std::string("boolean ") + (v.boolValue ? "true" : "false");
  case Value::String:
    return "string \"" + v.stringValue + "\"";
  case Value::Symbol:
    return "dimension " + v.dim.str();
  case Value::DType:
    return ("element type " + getElementTypeName(v.dtype)).str();
  case Value::List:
    return "a list of " + std::to_string(v.elements.size()) + " elements";
  case Value::Tuple:
    return "a tuple of " + std::to_string(v.elements.size()) + " values";
  case Value::Record:
    return "the result of " + v.stringValue;
  case Value::Layer:
    return "layer '" + v.layer->name + "'";
  case Value::Fn:
    return "fn '" + v.fn->getName().str() + "'";
  case Value::Builtin:
    return std::string("built-in function '") + v.builtin->name + "'";
  }
  return "a value";
}

//===----------------------------------------------------------------------===//
// Signatures
//===----------------------------------------------------------------------===//

ParamSpec sema::required(const char *name, ArgKind kind) {
  ParamSpec p;
  p.name = name;
  p.kind = kind;
  return p;
}
ParamSpec sema::optional(const char *name, ArgKind kind) {
  ParamSpec p = required(name, kind);
  p.defaultKind = ParamSpec::None;
  return p;
}
ParamSpec sema::withDefault(const char *name, int64_t v) {
  return withDefault(name, ArgKind::Int, v);
}
ParamSpec sema::withDefault(const char *name, ArgKind kind, int64_t v) {
  ParamSpec p = required(name, kind);
  p.defaultKind = ParamSpec::IntDefault;
  p.intDefault = v;
  return p;
}
ParamSpec sema::withDefault(const char *name, double v) {
  ParamSpec p = required(name, ArgKind::Float);
  p.defaultKind = ParamSpec::FloatDefault;
  p.floatDefault = v;
  return p;
}
ParamSpec sema::withDefault(const char *name, bool v) {
  ParamSpec p = required(name, ArgKind::Bool);
  p.defaultKind = ParamSpec::BoolDefault;
  p.boolDefault = v;
  return p;
}
ParamSpec sema::withDefault(const char *name, const char *v) {
  ParamSpec p = required(name, ArgKind::String);
  p.defaultKind = ParamSpec::StringDefault;
  p.stringDefault = v;
  return p;
}
ParamSpec sema::keywordOnly(ParamSpec spec) {
  spec.keywordOnly = true;
  return spec;
}

std::string sema::formatSignature(StringRef name,
                                  const std::vector<ParamSpec> &params) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << name << '(';
  llvm::interleaveComma(params, os, [&](const ParamSpec &p) {
    os << p.name;
    switch (p.defaultKind) {
    case ParamSpec::Required:
    case ParamSpec::None:
      break;
    case ParamSpec::IntDefault:
      os << ": " << p.intDefault;
      break;
    case ParamSpec::FloatDefault:
      os << ": " << formatDouble(p.floatDefault);
      break;
    case ParamSpec::BoolDefault:
      os << ": " << (p.boolDefault ? "true" : "false");
      break;
    case ParamSpec::StringDefault:
      os << ": \"" << p.stringDefault << '"';
      break;
    }
  });
  os << ')';
  return os.str();
}

std::vector<int64_t> BoundArgs::getInts(unsigned i) const {
  const Value &v = *values[i];
  if (v.kind == Value::Int)
    return {v.intValue};
  std::vector<int64_t> result;
  for (const Value &e : v.elements)
    result.push_back(e.intValue);
  return result;
}

static StringRef describeKind(ArgKind kind) {
  switch (kind) {
  case ArgKind::Tensor:
    return "a tensor";
  case ArgKind::TensorList:
    return "a list of tensors";
  case ArgKind::Int:
    return "an integer";
  case ArgKind::IntOrList:
    return "an integer or a list of integers";
  case ArgKind::IntList:
    return "a list of integers";
  case ArgKind::Shape:
    return "a list of integers and dimensions";
  case ArgKind::Float:
    return "a number";
  case ArgKind::Bool:
    return "a boolean (true or false)";
  case ArgKind::String:
    return "a string";
  case ArgKind::DType:
    return "an element type (f32, i32, i64, u8)";
  }
  return "a value";
}

/// Converts V to what KIND accepts, or returns nullopt.
static std::optional<Value> convertArg(const Value &v, ArgKind kind) {
  auto allOf = [&](auto pred) {
    return (v.kind == Value::List || v.kind == Value::Tuple) &&
           llvm::all_of(v.elements, pred);
  };
  switch (kind) {
  case ArgKind::Tensor:
    if (v.isTensor())
      return v;
    return std::nullopt;
  case ArgKind::TensorList:
    if (allOf([](const Value &e) { return e.isTensor(); }) &&
        !v.elements.empty()) {
      Value list = v;
      list.kind = Value::List;
      return list;
    }
    return std::nullopt;
  case ArgKind::Int:
    if (v.kind == Value::Int)
      return v;
    return std::nullopt;
  case ArgKind::IntOrList:
    if (v.kind == Value::Int ||
        allOf([](const Value &e) { return e.kind == Value::Int; }))
      return v;
    return std::nullopt;
  case ArgKind::IntList:
    if (allOf([](const Value &e) { return e.kind == Value::Int; }))
      return v;
    return std::nullopt;
  case ArgKind::Shape:
    if (allOf([](const Value &e) { return e.isDimLike(); }))
      return v;
    return std::nullopt;
  case ArgKind::Float:
    if (v.kind == Value::Int)
      return Value::makeFloat(static_cast<double>(v.intValue));
    if (v.kind == Value::Float)
      return v;
    return std::nullopt;
  case ArgKind::Bool:
    if (v.kind == Value::Bool)
      return v;
    return std::nullopt;
  case ArgKind::String:
    if (v.kind == Value::String)
      return v;
    return std::nullopt;
  case ArgKind::DType:
    if (v.kind == Value::DType)
      return v;
    if (v.kind == Value::String)
      if (auto type = parseElementType(v.stringValue)) {
        Value d;
        d.kind = Value::DType;
        d.dtype = *type;
        return d;
      }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<BoundArgs> Sema::bind(StringRef callee,
                                    const std::vector<ParamSpec> &params,
                                    std::vector<CallArg> &args, SMLoc loc) {
  BoundArgs bound;
  bound.params = &params;
  bound.values.resize(params.size());
  bound.locs.assign(params.size(), loc);
  bound.callLoc = loc;
  std::string signature = formatSignature(callee, params);

  std::vector<unsigned> positional;
  for (unsigned i = 0; i < params.size(); ++i)
    if (!params[i].keywordOnly)
      positional.push_back(i);

  unsigned nextPositional = 0;
  size_t givenPositional = llvm::count_if(
      args, [](const CallArg &a) { return a.name.empty(); });
  for (CallArg &arg : args) {
    unsigned index;
    if (arg.name.empty()) {
      if (nextPositional >= positional.size())
        return error(arg.loc, callee + " takes at most " +
                                  Twine(positional.size()) + " positional " +
                                  (positional.size() == 1 ? "argument"
                                                          : "arguments") +
                                  ", got " + Twine(givenPositional) + ": " +
                                  signature);
      index = positional[nextPositional++];
    } else {
      auto it = llvm::find_if(params, [&](const ParamSpec &p) {
        return arg.name == p.name;
      });
      if (it == params.end()) {
        std::string accepted;
        for (const ParamSpec &p : params)
          accepted += (accepted.empty() ? "" : ", ") + std::string(p.name);
        return error(arg.nameLoc, "unknown keyword argument '" + arg.name +
                                      "' for " + callee + "; it accepts " +
                                  (accepted.empty() ? std::string("none")
                                                    : accepted));
      }
      index = it - params.begin();
    }
    if (bound.values[index])
      return error(arg.nameLoc, "argument '" + Twine(params[index].name) +
                                    "' of " + callee + " is given twice");
    std::optional<Value> converted = convertArg(arg.value, params[index].kind);
    if (!converted)
      return error(arg.loc, "argument '" + Twine(params[index].name) + "' of " +
                                callee + " must be " +
                                describeKind(params[index].kind) + ", found " +
                                describe(arg.value));
    bound.values[index] = std::move(*converted);
    bound.locs[index] = arg.loc;
  }

  for (unsigned i = 0; i < params.size(); ++i) {
    if (bound.values[i])
      continue;
    const ParamSpec &p = params[i];
    switch (p.defaultKind) {
    case ParamSpec::Required:
      return error(loc, "missing argument '" + Twine(p.name) + "' of " +
                            callee + ": " + signature);
    case ParamSpec::None:
      break;
    case ParamSpec::IntDefault:
      bound.values[i] = Value::makeInt(p.intDefault);
      break;
    case ParamSpec::FloatDefault:
      bound.values[i] = Value::makeFloat(p.floatDefault);
      break;
    case ParamSpec::BoolDefault:
      bound.values[i] = Value::makeBool(p.boolDefault);
      break;
    case ParamSpec::StringDefault:
      bound.values[i] = Value::makeString(p.stringDefault);
      break;
    }
  }
  return bound;
}

//===----------------------------------------------------------------------===//
// Errors and emission
//===----------------------------------------------------------------------===//

void Sema::requireAtLeast(const Dim &size, int64_t min) {
  if (!size.isSymbol() || !current)
    return;
  int64_t &bound = current->symbolMin[size.getSymbol().str()];
  bound = std::max(bound, min);
}

std::nullopt_t Sema::error(SMLoc loc, const Twine &message) {
  return error(loc, message, SMLoc(), "");
}

std::nullopt_t Sema::error(SMLoc loc, const Twine &message, SMLoc noteLoc,
                           const Twine &note) {
  if (!hadError) {
    Diagnostic d;
    d.loc = loc;
    d.message = message.str();
    if (noteLoc.isValid())
      d.notes.push_back({noteLoc, note.str()});
    // Errors inside inlined fns and blocks name the way there.
    for (auto it = callStack.rbegin(); it != callStack.rend(); ++it)
      d.notes.push_back(*it);
    diag.emit(d);
  }
  hadError = true;
  return std::nullopt;
}

std::vector<Value> Sema::emit(StringRef opName, SMLoc loc, StringRef what,
                              const std::vector<Value> &operands,
                              const std::vector<TensorType> &resultTypes,
                              std::vector<Attribute> attrs) {
  std::vector<Value> results;
  if (!current) {
    error(loc, "tensors can not be computed here: arguments of a layer must "
               "be constants");
    for (const TensorType &t : resultTypes)
      results.push_back(Value::makeTensor(0, t));
    return results;
  }
  Operation op;
  op.name = opName.str();
  op.loc = loc;
  op.what = what.str();
  for (const Value &v : operands)
    op.operands.push_back(v.id);
  for (const TensorType &t : resultTypes) {
    unsigned id = current->values.size();
    current->values.push_back(t);
    op.results.push_back(id);
    results.push_back(Value::makeTensor(id, t));
  }
  op.attrs = std::move(attrs);
  current->ops.push_back(std::move(op));
  return results;
}

Value Sema::weight(const std::string &name, const TensorType &type, SMLoc loc) {
  auto it = weightValues.find(name);
  if (it != weightValues.end() && current)
    return Value::makeTensor(it->second, type);
  Attribute ref;
  ref.name = "name";
  ref.kind = Attribute::SymbolRef;
  ref.stringValue = name;
  Value v = emit("mm.weight", loc, "weight '" + name + "'", {}, {type},
                 {ref})[0];
  weightValues[name] = v.id;
  return v;
}

Value Sema::constant(const Value &number, ElementType element, SMLoc loc) {
  Attribute value;
  value.name = "value";
  value.kind = Attribute::Scalar;
  value.floatValue = number.asDouble();
  value.intValue = number.kind == Value::Int ? number.intValue : 0;
  TensorType type{element, {}};
  return emit("mm.constant", loc, "a constant", {}, {type}, {value})[0];
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

std::optional<Shape> Sema::broadcast(const Shape &lhs, const Shape &rhs,
                                     SMLoc loc, StringRef what) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    Dim a = i < rank - lhs.size() ? Dim(1) : lhs[i - (rank - lhs.size())];
    Dim b = i < rank - rhs.size() ? Dim(1) : rhs[i - (rank - rhs.size())];
    if (a == b || (b.isConstant() && b.getConstant() == 1))
      result[i] = a;
    else if (a.isConstant() && a.getConstant() == 1)
      result[i] = b;
    else
      return error(loc, "shapes " + shapeToString(lhs) + " and " +
                            shapeToString(rhs) + " do not broadcast in " +
                            what + " (" + a.str() + " vs " + b.str() + ")");
  }
  return result;
}

std::optional<int64_t> Sema::normalizeDim(int64_t dim, size_t rank, SMLoc loc,
                                          const TensorType &type) {
  int64_t r = static_cast<int64_t>(rank);
  if (dim < -r || dim >= r || (r == 0 && dim != 0 && dim != -1))
    return error(loc, "dimension " + Twine(dim) + " is out of range for " +
                          type.str() + " (rank " + Twine(r) +
                          (r ? ", expected " + Twine(-r) + " to " + Twine(r - 1)
                             : Twine("")) +
                          ")");
  return dim < 0 ? dim + r : dim;
}

bool Sema::requireFloat(const Value &v, SMLoc loc, StringRef what) {
  if (v.isTensor() && isFloatType(v.type.element))
    return true;
  error(loc, what + " expects a floating-point tensor, found " + describe(v));
  return false;
}

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

static const char *binaryOpName(ast::BinaryExpr::Op op) {
  switch (op) {
  case ast::BinaryExpr::Add:
    return "mm.add";
  case ast::BinaryExpr::Sub:
    return "mm.sub";
  case ast::BinaryExpr::Mul:
    return "mm.mul";
  case ast::BinaryExpr::Div:
    return "mm.div";
  case ast::BinaryExpr::MatMul:
    return "mm.matmul";
  }
  return "";
}

/// Folds arithmetic on compile-time numbers and dimensions.
static std::optional<Value> foldNumbers(Sema &s, ast::BinaryExpr::Op op,
                                        const Value &lhs, const Value &rhs,
                                        SMLoc loc) {
  using Op = ast::BinaryExpr::Op;
  StringRef sym = ast::BinaryExpr::getOpSpelling(op);
  if (lhs.kind == Value::Float || rhs.kind == Value::Float) {
    if (lhs.kind == Value::Symbol || rhs.kind == Value::Symbol)
      return s.error(loc, "'" + sym + "' of a dimension and a float is not "
                                      "a dimension");
    double a = lhs.asDouble(), b = rhs.asDouble();
    switch (op) {
    case Op::Add:
      return Value::makeFloat(a + b);
    case Op::Sub:
      return Value::makeFloat(a - b);
    case Op::Mul:
      return Value::makeFloat(a * b);
    case Op::Div:
      if (b == 0)
        return s.error(loc, "division by zero");
      return Value::makeFloat(a / b);
    case Op::MatMul:
      break;
    }
    return s.error(loc, "'@' needs two tensors, found " + describe(lhs) +
                            " and " + describe(rhs));
  }
  Dim a = lhs.asDim(), b = rhs.asDim();
  Dim result;
  switch (op) {
  case Op::Add:
    result = a + b;
    break;
  case Op::Sub:
    result = a - b;
    break;
  case Op::Mul:
    result = a * b;
    break;
  case Op::Div:
    if (!b.isConstant())
      return s.error(loc, "a dimension can only be divided by an integer "
                          "constant, found " +
                              describe(rhs));
    if (b.getConstant() == 0)
      return s.error(loc, "division by zero");
    if (a.isConstant()) {
      // Integers divide as in Python: exactly when they can, else to a float.
      if (a.getConstant() % b.getConstant() == 0)
        return Value::makeInt(a.getConstant() / b.getConstant());
      return Value::makeFloat(static_cast<double>(a.getConstant()) /
                              static_cast<double>(b.getConstant()));
    }
    if (b.getConstant() < 0)
      return s.error(loc, "a dimension can only be divided by a positive "
                          "integer, found " +
                              describe(rhs));
    // A symbolic dimension divides like the types do: rounding down.
    result = a.floorDiv(b.getConstant());
    break;
  case Op::MatMul:
    return s.error(loc, "'@' needs two tensors, found " + describe(lhs) +
                            " and " + describe(rhs));
  }
  if (result.overflowed())
    return s.error(loc, "integer overflow in '" + sym + "'");
  return Value::makeDim(result);
}

std::optional<Value> Sema::binary(ast::BinaryExpr::Op op, const Value &lhs,
                                  const Value &rhs, SMLoc loc) {
  StringRef sym = ast::BinaryExpr::getOpSpelling(op);
  auto isScalar = [](const Value &v) {
    return v.kind == Value::Int || v.kind == Value::Float ||
           v.kind == Value::Symbol;
  };
  if (isScalar(lhs) && isScalar(rhs))
    return foldNumbers(*this, op, lhs, rhs, loc);
  if (op == ast::BinaryExpr::MatMul) {
    if (!lhs.isTensor() || !rhs.isTensor())
      return error(loc, "'@' needs two tensors, found " + describe(lhs) +
                            " and " + describe(rhs));
    return matmul(lhs, rhs, loc);
  }
  auto checkOperand = [&](const Value &v) -> bool {
    if (v.isTensor() || v.kind == Value::Int || v.kind == Value::Float)
      return true;
    if (v.kind == Value::Symbol)
      error(loc, "dimension " + v.dim.str() +
                     " can not be used as a tensor value in '" + sym + "'");
    else
      error(loc, "'" + sym + "' is not defined for " + describe(lhs) +
                     " and " + describe(rhs));
    return false;
  };
  if (!checkOperand(lhs) || !checkOperand(rhs))
    return std::nullopt;

  // A number takes the element type of the tensor it meets.
  auto toTensor = [&](const Value &number,
                      const Value &tensor) -> std::optional<Value> {
    ElementType element = tensor.type.element;
    if (number.kind == Value::Float && !isFloatType(element))
      return error(loc, "'" + sym + "' of " + describe(tensor) + " and " +
                            describe(number) +
                            " would need a type conversion; convert the "
                            "tensor first with to(x, f32)");
    return constant(number, element, loc);
  };
  Value a = lhs, b = rhs;
  if (!a.isTensor()) {
    auto t = toTensor(a, b);
    if (!t)
      return std::nullopt;
    a = *t;
  }
  if (!b.isTensor()) {
    auto t = toTensor(b, a);
    if (!t)
      return std::nullopt;
    b = *t;
  }
  if (a.type.element != b.type.element)
    return error(loc, "'" + sym + "' of tensors with different element types: " +
                          a.type.str() + " and " + b.type.str());
  if (op == ast::BinaryExpr::Div && !isFloatType(a.type.element))
    return error(loc, "'/' of integer tensors (" + a.type.str() + ", " +
                          b.type.str() +
                          ") is not supported yet; convert them with "
                          "to(x, f32) first");
  std::optional<Shape> shape =
      broadcast(a.type.shape, b.type.shape, loc, "'" + sym.str() + "'");
  if (!shape)
    return std::nullopt;
  return emit(binaryOpName(op), loc, "'" + sym.str() + "'", {a, b},
              {TensorType{a.type.element, *shape}})[0];
}

std::optional<Value> Sema::matmul(const Value &lhs, const Value &rhs,
                                  SMLoc loc) {
  const Shape &a = lhs.type.shape, &b = rhs.type.shape;
  auto mismatch = [&](const Twine &why) {
    return error(loc, "matmul of incompatible shapes " + shapeToString(a) +
                          " @ " + shapeToString(b) + ": " + why);
  };
  if (!isFloatType(lhs.type.element) || lhs.type.element != rhs.type.element)
    return error(loc, "matmul needs two floating-point tensors of one element "
                      "type, found " +
                          lhs.type.str() + " and " + rhs.type.str());
  if (a.empty() || b.empty())
    return mismatch("both need at least one dimension");
  Dim k1 = a.back();
  Dim k2 = b.size() == 1 ? b[0] : b[b.size() - 2];
  if (k1 != k2)
    return mismatch(k1.str() + " vs " + k2.str() +
                    " in the contracted dimension");
  Shape batchA(a.begin(), a.end() - std::min<size_t>(a.size(), 2));
  Shape batchB(b.begin(), b.end() - std::min<size_t>(b.size(), 2));
  std::optional<Shape> batch =
      broadcast(batchA, batchB, loc, "the batch dimensions of '@'");
  if (!batch)
    return std::nullopt;
  Shape result = *batch;
  if (a.size() >= 2)
    result.push_back(a[a.size() - 2]);
  if (b.size() >= 2)
    result.push_back(b.back());
  return emit("mm.matmul", loc, "'@'", {lhs, rhs},
              {TensorType{lhs.type.element, result}})[0];
}

//===----------------------------------------------------------------------===//
// Entry point and instantiation
//===----------------------------------------------------------------------===//

void sema::dumpProgram(const Program &program, llvm::raw_ostream &os) {
  os << "model " << program.modelName << "\n";
  for (const WeightDecl &w : program.weights)
    os << "  weight " << w.name << " : " << w.type.str() << "\n";
  for (const Function &fn : program.functions) {
    os << "  fn " << fn.name << "(";
    llvm::interleaveComma(fn.args, os, [&](const Argument &a) {
      os << a.name << ": " << a.type.str();
    });
    os << ") -> (";
    llvm::interleaveComma(fn.resultTypes, os,
                          [&](const TensorType &t) { os << t.str(); });
    os << ")\n";
    for (const Operation &op : fn.ops) {
      os << "    ";
      llvm::interleaveComma(op.results, os, [&](unsigned r) { os << '%' << r; });
      os << " = " << op.name << "(";
      llvm::interleaveComma(op.operands, os,
                            [&](unsigned r) { os << '%' << r; });
      os << ")";
      for (const Attribute &a : op.attrs) {
        os << " " << a.name << "=";
        switch (a.kind) {
        case Attribute::Int:
          os << a.intValue;
          break;
        case Attribute::Float:
          os << formatDouble(a.floatValue);
          break;
        case Attribute::Bool:
          os << (a.boolValue ? "true" : "false");
          break;
        case Attribute::String:
        case Attribute::SymbolRef:
          os << '"' << a.stringValue << '"';
          break;
        case Attribute::IntArray:
          os << '[';
          llvm::interleaveComma(a.ints, os);
          os << ']';
          break;
        case Attribute::Scalar:
          os << formatDouble(a.floatValue);
          break;
        }
      }
      os << " : ";
      llvm::interleaveComma(op.results, os,
                            [&](unsigned r) { os << fn.values[r].str(); });
      os << "\n";
    }
    os << "    return ";
    llvm::interleaveComma(fn.results, os, [&](unsigned r) { os << '%' << r; });
    os << "\n";
  }
}

bool sema::analyze(const ast::File &file, StringRef modelName,
                   DiagnosticEmitter &diag, Program &program) {
  Sema sema(file, diag, program);
  return sema.run(modelName);
}

/// Every file of the compile unit: imported ones first, then FILE.
static std::vector<const ast::File *> allFiles(const ast::File &file) {
  std::vector<const ast::File *> files;
  for (const auto &imported : file.getImportedFiles())
    files.push_back(imported.get());
  files.push_back(&file);
  return files;
}

bool Sema::run(StringRef modelName) {
  SMLoc fileLoc = SMLoc::getFromPointer(file.getBuffer().begin());
  const ast::ModelDecl *modelDecl = nullptr;
  std::vector<std::string> modelNames;
  for (const ast::File *f : allFiles(file)) {
    for (const ast::DeclPtr &decl : f->getDecls()) {
      if (auto *block = llvm::dyn_cast<ast::BlockDecl>(decl.get())) {
        auto [it, inserted] = blocks.try_emplace(block->getName(), block);
        if (!inserted)
          return error(block->getLoc(),
                       "block '" + block->getName() + "' is already defined",
                       it->second->getLoc(), "previous definition is here"),
                 false;
        if (lookupBuiltinLayer(block->getName()) ||
            lookupBuiltinFunction(block->getName()) ||
            block->getName() == "repeat")
          return error(block->getLoc(), "block '" + block->getName() +
                                            "' has the name of a built-in"),
                 false;
      }
      auto *m = llvm::dyn_cast<ast::ModelDecl>(decl.get());
      if (!m)
        continue;
      // The default is the root file's last model; a named one may live in
      // any file.
      if (modelName.empty() ? f == &file : m->getName() == modelName)
        modelDecl = m;
      if (f == &file || !modelName.empty())
        modelNames.push_back(m->getName().str());
    }
  }
  if (!modelDecl) {
    if (!modelName.empty())
      return error(fileLoc, "no model named '" + modelName + "'" +
                                (modelNames.empty()
                                     ? std::string("; the file defines none")
                                     : "; the models are " +
                                           llvm::join(modelNames, ", "))),
             false;
    return error(fileLoc, "the file defines no model (expected 'model NAME "
                          "{ ... }')"),
           false;
  }

  program.modelName = modelDecl->getName().str();
  program.modelLoc = modelDecl->getLoc();
  model = std::make_unique<ComponentInstance>();
  model->decl = modelDecl;
  if (!instantiate(*model))
    return false;
  for (const ast::DeclPtr &member : modelDecl->getMembers())
    if (auto *fn = llvm::dyn_cast<ast::FnDecl>(member.get()))
      if (!genFunction(*fn, *model))
        return false;
  if (program.functions.empty())
    return error(modelDecl->getLoc(), "model '" + modelDecl->getName() +
                                          "' has no fn to export"),
           false;
  return !hadError;
}

bool Sema::addWeight(const std::string &name, const TensorType &type,
                     SMLoc loc) {
  auto [it, inserted] = weightNames.try_emplace(name, loc);
  if (!inserted)
    return error(loc, "weight '" + name + "' is declared twice", it->second,
                 "first declared here"),
           false;
  for (const Dim &d : type.shape)
    if (!d.isConstant() || d.getConstant() < 0)
      return error(loc, "weight '" + name + "' has shape " +
                            shapeToString(type.shape) +
                            "; weights need non-negative constant dimensions"),
             false;
  program.weights.push_back({name, type, loc});
  return true;
}

bool Sema::instantiate(ComponentInstance &inst) {
  const ast::ComponentDecl &decl = *inst.decl;
  StringRef what = llvm::isa<ast::BlockDecl>(decl) ? "block" : "model";
  llvm::StringMap<SMLoc> names;
  for (const auto &[name, value] : inst.hyperParams)
    names[name] = decl.getLoc();
  for (const ast::DeclPtr &member : decl.getMembers()) {
    auto [it, inserted] = names.try_emplace(member->getName(), member->getLoc());
    if (!inserted)
      return error(member->getLoc(),
                   "'" + member->getName() + "' is already defined in " + what +
                       " '" + decl.getName() + "'",
                   it->second, "previous definition is here"),
             false;
  }

  Frame frame;
  frame.component = &inst;
  frames.push_back(&frame);
  auto popFrame = llvm::make_scope_exit([&] { frames.pop_back(); });

  // PyTorch's state_dict lists a module's own parameters before those of
  // its submodules, whatever the order of assignment in __init__.
  for (const ast::DeclPtr &member : decl.getMembers()) {
    auto *param = llvm::dyn_cast<ast::ParamDecl>(member.get());
    if (!param)
      continue;
    std::optional<TensorType> type =
        evalType(param->getType(), frame, /*bindSymbols=*/false, nullptr);
    if (!type)
      return false;
    std::string name = inst.prefix + param->getName().str();
    if (!addWeight(name, *type, param->getLoc()))
      return false;
    inst.params[param->getName()] = {name, *type};
  }
  for (const ast::DeclPtr &member : decl.getMembers()) {
    if (auto *layer = llvm::dyn_cast<ast::LayerDecl>(member.get())) {
      std::unique_ptr<LayerInstance> instance = instantiateLayer(
          layer->getInit(), layer->getName(),
          inst.prefix + layer->getName().str() + ".", inst);
      if (!instance)
        return false;
      inst.layers[layer->getName()] = std::move(instance);
    } else if (auto *fn = llvm::dyn_cast<ast::FnDecl>(member.get())) {
      inst.fns[fn->getName()] = fn;
    }
  }
  return true;
}

/// Binds the hyper-parameters of BLOCK like the arguments of a Python
/// __init__ and instantiates it as LAYER.
bool Sema::instantiateBlock(const ast::CallExpr &init,
                            const ast::BlockDecl &blockDecl,
                            std::vector<CallArg> &args, StringRef name,
                            StringRef prefix, LayerInstance &layer) {
  const ast::BlockDecl *block = &blockDecl;
  StringRef callee = block->getName();
  if (llvm::is_contained(instantiating, block))
    return error(init.getLoc(), "block '" + callee +
                                    "' contains itself (through layer '" +
                                    name + "')"),
           false;
  if (instantiating.size() >= kMaxCallDepth)
    return error(init.getLoc(), "blocks are nested too deeply (more than " +
                                    Twine(kMaxCallDepth) + " levels)"),
           false;
  auto child = std::make_unique<ComponentInstance>();
  child->decl = block;
  child->prefix = prefix.str();
  const auto &params = block->getHyperParams();
  std::vector<std::optional<Value>> values(params.size());
  std::vector<SMLoc> locs(params.size(), init.getLoc());
  unsigned nextPositional = 0;
  for (CallArg &arg : args) {
    unsigned index;
    if (arg.name.empty()) {
      if (nextPositional >= params.size())
        return error(arg.loc, "block '" + callee + "' takes " +
                                  Twine(params.size()) +
                                  " hyper-parameter" +
                                  (params.size() == 1 ? "" : "s") +
                                  ", got " +
                                  Twine(llvm::count_if(
                                      args,
                                      [](const CallArg &a) {
                                        return a.name.empty();
                                      })),
                     block->getLoc(), "block declared here"),
               false;
      index = nextPositional++;
    } else {
      auto it = llvm::find_if(params, [&](const ast::HyperParam &p) {
        return p.name == arg.name;
      });
      if (it == params.end()) {
        std::string accepted;
        for (const ast::HyperParam &p : params)
          accepted += (accepted.empty() ? "" : ", ") + p.name;
        return error(arg.nameLoc, "unknown keyword argument '" + arg.name +
                                      "' for block '" + callee +
                                  "'; it accepts " +
                                  (accepted.empty() ? std::string("none")
                                                    : accepted)),
               false;
      }
      index = it - params.begin();
    }
    if (values[index])
      return error(arg.nameLoc, "hyper-parameter '" + params[index].name +
                                    "' of block '" + callee +
                                    "' is given twice"),
             false;
    values[index] = arg.value;
    locs[index] = arg.loc;
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const ast::HyperParam &p = params[i];
    if (!values[i]) {
      if (!p.defaultValue)
        return error(init.getLoc(), "missing hyper-parameter '" + p.name +
                                        "' of block '" + callee + "'",
                     p.nameRange.Start, "declared here"),
               false;
      // Defaults are evaluated on their own, as Python's are.
      Frame empty;
      frames.push_back(&empty);
      std::optional<Value> v = eval(*p.defaultValue);
      frames.pop_back();
      if (!v)
        return false;
      values[i] = std::move(v);
      locs[i] = p.defaultValue->getLoc();
    }
    Value &v = *values[i];
    bool ok = true;
    StringRef expected;
    switch (p.type) {
    case ast::HyperParam::Any:
      ok = v.kind == Value::Int || v.kind == Value::Float ||
           v.kind == Value::String || v.kind == Value::Bool;
      expected = "an integer, a float, a string or a boolean";
      break;
    case ast::HyperParam::Int:
      ok = v.kind == Value::Int;
      expected = "an integer";
      break;
    case ast::HyperParam::Float:
      ok = v.isNumber();
      if (v.kind == Value::Int)
        v = Value::makeFloat(static_cast<double>(v.intValue));
      expected = "a float";
      break;
    case ast::HyperParam::String:
      ok = v.kind == Value::String;
      expected = "a string";
      break;
    case ast::HyperParam::Bool:
      ok = v.kind == Value::Bool;
      expected = "a boolean";
      break;
    }
    if (!ok)
      return error(locs[i], "hyper-parameter '" + p.name + "' of block '" +
                                callee + "' must be " + expected +
                                ", found " + describe(v)),
             false;
    child->hyperParams[p.name] = v;
  }
  instantiating.push_back(block);
  callStack.push_back({init.getLoc(), "in block '" + callee.str() +
                                          "', instantiated here"});
  bool ok = instantiate(*child);
  callStack.pop_back();
  instantiating.pop_back();
  if (!ok)
    return false;
  layer.kind = LayerInstance::Block;
  layer.block = std::move(child);
  return true;
}

/// Finds the name in CANDIDATES closest to NAME, for "did you mean" hints.
static std::string closestName(StringRef name,
                               const std::vector<std::string> &candidates) {
  std::string best;
  unsigned bestDistance = std::max<size_t>(1, (name.size() + 1) / 3) + 1;
  for (const std::string &c : candidates) {
    unsigned d = name.edit_distance(c, true, bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::unique_ptr<LayerInstance>
Sema::instantiateLayer(const ast::CallExpr &init, StringRef name,
                       StringRef prefix, ComponentInstance &owner) {
  auto layer = std::make_unique<LayerInstance>();
  layer->name = name.str();
  layer->prefix = prefix.str();
  layer->loc = init.getLoc();
  StringRef callee = init.getCalleeName();
  if (callee.empty())
    return error(init.getLoc(), "expected the name of a built-in layer or a "
                                "block before '('"),
           nullptr;

  if (callee == "repeat") {
    const auto &args = init.getArgs();
    if (args.size() != 2 || args[0].isKeyword() || args[1].isKeyword())
      return error(init.getLoc(), "repeat takes two arguments: "
                                  "repeat(count, layer(...))"),
             nullptr;
    std::optional<Value> count = eval(*args[0].value);
    if (!count)
      return nullptr;
    if (count->kind != Value::Int || count->intValue < 1 ||
        count->intValue > 4096)
      return error(args[0].value->getLoc(),
                   "the count of repeat must be an integer from 1 to 4096, "
                   "found " +
                       describe(*count)),
             nullptr;
    auto *inner = llvm::dyn_cast<ast::CallExpr>(args[1].value.get());
    if (!inner)
      return error(args[1].value->getLoc(),
                   "the second argument of repeat must be a layer "
                   "constructor call such as 'linear(64, 64)'"),
             nullptr;
    layer->kind = LayerInstance::Repeat;
    for (int64_t i = 0; i < count->intValue; ++i) {
      std::unique_ptr<LayerInstance> copy = instantiateLayer(
          *inner, (name + "." + Twine(i)).str(),
          (prefix + Twine(i) + ".").str(), owner);
      if (!copy)
        return nullptr;
      layer->copies.push_back(std::move(copy));
    }
    return layer;
  }

  std::optional<std::vector<CallArg>> args = evalArgs(init);
  if (!args)
    return nullptr;

  auto blockIt = blocks.find(callee);
  if (blockIt != blocks.end()) {
    if (!instantiateBlock(init, *blockIt->second, *args, name, prefix, *layer))
      return nullptr;
    return layer;
  }

  if (const BuiltinLayer *builtin = lookupBuiltinLayer(callee)) {
    std::optional<BoundArgs> bound =
        bind(callee, builtin->params, *args, init.getLoc());
    if (!bound)
      return nullptr;
    layer->kind = LayerInstance::Builtin;
    layer->builtin = builtin;
    layer->args = std::move(*bound);
    if (!builtin->construct(*this, *layer))
      return nullptr;
    for (const WeightSpec &w : layer->weights)
      if (!addWeight(layer->weightName(w.name),
                     TensorType{ElementType::F32, w.shape}, init.getLoc()))
        return nullptr;
    return layer;
  }

  if (lookupBuiltinFunction(callee))
    return error(init.getLoc(), "'" + callee +
                                    "' is a function, not a layer: call it "
                                    "inside a fn"),
           nullptr;
  std::vector<std::string> candidates = builtinLayerNames();
  for (const auto &entry : blocks)
    candidates.push_back(entry.getKey().str());
  std::string hint = closestName(callee, candidates);
  return error(init.getLoc(),
               "unknown layer '" + callee + "'" +
                   (hint.empty() ? std::string(
                                       ": expected a built-in layer or a block")
                                 : "; did you mean '" + hint + "'?")),
         nullptr;
}

//===----------------------------------------------------------------------===//
// Types of the source
//===----------------------------------------------------------------------===//

std::optional<Dim> Sema::evalDim(const ast::Expr &dim, const Frame &frame) {
  if (auto *i = llvm::dyn_cast<ast::IntegerExpr>(&dim)) {
    if (i->getValue() < 0)
      return error(dim.getLoc(), "dimensions can not be negative");
    return Dim(i->getValue());
  }
  if (auto *n = llvm::dyn_cast<ast::NameExpr>(&dim)) {
    if (frame.component) {
      auto it = frame.component->hyperParams.find(n->getName());
      if (it != frame.component->hyperParams.end()) {
        if (it->second.kind != Value::Int)
          return error(dim.getLoc(), "hyper-parameter '" + n->getName() +
                                         "' is " + describe(it->second) +
                                         ", not an integer, so it can not "
                                         "be a dimension");
        return Dim(it->second.intValue);
      }
    }
    auto it = frame.symbols.find(n->getName());
    if (it != frame.symbols.end())
      return it->second;
    return error(dim.getLoc(), "dimension '" + n->getName() +
                                   "' is not bound: it must be a "
                                   "hyper-parameter or a symbol of an argument");
  }
  auto *b = llvm::dyn_cast<ast::BinaryExpr>(&dim);
  if (!b)
    return error(dim.getLoc(), "invalid dimension");
  std::optional<Dim> lhs = evalDim(b->getLHS(), frame);
  if (!lhs)
    return std::nullopt;
  std::optional<Dim> rhs = evalDim(b->getRHS(), frame);
  if (!rhs)
    return std::nullopt;
  Dim result;
  switch (b->getOp()) {
  case ast::BinaryExpr::Add:
    result = *lhs + *rhs;
    break;
  case ast::BinaryExpr::Sub:
    result = *lhs - *rhs;
    break;
  case ast::BinaryExpr::Mul:
    result = *lhs * *rhs;
    break;
  case ast::BinaryExpr::Div:
    if (!rhs->isConstant() || rhs->getConstant() <= 0)
      return error(b->getLoc(), "a dimension can only be divided by a "
                                "positive integer, found " +
                                    rhs->str());
    result = lhs->floorDiv(rhs->getConstant());
    break;
  case ast::BinaryExpr::MatMul:
    return error(b->getLoc(), "'@' is not a dimension operator");
  }
  if (result.overflowed())
    return error(b->getLoc(), "integer overflow in a dimension");
  if (result.isConstant() && result.getConstant() < 0)
    return error(b->getLoc(), "dimension " + ast::BinaryExpr::getOpSpelling(
                                                 b->getOp()) +
                                  " gives a negative size " +
                                  Twine(result.getConstant()));
  return result;
}

std::optional<TensorType> Sema::evalType(const ast::TensorType &type,
                                         const Frame &frame, bool bindSymbols,
                                         llvm::StringMap<Dim> *bindings) {
  std::optional<ElementType> element = parseElementType(type.elementType);
  if (!element)
    return error(type.elementLoc, "unknown element type '" +
                                      type.elementType + "'");
  if (*element == ElementType::F16 || *element == ElementType::BF16)
    return error(type.elementLoc, "element type '" + type.elementType +
                                      "' is not supported yet");
  TensorType result;
  result.element = *element;
  for (const ast::ExprPtr &dimExpr : type.dims) {
    auto *name = llvm::dyn_cast<ast::NameExpr>(dimExpr.get());
    if (bindSymbols && name && bindings &&
        !(frame.component &&
          frame.component->hyperParams.count(name->getName())) &&
        !bindings->count(name->getName())) {
      (*bindings)[name->getName()] = Dim::symbol(name->getName());
    }
    Frame lookupFrame;
    lookupFrame.component = frame.component;
    if (bindings)
      lookupFrame.symbols = *bindings;
    else
      lookupFrame.symbols = frame.symbols;
    std::optional<Dim> dim = evalDim(*dimExpr, lookupFrame);
    if (!dim)
      return std::nullopt;
    result.shape.push_back(*dim);
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

bool Sema::genFunction(const ast::FnDecl &fn, ComponentInstance &component) {
  Function function;
  function.name = fn.getName().str();
  function.loc = fn.getLoc();
  current = &function;
  weightValues.clear();
  auto reset = llvm::make_scope_exit([&] { current = nullptr; });

  Frame frame;
  frame.component = &component;
  frame.fn = &fn;
  for (const ast::FnArg &arg : fn.getArgs()) {
    // The library checks inputs against plain symbols at run time, so the
    // signature of an exported fn uses nothing else.
    for (const ast::ExprPtr &dim : arg.type.dims)
      if (!llvm::isa<ast::IntegerExpr>(dim.get()) &&
          !llvm::isa<ast::NameExpr>(dim.get()))
        return error(dim->getRange().Start, "a dimension of an argument of an "
                                    "exported fn must be an integer or a "
                                    "symbol"),
               false;
    if (frame.locals.count(arg.name))
      return error(arg.nameRange.Start,
                   "argument '" + arg.name + "' is already defined"),
             false;
    if (component.layers.count(arg.name) || component.params.count(arg.name) ||
        component.fns.count(arg.name))
      return error(arg.nameRange.Start,
                   "argument '" + arg.name + "' has the name of a member of "
                                             "the model"),
             false;
    std::vector<std::string> before;
    for (const auto &s : frame.symbols)
      before.push_back(s.getKey().str());
    std::optional<TensorType> type =
        evalType(arg.type, frame, /*bindSymbols=*/true, &frame.symbols);
    if (!type)
      return false;
    for (const Dim &d : type->shape)
      if (d.isSymbol() && !llvm::is_contained(function.symbols, d.getSymbol()))
        function.symbols.push_back(d.getSymbol().str());
    unsigned id = function.values.size();
    function.values.push_back(*type);
    function.args.push_back({arg.name, arg.nameRange.Start, *type});
    frame.locals[arg.name] = Value::makeTensor(id, *type);
  }

  std::optional<std::vector<Value>> results = evalBody(fn, frame);
  if (!results)
    return false;
  for (const Value &v : *results)
    function.results.push_back(v.id);
  program.functions.push_back(std::move(function));
  return true;
}

std::optional<std::vector<Value>> Sema::evalBody(const ast::FnDecl &fn,
                                                 Frame &frame) {
  frames.push_back(&frame);
  auto popFrame = llvm::make_scope_exit([&] { frames.pop_back(); });
  ComponentInstance &component = *frame.component;

  const auto &body = fn.getBody();
  for (size_t i = 0, e = body.size(); i < e; ++i) {
    const ast::Stmt &stmt = *body[i];
    if (auto *ret = llvm::dyn_cast<ast::ReturnStmt>(&stmt)) {
      if (i + 1 != e) {
        const ast::Stmt &next = *body[i + 1];
        SMLoc loc = next.getLoc();
        if (auto *assign = llvm::dyn_cast<ast::AssignStmt>(&next))
          loc = assign->getTargets().front().range.Start;
        return error(loc, "statement after 'return' is never executed");
      }
      std::vector<Value> values;
      std::vector<SMLoc> locs;
      const auto &exprs = ret->getValues();
      for (const ast::ExprPtr &expr : exprs) {
        std::optional<Value> v = eval(*expr);
        if (!v)
          return std::nullopt;
        // As in Python, `return f(x)` passes on all the results of a fn
        // that returns several.
        std::vector<Value> parts;
        if (v->kind == Value::Tuple && exprs.size() == 1)
          parts = v->elements;
        else
          parts.push_back(std::move(*v));
        for (Value &part : parts) {
          if (!part.isTensor())
            return error(expr->getLoc(), "fn '" + fn.getName() +
                                             "' must return tensors, found " +
                                             describe(part));
          values.push_back(std::move(part));
          locs.push_back(expr->getLoc());
        }
      }
      if (values.size() != fn.getResults().size())
        return error(ret->getLoc(),
                     "fn '" + fn.getName() + "' returns " +
                         Twine(values.size()) + " value" +
                         (values.size() == 1 ? "" : "s") + " but declares " +
                         Twine(fn.getResults().size()) + " result" +
                         (fn.getResults().size() == 1 ? "" : "s"),
                     fn.getResults().front().range.Start,
                     "result types declared here");
      if (!checkResults(fn, frame, values, locs,
                        current && frames.size() == 1
                            ? &current->resultTypes
                            : nullptr))
        return std::nullopt;
      return values;
    }

    auto &assign = llvm::cast<ast::AssignStmt>(stmt);
    const auto &targets = assign.getTargets();
    for (const ast::Target &t : targets)
      if (component.layers.count(t.name) || component.params.count(t.name) ||
          component.fns.count(t.name) || component.hyperParams.count(t.name))
        return error(t.range.Start, "'" + t.name +
                                        "' is a member of " +
                                        (llvm::isa<ast::BlockDecl>(
                                             component.decl)
                                             ? "block"
                                             : "model") +
                                        " '" + component.decl->getName() +
                                        "'; choose another name for the local");
    std::vector<Value> values;
    for (const ast::ExprPtr &expr : assign.getValues()) {
      std::optional<Value> v = eval(*expr);
      if (!v)
        return std::nullopt;
      values.push_back(std::move(*v));
    }
    if (values.size() == 1 && targets.size() > 1) {
      const Value &v = values[0];
      if (v.kind != Value::Tuple || v.elements.size() != targets.size())
        return error(assign.getLoc(),
                     "can not unpack " + describe(v) + " into " +
                         Twine(targets.size()) + " names" +
                         (v.kind == Value::Record
                              ? "; use its fields, e.g. '.output'"
                              : ""));
      std::vector<Value> parts = v.elements;
      values = std::move(parts);
    }
    if (values.size() != targets.size())
      return error(assign.getLoc(), Twine(targets.size()) + " names but " +
                                        Twine(values.size()) + " values");
    for (size_t t = 0; t < targets.size(); ++t)
      frame.locals[targets[t].name] = std::move(values[t]);
  }
  return error(fn.getEndLoc(), "fn '" + fn.getName() +
                                   "' ends without a 'return'");
}

bool Sema::checkResults(const ast::FnDecl &fn, Frame &frame,
                        const std::vector<Value> &values,
                        const std::vector<SMLoc> &locs,
                        std::vector<TensorType> *declared) {
  for (size_t i = 0; i < values.size(); ++i) {
    const ast::TensorType &astType = fn.getResults()[i];
    std::optional<TensorType> type =
        evalType(astType, frame, /*bindSymbols=*/false, nullptr);
    if (!type)
      return false;
    const TensorType &actual = values[i].type;
    if (*type != actual)
      return error(locs[i],
                   "fn '" + fn.getName() + "' declares result " +
                       (values.size() > 1 ? Twine(i) + " " : Twine("")) +
                       "as " + type->str() + " but returns " + actual.str(),
                   astType.range.Start, "result type declared here"),
             false;
    if (declared)
      declared->push_back(*type);
  }
  return true;
}

std::optional<Value> Sema::callFn(const ast::FnDecl &fn,
                                  ComponentInstance &component, SMLoc loc,
                                  std::vector<CallArg> &args) {
  for (const Frame *f : frames)
    if (f->fn == &fn)
      return error(loc, "fn '" + fn.getName() +
                            "' calls itself; recursion is not supported");
  if (frames.size() >= kMaxCallDepth)
    return error(loc, "calls are nested too deeply (more than " +
                          Twine(kMaxCallDepth) + " levels)");

  const auto &params = fn.getArgs();
  std::vector<const CallArg *> bound(params.size(), nullptr);
  unsigned nextPositional = 0;
  for (const CallArg &arg : args) {
    unsigned index;
    if (arg.name.empty()) {
      if (nextPositional >= params.size())
        return error(arg.loc,
                     "fn '" + fn.getName() + "' takes " +
                         Twine(params.size()) + " argument" +
                         (params.size() == 1 ? "" : "s") + ", got " +
                         Twine(llvm::count_if(args,
                                              [](const CallArg &a) {
                                                return a.name.empty();
                                              })),
                     fn.getLoc(), "fn declared here");
      index = nextPositional++;
    } else {
      auto it = llvm::find_if(
          params, [&](const ast::FnArg &p) { return p.name == arg.name; });
      if (it == params.end()) {
        std::string accepted;
        for (const ast::FnArg &p : params)
          accepted += (accepted.empty() ? "" : ", ") + p.name;
        return error(arg.nameLoc, "unknown keyword argument '" + arg.name +
                                      "' for fn '" + fn.getName() +
                                  "'; it accepts " +
                                  (accepted.empty() ? std::string("none")
                                                    : accepted));
      }
      index = it - params.begin();
    }
    if (bound[index])
      return error(arg.nameLoc, "argument '" + params[index].name +
                                    "' of fn '" + fn.getName() +
                                    "' is given twice");
    bound[index] = &arg;
  }

  Frame frame;
  frame.component = &component;
  frame.fn = &fn;
  for (size_t i = 0; i < params.size(); ++i) {
    const ast::FnArg &param = params[i];
    if (!bound[i])
      return error(loc, "missing argument '" + param.name + "' of fn '" +
                            fn.getName() + "'",
                   param.nameRange.Start, "declared here");
    const Value &v = bound[i]->value;
    SMLoc argLoc = bound[i]->loc;
    if (!v.isTensor())
      return error(argLoc, "argument '" + param.name + "' of fn '" +
                               fn.getName() + "' must be a tensor, found " +
                               describe(v));
    // Unify the declared type with the actual one: a lone symbol binds on
    // first sight, everything else must evaluate to the actual dimension.
    const ast::TensorType &declared = param.type;
    std::optional<ElementType> element =
        parseElementType(declared.elementType);
    bool ok = element && *element == v.type.element &&
              declared.dims.size() == v.type.shape.size();
    for (size_t d = 0; ok && d < declared.dims.size(); ++d) {
      const ast::Expr &dimExpr = *declared.dims[d];
      auto *name = llvm::dyn_cast<ast::NameExpr>(&dimExpr);
      if (name && !component.hyperParams.count(name->getName()) &&
          !frame.symbols.count(name->getName())) {
        frame.symbols[name->getName()] = v.type.shape[d];
        continue;
      }
      std::optional<Dim> dim = evalDim(dimExpr, frame);
      if (!dim)
        return std::nullopt;
      ok = *dim == v.type.shape[d];
    }
    if (!ok) {
      std::string expected;
      llvm::raw_string_ostream os(expected);
      ast::printType(declared, os);
      return error(argLoc,
                   "argument '" + param.name + "' of fn '" + fn.getName() +
                       "' expects " + os.str() + ", found " + v.type.str(),
                   declared.range.Start, "declared here");
    }
    frame.locals[param.name] = v;
  }

  callStack.push_back({loc, "in fn '" + fn.getName().str() +
                                "', called here"});
  std::optional<std::vector<Value>> results = evalBody(fn, frame);
  callStack.pop_back();
  if (!results)
    return std::nullopt;
  if (results->size() == 1 && !fn.hasTupleResult())
    return (*results)[0];
  Value tuple;
  tuple.kind = Value::Tuple;
  tuple.elements = std::move(*results);
  return tuple;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

namespace {
/// Bounds the recursion of eval across inlined bodies.
struct EvalDepth {
  explicit EvalDepth(unsigned &depth) : depth(depth) { ++depth; }
  ~EvalDepth() { --depth; }
  unsigned &depth;
};
} // namespace

std::optional<Value> Sema::eval(const ast::Expr &expr) {
  EvalDepth guard(evalDepth);
  if (evalDepth > kMaxEvalDepth)
    return error(expr.getLoc(), "expressions are nested too deeply once fns "
                                "are inlined (more than " +
                                    Twine(kMaxEvalDepth) + " levels)");
  switch (expr.getKind()) {
  case ast::Expr::Name:
    return evalName(llvm::cast<ast::NameExpr>(expr));
  case ast::Expr::Integer:
    return Value::makeInt(llvm::cast<ast::IntegerExpr>(expr).getValue());
  case ast::Expr::Float:
    return Value::makeFloat(llvm::cast<ast::FloatExpr>(expr).getValue());
  case ast::Expr::String:
    return Value::makeString(
        llvm::cast<ast::StringExpr>(expr).getValue().str());
  case ast::Expr::Bool:
    return Value::makeBool(llvm::cast<ast::BoolExpr>(expr).getValue());
  case ast::Expr::List: {
    Value list;
    list.kind = Value::List;
    for (const ast::ExprPtr &e : llvm::cast<ast::ListExpr>(expr).getElements()) {
      std::optional<Value> v = eval(*e);
      if (!v)
        return std::nullopt;
      list.elements.push_back(std::move(*v));
    }
    return list;
  }
  case ast::Expr::Unary:
    return evalUnary(llvm::cast<ast::UnaryExpr>(expr));
  case ast::Expr::Binary: {
    auto &b = llvm::cast<ast::BinaryExpr>(expr);
    std::optional<Value> lhs = eval(b.getLHS());
    if (!lhs)
      return std::nullopt;
    std::optional<Value> rhs = eval(b.getRHS());
    if (!rhs)
      return std::nullopt;
    return binary(b.getOp(), *lhs, *rhs, b.getLoc());
  }
  case ast::Expr::Call:
    return evalCall(llvm::cast<ast::CallExpr>(expr));
  case ast::Expr::Field:
    return evalField(llvm::cast<ast::FieldExpr>(expr));
  case ast::Expr::Index:
    return evalIndex(llvm::cast<ast::IndexExpr>(expr));
  case ast::Expr::Slice:
    return error(expr.getLoc(), "a slice is only allowed inside '[...]'");
  }
  return error(expr.getLoc(), "invalid expression");
}

std::optional<Value> Sema::lookup(StringRef name, SMLoc loc) {
  Frame &frame = *frames.back();
  auto local = frame.locals.find(name);
  if (local != frame.locals.end())
    return local->second;
  auto symbol = frame.symbols.find(name);
  if (symbol != frame.symbols.end())
    return Value::makeDim(symbol->second);
  if (ComponentInstance *c = frame.component) {
    auto layer = c->layers.find(name);
    if (layer != c->layers.end()) {
      Value v;
      v.kind = Value::Layer;
      v.layer = layer->second.get();
      return v;
    }
    auto param = c->params.find(name);
    if (param != c->params.end()) {
      if (!current)
        return error(loc, "param '" + name +
                              "' can not be used here: arguments of a "
                              "layer must be constants");
      return weight(param->second.first, param->second.second, loc);
    }
    auto fn = c->fns.find(name);
    if (fn != c->fns.end()) {
      Value v;
      v.kind = Value::Fn;
      v.fn = fn->second;
      v.component = c;
      return v;
    }
    auto hyper = c->hyperParams.find(name);
    if (hyper != c->hyperParams.end())
      return hyper->second;
  }
  if (const BuiltinFunction *builtin = lookupBuiltinFunction(name)) {
    Value v;
    v.kind = Value::Builtin;
    v.builtin = builtin;
    return v;
  }
  if (std::optional<ElementType> type = parseElementType(name)) {
    Value v;
    v.kind = Value::DType;
    v.dtype = *type;
    return v;
  }
  return std::nullopt;
}

/// Names visible in FRAME, for "did you mean" hints.
static std::vector<std::string> visibleNames(const Frame &frame) {
  std::vector<std::string> names;
  for (const auto &e : frame.locals)
    names.push_back(e.getKey().str());
  if (const ComponentInstance *c = frame.component) {
    for (const auto &e : c->layers)
      names.push_back(e.getKey().str());
    for (const auto &e : c->params)
      names.push_back(e.getKey().str());
    for (const auto &e : c->fns)
      names.push_back(e.getKey().str());
    for (const auto &e : c->hyperParams)
      names.push_back(e.getKey().str());
  }
  return names;
}

std::optional<Value> Sema::evalName(const ast::NameExpr &expr) {
  if (std::optional<Value> v = lookup(expr.getName(), expr.getLoc()))
    return v;
  if (hadError)
    return std::nullopt;
  StringRef name = expr.getName();
  if (lookupBuiltinLayer(name))
    return error(expr.getLoc(), "'" + name +
                                    "' is a layer constructor; declare "
                                    "'layer NAME = " +
                                    name + "(...)' and use NAME");
  std::string hint = closestName(name, visibleNames(*frames.back()));
  return error(expr.getLoc(),
               "undefined name '" + name + "'" +
                   (hint.empty() ? std::string()
                                 : "; did you mean '" + hint + "'?"));
}

std::optional<std::vector<CallArg>> Sema::evalArgs(const ast::CallExpr &call) {
  std::vector<CallArg> args;
  for (const ast::Argument &arg : call.getArgs()) {
    std::optional<Value> v = eval(*arg.value);
    if (!v)
      return std::nullopt;
    CallArg a;
    a.name = arg.name;
    a.loc = arg.value->getRange().Start;
    a.nameLoc = arg.isKeyword() ? arg.nameLoc : a.loc;
    a.value = std::move(*v);
    args.push_back(std::move(a));
  }
  return args;
}

std::optional<Value> Sema::evalCall(const ast::CallExpr &call) {
  std::optional<Value> callee;
  if (auto *name = llvm::dyn_cast<ast::NameExpr>(&call.getCallee())) {
    callee = lookup(name->getName(), name->getLoc());
    if (!callee) {
      if (hadError)
        return std::nullopt;
      StringRef n = name->getName();
      if (lookupBuiltinLayer(n) || n == "repeat")
        return error(call.getLoc(), "'" + n +
                                        "' is a layer constructor; declare "
                                        "'layer NAME = " +
                                        n + "(...)' and call NAME");
      std::vector<std::string> candidates = visibleNames(*frames.back());
      for (const std::string &f : builtinFunctionNames())
        candidates.push_back(f);
      std::string hint = closestName(n, candidates);
      return error(call.getLoc(),
                   "unknown function '" + n + "'" +
                       (hint.empty() ? std::string()
                                     : "; did you mean '" + hint + "'?"));
    }
  } else {
    callee = eval(call.getCallee());
    if (!callee)
      return std::nullopt;
  }

  std::optional<std::vector<CallArg>> args = evalArgs(call);
  if (!args)
    return std::nullopt;
  switch (callee->kind) {
  case Value::Builtin: {
    const BuiltinFunction &fn = *callee->builtin;
    std::optional<BoundArgs> bound = bind(fn.name, fn.params, *args,
                                          call.getLoc());
    if (!bound)
      return std::nullopt;
    return fn.apply(*this, fn, *bound);
  }
  case Value::Layer:
    return applyLayer(*callee->layer, call.getLoc(), *args);
  case Value::Fn:
    return callFn(*callee->fn, *callee->component, call.getLoc(), *args);
  default:
    return error(call.getLoc(),
                 describe(*callee) + " is not a function or a layer");
  }
}

std::optional<Value> Sema::applyLayer(LayerInstance &layer, SMLoc loc,
                                      std::vector<CallArg> &args) {
  switch (layer.kind) {
  case LayerInstance::Builtin: {
    std::string callee = "layer '" + layer.name + "' (" +
                         layer.builtin->name + ")";
    std::optional<BoundArgs> bound =
        bind(callee, layer.builtin->forwardParams, args, loc);
    if (!bound)
      return std::nullopt;
    return layer.builtin->apply(*this, layer, *bound);
  }
  case LayerInstance::Block: {
    ComponentInstance &block = *layer.block;
    auto it = block.fns.find("forward");
    if (it == block.fns.end())
      return error(loc, "block '" + block.decl->getName() +
                            "' has no fn 'forward', so layer '" + layer.name +
                            "' can not be applied; call one of its fns as '" +
                            layer.name + ".NAME(...)'",
                   block.decl->getLoc(), "block declared here");
    return callFn(*it->second, block, loc, args);
  }
  case LayerInstance::Repeat: {
    std::optional<Value> result;
    for (std::unique_ptr<LayerInstance> &copy : layer.copies) {
      result = applyLayer(*copy, loc, args);
      if (!result)
        return std::nullopt;
      if (!result->isTensor())
        return error(loc, "the layers of repeat must each return one tensor "
                          "to pass to the next, found " +
                              describe(*result));
      if (args.empty())
        break;
      args[0].value = *result;
    }
    return result;
  }
  }
  return std::nullopt;
}

std::optional<Value> Sema::evalField(const ast::FieldExpr &expr) {
  std::optional<Value> base = eval(expr.getBase());
  if (!base)
    return std::nullopt;
  StringRef field = expr.getName();
  if (base->kind == Value::Record) {
    std::string names;
    for (auto &[name, value] : base->fields) {
      if (name == field)
        return value;
      names += (names.empty() ? "" : ", ") + name;
    }
    return error(expr.getLoc(), "the result of " + base->stringValue +
                                    " has no field '" + field +
                                    "'; its fields are " + names);
  }
  if (base->kind == Value::Layer) {
    LayerInstance &layer = *base->layer;
    if (layer.kind == LayerInstance::Block) {
      auto it = layer.block->fns.find(field);
      if (it != layer.block->fns.end()) {
        Value v;
        v.kind = Value::Fn;
        v.fn = it->second;
        v.component = layer.block.get();
        return v;
      }
      return error(expr.getLoc(), "block '" + layer.block->decl->getName() +
                                      "' of layer '" + layer.name +
                                      "' has no fn '" + field + "'");
    }
    return error(expr.getLoc(), "layer '" + layer.name +
                                    "' has no fn '" + field +
                                    "'; apply it as " + layer.name + "(...)");
  }
  return error(expr.getLoc(), "'." + field + "' needs a layer result with "
                                             "fields or a block layer, found " +
                                  describe(*base));
}

std::optional<Value> Sema::evalUnary(const ast::UnaryExpr &expr) {
  std::optional<Value> v = eval(expr.getOperand());
  if (!v)
    return std::nullopt;
  switch (v->kind) {
  case Value::Int:
    if (v->intValue == INT64_MIN)
      return error(expr.getLoc(), "integer overflow in '-'");
    return Value::makeInt(-v->intValue);
  case Value::Float:
    return Value::makeFloat(-v->floatValue);
  case Value::Symbol:
    return Value::makeDim(-v->dim);
  case Value::Tensor:
    if (!isFloatType(v->type.element))
      return error(expr.getLoc(), "negating an integer tensor (" +
                                      v->type.str() +
                                      ") is not supported yet");
    return emit("mm.neg", expr.getLoc(), "'-'", {*v}, {v->type})[0];
  default:
    return error(expr.getLoc(), "'-' is not defined for " + describe(*v));
  }
}

/// The length of Python's slice start:stop:step of a dimension of SIZE. For
/// a symbolic size the bounds are assumed to lie inside the dimension.
static Dim sliceLength(const Dim &size, std::optional<int64_t> start,
                       std::optional<int64_t> stop, int64_t step) {
  if (size.isConstant()) {
    int64_t n = size.getConstant();
    auto clampIndex = [&](int64_t i) {
      if (i < 0)
        i += n;
      return std::clamp<int64_t>(i, 0, n);
    };
    int64_t lo = start ? clampIndex(*start) : 0;
    int64_t hi = stop ? clampIndex(*stop) : n;
    return hi <= lo ? Dim(0) : Dim((hi - lo + step - 1) / step);
  }
  auto bound = [&](std::optional<int64_t> i, Dim otherwise) {
    if (!i)
      return otherwise;
    return *i < 0 ? size + Dim(*i) : Dim(*i);
  };
  Dim length = bound(stop, size) - bound(start, Dim(0));
  if (length.isConstant() && length.getConstant() < 0)
    return Dim(0);
  return (length + Dim(step - 1)).floorDiv(step);
}

std::optional<Value> Sema::evalIndex(const ast::IndexExpr &expr) {
  std::optional<Value> base = eval(expr.getBase());
  if (!base)
    return std::nullopt;
  const auto &indices = expr.getIndices();

  if (base->kind == Value::List || base->kind == Value::Tuple) {
    if (indices.size() != 1 || llvm::isa<ast::SliceExpr>(indices[0].get()))
      return error(expr.getLoc(), "a list or tuple takes one integer index");
    std::optional<Value> index = eval(*indices[0]);
    if (!index)
      return std::nullopt;
    int64_t n = base->elements.size();
    if (index->kind != Value::Int || index->intValue < -n ||
        index->intValue >= n)
      return error(indices[0]->getLoc(),
                   "index " + describe(*index) + " is out of range for " +
                       describe(*base));
    int64_t i = index->intValue < 0 ? index->intValue + n : index->intValue;
    return base->elements[i];
  }
  if (!base->isTensor())
    return error(expr.getLoc(), "can not index " + describe(*base));

  Value value = *base;
  size_t rank = value.type.shape.size();
  if (indices.size() > rank)
    return error(indices[rank]->getLoc(),
                 "too many indices (" + Twine(indices.size()) +
                     ") for a tensor of rank " + Twine(rank) + " (" +
                     value.type.str() + ")");

  auto constInt = [&](const ast::Expr *e,
                      StringRef what) -> std::optional<std::optional<int64_t>> {
    if (!e)
      return std::optional<int64_t>();
    std::optional<Value> v = eval(*e);
    if (!v)
      return std::nullopt;
    if (v->kind != Value::Int)
      return error(e->getLoc(), what + " must be an integer constant, found " +
                                    describe(*v)),
             std::nullopt;
    return std::optional<int64_t>(v->intValue);
  };

  int64_t dim = 0;
  for (const ast::ExprPtr &index : indices) {
    const Dim &size = value.type.shape[dim];
    if (auto *slice = llvm::dyn_cast<ast::SliceExpr>(index.get())) {
      auto start = constInt(slice->getStart(), "a slice start");
      if (!start)
        return std::nullopt;
      auto stop = constInt(slice->getStop(), "a slice end");
      if (!stop)
        return std::nullopt;
      auto step = constInt(slice->getStep(), "a slice step");
      if (!step)
        return std::nullopt;
      int64_t stepValue = step->value_or(1);
      if (stepValue <= 0)
        return error(slice->getStep()->getLoc(),
                     "a slice step must be positive, found " +
                         Twine(stepValue));
      bool whole = (!*start || **start == 0) && !*stop && stepValue == 1;
      if (!whole) {
        TensorType type = value.type;
        type.shape[dim] = sliceLength(size, *start, *stop, stepValue);
        std::vector<Attribute> attrs;
        Attribute a;
        a.kind = Attribute::Int;
        a.name = "dim";
        a.intValue = dim;
        attrs.push_back(a);
        a.name = "start";
        a.intValue = start->value_or(0);
        attrs.push_back(a);
        if (*stop) {
          a.name = "end";
          a.intValue = **stop;
          attrs.push_back(a);
        }
        a.name = "step";
        a.intValue = stepValue;
        attrs.push_back(a);
        value = emit("mm.slice", slice->getLoc(), "a slice", {value}, {type},
                     attrs)[0];
      }
      ++dim;
      continue;
    }
    std::optional<Value> i = eval(*index);
    if (!i)
      return std::nullopt;
    if (i->kind != Value::Int)
      return error(index->getLoc(),
                   "an index must be an integer constant or a slice, found " +
                       describe(*i) +
                       (i->isTensor() ? " (indexing with a tensor is not "
                                        "supported yet)"
                                      : ""));
    int64_t idx = i->intValue;
    if (size.isConstant()) {
      int64_t n = size.getConstant();
      if (idx < -n || idx >= n)
        return error(index->getLoc(),
                     "index " + Twine(idx) + " is out of range for dimension " +
                         Twine(dim) + " of size " + Twine(n) + " (" +
                         value.type.str() + ")");
      if (idx < 0)
        idx += n;
    } else {
      requireAtLeast(size, idx >= 0 ? idx + 1 : -idx);
    }
    TensorType type = value.type;
    type.shape.erase(type.shape.begin() + dim);
    Attribute d;
    d.kind = Attribute::Int;
    d.name = "dim";
    d.intValue = dim;
    Attribute at = d;
    at.name = "index";
    at.intValue = idx;
    value = emit("mm.select", index->getLoc(), "an index", {value}, {type},
                 {d, at})[0];
  }
  return value;
}
