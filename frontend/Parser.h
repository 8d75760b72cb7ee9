//===- Parser.h - recursive-descent parser for .mm files --------*- C++ -*-===//
//
// Parses one buffer into an ast::File. Imports are recorded, not followed:
// parseFile (Frontend.h) loads them. The parser stops at the first error,
// after printing it through the SourceMgr with what was expected and what
// was found; it never recurses deeper than ast::kMaxNestingDepth.
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_PARSER_H
#define MM_FRONTEND_PARSER_H

#include "frontend/AST.h"
#include "frontend/Lexer.h"

#include "llvm/ADT/Twine.h"

namespace mm {

class Parser {
public:
  Parser(llvm::SourceMgr &sm, unsigned bufferID);

  /// Parses the whole buffer; returns null after an error.
  std::unique_ptr<ast::File> parseFile();

private:
  // Declarations.
  ast::DeclPtr parseImport();
  ast::DeclPtr parseBlock();
  ast::DeclPtr parseModel();
  bool parseMembers(llvm::StringRef what, llvm::StringRef name,
                    std::vector<ast::DeclPtr> &members);
  bool parseHyperParam(ast::HyperParam &param);
  ast::DeclPtr parseLayer();
  ast::DeclPtr parseParam();
  ast::DeclPtr parseFn();
  bool parseFnArg(ast::FnArg &arg);

  // Types.
  bool parseTensorType(ast::TensorType &type, llvm::StringRef context);
  ast::ExprPtr parseDimExpr();
  ast::ExprPtr parseDimTerm();
  ast::ExprPtr parseDimAtom();

  // Statements.
  std::unique_ptr<ast::Stmt> parseStmt();
  std::unique_ptr<ast::Stmt> parseReturn();
  std::unique_ptr<ast::Stmt> parseAssign();

  // Expressions.
  ast::ExprPtr parseExpr();
  ast::ExprPtr parseBinary(int minPrecedence);
  ast::ExprPtr parseUnary();
  ast::ExprPtr parsePostfix();
  ast::ExprPtr parsePrimary();
  ast::ExprPtr parseParenExpr();
  ast::ExprPtr parseList();
  ast::ExprPtr parseNumber();
  ast::ExprPtr parseCallRest(ast::ExprPtr callee);
  ast::ExprPtr parseIndexRest(ast::ExprPtr base);
  ast::ExprPtr parseIndex();

  // Token handling.
  void consume() {
    prevTokEnd = tok.getEndLoc();
    tok = lexer.lex();
  }
  /// Consumes a token of kind K, or reports "expected WHAT CONTEXT, found X".
  bool expect(Token::Kind k, llvm::StringRef context);
  /// Consumes a name into NAME/RANGE, or reports like expect().
  bool expectName(std::string &name, llvm::SMRange &range,
                  llvm::StringRef context);
  /// The end of the last consumed token.
  llvm::SMLoc prevEnd() const { return prevTokEnd; }

  // Errors. All return null/false so that callers can `return error(...)`.
  std::nullptr_t error(llvm::SMLoc loc, const llvm::Twine &message);
  /// Reports "expected EXPECTED, found <current token>" at the current token.
  std::nullptr_t errorExpected(const llvm::Twine &expected);
  /// Checks the height of a freshly built node against the nesting limit.
  ast::ExprPtr checkDepth(ast::ExprPtr e);

  /// Keeps the recursion of the parser itself bounded.
  class DepthGuard {
  public:
    explicit DepthGuard(Parser &p) : p(p) { ++p.depth; }
    ~DepthGuard() { --p.depth; }
    bool exceeded() const { return p.depth > ast::kMaxNestingDepth; }

  private:
    Parser &p;
  };

  llvm::SourceMgr &sm;
  unsigned bufferID;
  Lexer lexer;
  Token tok;
  llvm::SMLoc prevTokEnd;
  unsigned depth = 0;
  bool failed = false;
};

} // namespace mm

#endif // MM_FRONTEND_PARSER_H
