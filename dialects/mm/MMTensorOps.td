//===- MMTensorOps.td - tensor functions of the mm dialect --*- tablegen -*-===//
//
// Functions of `torch` / `torch.nn.functional` that reshape, normalize or
// pool tensors. Included by MMOps.td; verifiers in MMTensorOps.cpp.
//
// Dimension attributes are normalized (non-negative) by the frontend; the
// verifiers reject negative ones rather than reinterpret them.
//
//===----------------------------------------------------------------------===//
#ifndef MM_TENSOR_OPS_TD
#define MM_TENSOR_OPS_TD

//===----------------------------------------------------------------------===//
// Views: transpose, permute, flatten, reshape, stack
//===----------------------------------------------------------------------===//

def MM_TransposeOp : MM_Op<"transpose", [Pure]> {
  let summary = "`torch.transpose`: swaps two dimensions";
  let description = [{
    `dim0` and `dim1` are distinct, non-negative and below the rank.

    ```mlir
    %y = mm.transpose %x {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x64x256xf32> -> tensor<?x256x64xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input, I64Attr:$dim0, I64Attr:$dim1);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The transposition as a permutation: result dim i is input dim perm[i].
    llvm::SmallVector<int64_t> getPermutation();
  }];
}

def MM_PermuteOp : MM_Op<"permute", [Pure]> {
  let summary = "`torch.permute`: reorders the dimensions";
  let description = [{
    Result dimension `i` is input dimension `dims[i]`; `dims` is a
    permutation of `0 .. rank-1`.

    ```mlir
    %y = mm.permute %x {dims = array<i64: 0, 2, 3, 1>} : tensor<?x3x8x8xf32> -> tensor<?x8x8x3xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input, DenseI64ArrayAttr:$dims);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def MM_FlattenOp : MM_Op<"flatten", [Pure]> {
  let summary = "`torch.flatten`: merges dimensions `start_dim ..= end_dim`";
  let description = [{
    `0 <= start_dim <= end_dim < rank`. The merged dimension is the product
    of the merged ones (dynamic if any of them is).

    ```mlir
    %y = mm.flatten %x {start_dim = 2 : i64, end_dim = 3 : i64} : tensor<?x64x16x16xf32> -> tensor<?x64x256xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input, I64Attr:$start_dim, I64Attr:$end_dim);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def MM_ReshapeOp : MM_Op<"reshape", [Pure]> {
  let summary = "`torch.reshape` (row-major, the elements keep their order)";
  let description = [{
    `shape` is the result shape with `-1` for every dynamic (symbolic)
    dimension. The element count is unchanged. One dynamic dimension is
    computed at run time from the element count; when the result has
    several, `source_dims` says, for each result dimension, the input
    dimension it equals (`-1`: none), and at most one dynamic dimension may
    lack a source.

    ```mlir
    %y = mm.reshape %x {shape = array<i64: -1, -1, 4, 32>, source_dims = array<i64: 0, 1, -1, -1>}
        : tensor<?x?x128xf32> -> tensor<?x?x4x32xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input, DenseI64ArrayAttr:$shape,
                       OptionalAttr<DenseI64ArrayAttr>:$source_dims);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def MM_StackOp : MM_Op<"stack", [Pure]> {
  let summary = "`torch.stack`: joins tensors of one shape along a new dimension";
  let description = [{
    The new dimension `dim` (`0 <= dim <= rank`) has one entry per input.

    ```mlir
    %y = mm.stack %a, %b {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x2x64xf32>
    ```
  }];
  let arguments = (ins Variadic<MM_AnyTensor>:$inputs, I64Attr:$dim);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, $result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization along one dimension
//===----------------------------------------------------------------------===//

class MM_SoftmaxLikeOp<string mnemonic, string torchName> :
    MM_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "`" # torchName # "` along `dim`";
  let description = [{
    `}] # torchName # [{(input, dim)`, computed as PyTorch does: the
    maximum along `dim` is subtracted before exponentiating, so that large
    inputs neither overflow nor lose precision.

    ```mlir
    %y = mm.}] # mnemonic # [{ %x {dim = 1 : i64} : tensor<?x7xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, I64Attr:$dim);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def MM_SoftmaxOp : MM_SoftmaxLikeOp<"softmax", "torch.softmax">;
def MM_LogSoftmaxOp : MM_SoftmaxLikeOp<"log_softmax", "torch.log_softmax">;

def MM_NormalizeOp : MM_Op<"normalize", [Pure, SameOperandsAndResultType]> {
  let summary = "`torch.nn.functional.normalize`: `x / max(||x||_p, eps)` along `dim`";
  let description = [{
    The norm is `torch.linalg.vector_norm` of order `p` along `dim`
    (`sqrt(sum x^2)` for 2, `sum |x|` for 1, `max |x|` for infinity, the
    count of non-zeros for 0, `(sum |x|^p)^(1/p)` otherwise), clamped
    below at `eps`.

    ```mlir
    %y = mm.normalize %x {p = 2.0 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<?x128xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input,
                       DefaultValuedAttr<F64Attr, "2.0">:$p, I64Attr:$dim,
                       DefaultValuedAttr<F64Attr, "1e-12">:$eps);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// New tensors of the input's shape, element type conversion
//===----------------------------------------------------------------------===//

class MM_FillLikeOp<string mnemonic, string torchName> :
    MM_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "`" # torchName # "`: a filled tensor of the input's shape and type";
  let description = [{
    Only the input's shape and element type are used, not its values.

    ```mlir
    %y = mm.}] # mnemonic # [{ %x : tensor<?x16xf32>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def MM_ZerosLikeOp : MM_FillLikeOp<"zeros_like", "torch.zeros_like">;
def MM_OnesLikeOp : MM_FillLikeOp<"ones_like", "torch.ones_like">;

def MM_ToOp : MM_Op<"to", [Pure]> {
  let summary = "`Tensor.to(dtype)`: element type conversion";
  let description = [{
    As PyTorch converts: float to integer truncates toward zero (a value
    out of the integer's range gives an unspecified value, as in PyTorch),
    integer to float rounds to nearest, integer to integer wraps (narrowing)
    or extends by the source's signedness. The shape is unchanged.

    ```mlir
    %y = mm.to %x : tensor<?x4xf32> -> tensor<?x4xi64>
    ```
  }];
  let arguments = (ins MM_AnyTensor:$input);
  let results = (outs MM_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Pooling and resampling ([N, C, H, W] or [C, H, W])
//===----------------------------------------------------------------------===//

def MM_MaxPool2dOp : MM_Op<"max_pool2d", [Pure]> {
  let summary = "`torch.nn.functional.max_pool2d`";
  let description = [{
    Every attribute has one value per spatial dimension (H, W). Padding is
    implicit negative infinity, at most half the kernel. The output size is
    PyTorch's: `floor` (or `ceil` with `ceil_mode`) of
    `(in + 2*padding - dilation*(kernel-1) - 1) / stride + 1`, where with
    `ceil_mode` a last window that would start in the right padding is
    dropped.

    ```mlir
    %y = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
        padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = false}
        : tensor<?x16x32x32xf32> -> tensor<?x16x16x16xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def MM_AvgPool2dOp : MM_Op<"avg_pool2d", [Pure]> {
  let summary = "`torch.nn.functional.avg_pool2d`";
  let description = [{
    Output size as for `mm.max_pool2d` with a dilation of 1. The divisor of
    a window is its size clipped to the padded input, or, without
    `count_include_pad`, the number of input elements it covers.

    ```mlir
    %y = mm.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
        padding = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true}
        : tensor<?x16x32x32xf32> -> tensor<?x16x16x16xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "true">:$count_include_pad);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def MM_AdaptiveAvgPool2dOp : MM_Op<"adaptive_avg_pool2d", [Pure]> {
  let summary = "`torch.nn.functional.adaptive_avg_pool2d`";
  let description = [{
    Output cell `i` of a spatial dimension averages the input range
    `[floor(i*in/out), ceil((i+1)*in/out))`, PyTorch's windows.

    ```mlir
    %y = mm.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<?x64x7x9xf32> -> tensor<?x64x1x1xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, DenseI64ArrayAttr:$output_size);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def MM_InterpolateOp : MM_Op<"interpolate", [Pure]> {
  let summary = "`torch.nn.functional.interpolate` with `align_corners=False`";
  let description = [{
    Resizes the spatial dimensions (all but N and C) to `size`, or to
    `floor(in * scale_factor)`; exactly one of the two is given. `mode` is
    `"nearest"` (rank 3 to 5), `"linear"` (rank 3), `"bilinear"` or
    `"bicubic"` (rank 4), or `"trilinear"` (rank 5). As in PyTorch, a given
    `scale_factor` (not the ratio of the sizes) maps output to input
    coordinates.

    ```mlir
    %y = mm.interpolate %x {mode = "bilinear", size = array<i64: 32, 32>} : tensor<?x3x16x16xf32> -> tensor<?x3x32x32xf32>
    ```
  }];
  let arguments = (ins MM_FloatTensor:$input, StrAttr:$mode,
                       OptionalAttr<DenseI64ArrayAttr>:$size,
                       OptionalAttr<F64Attr>:$scale_factor);
  let results = (outs MM_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// How many trailing dimensions are resized.
    int64_t getNumSpatialDims() { return getInput().getType().getRank() - 2; }
  }];
}

#endif // MM_TENSOR_OPS_TD
