//===- Lexer.cpp - tokens of the .mm model language -----------------------===//

#include "frontend/Lexer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mm;

std::string Token::getStringValue() const {
  // The lexer only forms String tokens that are quoted and whose escapes are
  // valid, so this does not need to diagnose anything.
  llvm::StringRef body = spelling.drop_front().drop_back();
  std::string result;
  result.reserve(body.size());
  for (size_t i = 0, e = body.size(); i < e; ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 == e) {
      result.push_back(c);
      continue;
    }
    switch (body[++i]) {
    case 'n':
      result.push_back('\n');
      break;
    case 't':
      result.push_back('\t');
      break;
    default:
      result.push_back(body[i]);
      break;
    }
  }
  return result;
}

llvm::StringRef Token::describe(Kind kind) {
  switch (kind) {
  case Eof:
    return "end of file";
  case Error:
    return "an invalid token";
  case Identifier:
    return "a name";
  case Integer:
    return "an integer";
  case Float:
    return "a float";
  case String:
    return "a string";
  case KwBlock:
    return "'block'";
  case KwFalse:
    return "'false'";
  case KwFn:
    return "'fn'";
  case KwImport:
    return "'import'";
  case KwLayer:
    return "'layer'";
  case KwModel:
    return "'model'";
  case KwParam:
    return "'param'";
  case KwReturn:
    return "'return'";
  case KwTrue:
    return "'true'";
  case LParen:
    return "'('";
  case RParen:
    return "')'";
  case LBracket:
    return "'['";
  case RBracket:
    return "']'";
  case LBrace:
    return "'{'";
  case RBrace:
    return "'}'";
  case Comma:
    return "','";
  case Colon:
    return "':'";
  case Dot:
    return "'.'";
  case Equal:
    return "'='";
  case Arrow:
    return "'->'";
  case Plus:
    return "'+'";
  case Minus:
    return "'-'";
  case Star:
    return "'*'";
  case Slash:
    return "'/'";
  case At:
    return "'@'";
  }
  return "a token";
}

Lexer::Lexer(llvm::SourceMgr &sm, unsigned bufferID)
    : sm(sm), buffer(sm.getMemoryBuffer(bufferID)->getBuffer()),
      curPtr(buffer.begin()) {}

Token Lexer::emitError(const char *loc, const llvm::Twine &message) {
  sm.PrintMessage(llvm::SMLoc::getFromPointer(loc), llvm::SourceMgr::DK_Error,
                  message);
  return formToken(Token::Error, loc);
}

static bool isIdentifierStart(char c) {
  return llvm::isAlpha(c) || c == '_';
}
static bool isIdentifierChar(char c) { return llvm::isAlnum(c) || c == '_'; }

/// Describes a character for an error message; unprintable bytes as hex so
/// the message itself stays readable.
static std::string describeChar(char c) {
  if (llvm::isPrint(c))
    return ("'" + llvm::Twine(c) + "'").str();
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "byte 0x";
  os << llvm::hexdigit((static_cast<unsigned char>(c) >> 4) & 0xF, true)
     << llvm::hexdigit(static_cast<unsigned char>(c) & 0xF, true);
  return os.str();
}

Token Lexer::lex() {
  while (true) {
    const char *start = curPtr;
    if (curPtr == buffer.end())
      return Token(Token::Eof, llvm::StringRef(curPtr, 0));
    char c = *curPtr++;
    switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
      continue;
    case '#':
      skipComment();
      continue;
    case '(':
      return formToken(Token::LParen, start);
    case ')':
      return formToken(Token::RParen, start);
    case '[':
      return formToken(Token::LBracket, start);
    case ']':
      return formToken(Token::RBracket, start);
    case '{':
      return formToken(Token::LBrace, start);
    case '}':
      return formToken(Token::RBrace, start);
    case ',':
      return formToken(Token::Comma, start);
    case ':':
      return formToken(Token::Colon, start);
    case '.':
      return formToken(Token::Dot, start);
    case '=':
      return formToken(Token::Equal, start);
    case '+':
      return formToken(Token::Plus, start);
    case '-':
      if (curPtr != buffer.end() && *curPtr == '>') {
        ++curPtr;
        return formToken(Token::Arrow, start);
      }
      return formToken(Token::Minus, start);
    case '*':
      return formToken(Token::Star, start);
    case '/':
      return formToken(Token::Slash, start);
    case '@':
      return formToken(Token::At, start);
    case '"':
      return lexString(start);
    default:
      if (isIdentifierStart(c))
        return lexIdentifierOrKeyword(start);
      if (llvm::isDigit(c))
        return lexNumber(start);
      return emitError(start, "unexpected character " + describeChar(c));
    }
  }
}

