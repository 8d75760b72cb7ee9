//===- ModelInfo.cpp - read the library interface off an mm module --------===//
#include "compiler/codegen/ModelInfo.h"
#include "compiler/lowering/AudioConstants.h"
#include "dialects/mm/MMOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

const char *mm::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32: return "f32";
  case DType::I32: return "i32";
  case DType::I64: return "i64";
  case DType::U8: return "u8";
  }
  return "?";
}

const char *mm::dtypeCType(DType dtype) {
  switch (dtype) {
  case DType::F32: return "float";
  case DType::I32: return "int32_t";
  case DType::I64: return "int64_t";
  case DType::U8: return "uint8_t";
  }
  return "void";
}

const char *mm::dtypeEnum(DType dtype) {
  switch (dtype) {
  case DType::F32: return "MM_F32";
  case DType::I32: return "MM_I32";
  case DType::I64: return "MM_I64";
  case DType::U8: return "MM_U8";
  }
  return "MM_F32";
}

size_t mm::dtypeSize(DType dtype) { return dtype == DType::I64 ? 8 : dtype == DType::U8 ? 1 : 4; }

static FailureOr<mm::DType> toDType(Type type) {
  if (type.isF32())
    return mm::DType::F32;
  if (type.isInteger(32))
    return mm::DType::I32;
  if (type.isInteger(64))
    return mm::DType::I64;
  if (type.isInteger(8) && type.isUnsignedInteger())
    return mm::DType::U8;
  return failure();
}

namespace {
/// Builds one FunctionInfo, numbering symbols in order of first appearance.
class SignatureReader {
public:
  SignatureReader(func::FuncOp func, mm::FunctionInfo &info) : func(func), info(info) {
    info.name = func.getSymName().str();
    if (auto symbols = func->getAttrOfType<ArrayAttr>(mm::MMDialect::kSymbolsAttr))
      for (Attribute s : symbols)
        if (auto str = dyn_cast<StringAttr>(s))
          info.symbols.push_back(str.str());
  }

  LogicalResult readInput(unsigned i) {
    mm::ArgInfo arg;
    auto name = func.getArgAttrOfType<StringAttr>(i, mm::MMDialect::kNameAttr);
    arg.name = name ? name.str() : "in" + std::to_string(i);
    auto dims = func.getArgAttrOfType<ArrayAttr>(i, mm::MMDialect::kDimsAttr);
    if (failed(readType(func.getArgument(i).getType(), dims, arg, /*isInput=*/true)))
      return failure();
    if (auto range = func.getArgAttrOfType<DenseI64ArrayAttr>(i, mm::MMDialect::kIndexRangeAttr)) {
      if (range.size() == 2) {
        arg.indexMin = range[0];
        arg.indexMax = range[1];
      }
    }
    info.inputs.push_back(std::move(arg));
    return success();
  }

  LogicalResult readOutput(unsigned i) {
    mm::ArgInfo arg;
    arg.name = "out" + std::to_string(i);
    auto dims = func.getResultAttrOfType<ArrayAttr>(i, mm::MMDialect::kDimsAttr);
    if (failed(readType(func.getResultTypes()[i], dims, arg, /*isInput=*/false)))
      return failure();
    info.outputs.push_back(std::move(arg));
    return success();
  }

private:
  /// A result size computed from the input symbols, such as `S/160 + 1` or
  /// `4*T`, as the frontend prints a Dim: integers, symbols, + - * and
  /// floor division by a positive constant, with the usual precedence.
  /// Becomes a symbol of its own, computed by the library before a call.
  FailureOr<int64_t> derivedSymbol(StringRef text) {
    int64_t existing = symbolIndex(text, /*create=*/false);
    if (existing >= 0)
      return existing;
    DimExprParser parser(text, info);
    std::string c = parser.parseAll();
    if (!parser.error.empty())
      return func.emitError() << "result dimension '" << text << "': " << parser.error;
    info.symbols.push_back(text.str());
    info.derived.push_back(c);
    return (int64_t)info.symbols.size() - 1;
  }

  /// Recursive descent over a printed Dim, producing C.
  struct DimExprParser {
    DimExprParser(StringRef text, const mm::FunctionInfo &info) : text(text), info(info) {}
    StringRef text;
    const mm::FunctionInfo &info;
    size_t pos = 0;
    std::string error;

