//===- Dim.cpp - symbolic tensor dimensions -------------------------------===//

#include "frontend/Dim.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mm;

namespace {
/// Integer arithmetic that records overflow instead of wrapping.
struct Checked {
  bool overflow = false;
  int64_t add(int64_t a, int64_t b) { return wrap(llvm::checkedAdd(a, b)); }
  int64_t mul(int64_t a, int64_t b) { return wrap(llvm::checkedMul(a, b)); }
  int64_t neg(int64_t a) { return wrap(llvm::checkedSub<int64_t>(0, a)); }
  int64_t wrap(std::optional<int64_t> v) {
    if (!v) {
      overflow = true;
      return 0;
    }
    return *v;
  }
};

/// floor(a / b) for b > 0.
int64_t floorDivInt(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && a < 0)
    --q;
  return q;
}
} // namespace

Dim Dim::symbol(llvm::StringRef name) {
  DimTerm term;
  term.coeff = 1;
  DimAtom atom;
  atom.symbol = name.str();
  atom.key = name.str();
  term.atoms.push_back(std::move(atom));
  term.key = name.str();
  return fromTerm(std::move(term));
}

Dim Dim::fromTerm(DimTerm term) {
  Dim d;
  if (term.coeff != 0)
    d.terms.push_back(std::move(term));
  return d;
}

bool Dim::isSymbol() const {
  return constant == 0 && terms.size() == 1 && terms[0].coeff == 1 &&
         terms[0].atoms.size() == 1 && !terms[0].atoms[0].num;
}

llvm::StringRef Dim::getSymbol() const { return terms[0].atoms[0].symbol; }

void Dim::addTerm(const DimTerm &term) {
  auto it = llvm::lower_bound(terms, term.key, [](const DimTerm &t,
                                                  const std::string &key) {
    return t.key < key;
  });
  if (it != terms.end() && it->key == term.key) {
    Checked c;
    it->coeff = c.add(it->coeff, term.coeff);
    overflow |= c.overflow;
    if (it->coeff == 0)
      terms.erase(it);
    return;
  }
  terms.insert(it, term);
}

Dim Dim::operator+(const Dim &other) const {
  Dim result = *this;
  for (const DimTerm &t : other.terms)
    result.addTerm(t);
  Checked c;
  result.constant = c.add(constant, other.constant);
  result.overflow |= c.overflow || other.overflow;
  return result;
}

Dim Dim::operator-() const {
  Dim result = *this;
  Checked c;
  for (DimTerm &t : result.terms)
    t.coeff = c.neg(t.coeff);
  result.constant = c.neg(constant);
  result.overflow |= c.overflow;
  return result;
}

Dim Dim::operator-(const Dim &other) const { return *this + (-other); }

Dim Dim::operator*(const Dim &other) const {
  Checked c;
  Dim result;
  result.constant = c.mul(constant, other.constant);
  // Each side is (constant, terms...); multiply out every pair.
  auto mulTerm = [&](const DimTerm &a, const DimTerm &b) {
    DimTerm t;
    t.coeff = c.mul(a.coeff, b.coeff);
    t.atoms = a.atoms;
    t.atoms.insert(t.atoms.end(), b.atoms.begin(), b.atoms.end());
    llvm::stable_sort(t.atoms, [](const DimAtom &x, const DimAtom &y) {
      return x.key < y.key;
    });
    for (const DimAtom &atom : t.atoms)
      t.key += (t.key.empty() ? "" : "*") + atom.key;
    return t;
  };
  auto scale = [&](const DimTerm &a, int64_t k) {
    DimTerm t = a;
    t.coeff = c.mul(a.coeff, k);
    return t;
  };
  for (const DimTerm &a : terms) {
    if (other.constant != 0)
      result.addTerm(scale(a, other.constant));
    for (const DimTerm &b : other.terms)
      result.addTerm(mulTerm(a, b));
  }
  if (constant != 0)
    for (const DimTerm &b : other.terms)
      result.addTerm(scale(b, constant));
  result.overflow |= c.overflow || overflow || other.overflow;
  return result;
}

