//===- AST.h - syntax tree of the .mm model language ------------*- C++ -*-===//
//
// The AST is exactly what the parser read: names are not resolved and
// nothing is type-checked (that is Sema's job). Every node owns its children
// through unique_ptr and keeps an llvm::SMRange into the SourceMgr buffer it
// came from, plus the SMLoc that diagnostics about it should point at (the
// operator of a binary expression, the '(' of a call, ...). Node kinds use
// LLVM-style RTTI (a kind enum and classof), not C++ RTTI.
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_AST_H
#define MM_FRONTEND_AST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mm {
namespace ast {

/// Expressions and types nest at most this deep; deeper input is rejected by
/// the parser, so recursive walks over the tree can not overflow the stack.
constexpr unsigned kMaxNestingDepth = 256;

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

/// Base class of all expressions.
class Expr {
public:
  enum ExprKind {
    Name,
    Integer,
    Float,
    String,
    Bool,
    List,
    Unary,
    Binary,
    Call,
    Field,
    Index,
    Slice,
  };

  virtual ~Expr() = default;

  ExprKind getKind() const { return kind; }
  /// Where diagnostics about this expression point.
  llvm::SMLoc getLoc() const { return loc; }
  /// The whole source text of the expression.
  llvm::SMRange getRange() const { return range; }
  /// The height of the tree under this node (a leaf is 1).
  unsigned getDepth() const { return depth; }

protected:
  Expr(ExprKind kind, llvm::SMLoc loc, llvm::SMRange range, unsigned depth = 1)
      : kind(kind), loc(loc), range(range), depth(depth) {}

private:
  const ExprKind kind;
  llvm::SMLoc loc;
  llvm::SMRange range;
  unsigned depth;
};

using ExprPtr = std::unique_ptr<Expr>;

/// A reference to a name: a local, an argument, a layer, a hyper-parameter,
/// a built-in function, a dimension symbol, ...
class NameExpr : public Expr {
public:
  NameExpr(llvm::SMRange range, llvm::StringRef name)
      : Expr(Name, range.Start, range), name(name.str()) {}
  llvm::StringRef getName() const { return name; }
  static bool classof(const Expr *e) { return e->getKind() == Name; }

private:
  std::string name;
};

/// An integer literal. A leading '-' applied directly to a literal is folded
/// into it by the parser, so `-1` is one IntegerExpr.
class IntegerExpr : public Expr {
public:
  IntegerExpr(llvm::SMRange range, int64_t value)
      : Expr(Integer, range.Start, range), value(value) {}
  int64_t getValue() const { return value; }
  static bool classof(const Expr *e) { return e->getKind() == Integer; }

private:
  int64_t value;
};

/// A float literal such as `1e-6` or `-0.5`.
class FloatExpr : public Expr {
public:
  FloatExpr(llvm::SMRange range, double value)
      : Expr(Float, range.Start, range), value(value) {}
  double getValue() const { return value; }
  static bool classof(const Expr *e) { return e->getKind() == Float; }

private:
  double value;
};

/// A string literal, escapes resolved.
class StringExpr : public Expr {
public:
  StringExpr(llvm::SMRange range, std::string value)
      : Expr(String, range.Start, range), value(std::move(value)) {}
  llvm::StringRef getValue() const { return value; }
  static bool classof(const Expr *e) { return e->getKind() == String; }

private:
  std::string value;
};

/// `true` or `false`.
class BoolExpr : public Expr {
public:
  BoolExpr(llvm::SMRange range, bool value)
      : Expr(Bool, range.Start, range), value(value) {}
  bool getValue() const { return value; }
  static bool classof(const Expr *e) { return e->getKind() == Bool; }

private:
  bool value;
};

/// Computes the depth of a node from its (possibly null) children.
template <typename... Ts>
unsigned depthOf(const Ts &...children) {
  unsigned depth = 0;
  ((depth = children && children->getDepth() > depth ? children->getDepth()
                                                      : depth),
   ...);
  return depth + 1;
}
unsigned depthOf(const std::vector<ExprPtr> &children);

/// `[a, b, c]`.
class ListExpr : public Expr {
public:
  ListExpr(llvm::SMRange range, std::vector<ExprPtr> elements)
      : Expr(List, range.Start, range, depthOf(elements)),
        elements(std::move(elements)) {}
  const std::vector<ExprPtr> &getElements() const { return elements; }
  static bool classof(const Expr *e) { return e->getKind() == List; }

private:
  std::vector<ExprPtr> elements;
};

/// `-x` (the only unary operator).
class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMLoc opLoc, llvm::SMRange range, ExprPtr operand)
      : Expr(Unary, opLoc, range, depthOf(operand)),
        operand(std::move(operand)) {}
  const Expr &getOperand() const { return *operand; }
  static bool classof(const Expr *e) { return e->getKind() == Unary; }

