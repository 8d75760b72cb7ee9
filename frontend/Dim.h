//===- Dim.h - symbolic tensor dimensions -----------------------*- C++ -*-===//
//
// A dimension is a constant, a symbol bound at run time (B, T), or an
// expression derived from those: sums and integer multiples of symbols,
// their products (B*T from a flatten), and floor division by a positive
// constant (the frame count of an STFT, `S/160 + 1`). Every Dim is kept in
// one canonical form, a sum of monomials with nonzero integer coefficients
// in a fixed order plus a constant, so that two dimensions are equal exactly
// when their forms are; floor divisions pull out the part of the numerator
// that divides exactly.
//
//===----------------------------------------------------------------------===//

#ifndef MM_FRONTEND_DIM_H
#define MM_FRONTEND_DIM_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mm {

class Dim;

/// A factor of a monomial: a symbol, or floor(num / den) for a numerator
/// that does not divide exactly.
struct DimAtom {
  std::string symbol;             ///< Set for a symbol.
  std::shared_ptr<const Dim> num; ///< Set for a floor division.
  int64_t den = 0;
  std::string key; ///< Printed form; orders and compares atoms.
};

/// coeff * atoms[0] * atoms[1] * ...; atoms sorted by key.
struct DimTerm {
  int64_t coeff = 0;
  std::vector<DimAtom> atoms;
  std::string key; ///< The atoms' keys joined by '*'.
};

class Dim {
public:
  Dim() = default;
  /*implicit*/ Dim(int64_t constant) : constant(constant) {}
  static Dim symbol(llvm::StringRef name);

  bool isConstant() const { return terms.empty(); }
  int64_t getConstant() const { return constant; }
  /// True for a lone symbol (coefficient 1, no constant).
  bool isSymbol() const;
  /// The symbol's name; only for isSymbol().
  llvm::StringRef getSymbol() const;
  /// True when arithmetic overflowed somewhere in this dimension.
  bool overflowed() const { return overflow; }

  Dim operator+(const Dim &other) const;
  Dim operator-(const Dim &other) const;
  Dim operator-() const;
  Dim operator*(const Dim &other) const;
  /// floor(this / den) for den > 0.
  Dim floorDiv(int64_t den) const;

  bool operator==(const Dim &other) const;
  bool operator!=(const Dim &other) const { return !(*this == other); }

  /// Replaces symbols by the dimensions BINDINGS gives them.
  Dim substitute(const llvm::StringMap<Dim> &bindings) const;
  /// Appends the symbols this dimension uses, each once, in order of key.
  void collectSymbols(std::vector<std::string> &symbols) const;

  /// The canonical printed form, e.g. `S/160 + 1`, `B*T`, `(T + 80)/160 - 3`.
  std::string str() const;
  void print(llvm::raw_ostream &os) const;

private:
  static Dim fromTerm(DimTerm term);
  void addTerm(const DimTerm &term);

  std::vector<DimTerm> terms; ///< Sorted by key, nonzero coefficients.
  int64_t constant = 0;
  bool overflow = false;
};

using Shape = std::vector<Dim>;

/// Prints a shape the way the language writes it: `[B, 64, S/160 + 1]`.
std::string shapeToString(const Shape &shape);

} // namespace mm

#endif // MM_FRONTEND_DIM_H
