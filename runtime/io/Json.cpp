//===- Json.cpp - A small JSON parser for untrusted headers ---------------===//
//
// Recursive descent over RFC 8259. Recursion depth is bounded by
// Limits::maxDepth, and memory by Limits::maxValues, so a hostile header
// can neither overflow the stack nor allocate without bound.
//
//===----------------------------------------------------------------------===//

#include "Json.h"

#include <set>

using namespace mm::io::json;

namespace {

class Parser {
public:
  Parser(const char *data, size_t size, const Limits &limits)
      : data(data), size(size), limits(limits) {}

  bool parseDocument(Value &result, std::string &error) {
    skipSpace();
    if (!parseValue(result, 0))
      return report(error);
    skipSpace();
    if (pos != size) {
      fail("unexpected data after the JSON value");
      return report(error);
    }
    return true;
  }

private:
  const char *data;
  size_t size;
  Limits limits;
  size_t pos = 0;
  size_t numValues = 0;
  std::string message;
  size_t errorPos = 0;

  bool report(std::string &error) {
    error = "invalid JSON at byte " + std::to_string(errorPos) + ": " + message;
    return false;
  }

  bool fail(const std::string &what) {
    if (message.empty()) {
      message = what;
      errorPos = pos;
    }
    return false;
  }

  void skipSpace() {
    while (pos < size && (data[pos] == ' ' || data[pos] == '\t' ||
                          data[pos] == '\n' || data[pos] == '\r'))
      ++pos;
  }

  bool consumeWord(const char *word) {
    size_t n = 0;
    while (word[n])
      ++n;
    if (size - pos < n)
      return false;
    for (size_t i = 0; i < n; ++i)
      if (data[pos + i] != word[i])
        return false;
    pos += n;
    return true;
  }

  bool parseValue(Value &value, size_t depth) {
    if (depth > limits.maxDepth)
      return fail("nesting deeper than " + std::to_string(limits.maxDepth));
    if (++numValues > limits.maxValues)
      return fail("more than " + std::to_string(limits.maxValues) + " values");
    if (pos >= size)
      return fail("unexpected end of input");
    char c = data[pos];
    if (c == '{')
      return parseObject(value, depth);
    if (c == '[')
      return parseArray(value, depth);
    if (c == '"') {
      value.kind = Kind::String;
      return parseString(value.text);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
      return parseNumber(value);
    if (consumeWord("true")) {
      value.kind = Kind::Bool;
      value.boolean = true;
      return true;
    }
    if (consumeWord("false")) {
      value.kind = Kind::Bool;
      return true;
    }
    if (consumeWord("null")) {
      value.kind = Kind::Null;
      return true;
    }
    return fail("unexpected character");
  }

  bool parseObject(Value &value, size_t depth) {
    value.kind = Kind::Object;
    ++pos; // '{'
    skipSpace();
    if (pos < size && data[pos] == '}') {
      ++pos;
      return true;
    }
    std::set<std::string> seen;
    while (true) {
      skipSpace();
      if (pos >= size || data[pos] != '"')
        return fail("expected a string key");
      std::string key;
      if (!parseString(key))
        return false;
      if (!seen.insert(key).second)
        return fail("duplicate key");
      skipSpace();
      if (pos >= size || data[pos] != ':')
        return fail("expected ':'");
      ++pos;
      skipSpace();
      value.keys.push_back(std::move(key));
      value.items.emplace_back();
      if (!parseValue(value.items.back(), depth + 1))
        return false;
      skipSpace();
      if (pos < size && data[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < size && data[pos] == '}') {
        ++pos;
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  bool parseArray(Value &value, size_t depth) {
    value.kind = Kind::Array;
    ++pos; // '['
    skipSpace();
    if (pos < size && data[pos] == ']') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      value.items.emplace_back();
      if (!parseValue(value.items.back(), depth + 1))
        return false;
      skipSpace();
      if (pos < size && data[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < size && data[pos] == ']') {
        ++pos;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool isDigit(size_t i) const {
    return i < size && data[i] >= '0' && data[i] <= '9';
  }

  bool parseNumber(Value &value) {
    size_t start = pos;
    if (data[pos] == '-')
      ++pos;
    if (!isDigit(pos))
      return fail("expected a digit");
    if (data[pos] == '0')
      ++pos;
    else
      while (isDigit(pos))
        ++pos;
    if (pos < size && data[pos] == '.') {
      ++pos;
      if (!isDigit(pos))
        return fail("expected a digit after '.'");
      while (isDigit(pos))
        ++pos;
    }
    if (pos < size && (data[pos] == 'e' || data[pos] == 'E')) {
      ++pos;
      if (pos < size && (data[pos] == '+' || data[pos] == '-'))
        ++pos;
      if (!isDigit(pos))
        return fail("expected a digit in the exponent");
      while (isDigit(pos))
        ++pos;
    }
    value.kind = Kind::Number;
    value.text.assign(data + start, pos - start);
    return true;
  }

  bool parseHex4(uint32_t &result) {
    if (size - pos < 4)
      return fail("truncated \\u escape");
    result = 0;
    for (int i = 0; i < 4; ++i) {
      char c = data[pos++];
      uint32_t digit;
      if (c >= '0' && c <= '9')
        digit = static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        digit = static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        digit = static_cast<uint32_t>(c - 'A' + 10);
      else
        return fail("invalid hex digit in \\u escape");
      result = result * 16 + digit;
    }
    return true;
  }

  static void appendUtf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool parseString(std::string &out) {
    ++pos; // '"'
    while (true) {
      if (pos >= size)
        return fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(data[pos]);
      if (c == '"') {
        ++pos;
        return true;
      }
      if (c < 0x20)
        return fail("control character in string");
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos;
        continue;
      }
      ++pos;
      if (pos >= size)
        return fail("unterminated escape");
      char e = data[pos++];
      switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t cp;
        if (!parseHex4(cp))
          return false;
        if (cp >= 0xdc00 && cp <= 0xdfff)
          return fail("unpaired low surrogate in \\u escape");
        if (cp >= 0xd800 && cp <= 0xdbff) {
          uint32_t low;
          if (!consumeWord("\\u") || !parseHex4(low) || low < 0xdc00 ||
              low > 0xdfff)
            return fail("unpaired high surrogate in \\u escape");
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        return fail("invalid escape");
      }
    }
  }
};

} // namespace

const Value *Value::find(const std::string &key) const {
  if (kind != Kind::Object)
    return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key)
      return &items[i];
  return nullptr;
}

bool Value::asInt64(int64_t &result) const {
  if (kind != Kind::Number || text.empty())
    return false;
  size_t i = 0;
  bool negative = text[0] == '-';
  if (negative)
    ++i;
  if (i == text.size())
    return false;
  // Accumulate negatively so that INT64_MIN parses too.
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9')
      return false;
    if (__builtin_mul_overflow(value, int64_t(10), &value) ||
        __builtin_sub_overflow(value, int64_t(c - '0'), &value))
      return false;
  }
  if (!negative) {
    if (value == INT64_MIN)
      return false;
    value = -value;
  }
  result = value;
  return true;
}

bool mm::io::json::parse(const char *data, size_t size, Value &result,
                         std::string &error, const Limits &limits) {
  result = Value();
  Parser parser(data, size, limits);
  return parser.parseDocument(result, error);
}
