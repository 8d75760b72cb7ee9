//===- LoweringUtils.h - helpers of the mm → linalg patterns ----*- C++ -*-===//
//
// Internal to compiler/lowering/: shape arithmetic on OpFoldResults (static
// sizes stay attributes, dynamic ones are index values) and the few linalg
// building blocks that several patterns share.
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_LOWERING_LOWERINGUTILS_H
#define MM_COMPILER_LOWERING_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

#include <functional>
#include <string>

namespace mm::lowering {

//===----------------------------------------------------------------------===//
// Sizes
//===----------------------------------------------------------------------===//

/// The size of every dimension of the ranked tensor VALUE: an attribute if
/// static, a `tensor.dim` otherwise.
llvm::SmallVector<mlir::OpFoldResult> getSizes(mlir::OpBuilder &b, mlir::Location loc,
                                               mlir::Value value);

/// The sizes of INPUTS, tensors whose shapes agree except along EXCEPTDIM
/// (-1: none): a static size where any input has one, else the first's.
llvm::SmallVector<mlir::OpFoldResult> getAgreedSizes(mlir::OpBuilder &b, mlir::Location loc,
                                                     mlir::ValueRange inputs,
                                                     int64_t exceptDim = -1);

/// A tensor type of SIZES: static where a size is a constant.
mlir::RankedTensorType typeOfSizes(llvm::ArrayRef<mlir::OpFoldResult> sizes,
                                   mlir::Type elementType);

/// Index arithmetic that folds when both sides are constants.
mlir::OpFoldResult addSizes(mlir::OpBuilder &b, mlir::Location loc, mlir::OpFoldResult lhs,
                            mlir::OpFoldResult rhs);
mlir::OpFoldResult mulSizes(mlir::OpBuilder &b, mlir::Location loc, mlir::OpFoldResult lhs,
                            mlir::OpFoldResult rhs);

/// An index constant.
mlir::Value indexConst(mlir::OpBuilder &b, mlir::Location loc, int64_t value);

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// `tensor.empty` of SIZES (the type follows from the sizes).
mlir::Value createEmpty(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> sizes, mlir::Type elementType);

/// A tensor of SIZES filled with the float VALUE (or integer, if the
/// element type is an integer).
mlir::Value createFilled(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<mlir::OpFoldResult> sizes, mlir::Type elementType,
                         double value);

/// VALUE as TYPE: a `tensor.cast` when only the static information differs.
mlir::Value castTo(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value, mlir::Type type);

/// Views the ranked tensor VALUE with its leading dimensions (all but the
/// last KEEP) collapsed into one; with no leading dimension, a unit one is
/// prepended. The result has rank KEEP + 1.
mlir::Value collapseLeading(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                            int64_t keep);

/// The inverse of collapseLeading: splits dimension 0 of VALUE into LEADING
/// (none: the unit dimension 0 is dropped).
mlir::Value expandLeading(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                          llvm::ArrayRef<mlir::OpFoldResult> leading);

/// `tensor.extract_slice` of unit strides whose result drops the dimensions
/// listed in DROPPED (each must have size 1).
mlir::Value extractSlice(mlir::OpBuilder &b, mlir::Location loc, mlir::Value source,
                         llvm::ArrayRef<mlir::OpFoldResult> offsets,
                         llvm::ArrayRef<mlir::OpFoldResult> sizes,
                         llvm::ArrayRef<int64_t> dropped = {});

/// `tensor.insert_slice` of SOURCE into DEST at OFFSETS, unit strides; SIZES
/// has DEST's rank (SOURCE may lack its unit dimensions).
mlir::Value insertSlice(mlir::OpBuilder &b, mlir::Location loc, mlir::Value source,
                        mlir::Value dest, llvm::ArrayRef<mlir::OpFoldResult> offsets,
                        llvm::ArrayRef<mlir::OpFoldResult> sizes);

/// A float constant of TYPE.
mlir::Value floatConst(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type, double value);

/// `1 / (1 + exp(-x))` on the scalar X, as torch.sigmoid computes it.
mlir::Value sigmoid(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// A linalg.generic computing RESULTTYPE elementwise from OPERANDS with
/// NumPy broadcasting: operands are aligned on the right and a dimension of
/// static size 1 is read at index 0. A dynamic dimension is taken to match
/// the result (the dialect's broadcastShapes assumes the same). BODY maps
/// the operands' scalars to the result's.
mlir::Value buildElementwise(
    mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType resultType,
    mlir::ValueRange operands,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::ValueRange)> body);

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

/// The body of a contraction written as a linalg.generic: yields
/// `args[2] + args[0] * args[1]`.
void multiplyAddBody(mlir::OpBuilder &b, mlir::Location loc, mlir::ValueRange args);

/// `lhs [M, K] @ rhs [K, N]` as a linalg.matmul into zeros.
mlir::Value matmul(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs, mlir::Value rhs);

/// The accumulator of SIZES of a layer that starts from its bias, as
/// PyTorch's addmm and convolutions do: BIAS (a vector along dimension DIM)
/// broadcast, or zeros when BIAS is null.
mlir::Value biasInit(mlir::OpBuilder &b, mlir::Location loc,
                     llvm::ArrayRef<mlir::OpFoldResult> sizes, mlir::Type elementType,
                     mlir::Value bias, int64_t dim);

/// `x [M, K] @ weight[N, K]^T + bias [N]` (BIAS may be null): the bias is
/// broadcast into the accumulator of a linalg.matmul_transpose_b.
mlir::Value linear2D(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value weight,
                     mlir::Value bias);

//===----------------------------------------------------------------------===//
// Recurrent layers
//===----------------------------------------------------------------------===//

/// What distinguishes nn.LSTM from nn.GRU inside the layer, direction and
/// time loops that buildRecurrentLayers builds for both. INDEX is the
/// weight set, `layer * directions + direction`.
struct RecurrentCell {
  int64_t hidden = 0, layers = 1, directions = 1;
  /// Zero-initialized [B, H] states carried besides h (the LSTM's c).
  unsigned numStates = 0;
  /// The input part of the gates of every (batch, step) of X [B, T, *]:
  /// [B, T, G], computed once before the time loop.
  std::function<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::Value x, int64_t index)>
      projectInput;
  /// One step from that input part GATES [B, G], h [B, H] and the states:
  /// the new h, then the new states.
  std::function<llvm::SmallVector<mlir::Value>(
      mlir::OpBuilder &, mlir::Location, mlir::Value gates, mlir::Value h, mlir::ValueRange states,
      mlir::OpFoldResult batch, int64_t index)>
      step;
};

