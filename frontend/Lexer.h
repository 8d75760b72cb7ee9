//===- Lexer.h - tokens of the .mm model language ---------------*- C++ -*-===//
//
// The lexer turns one SourceMgr buffer into tokens. Every token keeps its
// spelling as a StringRef into the buffer, so a token's SMLoc is the pointer
// the SourceMgr needs to print a line and a caret. Newlines are not tokens:
// the grammar never needs them, because a statement always starts with a
// NAME or `return`, which can not continue an expression.
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_LEXER_H
#define MM_FRONTEND_LEXER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/SMLoc.h"

#include <string>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mm {

/// One token: its kind and its spelling inside the source buffer.
class Token {
public:
  enum Kind {
    // Markers.
    Eof,
    Error, ///< The lexer already printed a diagnostic for this token.

    // Identifiers and literals.
    Identifier,
    Integer,
    Float,
    String,

    // Keywords.
    KwBlock,
    KwFalse,
    KwFn,
    KwImport,
    KwLayer,
    KwModel,
    KwParam,
    KwReturn,
    KwTrue,

    // Punctuation.
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Colon,
    Dot,
    Equal,
    Arrow,
    Plus,
    Minus,
    Star,
    Slash,
    At,
  };

  Token(Kind kind, llvm::StringRef spelling) : kind(kind), spelling(spelling) {}

  Kind getKind() const { return kind; }
  bool is(Kind k) const { return kind == k; }
  bool isNot(Kind k) const { return kind != k; }
  bool isKeyword() const { return kind >= KwBlock && kind <= KwTrue; }

  llvm::StringRef getSpelling() const { return spelling; }
  llvm::SMLoc getLoc() const {
    return llvm::SMLoc::getFromPointer(spelling.data());
  }
  /// The location just past the token, for "expected X after Y" errors.
  llvm::SMLoc getEndLoc() const {
    return llvm::SMLoc::getFromPointer(spelling.data() + spelling.size());
  }
  llvm::SMRange getRange() const { return {getLoc(), getEndLoc()}; }

  /// The contents of a string literal with its escapes resolved.
  std::string getStringValue() const;

  /// A human-readable description of a token kind, e.g. "')'".
  static llvm::StringRef describe(Kind kind);

private:
  Kind kind;
  llvm::StringRef spelling;
};

/// Splits one buffer of a SourceMgr into tokens, printing lexical errors
/// (bad characters, unterminated strings, malformed numbers) through it.
class Lexer {
public:
  Lexer(llvm::SourceMgr &sm, unsigned bufferID);

  /// Returns the next token; after the end of the buffer, Eof forever.
  Token lex();

  llvm::SourceMgr &getSourceMgr() { return sm; }

private:
  Token formToken(Token::Kind kind, const char *start) {
    return Token(kind, llvm::StringRef(start, curPtr - start));
  }
  Token emitError(const char *loc, const llvm::Twine &message);

  Token lexIdentifierOrKeyword(const char *start);
  Token lexNumber(const char *start);
  Token lexString(const char *start);
  void skipComment();

  llvm::SourceMgr &sm;
  llvm::StringRef buffer;
  const char *curPtr;
};

} // namespace mm

#endif // MM_FRONTEND_LEXER_H