private:
  ExprPtr operand;
};

/// `lhs op rhs`; diagnostics point at the operator.
class BinaryExpr : public Expr {
public:
  enum Op { Add, Sub, Mul, Div, MatMul };

  BinaryExpr(Op op, llvm::SMLoc opLoc, ExprPtr lhs, ExprPtr rhs)
      : Expr(Binary, opLoc, {lhs->getRange().Start, rhs->getRange().End},
             depthOf(lhs, rhs)),
        op(op), lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  Op getOp() const { return op; }
  const Expr &getLHS() const { return *lhs; }
  const Expr &getRHS() const { return *rhs; }
  static llvm::StringRef getOpSpelling(Op op);
  static bool classof(const Expr *e) { return e->getKind() == Binary; }

private:
  Op op;
  ExprPtr lhs, rhs;
};

/// One argument of a call: positional (empty name) or `name: value`.
struct Argument {
  std::string name;
  llvm::SMLoc nameLoc; ///< Invalid for a positional argument.
  ExprPtr value;

  bool isKeyword() const { return !name.empty(); }
};

/// `callee(args)`: applies a layer, a built-in function, a fn, or (in a
/// `layer` declaration) constructs a layer. Diagnostics point at the callee.
class CallExpr : public Expr {
public:
  CallExpr(llvm::SMRange range, ExprPtr callee, std::vector<Argument> args)
      : Expr(Call, callee->getLoc(), range, computeDepth(callee, args)),
        callee(std::move(callee)), args(std::move(args)) {}
  const Expr &getCallee() const { return *callee; }
  /// The callee's name if it is a plain name (the usual case), else "".
  llvm::StringRef getCalleeName() const;
  const std::vector<Argument> &getArgs() const { return args; }
  static bool classof(const Expr *e) { return e->getKind() == Call; }

private:
  static unsigned computeDepth(const ExprPtr &callee,
                               const std::vector<Argument> &args);
  ExprPtr callee;
  std::vector<Argument> args;
};

/// `base.name`, e.g. the `.h_n` of an LSTM's result.
class FieldExpr : public Expr {
public:
  FieldExpr(llvm::SMLoc nameLoc, llvm::SMRange range, ExprPtr base,
            llvm::StringRef name)
      : Expr(Field, nameLoc, range, depthOf(base)), base(std::move(base)),
        name(name.str()) {}
  const Expr &getBase() const { return *base; }
  llvm::StringRef getName() const { return name; }
  static bool classof(const Expr *e) { return e->getKind() == Field; }

private:
  ExprPtr base;
  std::string name;
};

/// `base[i, j:k, ...]`; each index is an expression or a SliceExpr.
class IndexExpr : public Expr {
public:
  IndexExpr(llvm::SMLoc lbracketLoc, llvm::SMRange range, ExprPtr base,
            std::vector<ExprPtr> indices)
      : Expr(Index, lbracketLoc, range,
             std::max(depthOf(base), depthOf(indices))),
        base(std::move(base)), indices(std::move(indices)) {}
  const Expr &getBase() const { return *base; }
  const std::vector<ExprPtr> &getIndices() const { return indices; }
  static bool classof(const Expr *e) { return e->getKind() == Index; }

private:
  ExprPtr base;
  std::vector<ExprPtr> indices;
};

/// `start:stop:step` inside an index list; every part may be absent (null).
class SliceExpr : public Expr {
public:
  SliceExpr(llvm::SMLoc colonLoc, llvm::SMRange range, ExprPtr start,
            ExprPtr stop, ExprPtr step)
      : Expr(Slice, colonLoc, range, depthOf(start, stop, step)),
        start(std::move(start)), stop(std::move(stop)), step(std::move(step)) {
  }
  const Expr *getStart() const { return start.get(); }
  const Expr *getStop() const { return stop.get(); }
  const Expr *getStep() const { return step.get(); }
  static bool classof(const Expr *e) { return e->getKind() == Slice; }

private:
  ExprPtr start, stop, step;
};

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// `ELEM[d0, d1, ...]`. Each dimension is an IntegerExpr, a NameExpr (a
/// symbol or a hyper-parameter), or +, -, *, / of those (`T/160 + 1`).
struct TensorType {
  std::string elementType;
  llvm::SMLoc elementLoc;
  llvm::SMRange range;
  std::vector<ExprPtr> dims;
};