    std::string parseAll() {
      std::string e = parseSum();
      skipSpace();
      if (error.empty() && pos != text.size())
        error = "unexpected '" + text.substr(pos).str() + "'";
      return e;
    }
    void skipSpace() {
      while (pos < text.size() && text[pos] == ' ')
        ++pos;
    }
    bool eat(char c) {
      skipSpace();
      if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
      }
      return false;
    }
    std::string parseSum() {
      std::string lhs = parseProduct();
      while (error.empty()) {
        if (eat('+'))
          lhs = "mm_dadd(" + lhs + ", " + parseProduct() + ", &ovf)";
        else if (eat('-'))
          lhs = "mm_dsub(" + lhs + ", " + parseProduct() + ", &ovf)";
        else
          break;
      }
      return lhs;
    }
    std::string parseProduct() {
      std::string lhs = parseUnary();
      while (error.empty()) {
        if (eat('*')) {
          lhs = "mm_dmul(" + lhs + ", " + parseUnary() + ", &ovf)";
        } else if (eat('/')) {
          skipSpace();
          size_t start = pos;
          while (pos < text.size() && llvm::isDigit(text[pos]))
            ++pos;
          int64_t den = 0;
          if (pos == start || text.slice(start, pos).getAsInteger(10, den) || den <= 0) {
            error = "a division must be by a positive integer constant";
            break;
          }
          lhs = "mm_dfloordiv(" + lhs + ", " + std::to_string(den) + ")";
        } else {
          break;
        }
      }
      return lhs;
    }
    std::string parseUnary() {
      if (eat('-'))
        return "mm_dsub(0, " + parseUnary() + ", &ovf)";
      if (eat('(')) {
        std::string e = parseSum();
        if (error.empty() && !eat(')'))
          error = "missing ')'";
        return e;
      }
      skipSpace();
      size_t start = pos;
      if (pos < text.size() && llvm::isDigit(text[pos])) {
        while (pos < text.size() && llvm::isDigit(text[pos]))
          ++pos;
        int64_t v = 0;
        if (text.slice(start, pos).getAsInteger(10, v))
          error = "constant out of range";
        return "INT64_C(" + std::to_string(v) + ")";
      }
      while (pos < text.size() && (llvm::isAlnum(text[pos]) || text[pos] == '_'))
        ++pos;
      StringRef name = text.slice(start, pos);
      if (name.empty()) {
        if (error.empty())
          error = "expected a symbol or a number at '" + text.substr(start).str() + "'";
        return "0";
      }
      for (size_t i = 0; i < info.symbols.size() - info.derived.size(); ++i)
        if (info.symbols[i] == name)
          return "s[" + std::to_string(i) + "]";
      if (error.empty())
        error = "'" + name.str() + "' is not a symbol of the inputs";
      return "0";
    }
  };

  int64_t symbolIndex(StringRef name, bool create) {
    for (size_t i = 0; i < info.symbols.size(); ++i)
      if (info.symbols[i] == name)
        return i;
    if (!create)
      return -1;
    info.symbols.push_back(name.str());
    return info.symbols.size() - 1;
  }

  LogicalResult readType(Type type, ArrayAttr dims, mm::ArgInfo &arg, bool isInput) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor)
      return func.emitError() << "signature type " << type << " of '" << arg.name
                              << "' is not a ranked tensor";
    auto dtype = toDType(tensor.getElementType());
    if (failed(dtype))
      return func.emitError() << "element type " << tensor.getElementType() << " of '"
                              << arg.name << "' is not supported in a signature yet";
    arg.dtype = *dtype;
    if (dims && dims.size() != (size_t)tensor.getRank())
      return func.emitError() << "mm.dims of '" << arg.name << "' has " << dims.size()
                              << " entries for a tensor of rank " << tensor.getRank();
    for (int64_t d = 0; d < tensor.getRank(); ++d) {
      int64_t size = tensor.getDimSize(d);
      Attribute attr = dims ? dims[d] : Attribute();
      if (auto str = dyn_cast_or_null<StringAttr>(attr)) {
        int64_t s = symbolIndex(str.getValue(), isInput);
        if (s < 0) {
          FailureOr<int64_t> derived = derivedSymbol(str.getValue());
          if (failed(derived))
            return failure();
          s = *derived;
        }
        arg.dims.push_back(-(s + 1));
      } else if (!ShapedType::isDynamic(size)) {
        arg.dims.push_back(size);
      } else if (isInput) {
        std::string sym = arg.name + "_d" + std::to_string(d);
        arg.dims.push_back(-(symbolIndex(sym, true) + 1));
      } else {
        return func.emitError() << "dimension " << d << " of result " << arg.name
                                << " is dynamic but not a symbol of the inputs; "
                                   "not supported yet";
      }
    }
    return success();
  }

  func::FuncOp func;
  mm::FunctionInfo &info;
};
} // namespace

