//===- AST.cpp - syntax tree of the .mm model language --------------------===//
//
// Node helpers and the indented dump printed by `mmc --emit=ast`. The dump
// shows every node with its kind, its payload and `<line:col>` of the
// location diagnostics use, so that tests can check both shape and
// locations of the tree.
//
//===----------------------------------------------------------------------===//

#include "frontend/AST.h"
#include "frontend/Frontend.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace mm;
using namespace mm::ast;

unsigned ast::depthOf(const std::vector<ExprPtr> &children) {
  unsigned depth = 0;
  for (const ExprPtr &child : children)
    depth = std::max(depth, child->getDepth());
  return depth + 1;
}

unsigned CallExpr::computeDepth(const ExprPtr &callee,
                                const std::vector<Argument> &args) {
  unsigned depth = callee->getDepth();
  for (const Argument &arg : args)
    depth = std::max(depth, arg.value->getDepth());
  return depth + 1;
}

llvm::StringRef CallExpr::getCalleeName() const {
  if (auto *name = llvm::dyn_cast<NameExpr>(callee.get()))
    return name->getName();
  return "";
}

llvm::StringRef BinaryExpr::getOpSpelling(Op op) {
  switch (op) {
  case Add:
    return "+";
  case Sub:
    return "-";
  case Mul:
    return "*";
  case Div:
    return "/";
  case MatMul:
    return "@";
  }
  return "?";
}

void ast::printDim(const Expr &dim, llvm::raw_ostream &os) {
  if (auto *i = llvm::dyn_cast<IntegerExpr>(&dim)) {
    os << i->getValue();
    return;
  }
  if (auto *n = llvm::dyn_cast<NameExpr>(&dim)) {
    os << n->getName();
    return;
  }
  if (auto *b = llvm::dyn_cast<BinaryExpr>(&dim)) {
    // Parenthesize nested operations: unambiguous without precedence rules.
    auto printOperand = [&](const Expr &e) {
      bool paren = llvm::isa<BinaryExpr>(&e);
      if (paren)
        os << '(';
      printDim(e, os);
      if (paren)
        os << ')';
    };
    printOperand(b->getLHS());
    os << ' ' << BinaryExpr::getOpSpelling(b->getOp()) << ' ';
    printOperand(b->getRHS());
    return;
  }
  os << "<invalid dim>";
}

void ast::printType(const TensorType &type, llvm::raw_ostream &os) {
  os << type.elementType << '[';
  llvm::interleaveComma(type.dims, os,
                        [&](const ExprPtr &dim) { printDim(*dim, os); });
  os << ']';
}

namespace {

/// Prints a file as an indented tree, one node a line.
class ASTDumper {
public:
  ASTDumper(const File &file, llvm::raw_ostream &os) : file(file), os(os) {
    llvm::StringRef buffer = file.getBuffer();
    lineStarts.push_back(0);
    for (size_t i = 0, e = buffer.size(); i < e; ++i)
      if (buffer[i] == '\n')
        lineStarts.push_back(i + 1);
  }

  void dumpFile();

private:
  void dumpDecl(const Decl &decl);
  void dumpStmt(const Stmt &stmt);
  void dumpExpr(const Expr &expr, llvm::StringRef label = "");

  llvm::raw_ostream &line() { return os.indent(indent * 2); }
  /// Prints ` <line:col>` and ends the line.
  void endLine(llvm::SMLoc loc);

  struct Indent {
    Indent(ASTDumper &d) : d(d) { ++d.indent; }
    ~Indent() { --d.indent; }
    ASTDumper &d;
  };

  const File &file;
  llvm::raw_ostream &os;
  std::vector<size_t> lineStarts;
  unsigned indent = 0;
};

} // namespace

void ASTDumper::endLine(llvm::SMLoc loc) {
  llvm::StringRef buffer = file.getBuffer();
  const char *ptr = loc.getPointer();
  if (!ptr || ptr < buffer.begin() || ptr > buffer.end()) {
    os << " <?>\n";
    return;
  }
  size_t offset = ptr - buffer.begin();
  auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
  size_t lineNo = it - lineStarts.begin();
  size_t col = offset - *(it - 1) + 1;
  os << " <" << lineNo << ':' << col << ">\n";
}