/// Prints a tensor type in source syntax, e.g. `f32[B, (T / 160) + 1]`.
void printType(const TensorType &type, llvm::raw_ostream &os);
/// Prints a dimension expression in source syntax.
void printDim(const Expr &dim, llvm::raw_ostream &os);

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum StmtKind { Assign, Return };
  virtual ~Stmt() = default;
  StmtKind getKind() const { return kind; }
  llvm::SMLoc getLoc() const { return loc; }

protected:
  Stmt(StmtKind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}

private:
  const StmtKind kind;
  llvm::SMLoc loc;
};

/// A name being defined, with its location.
struct Target {
  std::string name;
  llvm::SMRange range;
};

/// `a = expr`, `a, b = expr` (the value is a tuple: a fn's results, or a
/// layer's several outputs), or `a, b = expr1, expr2` (one value a target).
class AssignStmt : public Stmt {
public:
  AssignStmt(llvm::SMLoc equalLoc, std::vector<Target> targets,
             std::vector<ExprPtr> values)
      : Stmt(Assign, equalLoc), targets(std::move(targets)),
        values(std::move(values)) {}
  const std::vector<Target> &getTargets() const { return targets; }
  /// One value, or as many as there are targets (checked by Sema).
  const std::vector<ExprPtr> &getValues() const { return values; }
  static bool classof(const Stmt *s) { return s->getKind() == Assign; }

private:
  std::vector<Target> targets;
  std::vector<ExprPtr> values;
};