template <typename SpecOp>
static void addWindow(SpecOp op, StringRef name, mm::ModelInfo &info) {
  int64_t win = op.getWinLength();
  info.computedBuffers.push_back(
      {name.str(), {win}, mm::hannWindow(win, win)});
}

/// Whether NAME can stand in C identifiers as the generated code uses it.
static bool isCIdentifier(StringRef name) {
  if (name.empty() || !(llvm::isAlpha(name[0]) || name[0] == '_'))
    return false;
  return llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

bool mm::extractModelInfo(ModuleOp module, ModelInfo &info) {
  auto name = module->getAttrOfType<StringAttr>(MMDialect::kModelAttr);
  info.name = name ? name.str() : "model";
  // The library's C names are <model>_open, <model>_<fn>, ...: they must be
  // identifiers and must not collide with the runtime's mm_* API or with
  // each other.
  if (!isCIdentifier(info.name)) {
    module.emitError() << "model name '" << info.name
                       << "' is not a C identifier, which the library's function names need";
    return false;
  }
  if (info.name == "mm" || StringRef(info.name).starts_with("mm_")) {
    module.emitError() << "model name '" << info.name
                       << "' is reserved: names 'mm' and 'mm_*' belong to the runtime's C API";
    return false;
  }

  for (auto decl : module.getOps<WeightDeclOp>()) {
    auto type = cast<RankedTensorType>(decl.getType());
    auto dtype = toDType(type.getElementType());
    if (failed(dtype)) {
      decl.emitError() << "weights of element type " << type.getElementType()
                       << " are not supported yet";
      return false;
    }
    info.weights.push_back(
        {decl.getSymName().str(), *dtype, std::vector<int64_t>(type.getShape())});
  }

  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isDeclaration() || !func.isPublic())
      continue;
    StringRef fnName = func.getSymName();
    if (fnName == "open" || fnName == "close" || fnName == "library") {
      func.emitError() << "a function can not be called '" << fnName << "': the library defines "
                       << info.name << "_" << fnName << " itself";
      return false;
    }
    if (!isCIdentifier(fnName)) {
      func.emitError() << "function name '" << fnName << "' is not a C identifier";
      return false;
    }
    FunctionInfo fn;
    SignatureReader reader(func, fn);
    for (unsigned i = 0; i < func.getNumArguments(); ++i)
      if (failed(reader.readInput(i)))
        return false;
    for (unsigned i = 0; i < func.getNumResults(); ++i)
      if (failed(reader.readOutput(i)))
        return false;
    fn.symbolMin.assign(fn.symbols.size(), 0);
    if (auto bounds = func->getAttrOfType<DictionaryAttr>(MMDialect::kSymbolMinAttr))
      for (NamedAttribute bound : bounds)
        for (size_t s = 0; s < fn.symbols.size(); ++s)
          if (fn.symbols[s] == bound.getName().getValue())
            if (auto value = dyn_cast<IntegerAttr>(bound.getValue()))
              fn.symbolMin[s] = value.getInt();
    info.functions.push_back(std::move(fn));
  }

  // torchaudio keeps its window and filter bank in the state_dict; they are
  // recognised by the layer name MLIRGen records on the op.
  module.walk([&](Operation *op) {
    auto layer = op->getAttrOfType<StringAttr>("mm.layer");
    if (!layer)
      return;
    if (auto spec = dyn_cast<SpectrogramOp>(op)) {
      addWindow(spec, (layer.getValue() + ".window").str(), info);
    } else if (auto mel = dyn_cast<MelSpectrogramOp>(op)) {
      addWindow(mel, (layer.getValue() + ".spectrogram.window").str(), info);
      int64_t nFreqs = mel.getNFft() / 2 + 1;
      info.computedBuffers.push_back(
          {(layer.getValue() + ".mel_scale.fb").str(),
           {nFreqs, (int64_t)mel.getNMels()},
           melFilterBank(nFreqs, mel.getFMin().convertToDouble(), mel.getFMaxOrDefault(),
                         mel.getNMels(), mel.getSampleRate(), mel.getNorm() == "slaney",
                         mel.getMelScale() == "slaney")});
    }
  });
  // A layer applied twice yields its buffers twice.
  std::vector<ComputedBufferInfo> unique;
  for (auto &b : info.computedBuffers) {
    bool seen = false;
    for (auto &u : unique)
      seen |= u.name == b.name;
    if (!seen)
      unique.push_back(std::move(b));
  }
  info.computedBuffers = std::move(unique);
  return true;
}
