//===- MMDialect.td - the mm dialect ------------------------*- tablegen -*-===//
//
// The `mm` dialect is the first IR of a model: one op per layer or function
// of the .mm language, on ranked tensors whose dynamic dimensions are the
// model's symbols (B, T, ...). Weights are symbols too: `mm.weight_decl`s in
// the module give the manifest, `mm.weight` reads one by name.
//
//===----------------------------------------------------------------------===//
#ifndef MM_DIALECT_TD
#define MM_DIALECT_TD

include "mlir/IR/OpBase.td"

def MM_Dialect : Dialect {
  let name = "mm";
  let cppNamespace = "::mm";
  let summary = "Layers and functions of the mm model language on tensors";
  let description = [{
    Every op means what the PyTorch module or function of the same name
    means (PyTorch 1.13, torchaudio 0.13): the same argument names,
    defaults, layouts (batch-first, NCHW) and numerics. Layer ops take their
    weights as operands, produced by `mm.weight`, so that the same weights
    can feed several ops (weight sharing) and passes see all data flow.

    Attributes the dialect defines on functions and modules:
    - `mm.model` (module, string): the model's name.
    - `mm.symbols` (func, array of strings): the symbolic dimensions of the
      signature, in order of first appearance.
    - `mm.name` (func argument, string): the source name of the input.
    - `mm.dims` (func argument and result, array of i64 or string): each
      dimension, a constant or a symbol's name.
    - `mm.index_range` (func argument, [lo, hi] of i64): every element of
      this integer input must lie in [lo, hi); the runtime checks it.
    - `mm.symbol_min` (func, dictionary of i64): lower bounds of symbols
      that the body needs (`x[:, -1]` on a dimension T needs T >= 1); the
      runtime checks them.
  }];
  let useDefaultAttributePrinterParser = 0;
  let useDefaultTypePrinterParser = 0;
  let hasConstantMaterializer = 1;

  let extraClassDeclaration = [{
    static constexpr llvm::StringLiteral kModelAttr = "mm.model";
    static constexpr llvm::StringLiteral kSymbolsAttr = "mm.symbols";
    static constexpr llvm::StringLiteral kNameAttr = "mm.name";
    static constexpr llvm::StringLiteral kDimsAttr = "mm.dims";
    static constexpr llvm::StringLiteral kIndexRangeAttr = "mm.index_range";
    static constexpr llvm::StringLiteral kSymbolMinAttr = "mm.symbol_min";
  }];
}

class MM_Op<string mnemonic, list<Trait> traits = []> :
    Op<MM_Dialect, mnemonic, traits>;

#endif // MM_DIALECT_TD
