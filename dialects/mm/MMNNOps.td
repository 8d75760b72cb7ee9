//===- MMNNOps.td - layers with weights beyond the seed model -*- tablegen -*-===//
//
// gru, conv1d/conv2d, batch_norm, layer_norm, multihead_attention,
// transformer_encoder_layer, amplitude_to_db. Included by MMOps.td;
// verifiers in MMNNOps.cpp.
//
// The frontend builds these ops from their names with a plain
// OperationState (no operand segment sizes), so an op never has more than
// one optional or variadic operand group; where PyTorch has several
// optional tensors (attention's biases and mask), they share one variadic
// group whose layout follows from the op's attributes.
//
//===----------------------------------------------------------------------===//
#ifndef MM_NN_OPS_TD
#define MM_NN_OPS_TD

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def MM_LayerNormOp : MM_Op<"layer_norm", [Pure]> {
  let summary = "`nn.LayerNorm` over the trailing dimensions";
  let description = [{
    `weight` and `bias` have the layer's `normalized_shape`, which the
    input's trailing dimensions must equal. Every slice over those
    dimensions is normalized with its own mean and biased variance:
    `(x - mean) / sqrt(var + eps) * weight + bias`.

    ```mlir
    %y = mm.layer_norm %x, %w, %b {eps = 1.0e-05 : f64}
        : (tensor<?x?x256xf32>, tensor<256xf32>, tensor<256xf32>) -> tensor<?x?x256xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, MM_FloatTensor:$weight, MM_FloatTensor:$bias,
                       DefaultValuedAttr<F64Attr, "1e-5">:$eps);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` `(` type($input) `,` type($weight) `,` type($bias) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def MM_BatchNormOp : MM_Op<"batch_norm", [Pure]> {
  let summary = "eval-mode `nn.BatchNorm1d` / `nn.BatchNorm2d`";
  let description = [{
    Normalizes dimension 1 (the channels) of an `[N, C, ...]` input with the
    running statistics: `(x - running_mean) / sqrt(running_var + eps) *
    weight + bias`, every operand after the input being `[C]`. The
    state_dict's `num_batches_tracked` plays no part in eval mode.

    ```mlir
    %y = mm.batch_norm %x, %w, %b, %mean, %var {eps = 1.0e-05 : f64}
        : (tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
        -> tensor<?x8x?x?xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, MM_FloatTensor:$weight, MM_FloatTensor:$bias,
                       MM_FloatTensor:$running_mean, MM_FloatTensor:$running_var,
                       DefaultValuedAttr<F64Attr, "1e-5">:$eps);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias `,` $running_mean `,` $running_var attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

class MM_ConvOp<string mnemonic, string torchName, string layout, int spatialDims,
                string example> : MM_Op<mnemonic, [Pure]> {
  let summary = "`" # torchName # "` (" # layout # ")";
  let description = [{
    Cross-correlation as in PyTorch: `weight` is
    `[out_channels, in_channels / groups, kernel...]`, `bias` (optional)
    `[out_channels]`. `stride`, `padding` (zeros on both sides) and
    `dilation` hold one value per spatial dimension; each output size is
    `(in + 2*padding - dilation*(kernel - 1) - 1) / stride + 1`. `groups`
    splits the channels into independent convolutions (depthwise when it
    equals in_channels).

    ```mlir
    }] # example # [{
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, MM_FloatTensor:$weight,
                       Optional<MM_FloatTensor>:$bias,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` `(` type($input) `,` type($weight) (`,` type($bias)^)? `)` `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The number of spatial dimensions (1 for conv1d, 2 for conv2d).
    static constexpr int64_t kSpatialDims = }] # spatialDims # [{;
  }];
}

def MM_Conv1dOp : MM_ConvOp<"conv1d", "nn.Conv1d", "NCL", 1, [{%y = mm.conv1d %x, %w, %b {stride = array<i64: 1>, padding = array<i64: 2>, dilation = array<i64: 1>, groups = 1 : i64}
        : (tensor<?x16x?xf32>, tensor<32x16x5xf32>, tensor<32xf32>) -> tensor<?x32x?xf32>}]>;
def MM_Conv2dOp : MM_ConvOp<"conv2d", "nn.Conv2d", "NCHW", 2, [{%y = mm.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, groups = 1 : i64}
        : (tensor<?x3x64x64xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<?x32x32x32xf32>}]>;

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

