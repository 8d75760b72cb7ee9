//===- Parser.cpp - recursive-descent parser for .mm files ----------------===//
//
// Each parse function carries its grammar rule in its comment. The parser
// stops at the first error: once `failed` is set every function returns
// null at once, and no second message is printed.
//
//===----------------------------------------------------------------------===//

#include "frontend/Parser.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SourceMgr.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

using namespace mm;
using namespace mm::ast;
using llvm::SMLoc;
using llvm::SMRange;

Parser::Parser(llvm::SourceMgr &sm, unsigned bufferID)
    : sm(sm), bufferID(bufferID), lexer(sm, bufferID),
      tok(Token::Eof, llvm::StringRef()) {
  tok = lexer.lex();
  prevTokEnd = tok.getLoc();
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

std::nullptr_t Parser::error(SMLoc loc, const llvm::Twine &message) {
  if (!failed)
    sm.PrintMessage(loc, llvm::SourceMgr::DK_Error, message);
  failed = true;
  return nullptr;
}

/// Describes the current token for "..., found X" messages.
static std::string describeFound(const Token &tok) {
  if (tok.is(Token::Eof))
    return "end of file";
  llvm::StringRef spelling = tok.getSpelling();
  constexpr size_t kMaxShown = 32;
  if (spelling.size() > kMaxShown)
    return ("'" + spelling.take_front(kMaxShown) + "...'").str();
  return ("'" + spelling + "'").str();
}

std::nullptr_t Parser::errorExpected(const llvm::Twine &expected) {
  // The lexer has already explained an invalid token.
  if (tok.is(Token::Error)) {
    failed = true;
    return nullptr;
  }
  return error(tok.getLoc(),
               "expected " + expected + ", found " + describeFound(tok));
}

bool Parser::expect(Token::Kind k, llvm::StringRef context) {
  if (tok.is(k)) {
    consume();
    return true;
  }
  errorExpected(Token::describe(k) + " " + context);
  return false;
}

bool Parser::expectName(std::string &name, SMRange &range,
                        llvm::StringRef context) {
  if (tok.isNot(Token::Identifier)) {
    if (tok.isKeyword())
      error(tok.getLoc(), "expected a name " + context + ", found keyword " +
                              describeFound(tok));
    else
      errorExpected("a name " + context);
    return false;
  }
  name = tok.getSpelling().str();
  range = tok.getRange();
  consume();
  return true;
}

ExprPtr Parser::checkDepth(ExprPtr e) {
  if (e && e->getDepth() > kMaxNestingDepth)
    return error(e->getLoc(), "expression is nested too deeply (more than " +
                                  llvm::Twine(kMaxNestingDepth) + " levels)");
  return e;
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

/// file := (import | block | model)*
std::unique_ptr<File> Parser::parseFile() {
  std::vector<DeclPtr> decls;
  while (tok.isNot(Token::Eof)) {
    DeclPtr decl;
    switch (tok.getKind()) {
    case Token::KwImport:
      decl = parseImport();
      break;
    case Token::KwBlock:
      decl = parseBlock();
      break;
    case Token::KwModel:
      decl = parseModel();
      break;
    default:
      return errorExpected("'import', 'block' or 'model' at the top level");
    }
    if (!decl || failed)
      return nullptr;
    decls.push_back(std::move(decl));
  }
  if (failed)
    return nullptr;
  const llvm::MemoryBuffer *buffer = sm.getMemoryBuffer(bufferID);
  return std::make_unique<File>(buffer->getBufferIdentifier(), bufferID,
                                buffer->getBuffer(), std::move(decls));
}

/// import := 'import' STRING
DeclPtr Parser::parseImport() {
  consume(); // 'import'
  if (tok.isNot(Token::String))
    return errorExpected("a file name in quotes after 'import'");
  std::string path = tok.getStringValue();
  SMRange range = tok.getRange();
  if (path.empty())
    return error(range.Start, "expected a file name after 'import', found an "
                              "empty string");
  consume();
  return std::make_unique<ImportDecl>(range, path);
}

/// block := 'block' NAME '(' (hyper_param (',' hyper_param)* ','?)? ')'
///          '{' member* '}'
DeclPtr Parser::parseBlock() {
  consume(); // 'block'
  std::string name;
  SMRange nameRange;
  if (!expectName(name, nameRange, "after 'block'"))
    return nullptr;
  if (!expect(Token::LParen, "after the block name (a block has "
                             "hyper-parameters, possibly none: 'block " +
                                 name + "()')"))
    return nullptr;
  std::vector<HyperParam> params;
  while (tok.isNot(Token::RParen)) {
    HyperParam param;
    if (!parseHyperParam(param))
      return nullptr;
    params.push_back(std::move(param));
    if (tok.is(Token::Comma)) {
      consume();
      continue;
    }
    if (tok.isNot(Token::RParen))
      return errorExpected("',' or ')' after a hyper-parameter");
  }
  consume(); // ')'
  std::vector<DeclPtr> members;
  if (!parseMembers("block", name, members))
    return nullptr;
  return std::make_unique<BlockDecl>(nameRange, name, std::move(params),
                                     std::move(members));
}

/// hyper_param := NAME (':' ('int' | 'float' | 'string' | 'bool'))?
///                ('=' expr)?
bool Parser::parseHyperParam(HyperParam &param) {
  if (!expectName(param.name, param.nameRange, "for a hyper-parameter"))
    return false;
  if (tok.is(Token::Colon)) {
    consume();
    llvm::StringRef spelling = tok.getSpelling();
    HyperParam::Type type =
        llvm::StringSwitch<HyperParam::Type>(
            tok.is(Token::Identifier) ? spelling : "")
            .Case("int", HyperParam::Int)
            .Case("float", HyperParam::Float)
            .Case("string", HyperParam::String)
            .Case("bool", HyperParam::Bool)
            .Default(HyperParam::Any);
    if (type == HyperParam::Any) {
      errorExpected("a hyper-parameter type ('int', 'float', 'string' or "
                    "'bool') after ':'");
      return false;
    }
    param.type = type;
    consume();
  }
  if (tok.is(Token::Equal)) {
    consume();
    param.defaultValue = parseExpr();
    if (!param.defaultValue)
      return false;
  }
  return true;
}

/// model := 'model' NAME '{' member* '}'
DeclPtr Parser::parseModel() {
  consume(); // 'model'
  std::string name;
  SMRange nameRange;
  if (!expectName(name, nameRange, "after 'model'"))
    return nullptr;
  std::vector<DeclPtr> members;
  if (!parseMembers("model", name, members))
    return nullptr;
  return std::make_unique<ModelDecl>(nameRange, name, std::move(members));
}

/// members := '{' member* '}'
/// member := layer | param | fn
bool Parser::parseMembers(llvm::StringRef what, llvm::StringRef name,
                          std::vector<DeclPtr> &members) {
  if (!expect(Token::LBrace,
              ("after the name of " + what + " '" + name + "'").str()))
    return false;
  while (tok.isNot(Token::RBrace)) {
    DeclPtr member;
    switch (tok.getKind()) {
    case Token::KwLayer:
      member = parseLayer();
      break;
    case Token::KwParam:
      member = parseParam();
      break;
    case Token::KwFn:
      member = parseFn();
      break;
    default:
      errorExpected("'layer', 'param', 'fn' or '}' in " + what + " '" + name +
                    "'");
      return false;
    }
    if (!member || failed)
      return false;
    members.push_back(std::move(member));
  }
  consume(); // '}'
  return true;
}

/// layer := 'layer' NAME '=' call
DeclPtr Parser::parseLayer() {
  consume(); // 'layer'
  std::string name;
  SMRange nameRange;
  if (!expectName(name, nameRange, "after 'layer'"))
    return nullptr;
  if (!expect(Token::Equal, "after the layer name"))
    return nullptr;
  ExprPtr init = parseExpr();
  if (!init)
    return nullptr;
  if (!llvm::isa<CallExpr>(init.get()))
    return error(init->getLoc(), "expected a layer constructor call such as "
                                 "'linear(64, 64)' after '='");
  std::unique_ptr<CallExpr> call(static_cast<CallExpr *>(init.release()));
  return std::make_unique<LayerDecl>(nameRange, name, std::move(call));
}

/// param := 'param' NAME ':' tensor_type
DeclPtr Parser::parseParam() {
  consume(); // 'param'
  std::string name;
  SMRange nameRange;
  if (!expectName(name, nameRange, "after 'param'"))
    return nullptr;
  if (!expect(Token::Colon, "after the param name (a param needs a type, "
                            "e.g. 'param pos: f32[1, 32, 128]')"))
    return nullptr;
  TensorType type;
  if (!parseTensorType(type, "after ':'"))
    return nullptr;
  return std::make_unique<ParamDecl>(nameRange, name, std::move(type));
}

/// fn := 'fn' NAME '(' (fn_arg (',' fn_arg)* ','?)? ')' '->' results
///       '{' stmt* '}'
/// results := tensor_type | '(' tensor_type (',' tensor_type)* ','? ')'
DeclPtr Parser::parseFn() {
  consume(); // 'fn'
  std::string name;
  SMRange nameRange;
  if (!expectName(name, nameRange, "after 'fn'"))
    return nullptr;
  if (!expect(Token::LParen, "after the fn name"))
    return nullptr;
  std::vector<FnArg> args;
  while (tok.isNot(Token::RParen)) {
    FnArg arg;
    if (!parseFnArg(arg))
      return nullptr;
    args.push_back(std::move(arg));
    if (tok.is(Token::Comma)) {
      consume();
      continue;
    }
    if (tok.isNot(Token::RParen))
      return errorExpected("',' or ')' after a fn argument");
  }
  consume(); // ')'
  if (!expect(Token::Arrow,
              "after the arguments of fn '" + name + "' (the result type)"))
    return nullptr;

  std::vector<TensorType> results;
  bool tupleResult = false;
  if (tok.is(Token::LParen)) {
    tupleResult = true;
    consume();
    do {
      TensorType type;
      if (!parseTensorType(type, "in the result list"))
        return nullptr;
      results.push_back(std::move(type));
      if (tok.is(Token::Comma)) {
        consume();
        continue;
      }
      if (tok.isNot(Token::RParen))
        return errorExpected("',' or ')' after a result type");
    } while (tok.isNot(Token::RParen));
    consume(); // ')'
  } else {
    TensorType type;
    if (!parseTensorType(type, "after '->'"))
      return nullptr;
    results.push_back(std::move(type));
  }

  if (!expect(Token::LBrace, "to begin the body of fn '" + name + "'"))
    return nullptr;
  std::vector<std::unique_ptr<Stmt>> body;
  while (tok.isNot(Token::RBrace)) {
    std::unique_ptr<Stmt> stmt = parseStmt();
    if (!stmt)
      return nullptr;
    body.push_back(std::move(stmt));
  }
  SMLoc endLoc = tok.getLoc();
  consume(); // '}'
  return std::make_unique<FnDecl>(nameRange, name, std::move(args),
                                  std::move(results), tupleResult,
                                  std::move(body), endLoc);
}

/// fn_arg := NAME ':' tensor_type
bool Parser::parseFnArg(FnArg &arg) {
  if (!expectName(arg.name, arg.nameRange, "for a fn argument"))
    return false;
  if (!expect(Token::Colon, "after the argument name '" + arg.name +
                                "' (every argument needs a tensor type)"))
    return false;
  return parseTensorType(arg.type, "after ':'");
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

static bool isElementType(llvm::StringRef name) {
  return llvm::StringSwitch<bool>(name)
      .Cases("f32", "f16", "bf16", true)
      .Cases("i8", "i32", "i64", "u8", true)
      .Default(false);
}

/// tensor_type := ELEM '[' (dim (',' dim)* ','?)? ']'
/// ELEM := 'f32' | 'i32' | 'i64' | 'u8' | 'f16' | 'bf16' | 'i8'
bool Parser::parseTensorType(TensorType &type, llvm::StringRef context) {
  if (tok.isNot(Token::Identifier)) {
    errorExpected("a tensor type such as 'f32[B, 64]' " + context);
    return false;
  }
  if (!isElementType(tok.getSpelling())) {
    error(tok.getLoc(), "expected an element type (f32, i32, i64, u8, f16, "
                        "bf16 or i8), found " +
                            describeFound(tok));
    return false;
  }
  type.elementType = tok.getSpelling().str();
  type.elementLoc = tok.getLoc();
  consume();
  if (!expect(Token::LBracket, "after the element type '" + type.elementType +
                                   "' (a scalar is '" + type.elementType +
                                   "[]')"))
    return false;
  while (tok.isNot(Token::RBracket)) {
    ExprPtr dim = parseDimExpr();
    if (!dim)
      return false;
    type.dims.push_back(std::move(dim));
    if (tok.is(Token::Comma)) {
      consume();
      continue;
    }
    if (tok.isNot(Token::RBracket)) {
      errorExpected("',' or ']' after a dimension");
      return false;
    }
  }
  consume(); // ']'
  type.range = SMRange(type.elementLoc, prevEnd());
  return true;
}

static bool isAdditive(const Token &tok) {
  return tok.is(Token::Plus) || tok.is(Token::Minus);
}
static bool isMultiplicative(const Token &tok) {
  return tok.is(Token::Star) || tok.is(Token::Slash);
}
static BinaryExpr::Op binaryOpFor(Token::Kind kind) {
  switch (kind) {
  case Token::Plus:
    return BinaryExpr::Add;
  case Token::Minus:
    return BinaryExpr::Sub;
  case Token::Star:
    return BinaryExpr::Mul;
  case Token::Slash:
    return BinaryExpr::Div;
  default:
    return BinaryExpr::MatMul;
  }
}

/// dim := dim_term (('+' | '-') dim_term)*
ExprPtr Parser::parseDimExpr() {
  DepthGuard guard(*this);
  if (guard.exceeded())
    return error(tok.getLoc(), "dimension is nested too deeply (more than " +
                                   llvm::Twine(kMaxNestingDepth) + " levels)");
  ExprPtr lhs = parseDimTerm();
  while (lhs && isAdditive(tok)) {
    BinaryExpr::Op op = binaryOpFor(tok.getKind());
    SMLoc opLoc = tok.getLoc();
    consume();
    ExprPtr rhs = parseDimTerm();
    if (!rhs)
      return nullptr;
    lhs = checkDepth(
        std::make_unique<BinaryExpr>(op, opLoc, std::move(lhs), std::move(rhs)));
  }
  return lhs;
}

/// dim_term := dim_atom (('*' | '/') dim_atom)*
ExprPtr Parser::parseDimTerm() {
  ExprPtr lhs = parseDimAtom();
  while (lhs && isMultiplicative(tok)) {
    BinaryExpr::Op op = binaryOpFor(tok.getKind());
    SMLoc opLoc = tok.getLoc();
    consume();
    ExprPtr rhs = parseDimAtom();
    if (!rhs)
      return nullptr;
    lhs = checkDepth(
        std::make_unique<BinaryExpr>(op, opLoc, std::move(lhs), std::move(rhs)));
  }
  return lhs;
}

/// dim_atom := INTEGER | NAME | '(' dim ')'
ExprPtr Parser::parseDimAtom() {
  switch (tok.getKind()) {
  case Token::Integer:
    return parseNumber();
  case Token::Identifier: {
    auto name = std::make_unique<NameExpr>(tok.getRange(), tok.getSpelling());
    consume();
    return name;
  }
  case Token::LParen: {
    consume();
    ExprPtr inner = parseDimExpr();
    if (!inner || !expect(Token::RParen, "to close '(' in a dimension"))
      return nullptr;
    return inner;
  }
  default:
    return errorExpected("a dimension (an integer, a name, or an arithmetic "
                         "expression of those)");
  }
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

/// stmt := assign | return
std::unique_ptr<Stmt> Parser::parseStmt() {
  if (tok.is(Token::KwReturn))
    return parseReturn();
  if (tok.is(Token::Identifier))
    return parseAssign();
  return errorExpected("a statement ('NAME = expr' or 'return expr') or '}'");
}

/// return := 'return' expr (',' expr)*
std::unique_ptr<Stmt> Parser::parseReturn() {
  SMLoc loc = tok.getLoc();
  consume(); // 'return'
  std::vector<ExprPtr> values;
  do {
    if (!values.empty())
      consume(); // ','
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    values.push_back(std::move(value));
  } while (tok.is(Token::Comma));
  return std::make_unique<ReturnStmt>(loc, std::move(values));
}

/// assign := NAME (',' NAME)* '=' expr (',' expr)*
std::unique_ptr<Stmt> Parser::parseAssign() {
  std::vector<Target> targets;
  while (true) {
    Target target;
    if (!expectName(target.name, target.range, "to assign to"))
      return nullptr;
    targets.push_back(std::move(target));
    if (tok.isNot(Token::Comma))
      break;
    consume();
  }
  SMLoc equalLoc = tok.getLoc();
  if (tok.isNot(Token::Equal))
    return errorExpected(
        targets.size() == 1
            ? "'=' or ',' after '" + targets.front().name +
                  "' (a statement is 'NAME = expr' or 'return expr')"
            : std::string("'=' after the assignment targets"));
  consume();
  std::vector<ExprPtr> values;
  do {
    if (!values.empty())
      consume(); // ','
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    values.push_back(std::move(value));
  } while (tok.is(Token::Comma));
  return std::make_unique<AssignStmt>(equalLoc, std::move(targets),
                                      std::move(values));
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

/// expr := unary (binop unary)*
/// binop := '+' | '-' | '*' | '/' | '@'   ('@' '*' '/' bind tighter than
///                                          '+' '-'; all left-associative)
ExprPtr Parser::parseExpr() { return parseBinary(0); }

static int precedence(const Token &tok) {
  switch (tok.getKind()) {
  case Token::Plus:
  case Token::Minus:
    return 0;
  case Token::Star:
  case Token::Slash:
  case Token::At:
    return 1;
  default:
    return -1;
  }
}

ExprPtr Parser::parseBinary(int minPrecedence) {
  ExprPtr lhs = parseUnary();
  while (lhs) {
    int prec = precedence(tok);
    if (prec < minPrecedence)
      return lhs;
    BinaryExpr::Op op = binaryOpFor(tok.getKind());
    SMLoc opLoc = tok.getLoc();
    consume();
    ExprPtr rhs = parseBinary(prec + 1);
    if (!rhs)
      return nullptr;
    lhs = checkDepth(
        std::make_unique<BinaryExpr>(op, opLoc, std::move(lhs), std::move(rhs)));
  }
  return nullptr;
}

/// unary := '-' unary | postfix
/// A minus directly before a number literal folds into it (`-1`, `-0.5`).
ExprPtr Parser::parseUnary() {
  DepthGuard guard(*this);
  if (guard.exceeded())
    return error(tok.getLoc(), "expression is nested too deeply (more than " +
                                   llvm::Twine(kMaxNestingDepth) + " levels)");
  if (tok.isNot(Token::Minus))
    return parsePostfix();
  SMLoc minusLoc = tok.getLoc();
  consume();
  ExprPtr operand = parseUnary();
  if (!operand)
    return nullptr;
  SMRange range(minusLoc, operand->getRange().End);
  if (auto *i = llvm::dyn_cast<IntegerExpr>(operand.get()))
    return std::make_unique<IntegerExpr>(range, -i->getValue());
  if (auto *f = llvm::dyn_cast<FloatExpr>(operand.get()))
    return std::make_unique<FloatExpr>(range, -f->getValue());
  return checkDepth(
      std::make_unique<UnaryExpr>(minusLoc, range, std::move(operand)));
}

/// postfix := primary ('(' args ')' | '.' NAME | '[' indices ']')*
ExprPtr Parser::parsePostfix() {
  ExprPtr e = parsePrimary();
  while (e) {
    switch (tok.getKind()) {
    case Token::LParen:
      e = checkDepth(parseCallRest(std::move(e)));
      break;
    case Token::LBracket:
      e = checkDepth(parseIndexRest(std::move(e)));
      break;
    case Token::Dot: {
      consume();
      std::string field;
      SMRange fieldRange;
      if (!expectName(field, fieldRange, "after '.'"))
        return nullptr;
      SMRange range(e->getRange().Start, fieldRange.End);
      e = checkDepth(std::make_unique<FieldExpr>(fieldRange.Start, range,
                                                 std::move(e), field));
      break;
    }
    default:
      return e;
    }
  }
  return nullptr;
}

/// primary := NAME | INTEGER | FLOAT | STRING | 'true' | 'false' | list
///          | '(' expr ')'
ExprPtr Parser::parsePrimary() {
  switch (tok.getKind()) {
  case Token::Identifier: {
    auto name = std::make_unique<NameExpr>(tok.getRange(), tok.getSpelling());
    consume();
    return name;
  }
  case Token::Integer:
  case Token::Float:
    return parseNumber();
  case Token::String: {
    auto str = std::make_unique<StringExpr>(tok.getRange(), tok.getStringValue());
    consume();
    return str;
  }
  case Token::KwTrue:
  case Token::KwFalse: {
    auto b = std::make_unique<BoolExpr>(tok.getRange(), tok.is(Token::KwTrue));
    consume();
    return b;
  }
  case Token::LBracket:
    return parseList();
  case Token::LParen:
    return parseParenExpr();
  default:
    return errorExpected("an expression");
  }
}

/// Parses the current INTEGER or FLOAT token.
ExprPtr Parser::parseNumber() {
  SMRange range = tok.getRange();
  llvm::StringRef spelling = tok.getSpelling();
  if (tok.is(Token::Integer)) {
    int64_t value;
    if (spelling.getAsInteger(10, value))
      return error(range.Start, "integer literal " + describeFound(tok) +
                                    " does not fit in 64 bits");
    consume();
    return std::make_unique<IntegerExpr>(range, value);
  }
  std::string text = spelling.str();
  errno = 0;
  double value = std::strtod(text.c_str(), nullptr);
  if (std::isinf(value))
    return error(range.Start,
                 "float literal " + describeFound(tok) + " is out of range");
  consume();
  return std::make_unique<FloatExpr>(range, value);
}

/// paren := '(' expr ')'
ExprPtr Parser::parseParenExpr() {
  SMLoc lparen = tok.getLoc();
  consume(); // '('
  ExprPtr inner = parseExpr();
  if (!inner)
    return nullptr;
  if (tok.isNot(Token::RParen)) {
    bool lexError = tok.is(Token::Error);
    errorExpected("')' to close the '(' of an expression");
    if (!lexError)
      sm.PrintMessage(lparen, llvm::SourceMgr::DK_Note, "to match this '('");
    return nullptr;
  }
  consume();
  return inner;
}

/// list := '[' (expr (',' expr)* ','?)? ']'
ExprPtr Parser::parseList() {
  SMLoc start = tok.getLoc();
  consume(); // '['
  std::vector<ExprPtr> elements;
  while (tok.isNot(Token::RBracket)) {
    ExprPtr e = parseExpr();
    if (!e)
      return nullptr;
    elements.push_back(std::move(e));
    if (tok.is(Token::Comma)) {
      consume();
      continue;
    }
    if (tok.isNot(Token::RBracket))
      return errorExpected("',' or ']' after a list element");
  }
  consume(); // ']'
  return checkDepth(
      std::make_unique<ListExpr>(SMRange(start, prevEnd()), std::move(elements)));
}

/// args := (arg (',' arg)* ','?)?
/// arg := expr | NAME ':' expr      (positional arguments first, as in Python)
ExprPtr Parser::parseCallRest(ExprPtr callee) {
  SMLoc lparen = tok.getLoc();
  consume(); // '('
  std::vector<Argument> args;
  std::string firstKeyword;
  while (tok.isNot(Token::RParen)) {
    Argument arg;
    // A keyword is a bare name followed by ':'. Parse an expression and look
    // at what it was, rather than peeking two tokens ahead.
    bool startsWithName = tok.is(Token::Identifier);
    SMLoc argStart = tok.getLoc();
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    if (tok.is(Token::Colon) && startsWithName &&
        llvm::isa<NameExpr>(value.get())) {
      arg.name = llvm::cast<NameExpr>(value.get())->getName().str();
      arg.nameLoc = argStart;
      consume(); // ':'
      value = parseExpr();
      if (!value)
        return nullptr;
      if (firstKeyword.empty())
        firstKeyword = arg.name;
    } else if (tok.is(Token::Colon)) {
      return error(tok.getLoc(), "expected ',' or ')' after an argument, "
                                 "found ':' (a keyword argument is "
                                 "'name: value')");
    } else if (!firstKeyword.empty()) {
      return error(argStart, "positional argument after keyword argument '" +
                                 firstKeyword +
                                 "' (positional arguments come first)");
    }
    arg.value = std::move(value);
    args.push_back(std::move(arg));
    if (tok.is(Token::Comma)) {
      consume();
      continue;
    }
    if (tok.isNot(Token::RParen)) {
      bool lexError = tok.is(Token::Error);
      errorExpected("',' or ')' after an argument");
      if (!lexError)
        sm.PrintMessage(lparen, llvm::SourceMgr::DK_Note,
                        "to match this '('");
      return nullptr;
    }
  }
  consume(); // ')'
  SMRange range(callee->getRange().Start, prevEnd());
  return std::make_unique<CallExpr>(range, std::move(callee), std::move(args));
}

/// indices := index (',' index)* ','?
ExprPtr Parser::parseIndexRest(ExprPtr base) {
  SMLoc lbracket = tok.getLoc();
  consume(); // '['
  std::vector<ExprPtr> indices;
  do {
    if (tok.is(Token::RBracket) && !indices.empty())
      break; // A trailing comma.
    ExprPtr index = parseIndex();
    if (!index)
      return nullptr;
    indices.push_back(std::move(index));
    if (tok.is(Token::Comma)) {
      consume();
      continue;
    }
    if (tok.isNot(Token::RBracket))
      return errorExpected("',' or ']' after an index");
  } while (tok.isNot(Token::RBracket));
  consume(); // ']'
  SMRange range(base->getRange().Start, prevEnd());
  return std::make_unique<IndexExpr>(lbracket, range, std::move(base),
                                     std::move(indices));
}

/// index := expr | expr? ':' expr? (':' expr?)?
ExprPtr Parser::parseIndex() {
  auto endsPart = [&] {
    return tok.is(Token::Colon) || tok.is(Token::Comma) ||
           tok.is(Token::RBracket);
  };
  SMLoc start = tok.getLoc();
  ExprPtr first;
  if (tok.is(Token::RBracket))
    return errorExpected("an index (an integer or a slice such as '1:3')");
  if (!endsPart()) {
    first = parseExpr();
    if (!first)
      return nullptr;
  } else if (tok.isNot(Token::Colon)) {
    return errorExpected("an index (an integer or a slice such as '1:3')");
  }
  if (tok.isNot(Token::Colon))
    return first;
  SMLoc colonLoc = tok.getLoc();
  consume();
  ExprPtr stop, step;
  if (!endsPart()) {
    stop = parseExpr();
    if (!stop)
      return nullptr;
  }
  if (tok.is(Token::Colon)) {
    consume();
    if (!endsPart()) {
      step = parseExpr();
      if (!step)
        return nullptr;
    }
  }
  return std::make_unique<SliceExpr>(colonLoc, SMRange(start, prevEnd()),
                                     std::move(first), std::move(stop),
                                     std::move(step));
}