Dim Dim::floorDiv(int64_t den) const {
  if (den == 1 || den <= 0)
    return *this;
  // this = den * quotient + remainder, with every coefficient of the
  // remainder in [0, den); then floor(this / den) = quotient +
  // floor(remainder / den), and the last part is 0 if it is a constant.
  Checked c;
  Dim quotient, remainder;
  for (const DimTerm &t : terms) {
    int64_t q = floorDivInt(t.coeff, den);
    int64_t r = t.coeff - q * den;
    if (q != 0) {
      DimTerm qt = t;
      qt.coeff = q;
      quotient.addTerm(qt);
    }
    if (r != 0) {
      DimTerm rt = t;
      rt.coeff = r;
      remainder.addTerm(rt);
    }
  }
  int64_t q = floorDivInt(constant, den);
  quotient.constant = q;
  remainder.constant = constant - q * den;
  quotient.overflow = overflow || c.overflow;
  if (remainder.terms.empty())
    return quotient;
  // floor((floor(n / a) + c) / den) = floor((n + a*c) / (a*den)) for
  // integer n: keeps stacked strided convolutions one division deep.
  if (remainder.terms.size() == 1 && remainder.terms[0].coeff == 1 &&
      remainder.terms[0].atoms.size() == 1 && remainder.terms[0].atoms[0].num) {
    const DimAtom &inner = remainder.terms[0].atoms[0];
    Checked k;
    int64_t outerDen = k.mul(inner.den, den);
    int64_t shift = k.mul(inner.den, remainder.constant);
    if (!k.overflow)
      return quotient + (*inner.num + Dim(shift)).floorDiv(outerDen);
  }

  DimAtom atom;
  std::string numStr = remainder.str();
  bool bare = remainder.isSymbol();
  atom.key = (bare ? numStr : "(" + numStr + ")") + "/" + std::to_string(den);
  atom.num = std::make_shared<const Dim>(std::move(remainder));
  atom.den = den;
  DimTerm term;
  term.coeff = 1;
  term.key = atom.key;
  term.atoms.push_back(std::move(atom));
  quotient.addTerm(term);
  return quotient;
}

bool Dim::operator==(const Dim &other) const {
  if (overflow || other.overflow || constant != other.constant ||
      terms.size() != other.terms.size())
    return false;
  for (size_t i = 0, e = terms.size(); i < e; ++i)
    if (terms[i].key != other.terms[i].key ||
        terms[i].coeff != other.terms[i].coeff)
      return false;
  return true;
}

Dim Dim::substitute(const llvm::StringMap<Dim> &bindings) const {
  Dim result(constant);
  for (const DimTerm &t : terms) {
    Dim product(t.coeff);
    for (const DimAtom &atom : t.atoms) {
      Dim factor;
      if (atom.num) {
        factor = atom.num->substitute(bindings).floorDiv(atom.den);
      } else {
        auto it = bindings.find(atom.symbol);
        factor = it != bindings.end() ? it->second : Dim::symbol(atom.symbol);
      }
      product = product * factor;
    }
    result = result + product;
  }
  result.overflow |= overflow;
  return result;
}

void Dim::collectSymbols(std::vector<std::string> &symbols) const {
  for (const DimTerm &t : terms)
    for (const DimAtom &atom : t.atoms) {
      if (atom.num) {
        atom.num->collectSymbols(symbols);
      } else if (!llvm::is_contained(symbols, atom.symbol)) {
        symbols.push_back(atom.symbol);
      }
    }
}

void Dim::print(llvm::raw_ostream &os) const {
  if (overflow) {
    os << "<overflow>";
    return;
  }
  bool first = true;
  for (const DimTerm &t : terms) {
    // Print magnitudes as unsigned so that INT64_MIN does not overflow.
    uint64_t magnitude = t.coeff < 0 ? 0 - static_cast<uint64_t>(t.coeff)
                                     : static_cast<uint64_t>(t.coeff);
    if (first)
      os << (t.coeff < 0 ? "-" : "");
    else
      os << (t.coeff < 0 ? " - " : " + ");
    bool product = magnitude != 1 || t.atoms.size() > 1;
    if (magnitude != 1)
      os << magnitude << '*';
    // `2*(T + 1)/2` would read as T + 1: bracket divisions inside products.
    llvm::interleave(
        t.atoms, os,
        [&](const DimAtom &atom) {
          bool paren = product && atom.num;
          os << (paren ? "(" : "") << atom.key << (paren ? ")" : "");
        },
        "*");
    first = false;
  }
  if (first) {
    os << constant;
    return;
  }
  if (constant > 0)
    os << " + " << constant;
  else if (constant < 0)
    os << " - " << (0 - static_cast<uint64_t>(constant));
}

std::string Dim::str() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  print(os);
  return os.str();
}

std::string mm::shapeToString(const Shape &shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(shape, os, [&](const Dim &d) { d.print(os); });
  os << ']';
  return os.str();
}