def MM_MultiheadAttentionOp : MM_Op<"multihead_attention", [Pure]> {
  let summary = "`nn.MultiheadAttention(batch_first=True)` at eval, output only";
  let description = [{
    `query` is `[B, L, E]`, `key` and `value` `[B, S, E]` (S may differ from
    L: cross-attention). `params` holds, in the state_dict's order,
    `in_proj_weight` `[3E, E]`, `in_proj_bias` `[3E]` (if `bias`),
    `out_proj.weight` `[E, E]`, `out_proj.bias` `[E]` (if `bias`), and last
    the `key_padding_mask` `[B, S]` (if `has_key_padding_mask`). An integer
    mask is a boolean one: a non-zero entry hides that key (PyTorch's
    `True`); a float mask is added to the attention scores, as PyTorch does
    with one. The result is the attention output `[B, L, E]`; the averaged
    attention weights are not computed.

    ```mlir
    %y = mm.multihead_attention %q, %kv, %kv, %w, %b, %ow, %ob, %mask
        {num_heads = 4 : i64, has_key_padding_mask = true}
        : (tensor<?x?x256xf32>, tensor<?x?x256xf32>, tensor<?x?x256xf32>, tensor<768x256xf32>,
           tensor<768xf32>, tensor<256x256xf32>, tensor<256xf32>, tensor<?x?xui8>)
        -> tensor<?x?x256xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$query, MM_FloatTensor:$key, MM_FloatTensor:$value,
                       Variadic<MM_AnyTensor>:$params,
                       I64Attr:$num_heads,
                       DefaultValuedAttr<BoolAttr, "true">:$bias,
                       DefaultValuedAttr<BoolAttr, "false">:$has_key_padding_mask);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value `,` $params attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    mlir::Value getInProjWeight() { return getParams()[0]; }
    /// Null without `bias`.
    mlir::Value getInProjBias() { return getBias() ? getParams()[1] : mlir::Value(); }
    mlir::Value getOutProjWeight() { return getParams()[getBias() ? 2 : 1]; }
    /// Null without `bias`.
    mlir::Value getOutProjBias() { return getBias() ? getParams()[3] : mlir::Value(); }
    /// Null without `has_key_padding_mask`.
    mlir::Value getKeyPaddingMask() {
      return getHasKeyPaddingMask() ? getParams().back() : mlir::Value();
    }
    /// The number of `params` the attributes call for.
    unsigned getNumExpectedParams() {
      return (getBias() ? 4 : 2) + (getHasKeyPaddingMask() ? 1 : 0);
    }
  }];
}

def MM_TransformerEncoderLayerOp : MM_Op<"transformer_encoder_layer", [Pure]> {
  let summary = "`nn.TransformerEncoderLayer(batch_first=True)` at eval";
  let description = [{
    `src` is `[B, S, d_model]`. `params` holds the layer's twelve weights in
    the state_dict's order (`self_attn.in_proj_weight`,
    `self_attn.in_proj_bias`, `self_attn.out_proj.weight`,
    `self_attn.out_proj.bias`, `linear1.weight`, `linear1.bias`,
    `linear2.weight`, `linear2.bias`, `norm1.weight`, `norm1.bias`,
    `norm2.weight`, `norm2.bias`), then the `src_key_padding_mask` `[B, S]`
    if `has_key_padding_mask` (as for `mm.multihead_attention`). Post-norm:
    `x = norm1(x + sa(x)); x = norm2(x + ff(x))`; with `norm_first`:
    `x = x + sa(norm1(x)); x = x + ff(norm2(x))`, where
    `ff(x) = linear2(activation(linear1(x)))`, `activation` being `"relu"` or
    `"gelu"` (exact). Dropout is the identity at eval.

    ```mlir
    %y = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11
        {nhead = 4 : i64, activation = "gelu", norm_first = true}
        : (tensor<?x?x128xf32>, tensor<384x128xf32>, tensor<384xf32>, tensor<128x128xf32>,
           tensor<128xf32>, tensor<512x128xf32>, tensor<512xf32>, tensor<128x512xf32>,
           tensor<128xf32>, tensor<128xf32>, tensor<128xf32>, tensor<128xf32>, tensor<128xf32>)
        -> tensor<?x?x128xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$src, Variadic<MM_AnyTensor>:$params,
                       I64Attr:$nhead,
                       DefaultValuedStrAttr<StrAttr, "relu">:$activation,
                       DefaultValuedAttr<F64Attr, "1e-5">:$layer_norm_eps,
                       DefaultValuedAttr<BoolAttr, "false">:$norm_first,
                       DefaultValuedAttr<BoolAttr, "false">:$has_key_padding_mask);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = [{
    $src `,` $params attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The number of weights before the optional mask.
    static constexpr unsigned kNumWeights = 12;
    mlir::Value getInProjWeight() { return getParams()[0]; }
    mlir::Value getInProjBias() { return getParams()[1]; }
    mlir::Value getOutProjWeight() { return getParams()[2]; }
    mlir::Value getOutProjBias() { return getParams()[3]; }
    mlir::Value getLinear1Weight() { return getParams()[4]; }
    mlir::Value getLinear1Bias() { return getParams()[5]; }
    mlir::Value getLinear2Weight() { return getParams()[6]; }
    mlir::Value getLinear2Bias() { return getParams()[7]; }
    mlir::Value getNorm1Weight() { return getParams()[8]; }
    mlir::Value getNorm1Bias() { return getParams()[9]; }
    mlir::Value getNorm2Weight() { return getParams()[10]; }
    mlir::Value getNorm2Bias() { return getParams()[11]; }
    /// Null without `has_key_padding_mask`.
    mlir::Value getKeyPaddingMask() {
      return getHasKeyPaddingMask() ? getParams().back() : mlir::Value();
    }
  }];
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

def MM_GRUOp : MM_Op<"gru", [Pure]> {
  let summary = "`nn.GRU(batch_first=True)` with a zero initial state";
  let description = [{
    PyTorch's gate order (reset r, update z, new n) and its two bias
    vectors: `r = σ(W_ir x + b_ir + W_hr h + b_hr)`, `z` likewise,
    `n = tanh(W_in x + b_in + r * (W_hn h + b_hn))`, `h' = (1 - z) * n + z * h`.
    `weights` holds, for each layer and then each direction, `weight_ih`
    `[3H, in]`, `weight_hh` `[3H, H]`, `bias_ih` and `bias_hh` `[3H]` (the
    state_dict order). Results: `output` `[B, T, D*H]` and `h_n`
    `[D*num_layers, B, H]`, with `D = 2` if bidirectional.

    ```mlir
    %out, %h = mm.gru %x, %wih, %whh, %bih, %bhh {hidden_size = 64 : i64}
        : (tensor<?x?x128xf32>, tensor<192x128xf32>, tensor<192x64xf32>, tensor<192xf32>, tensor<192xf32>)
        -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>)
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, Variadic<MM_FloatTensor>:$weights,
                       I64Attr:$hidden_size,
                       DefaultValuedAttr<I64Attr, "1">:$num_layers,
                       DefaultValuedAttr<BoolAttr, "false">:$bidirectional);
  let results = (outs MM_FloatTensor:$output, MM_FloatTensor:$h_n);
  let assemblyFormat = [{
    $input `,` $weights attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNumDirections() { return getBidirectional() ? 2 : 1; }
  }];
}

//===----------------------------------------------------------------------===//
// Audio
//===----------------------------------------------------------------------===//

def MM_AmplitudeToDBOp : MM_Op<"amplitude_to_db", [Pure]> {
  let summary = "`torchaudio.transforms.AmplitudeToDB`";
  let description = [{
    `multiplier * log10(max(x, 1e-10))` with a multiplier of 10 for
    `stype = "power"` and 20 for `"magnitude"` (the reference value is 1, so
    nothing is subtracted). With `top_db`, each example is clamped from below
    at its own maximum minus `top_db`; an example is the last three
    dimensions (`[channel, freq, time]`), or the whole tensor when it has
    fewer, as torchaudio packs them (so `top_db` needs rank >= 2).

    ```mlir
    %db = mm.amplitude_to_db %spec {stype = "power", top_db = 80.0 : f64}
        : tensor<?x1x64x101xf32> -> tensor<?x1x64x101xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input,
                       DefaultValuedStrAttr<StrAttr, "power">:$stype,
                       OptionalAttr<F64Attr>:$top_db);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    double getMultiplier() { return getStype() == "power" ? 10.0 : 20.0; }
  }];
}

#endif // MM_NN_OPS_TD