/// Prints the shortest decimal form of V that reads back as V.
static void printFloat(double v, llvm::raw_ostream &os) {
  // Integral values read best without an exponent: 80.0, not 8e+01.
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof(buf), "%.1f", v);
    os << buf;
    return;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v)
      break;
  }
  os << buf;
  // Keep floats distinguishable from integers in the dump.
  if (llvm::StringRef(buf).find_first_not_of("-0123456789") ==
      llvm::StringRef::npos)
    os << ".0";
}

/// Prints S as a string literal of the language (the lexer's escapes).
static void printStringLiteral(llvm::StringRef s, llvm::raw_ostream &os) {
  os << '"';
  for (char c : s) {
    switch (c) {
    case '"':
      os << "\\\"";
      break;
    case '\\':
      os << "\\\\";
      break;
    case '\n':
      os << "\\n";
      break;
    case '\t':
      os << "\\t";
      break;
    default:
      os << c;
    }
  }
  os << '"';
}

void ASTDumper::dumpFile() {
  os << "File \"" << file.getPath() << "\"\n";
  Indent in(*this);
  for (const DeclPtr &decl : file.getDecls())
    dumpDecl(*decl);
}

void ASTDumper::dumpDecl(const Decl &decl) {
  switch (decl.getKind()) {
  case Decl::Import: {
    auto &import = llvm::cast<ImportDecl>(decl);
    line() << "Import ";
    printStringLiteral(import.getPath(), os);
    endLine(import.getLoc());
    return;
  }
  case Decl::Block:
  case Decl::Model: {
    auto &component = llvm::cast<ComponentDecl>(decl);
    line() << (decl.getKind() == Decl::Block ? "Block " : "Model ")
           << decl.getName();
    endLine(decl.getLoc());
    Indent in(*this);
    if (auto *block = llvm::dyn_cast<BlockDecl>(&decl)) {
      for (const HyperParam &param : block->getHyperParams()) {
        line() << "HyperParam " << param.name;
        static const char *const typeNames[] = {"", "int", "float", "string",
                                                "bool"};
        if (param.type != HyperParam::Any)
          os << ": " << typeNames[param.type];
        endLine(param.nameRange.Start);
        if (param.defaultValue) {
          Indent in2(*this);
          dumpExpr(*param.defaultValue, "default: ");
        }
      }
    }
    for (const DeclPtr &member : component.getMembers())
      dumpDecl(*member);
    return;
  }
  case Decl::Layer: {
    auto &layer = llvm::cast<LayerDecl>(decl);
    line() << "Layer " << layer.getName();
    endLine(layer.getLoc());
    Indent in(*this);
    dumpExpr(layer.getInit());
    return;
  }
  case Decl::Param: {
    auto &param = llvm::cast<ParamDecl>(decl);
    line() << "Param " << param.getName() << ": ";
    printType(param.getType(), os);
    endLine(param.getLoc());
    return;
  }
  case Decl::Fn: {
    auto &fn = llvm::cast<FnDecl>(decl);
    line() << "Fn " << fn.getName() << " -> ";
    if (fn.hasTupleResult())
      os << '(';
    llvm::interleaveComma(fn.getResults(), os,
                          [&](const TensorType &t) { printType(t, os); });
    if (fn.hasTupleResult())
      os << ')';
    endLine(fn.getLoc());
    Indent in(*this);
    for (const FnArg &arg : fn.getArgs()) {
      line() << "Arg " << arg.name << ": ";
      printType(arg.type, os);
      endLine(arg.nameRange.Start);
    }
    for (const std::unique_ptr<Stmt> &stmt : fn.getBody())
      dumpStmt(*stmt);
    return;
  }
  }
}

