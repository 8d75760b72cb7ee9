//===- DecomposeLayers.cpp - composite layers as the mm ops they are made of ===//
//
// `mm-decompose-layers` rewrites mm.transformer_encoder_layer into
// mm.layer_norm, mm.multihead_attention, mm.add, mm.linear and mm.relu /
// mm.gelu, before mm-kernel-calls, so that its self-attention takes the
// attention kernel like any other mm.multihead_attention and every other
// piece takes the lowering of its own op (on both paths).
//
//===----------------------------------------------------------------------===//
#include "compiler/passes/Passes.h"
#include "dialects/mm/MMOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mm {
#define GEN_PASS_DEF_DECOMPOSELAYERS
#include "compiler/passes/Passes.h.inc"
} // namespace mm

using namespace mlir;

namespace {

/// nn.TransformerEncoderLayer at eval (dropout is the identity), as PyTorch's
/// own slow path computes it:
///   post-norm: x = norm1(x + sa(x)); x = norm2(x + ff(x))
///   pre-norm:  x = x + sa(norm1(x)); x = x + ff(norm2(x))
/// with sa the self-attention (the layer's src_key_padding_mask as its
/// key_padding_mask) and ff(x) = linear2(activation(linear1(x))).
struct DecomposeTransformerEncoderLayer
    : public OpRewritePattern<mm::TransformerEncoderLayerOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(mm::TransformerEncoderLayerOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getSrc().getType());
    // Sequence shapes with the features replaced by FEATURES.
    auto withFeatures = [&](int64_t features) {
      SmallVector<int64_t> shape(type.getShape());
      shape.back() = features;
      return RankedTensorType::get(shape, type.getElementType());
    };
    int64_t ff = cast<ShapedType>(op.getLinear1Weight().getType()).getDimSize(0);
    double eps = op.getLayerNormEps().convertToDouble();
    Value mask = op.getKeyPaddingMask();

    auto selfAttention = [&](Value x) -> Value {
      SmallVector<Value> params = {op.getInProjWeight(), op.getInProjBias(),
                                   op.getOutProjWeight(), op.getOutProjBias()};
      if (mask)
        params.push_back(mask);
      return rewriter.create<mm::MultiheadAttentionOp>(loc, type, x, x, x, params, op.getNhead(),
                                                       /*bias=*/true, mask != nullptr);
    };
    auto feedForward = [&](Value x) -> Value {
      Value hidden = rewriter.create<mm::LinearOp>(loc, withFeatures(ff), x, op.getLinear1Weight(),
                                                   op.getLinear1Bias());
      if (op.getActivation() == "gelu")
        hidden = rewriter.create<mm::GeluOp>(loc, hidden.getType(), hidden, "none");
      else
        hidden = rewriter.create<mm::ReluOp>(loc, hidden.getType(), hidden);
      return rewriter.create<mm::LinearOp>(loc, type, hidden, op.getLinear2Weight(),
                                           op.getLinear2Bias());
    };
    auto norm = [&](Value x, Value weight, Value bias) -> Value {
      return rewriter.create<mm::LayerNormOp>(loc, type, x, weight, bias,
                                              rewriter.getF64FloatAttr(eps));
    };
    auto norm1 = [&](Value x) { return norm(x, op.getNorm1Weight(), op.getNorm1Bias()); };
    auto norm2 = [&](Value x) { return norm(x, op.getNorm2Weight(), op.getNorm2Bias()); };
    auto add = [&](Value lhs, Value rhs) -> Value {
      return rewriter.create<mm::AddOp>(loc, type, lhs, rhs);
    };

    Value x = op.getSrc();
    if (op.getNormFirst()) {
      x = add(x, selfAttention(norm1(x)));
      x = add(x, feedForward(norm2(x)));
    } else {
      x = norm1(add(x, selfAttention(x)));
      x = norm2(add(x, feedForward(x)));
    }
    // The result may be more static than src (the verifier asks only for
    // compatible shapes): the last op, which is ours alone, takes its type.
    if (x.getType() != op.getType())
      rewriter.modifyOpInPlace(x.getDefiningOp(), [&] { x.setType(op.getType()); });
    rewriter.replaceOp(op, x);
    return success();
  }
};

struct DecomposeLayersPass : public mm::impl::DecomposeLayersBase<DecomposeLayersPass> {
  void runOnOperation() override {
    SmallVector<Operation *> layers;
    getOperation().walk([&](mm::TransformerEncoderLayerOp op) { layers.push_back(op); });
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeTransformerEncoderLayer>(&getContext());
    // Only the layers themselves: the ops they become are left as they are
    // (no folding of the rest of the module as a side effect).
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingOps;
    bool allErased = false;
    if (failed(applyOpPatternsAndFold(layers, std::move(patterns), config, nullptr, &allErased)) ||
        !allErased)
      signalPassFailure();
  }
};

} // namespace
