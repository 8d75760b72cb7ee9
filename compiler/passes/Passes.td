//===- Passes.td - passes of mmc ---------------------------*- tablegen -*-===//
#ifndef MM_COMPILER_PASSES_TD
#define MM_COMPILER_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// mm → mm
//===----------------------------------------------------------------------===//

def AnnotateIndexRanges : Pass<"mm-annotate-index-ranges", "mlir::ModuleOp"> {
  let summary = "records the valid range of integer inputs that index an embedding";
  let description = [{
    A function argument used directly as the indices of an `mm.embedding`
    gets `mm.index_range = [0, num_embeddings]`, so that the runtime rejects
    an out-of-range token id with an error before the call instead of
    reading outside the table.
  }];
}

def DecomposeLayers : Pass<"mm-decompose-layers", "mlir::ModuleOp"> {
  let summary = "rewrites composite layers into the mm ops they are made of";
  let description = [{
    `mm.transformer_encoder_layer` becomes `mm.layer_norm`,
    `mm.multihead_attention` (self-attention, with the layer's
    `src_key_padding_mask`), `mm.add`, `mm.linear` and `mm.relu` /
    `mm.gelu` (exact), in nn.TransformerEncoderLayer's order for post- and
    pre-norm (`norm_first`), so that the self-attention takes the attention
    kernel of `mm-kernel-calls` and every piece the lowering of its own op.
    Runs on both paths, before `mm-kernel-calls`.
  }];
}

def SinkReductions : Pass<"mm-sink-reductions", "mlir::ModuleOp"> {
  let summary = "takes a mean or sum over positions before the linear maps it follows";
  let description = [{
    `mean(linear(x), d)` becomes `linear(mean(x, d))` when `d` keeps the
    last (feature) dimension, and `mean(a + b, d)` (or `-`) becomes
    `mean(a, d) + mean(b, d)` when one of the terms leads to such a linear
    layer; `sum` the same way where it is exact (a linear layer without
    bias, no term broadcast along `d`). Only values with no other user are
    rewritten, so the linear layer runs on the reduced rows instead of all
    of them: an encoder followed by mean pooling skips most of its last
    linear layer. Exact in real arithmetic; the sums are taken in another
    order. Runs on both paths, after `mm-kernel-calls` (whose attention
    out-projections are `mm.linear`).
  }];
}

//===----------------------------------------------------------------------===//
// mm → linalg
//===----------------------------------------------------------------------===//