/// `return a` or `return a, b`.
class ReturnStmt : public Stmt {
public:
  ReturnStmt(llvm::SMLoc loc, std::vector<ExprPtr> values)
      : Stmt(Return, loc), values(std::move(values)) {}
  const std::vector<ExprPtr> &getValues() const { return values; }
  static bool classof(const Stmt *s) { return s->getKind() == Return; }

private:
  std::vector<ExprPtr> values;
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

class File;

class Decl {
public:
  enum DeclKind { Import, Layer, Param, Fn, Block, Model };
  virtual ~Decl() = default;
  DeclKind getKind() const { return kind; }
  /// The location of the declared name (for an import, of its path).
  llvm::SMLoc getLoc() const { return nameRange.Start; }
  llvm::SMRange getNameRange() const { return nameRange; }
  /// The declared name (for an import, the path as written).
  llvm::StringRef getName() const { return name; }

protected:
  Decl(DeclKind kind, llvm::SMRange nameRange, llvm::StringRef name)
      : kind(kind), nameRange(nameRange), name(name.str()) {}

private:
  const DeclKind kind;
  llvm::SMRange nameRange;
  std::string name;
};

using DeclPtr = std::unique_ptr<Decl>;

/// `import "path"`.
class ImportDecl : public Decl {
public:
  ImportDecl(llvm::SMRange pathRange, llvm::StringRef path)
      : Decl(Import, pathRange, path) {}
  llvm::StringRef getPath() const { return getName(); }
  /// The imported file, set by parseFile once it is loaded.
  const File *getFile() const { return file; }
  void setFile(const File *f) { file = f; }
  static bool classof(const Decl *d) { return d->getKind() == Import; }

private:
  const File *file = nullptr;
};

/// `layer NAME = callee(args)`.
class LayerDecl : public Decl {
public:
  LayerDecl(llvm::SMRange nameRange, llvm::StringRef name,
            std::unique_ptr<CallExpr> init)
      : Decl(Layer, nameRange, name), init(std::move(init)) {}
  const CallExpr &getInit() const { return *init; }
  static bool classof(const Decl *d) { return d->getKind() == Layer; }

private:
  std::unique_ptr<CallExpr> init;
};

/// `param NAME: ELEM[dims]`.
class ParamDecl : public Decl {
public:
  ParamDecl(llvm::SMRange nameRange, llvm::StringRef name, TensorType type)
      : Decl(Param, nameRange, name), type(std::move(type)) {}
  const TensorType &getType() const { return type; }
  static bool classof(const Decl *d) { return d->getKind() == Param; }

private:
  TensorType type;
};

/// One argument of a fn: `name: ELEM[dims]`.
struct FnArg {
  std::string name;
  llvm::SMRange nameRange;
  TensorType type;
};

/// `fn NAME(args) -> result(s) { body }`.
class FnDecl : public Decl {
public:
  FnDecl(llvm::SMRange nameRange, llvm::StringRef name, std::vector<FnArg> args,
         std::vector<TensorType> results, bool tupleResult,
         std::vector<std::unique_ptr<Stmt>> body, llvm::SMLoc endLoc)
      : Decl(Fn, nameRange, name), args(std::move(args)),
        results(std::move(results)), tupleResult(tupleResult),
        body(std::move(body)), endLoc(endLoc) {}
  const std::vector<FnArg> &getArgs() const { return args; }
  const std::vector<TensorType> &getResults() const { return results; }
  /// True when the results were written in parentheses, `-> (T1, T2)`.
  bool hasTupleResult() const { return tupleResult; }
  const std::vector<std::unique_ptr<Stmt>> &getBody() const { return body; }
  /// The location of the closing '}' (for "missing return" errors).
  llvm::SMLoc getEndLoc() const { return endLoc; }
  static bool classof(const Decl *d) { return d->getKind() == Fn; }

private:
  std::vector<FnArg> args;
  std::vector<TensorType> results;
  bool tupleResult;
  std::vector<std::unique_ptr<Stmt>> body;
  llvm::SMLoc endLoc;
};

/// A declaration that holds layers, params and fns: a block or a model.
class ComponentDecl : public Decl {
public:
  const std::vector<DeclPtr> &getMembers() const { return members; }
  static bool classof(const Decl *d) {
    return d->getKind() == Block || d->getKind() == Model;
  }

protected:
  ComponentDecl(DeclKind kind, llvm::SMRange nameRange, llvm::StringRef name,
                std::vector<DeclPtr> members)
      : Decl(kind, nameRange, name), members(std::move(members)) {}

private:
  std::vector<DeclPtr> members;
};

/// A hyper-parameter of a block: `name`, `name: int`, `name = 128`.
struct HyperParam {
  enum Type { Any, Int, Float, String, Bool };
  std::string name;
  llvm::SMRange nameRange;
  Type type = Any;
  ExprPtr defaultValue; ///< Null when there is none.
};

/// `block NAME(hyper-params) { members }`: a reusable nn.Module.
class BlockDecl : public ComponentDecl {
public:
  BlockDecl(llvm::SMRange nameRange, llvm::StringRef name,
            std::vector<HyperParam> hyperParams, std::vector<DeclPtr> members)
      : ComponentDecl(Block, nameRange, name, std::move(members)),
        hyperParams(std::move(hyperParams)) {}
  const std::vector<HyperParam> &getHyperParams() const { return hyperParams; }
  static bool classof(const Decl *d) { return d->getKind() == Block; }

private:
  std::vector<HyperParam> hyperParams;
};

/// `model NAME { members }`: one compile unit, one native library.
class ModelDecl : public ComponentDecl {
public:
  ModelDecl(llvm::SMRange nameRange, llvm::StringRef name,
            std::vector<DeclPtr> members)
      : ComponentDecl(Model, nameRange, name, std::move(members)) {}
  static bool classof(const Decl *d) { return d->getKind() == Model; }
};

/// One parsed source file. The file given to parseFile also owns every file
/// it imports, directly or not, each once, dependencies first.
class File {
public:
  File(llvm::StringRef path, unsigned bufferID, llvm::StringRef buffer,
       std::vector<DeclPtr> decls)
      : path(path.str()), bufferID(bufferID), buffer(buffer),
        decls(std::move(decls)) {}

  /// The path as the SourceMgr knows it (it prefixes every diagnostic).
  llvm::StringRef getPath() const { return path; }
  unsigned getBufferID() const { return bufferID; }
  /// The source text (owned by the SourceMgr).
  llvm::StringRef getBuffer() const { return buffer; }
  /// Imports, blocks and models in source order.
  const std::vector<DeclPtr> &getDecls() const { return decls; }
  std::vector<DeclPtr> &getDecls() { return decls; }
  /// Every file imported from this one, transitively, dependencies first.
  const std::vector<std::unique_ptr<File>> &getImportedFiles() const {
    return importedFiles;
  }
  void setImportedFiles(std::vector<std::unique_ptr<File>> files) {
    importedFiles = std::move(files);
  }

private:
  std::string path;
  unsigned bufferID;
  llvm::StringRef buffer;
  std::vector<DeclPtr> decls;
  std::vector<std::unique_ptr<File>> importedFiles;
};

} // namespace ast
} // namespace mm

#endif // MM_FRONTEND_AST_H
