//===- MMOps.td - ops of the mm dialect ---------------------*- tablegen -*-===//
//
// Grouped as: weights and constants, elementwise, linear algebra, layers
// with weights, audio front-end, reductions, shape manipulation.
//
//===----------------------------------------------------------------------===//
#ifndef MM_OPS_TD
#define MM_OPS_TD

include "dialects/mm/MMDialect.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def MM_FloatTensor : RankedTensorOf<[F32]>;
def MM_IndexTensor : RankedTensorOf<[I32, I64]>;
def MM_AnyTensor : RankedTensorOf<[F32, I32, I64, UI8, I8]>;

//===----------------------------------------------------------------------===//
// Weights and constants
//===----------------------------------------------------------------------===//

def MM_WeightDeclOp : MM_Op<"weight_decl", [Symbol, HasParent<"mlir::ModuleOp">]> {
  let summary = "declares one tensor of the model's weights file";
  let description = [{
    The `mm.weight_decl`s of a module, in order, are the manifest of the
    model: the name (a PyTorch `state_dict` key), element type and static
    shape of every tensor the `.mmw` file must hold.

    ```mlir
    mm.weight_decl @"lstm.weight_ih_l0" : tensor<256x128xf32>
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttrOf<AnyStaticShapeTensor>:$type);
  let assemblyFormat = "$sym_name attr-dict `:` $type";
}

def MM_WeightOp : MM_Op<"weight",
    [Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "reads a declared weight tensor";
  let description = [{
    The value of the weight declared by `mm.weight_decl @name`; its type
    must be the declared one. Several uses of one name share the tensor.

    ```mlir
    %w = mm.weight @"embed.weight" : tensor<10000x128xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$name);
  let results = (outs AnyStaticShapeTensor:$result);
  let assemblyFormat = "$name attr-dict `:` type($result)";
}

def MM_ConstantOp : MM_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor, usually a scalar literal of the source";
  let description = [{
    ```mlir
    %eps = mm.constant dense<1.0e-06> : tensor<f32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class MM_UnaryOp<string mnemonic, string torchName, list<Trait> traits = []> :
    MM_Op<mnemonic, !listconcat([Pure, Elementwise, SameOperandsAndResultType], traits)> {
  let summary = "elementwise `" # torchName # "`";
  let description = [{
    Elementwise `}] # torchName # [{`, as in PyTorch.

    ```mlir
    %y = mm.}] # mnemonic # [{ %x : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def MM_ReluOp : MM_UnaryOp<"relu", "torch.relu">;
def MM_SigmoidOp : MM_UnaryOp<"sigmoid", "torch.sigmoid">;
def MM_TanhOp : MM_UnaryOp<"tanh", "torch.tanh">;
def MM_ExpOp : MM_UnaryOp<"exp", "torch.exp">;
def MM_LogOp : MM_UnaryOp<"log", "torch.log">;
def MM_SqrtOp : MM_UnaryOp<"sqrt", "torch.sqrt">;
def MM_AbsOp : MM_UnaryOp<"abs", "torch.abs">;
def MM_SiluOp : MM_UnaryOp<"silu", "torch.nn.functional.silu">;
def MM_NegOp : MM_UnaryOp<"neg", "torch.neg"> {
  let hasFolder = 1;
}

def MM_GeluOp : MM_Op<"gelu", [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "elementwise `torch.nn.functional.gelu`";
  let description = [{
    `approximate` is `"none"` (the erf form) or `"tanh"`, as in PyTorch.

    ```mlir
    %y = mm.gelu %x {approximate = "tanh"} : tensor<?x128xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input,
                       DefaultValuedStrAttr<StrAttr, "none">:$approximate);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def MM_ClampOp : MM_Op<"clamp", [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "elementwise `torch.clamp`";
  let description = [{
    Either bound may be absent.

    ```mlir
    %y = mm.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x8xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, OptionalAttr<F64Attr>:$min,
                       OptionalAttr<F64Attr>:$max);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

class MM_BinaryOp<string mnemonic, string symbol, list<Trait> traits = []> :
    MM_Op<mnemonic, !listconcat([Pure], traits)> {
  let summary = "elementwise `" # symbol # "` with NumPy broadcasting";
  let description = [{
    `lhs }] # symbol # [{ rhs` with PyTorch's broadcasting: shapes are
    aligned from the right; a dimension of 1 stretches. The result type is
    the broadcast shape; element types must match.

    ```mlir
    %y = mm.}] # mnemonic # [{ %a, %b : (tensor<?x64x101xf32>, tensor<f32>) -> tensor<?x64x101xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$lhs, MM_AnyTensor:$rhs);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` `(` type($lhs) `,` type($rhs) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def MM_AddOp : MM_BinaryOp<"add", "+", [Commutative]>;
def MM_SubOp : MM_BinaryOp<"sub", "-">;
def MM_MulOp : MM_BinaryOp<"mul", "*", [Commutative]>;
def MM_DivOp : MM_BinaryOp<"div", "/">;

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def MM_MatmulOp : MM_Op<"matmul", [Pure]> {
  let summary = "`torch.matmul` (the `@` operator)";
  let description = [{
    Rank 1 and 2 as in PyTorch; higher ranks are batched with broadcasting
    over the leading dimensions.

    ```mlir
    %c = mm.matmul %a, %b : (tensor<?x32x128xf32>, tensor<128x64xf32>) -> tensor<?x32x64xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$lhs, MM_FloatTensor:$rhs);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` `(` type($lhs) `,` type($rhs) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Layers with weights
//===----------------------------------------------------------------------===//

def MM_EmbeddingOp : MM_Op<"embedding", [Pure]> {
  let summary = "`nn.Embedding`: rows of a table by index";
  let description = [{
    `result[i..., :] = weight[indices[i...], :]`. Indices outside
    `[0, num_embeddings)` are a run-time error when they come straight from
    an input (the function argument carries `mm.index_range`); indices
    computed inside the model are clamped so that memory stays safe.

    ```mlir
    %e = mm.embedding %w, %ids : (tensor<10000x128xf32>, tensor<?x?xi32>) -> tensor<?x?x128xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$weight, MM_IndexTensor:$indices);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $weight `,` $indices attr-dict `:` `(` type($weight) `,` type($indices) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def MM_LinearOp : MM_Op<"linear", [Pure]> {
  let summary = "`nn.Linear`: `input @ weight^T + bias`";
  let description = [{
    `weight` is `[out_features, in_features]`, `bias` (optional)
    `[out_features]`; any number of leading dimensions.

    ```mlir
    %y = mm.linear %x, %w, %b : (tensor<?x64xf32>, tensor<1x64xf32>, tensor<1xf32>) -> tensor<?x1xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, MM_FloatTensor:$weight,
                       Optional<MM_FloatTensor>:$bias);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` `(` type($input) `,` type($weight) (`,` type($bias)^)? `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def MM_LSTMOp : MM_Op<"lstm", [Pure]> {
  let summary = "`nn.LSTM(batch_first=True)` with a zero initial state";
  let description = [{
    PyTorch's gate order (input, forget, cell, output) and its two bias
    vectors. `weights` holds, for each layer and then each direction,
    `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` (the `state_dict` order).
    Results: `output` `[B, T, D*H]`, `h_n` and `c_n` `[D*num_layers, B, H]`
    with `D = 2` if bidirectional.

    ```mlir
    %out, %h, %c = mm.lstm %x, %wih, %whh, %bih, %bhh {hidden_size = 64 : i64}
        : (tensor<?x?x128xf32>, tensor<256x128xf32>, tensor<256x64xf32>, tensor<256xf32>, tensor<256xf32>)
        -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>)
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, Variadic<MM_FloatTensor>:$weights,
                       I64Attr:$hidden_size,
                       DefaultValuedAttr<I64Attr, "1">:$num_layers,
                       DefaultValuedAttr<BoolAttr, "false">:$bidirectional);
  let results = (outs MM_FloatTensor:$output, MM_FloatTensor:$h_n, MM_FloatTensor:$c_n);
  let assemblyFormat = [{
    $input `,` $weights attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNumDirections() { return getBidirectional() ? 2 : 1; }
  }];
}

//===----------------------------------------------------------------------===//
// Audio front-end
//===----------------------------------------------------------------------===//

def MM_SpectrogramOp : MM_Op<"spectrogram", [Pure]> {
  let summary = "`torchaudio.transforms.Spectrogram`";
  let description = [{
    `input` is `[..., time]`, the result `[..., n_fft/2+1, frames]` with a
    periodic Hann window of `win_length` zero-padded to `n_fft`. With
    `center`, the signal is padded by `n_fft/2` on both sides (`pad_mode`
    `"reflect"`, `"constant"` or `"replicate"`), giving
    `frames = 1 + (time + 2*(n_fft/2) - n_fft) / hop_length`. `power` 1 is
    the magnitude, 2 the power; `normalized` divides by the window's L2
    norm.

    ```mlir
    %s = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 200 : i64}
        : tensor<?x16000xf32> -> tensor<?x201x81xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input,
                       I64Attr:$n_fft, I64Attr:$win_length, I64Attr:$hop_length,
                       DefaultValuedAttr<I64Attr, "0">:$pad,
                       DefaultValuedAttr<F64Attr, "2.0">:$power,
                       DefaultValuedAttr<BoolAttr, "false">:$normalized,
                       DefaultValuedAttr<BoolAttr, "true">:$center,
                       DefaultValuedStrAttr<StrAttr, "reflect">:$pad_mode);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def MM_MelSpectrogramOp : MM_Op<"mel_spectrogram", [Pure]> {
  let summary = "`torchaudio.transforms.MelSpectrogram`";
  let description = [{
    A `spectrogram` followed by a triangular mel filter bank
    (`torchaudio.functional.melscale_fbanks`). The result is
    `[..., n_mels, frames]`. The window and the filter bank are computed by
    the compiler, never read from the weights file. `f_max` absent means
    `sample_rate / 2`; `norm` is `""` or `"slaney"`; `mel_scale` is
    `"htk"` or `"slaney"`.

    ```mlir
    %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64,
        win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64}
        : tensor<?x16000xf32> -> tensor<?x64x101xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input,
                       I64Attr:$sample_rate, I64Attr:$n_fft, I64Attr:$win_length,
                       I64Attr:$hop_length, I64Attr:$n_mels,
                       DefaultValuedAttr<F64Attr, "0.0">:$f_min,
                       OptionalAttr<F64Attr>:$f_max,
                       DefaultValuedAttr<I64Attr, "0">:$pad,
                       DefaultValuedAttr<F64Attr, "2.0">:$power,
                       DefaultValuedAttr<BoolAttr, "false">:$normalized,
                       DefaultValuedAttr<BoolAttr, "true">:$center,
                       DefaultValuedStrAttr<StrAttr, "reflect">:$pad_mode,
                       DefaultValuedStrAttr<StrAttr, "">:$norm,
                       DefaultValuedStrAttr<StrAttr, "htk">:$mel_scale);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    double getFMaxOrDefault() {
      return getFMax() ? getFMax()->convertToDouble() : double(getSampleRate()) / 2.0;
    }
  }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class MM_ReductionOp<string mnemonic, string torchName> : MM_Op<mnemonic, [Pure]> {
  let summary = "`" # torchName # "` over the given dimensions";
  let description = [{
    `}] # torchName # [{(input, dim, keepdim)`. `dims` are normalized
    (non-negative) and sorted; an empty list reduces every dimension.

    ```mlir
    %m = mm.}] # mnemonic # [{ %x {dims = array<i64: 2>} : tensor<?x64x101xf32> -> tensor<?x64xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, DenseI64ArrayAttr:$dims,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdim);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def MM_MeanOp : MM_ReductionOp<"mean", "torch.mean">;
def MM_SumOp : MM_ReductionOp<"sum", "torch.sum">;
def MM_AmaxOp : MM_ReductionOp<"amax", "torch.amax">;

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

def MM_CatOp : MM_Op<"cat", [Pure]> {
  let summary = "`torch.cat` along one dimension";
  let description = [{
    ```mlir
    %y = mm.cat %a, %b {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x128xf32>
    ```
  }];
  let arguments = (ins Variadic<MM_AnyTensor>:$inputs, I64Attr:$dim);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, $result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def MM_SelectOp : MM_Op<"select", [Pure]> {
  let summary = "`torch.select`: one index of a dimension, which is dropped";
  let description = [{
    `x[..., i, ...]` in the source. A negative `index` counts from the end,
    also for dynamic dimensions (resolved at run time).

    ```mlir
    %h = mm.select %hn {dim = 0 : i64, index = -1 : i64} : tensor<1x?x64xf32> -> tensor<?x64xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input, I64Attr:$dim, I64Attr:$index);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def MM_SliceOp : MM_Op<"slice", [Pure]> {
  let summary = "a Python slice `start:end:step` of one dimension";
  let description = [{
    `x[..., start:end:step, ...]` with Python's rules: negative bounds count
    from the end and bounds are clamped to the dimension. An absent `end`
    means the end of the dimension. `step` is positive.

    ```mlir
    %y = mm.slice %x {dim = 1 : i64, start = 1 : i64, end = 3 : i64} : tensor<?x8xf32> -> tensor<?x2xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input, I64Attr:$dim,
                       DefaultValuedAttr<I64Attr, "0">:$start,
                       OptionalAttr<I64Attr>:$end,
                       DefaultValuedAttr<I64Attr, "1">:$step);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

// Tensor functions of LANGUAGE.md beyond the seed model (softmax, transpose,
// reshape, pooling, ...) and the layers with weights (gru, conv, norms,
// attention) live in their own files.
include "dialects/mm/MMTensorOps.td"
include "dialects/mm/MMNNOps.td"

#endif // MM_OPS_TD