/// The results of buildRecurrentLayers: the last layer's output [B, T, D*H],
/// h_n, then each state's final value, [L*D, B, H].
struct RecurrentResults {
  mlir::Value output;
  llvm::SmallVector<mlir::Value> finals;
};

/// A batch-first recurrent layer stack with a zero initial state: per layer
/// and direction, the input projection of every step at once, then an
/// scf.for over time (t = T-1 .. 0 in the reverse direction).
RecurrentResults buildRecurrentLayers(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                                      const RecurrentCell &cell);

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// Why OP cannot be lowered, or an empty string if it can: integer `/`
/// (a float tensor in PyTorch), arithmetic on unsigned integers (arith has
/// none), and audio ops whose constant DFT basis or mel filter bank would
/// be unreasonably large. The patterns do not match such ops; the pass
/// reports the reason before converting.
std::string unsupportedReason(mlir::Operation *op);

/// The patterns of the layers with weights and of the audio front-end
/// (LayersToLinalg.cpp).
void populateLayerPatterns(mlir::RewritePatternSet &patterns);
/// The ops of dialects/mm/MMTensorOps.td (TensorFnsToLinalg.cpp).
void populateTensorFnPatterns(mlir::RewritePatternSet &patterns);
/// The ops of dialects/mm/MMNNOps.td (NNToLinalg.cpp).
void populateNNPatterns(mlir::RewritePatternSet &patterns);

} // namespace mm::lowering

#endif // MM_COMPILER_LOWERING_LOWERINGUTILS_H