void Lexer::skipComment() {
  while (curPtr != buffer.end() && *curPtr != '\n')
    ++curPtr;
}

Token Lexer::lexIdentifierOrKeyword(const char *start) {
  while (curPtr != buffer.end() && isIdentifierChar(*curPtr))
    ++curPtr;
  llvm::StringRef spelling(start, curPtr - start);
  Token::Kind kind = llvm::StringSwitch<Token::Kind>(spelling)
                         .Case("block", Token::KwBlock)
                         .Case("false", Token::KwFalse)
                         .Case("fn", Token::KwFn)
                         .Case("import", Token::KwImport)
                         .Case("layer", Token::KwLayer)
                         .Case("model", Token::KwModel)
                         .Case("param", Token::KwParam)
                         .Case("return", Token::KwReturn)
                         .Case("true", Token::KwTrue)
                         .Default(Token::Identifier);
  return formToken(kind, start);
}

/// number := DIGIT+ ('.' DIGIT*)? ([eE] [+-]? DIGIT+)?
Token Lexer::lexNumber(const char *start) {
  auto atDigit = [&] {
    return curPtr != buffer.end() && llvm::isDigit(*curPtr);
  };
  bool isFloat = false;
  while (atDigit())
    ++curPtr;
  // `1.` followed by a name is not a float (there is no such syntax either),
  // so only take the dot when a digit, an exponent or a non-name follows.
  if (curPtr != buffer.end() && *curPtr == '.') {
    const char *next = curPtr + 1;
    bool nextIsName = next != buffer.end() && isIdentifierStart(*next) &&
                      *next != 'e' && *next != 'E';
    if (!nextIsName) {
      isFloat = true;
      ++curPtr;
      while (atDigit())
        ++curPtr;
    }
  }
  if (curPtr != buffer.end() && (*curPtr == 'e' || *curPtr == 'E')) {
    isFloat = true;
    ++curPtr;
    if (curPtr != buffer.end() && (*curPtr == '+' || *curPtr == '-'))
      ++curPtr;
    if (!atDigit())
      return emitError(curPtr, "expected exponent digits in number, found " +
                                   (curPtr == buffer.end()
                                        ? std::string("end of file")
                                        : describeChar(*curPtr)));
    while (atDigit())
      ++curPtr;
  }
  if (curPtr != buffer.end() && isIdentifierChar(*curPtr))
    return emitError(curPtr, "expected a digit or the end of the number, found " +
                                 describeChar(*curPtr));
  return formToken(isFloat ? Token::Float : Token::Integer, start);
}

/// string := '"' (CHAR | '\' ["\\nt])* '"', on one line
Token Lexer::lexString(const char *start) {
  while (true) {
    if (curPtr == buffer.end() || *curPtr == '\n' || *curPtr == '\r')
      return emitError(start, "unterminated string: expected '\"' before the "
                              "end of the line");
    char c = *curPtr++;
    if (c == '"')
      return formToken(Token::String, start);
    if (c != '\\')
      continue;
    if (curPtr == buffer.end())
      continue; // Reported as unterminated on the next iteration.
    char escaped = *curPtr;
    if (escaped != '"' && escaped != '\\' && escaped != 'n' && escaped != 't')
      return emitError(curPtr - 1,
                       "unknown escape sequence in string: expected one of "
                       "\\\" \\\\ \\n \\t, found '\\" +
                           (llvm::isPrint(escaped) ? std::string(1, escaped)
                                                   : describeChar(escaped)) +
                           "'");
    ++curPtr;
  }
}