def ConvertMMToLinalg : Pass<"convert-mm-to-linalg", "mlir::ModuleOp"> {
  let summary = "lowers mm ops to linalg, tensor, arith, math and scf on tensors";
  let description = [{
    The plain lowering of every op, also of those with a Halide kernel: it
    is the reference the kernels are tested against (`mmc --no-halide`).
    The LSTM recurrence becomes an `scf.for` over time; the spectrogram a
    DFT as a matmul with compile-time constant (windowed) bases, and the
    mel filter bank a constant matrix.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect", "mlir::math::MathDialect",
    "mlir::scf::SCFDialect"
  ];
}

def KernelCalls : Pass<"mm-kernel-calls", "mlir::ModuleOp"> {
  let summary = "replaces the ops that have a Halide kernel by calls of it";
  let description = [{
    `mm.lstm`, `mm.gru`, `mm.spectrogram` / `mm.mel_spectrogram` (with a
    following `log(x + eps)` or `mm.amplitude_to_db` folded in) and the core
    of `mm.multihead_attention` (its projections become `mm.linear`, one
    per distinct input: q/k/v of self-attention and k/v of one memory are
    each one matmul, whose column slices the kernel reads; a memory that is
    a `linear` used by nothing else is composed with its k/v projection when
    that saves multiplies) become a
    `func.call` of a private declaration `mm_k_<family>_<hash>` on memrefs,
    with `llvm.emit_c_interface` and the kernel's generator and parameters
    as attributes (see compiler/halide/README.md). Outputs are allocated by
    the caller. Configurations a kernel does not support are left to
    `convert-mm-to-linalg`. Runs only without `mmc --no-halide`.
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect", "mlir::memref::MemRefDialect",
    "mlir::func::FuncDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect"
  ];
}

def ExposeWeights : Pass<"mm-expose-weights", "mlir::ModuleOp"> {
  let summary = "turns weights into leading function arguments";
  let description = [{
    Every public function gets one argument per `mm.weight_decl`, in
    manifest order, before its own arguments; `mm.weight` uses become those
    arguments and the declarations are erased. This is the calling
    convention of the generated library: the runtime passes the tensors of
    the mapped weights file in manifest order.
  }];
}

//===----------------------------------------------------------------------===//
// linalg on tensors
//===----------------------------------------------------------------------===//

def HoistWeightExpressions : Pass<"mm-hoist-weight-expressions", "mlir::ModuleOp"> {
  let summary = "computes expressions of the weights alone once per model";
  let description = [{
    A value of a public function computed from its weight arguments
    (`mm.weight`) and constants only, by side-effect-free ops, with a static
    shape and f32 elements, whose computation costs more than copying it
    (at least 4 multiply-adds or elementwise steps per element: a composed
    weight matrix, a projected bias; not a transpose or a slice) and no
    larger than the weights it reads (not an outer product) is moved
    into a public function `<function>_weights<N>` of those weights. In its
    place the function calls the private declaration
    `<function>_weights<N>_cached(weights..., out)` (`llvm.emit_c_interface`,
    `mm.weight_expression = @<function>_weights<N>`) that the library's glue
    implements: it keeps the value in the model's derived-weights cache
    (`mm_runtime_model_cache`), filled on the first call, and copies it into
    the caller's buffer. Runs after `convert-mm-to-linalg` in mmc's
    pipeline; mm-opt's pipelines (no runtime) leave it out.
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect", "mlir::memref::MemRefDialect",
    "mlir::func::FuncDialect"
  ];
}

def FuseElementwise : Pass<"mm-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "fuses elementwise linalg ops where no element is computed twice";
  let description = [{
    `linalg-fuse-elementwise-ops` (the same fusion and reshape-folding
    patterns) restricted to producers whose result the consumer reads through
    a permutation of all of its loops: a producer is never fused into a
    matmul-like or broadcasting consumer, where each of its elements would be
    recomputed once per column of the output. Reshapes are folded into
    elementwise ops only: a reduction (a linear's product) keeps its shape.
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::affine::AffineDialect"
  ];
}

//===----------------------------------------------------------------------===//
// linalg on buffers → vectors
//===----------------------------------------------------------------------===//

def VectorizeContractions
    : Pass<"mm-vectorize-contractions", "mlir::func::FuncOp"> {
  let summary = "register-tiles and vectorizes f32 matmul-like linalg ops on buffers";
  let description = [{
    Every f32 contraction on buffers with one K (reduction) loop whose
    output is contiguous along its innermost loop N (linalg.matmul,
    matmul_transpose_b, batch_matmul and the generic contractions of the
    lowering, batch loops allowed, also loops that only B and the output
    have) becomes vector code over TILE-M x TILE-N register tiles: the
    batch loops, blocks of M (rows x K about 131072 floats of A, which stay
    in the L2 cache), the N loop and the M loop of the block, and per tile
    an `scf.for` over K carrying TILE-M vectors of TILE-N accumulators,
    each step one row of B times a broadcast element of A per row. Full
    tiles use plain vector loads and stores; the rows left over go in tiles
    of half as many rows, down to single rows, and the last columns use
    masked loads and stores, so any (dynamic) size is handled.

    The tiles read B from a panel [K, TILE-N], filled per column tile and
    block of rows: a contiguous copy of B's columns (rows of B a whole row
    apart hit few sets of the L1 cache), or, for `x W^T` (PyTorch's
    `linear`: W [..., N, K] contiguous along K), W's rows transposed in
    registers by squares of up to 16 x 16 (vector loads, shuffles, vector
    stores; scalar copies at the edges). B is read in place when one tile
    covers all of M. A B stored any other way is first copied with N last.
    linalg.conv_2d_nchw_fchw becomes an im2col copy (one loop over the
    output pixels when their width is static) and such a contraction
    (groups of 1; other convolutions are left alone). When all sizes but
    the batch are static, that goes one image at a time: the bias that a
    broadcast wrote into the output is copied into the image's rows, and
    the im2col, in vectors (a masked load and a shuffle per row and kernel
    column), reads the input in place of the zero-padded copy that
    bufferization made of a tensor.pad, writing the zeros itself; an
    in-place relu of an input that only the convolution reads becomes a
    maximum in the im2col.

    When a linalg.fill or a broadcast of a row along N (a linear layer's
    bias) writes the whole output right before the op, or another dense
    shape of its buffer, into a buffer the function allocated, it is folded
    away: the accumulators start from its value instead of a load of the
    output.

    Elementwise linalg.generic ops on whole dense buffers (identity maps
    and layouts) are collapsed to one loop over all elements, which LLVM
    vectorizes along memory.

    Each output element is still the sum over K in increasing order, one
    multiply and one add per step, as in the scalar loops of
    `convert-linalg-to-loops`.
  }];
  let options = [
    Option<"tileM", "tile-m", "int64_t", /*default=*/"4",
           "rows of a register tile (mmc: from the target, see registerTileFor)">,
    Option<"tileN", "tile-n", "int64_t", /*default=*/"16",
           "columns of a register tile (a multiple of the vector width)">,
  ];
  let dependentDialects = [
    "mlir::vector::VectorDialect", "mlir::scf::SCFDialect",
    "mlir::memref::MemRefDialect", "mlir::affine::AffineDialect",
    "mlir::arith::ArithDialect"
  ];
}

def ApproximateMath : Pass<"mm-approximate-math", "mlir::func::FuncOp"> {
  let summary = "replaces f32 math.exp and math.erf by polynomial approximations";
  let description = [{
    Inline arithmetic instead of calls to libm's expf and erff, so that the
    loops of softmax and GELU vectorize: MLIR's polynomial exp (a few ulp),
    and for erf a rational x P(x^2) / Q(x^2) of degree 5 over 5 on the
    input clamped to [-3.92, 3.92] (4e-7 at most in f32), its result
    clamped to [-1, 1]. Other math functions are left to libm.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::math::MathDialect",
    "mlir::vector::VectorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// LLVM dialect
//===----------------------------------------------------------------------===//

def RuntimeAllocator : Pass<"mm-runtime-allocator", "mlir::ModuleOp"> {
  let summary = "points the generic heap functions at the runtime's caching allocator";
  let description = [{
    After `finalize-memref-to-llvm{use-generic-functions}`, renames the
    declarations `_mlir_memref_to_llvm_alloc`, `_mlir_memref_to_llvm_aligned_alloc`
    and `_mlir_memref_to_llvm_free`, and every call of them, to
    `mm_runtime_alloc`, `mm_runtime_aligned_alloc` and `mm_runtime_free`
    (mm/runtime_internal.h): a cache that keeps freed temporaries for the
    next call instead of returning them to the system. The runtime's own
    names keep a model linkable into an application that defines the
    generic functions for other MLIR code.
  }];
}

//===----------------------------------------------------------------------===//
// Packed weights
//===----------------------------------------------------------------------===//

def PackWeights : Pass<"mm-pack-weights", "mlir::func::FuncOp"> {
  let summary = "reads the weight of each linear layer in packed panels";
  let description = [{
    A contraction on f32 tensors (`linalg.matmul_transpose_b`, a linear
    layer `x W^T`, or a generic of the same kind) `out[..., n] += x[...] *
    w[n, k]`, N the output's innermost loop and K a reduction loop, whose
    W [N, K] has a static shape and is computed from the function's weights
    (`mm.weight` arguments) alone becomes a `linalg.generic` that reads
    Wp [ceil(N / T), K, T] at `(n floordiv T, k, n mod T)`: the
    panels that `mm-vectorize-contractions` (with `tile-n` = T) reads in
    place instead of packing them on every call. Wp is a `tensor.pad`
    (zeros, only when T does not divide N), a `tensor.expand_shape` and a
    `linalg.transpose` marked `mm.packed_weight`, which
    `mm-hoist-weight-expressions` moves into a function computed once per
    model; without it the packing runs on every call. The products and
    their K order are those of the matmul.
  }];
  let options = [
    Option<"tileN", "tile-n", "int64_t", /*default=*/"16",
           "columns of a panel: the register tile of mm-vectorize-contractions">
  ];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect"
  ];
}

def ReadWeightsInPlace : Pass<"mm-read-weights-in-place", "mlir::ModuleOp"> {
  let summary = "reads packed weights from the model's cache without a copy";
  let description = [{
    After bufferization and buffer deallocation: a call of a cached weight
    expression marked `mm.read_in_place` (a packed weight of
    `mm-pack-weights`, hoisted by `mm-hoist-weight-expressions`)
    `call @f_cached(weights..., %out)` into a fresh `memref.alloc` that is
    only read (views of it, ops without a write effect on it) and
    deallocated becomes `%v = call @f_cached_in_place(weights...) ->
    memref<...>` (a new private declaration, `llvm.emit_c_interface`): the
    glue returns the block kept by the runtime (mm_runtime_model_cache)
    instead of copying it into the buffer, which for a packed weight would
    cost as much as the packing. Anything else that uses the buffer keeps
    the copy.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect", "mlir::func::FuncDialect"];
}

#endif // MM_COMPILER_PASSES_TD