void ASTDumper::dumpStmt(const Stmt &stmt) {
  if (auto *assign = llvm::dyn_cast<AssignStmt>(&stmt)) {
    line() << "Assign ";
    llvm::interleaveComma(assign->getTargets(), os,
                          [&](const Target &t) { os << t.name; });
    endLine(assign->getLoc());
    Indent in(*this);
    for (const ExprPtr &value : assign->getValues())
      dumpExpr(*value);
    return;
  }
  auto &ret = llvm::cast<ReturnStmt>(stmt);
  line() << "Return";
  endLine(ret.getLoc());
  Indent in(*this);
  for (const ExprPtr &value : ret.getValues())
    dumpExpr(*value);
}

void ASTDumper::dumpExpr(const Expr &expr, llvm::StringRef label) {
  line() << label;
  switch (expr.getKind()) {
  case Expr::Name:
    os << "Name " << llvm::cast<NameExpr>(expr).getName();
    endLine(expr.getLoc());
    return;
  case Expr::Integer:
    os << "Int " << llvm::cast<IntegerExpr>(expr).getValue();
    endLine(expr.getLoc());
    return;
  case Expr::Float:
    os << "Float ";
    printFloat(llvm::cast<FloatExpr>(expr).getValue(), os);
    endLine(expr.getLoc());
    return;
  case Expr::String:
    os << "String ";
    printStringLiteral(llvm::cast<StringExpr>(expr).getValue(), os);
    endLine(expr.getLoc());
    return;
  case Expr::Bool:
    os << "Bool " << (llvm::cast<BoolExpr>(expr).getValue() ? "true" : "false");
    endLine(expr.getLoc());
    return;
  case Expr::List: {
    os << "List";
    endLine(expr.getLoc());
    Indent in(*this);
    for (const ExprPtr &e : llvm::cast<ListExpr>(expr).getElements())
      dumpExpr(*e);
    return;
  }
  case Expr::Unary:
    os << "Neg";
    endLine(expr.getLoc());
    {
      Indent in(*this);
      dumpExpr(llvm::cast<UnaryExpr>(expr).getOperand());
    }
    return;
  case Expr::Binary: {
    auto &b = llvm::cast<BinaryExpr>(expr);
    os << "Binary '" << BinaryExpr::getOpSpelling(b.getOp()) << "'";
    endLine(expr.getLoc());
    Indent in(*this);
    dumpExpr(b.getLHS());
    dumpExpr(b.getRHS());
    return;
  }
  case Expr::Call: {
    auto &call = llvm::cast<CallExpr>(expr);
    os << "Call";
    endLine(expr.getLoc());
    Indent in(*this);
    dumpExpr(call.getCallee(), "callee: ");
    for (const Argument &arg : call.getArgs()) {
      if (!arg.isKeyword()) {
        dumpExpr(*arg.value);
        continue;
      }
      line() << "Keyword " << arg.name;
      endLine(arg.nameLoc);
      Indent in2(*this);
      dumpExpr(*arg.value);
    }
    return;
  }
  case Expr::Field: {
    auto &field = llvm::cast<FieldExpr>(expr);
    os << "Field " << field.getName();
    endLine(expr.getLoc());
    Indent in(*this);
    dumpExpr(field.getBase());
    return;
  }
  case Expr::Index: {
    auto &index = llvm::cast<IndexExpr>(expr);
    os << "Index";
    endLine(expr.getLoc());
    Indent in(*this);
    dumpExpr(index.getBase(), "base: ");
    for (const ExprPtr &i : index.getIndices())
      dumpExpr(*i);
    return;
  }
  case Expr::Slice: {
    auto &slice = llvm::cast<SliceExpr>(expr);
    os << "Slice";
    endLine(expr.getLoc());
    Indent in(*this);
    if (slice.getStart())
      dumpExpr(*slice.getStart(), "start: ");
    if (slice.getStop())
      dumpExpr(*slice.getStop(), "stop: ");
    if (slice.getStep())
      dumpExpr(*slice.getStep(), "step: ");
    return;
  }
  }
}

void mm::dumpAST(const File &file, llvm::raw_ostream &os) {
  for (const std::unique_ptr<File> &imported : file.getImportedFiles())
    ASTDumper(*imported, os).dumpFile();
  ASTDumper(file, os).dumpFile();
}
