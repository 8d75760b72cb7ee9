// transformer_encoder_layer: post-norm relu with and without a u8 key
// padding mask (dynamic B and S) and pre-norm gelu with layer_norm_eps 1e-3
// and 3 heads (static); compared with nn.TransformerEncoderLayer(
// batch_first=True) at eval (tolerance 1e-4 of max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_encoder_layer > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --mm-decompose-layers --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_encoder_layer %t.out | FileCheck %s
// CHECK: nn_encoder_layer: 3 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @post_norm(%x: tensor<?x?x8xf32>, %mask: tensor<?x?xui8>, %w0: tensor<24x8xf32>, %w1: tensor<24xf32>, %w2: tensor<8x8xf32>, %w3: tensor<8xf32>, %w4: tensor<12x8xf32>, %w5: tensor<12xf32>, %w6: tensor<8x12xf32>, %w7: tensor<8xf32>, %w8: tensor<8xf32>, %w9: tensor<8xf32>, %w10: tensor<8xf32>, %w11: tensor<8xf32>) {
  %0 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11, %mask {nhead = 2 : i64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<12x8xf32>, tensor<12xf32>, tensor<8x12xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  %1 = tensor.cast %0 : tensor<?x?x8xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %2 = mm.transformer_encoder_layer %x, %w0, %w1, %w2, %w3, %w4, %w5, %w6, %w7, %w8, %w9, %w10, %w11 {nhead = 2 : i64}
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<12x8xf32>, tensor<12xf32>, tensor<8x12xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  %3 = tensor.cast %2 : tensor<?x?x8xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %post0 = call @in_post_self_attn_in_proj_weight() : () -> tensor<24x8xf32>
  %post1 = call @in_post_self_attn_in_proj_bias() : () -> tensor<24xf32>
  %post2 = call @in_post_self_attn_out_proj_weight() : () -> tensor<8x8xf32>
  %post3 = call @in_post_self_attn_out_proj_bias() : () -> tensor<8xf32>
  %post4 = call @in_post_linear1_weight() : () -> tensor<12x8xf32>
  %post5 = call @in_post_linear1_bias() : () -> tensor<12xf32>
  %post6 = call @in_post_linear2_weight() : () -> tensor<8x12xf32>
  %post7 = call @in_post_linear2_bias() : () -> tensor<8xf32>
  %post8 = call @in_post_norm1_weight() : () -> tensor<8xf32>
  %post9 = call @in_post_norm1_bias() : () -> tensor<8xf32>
  %post10 = call @in_post_norm2_weight() : () -> tensor<8xf32>
  %post11 = call @in_post_norm2_bias() : () -> tensor<8xf32>
  %x = call @in_x() : () -> tensor<3x5x8xf32>
  %mask = call @in_mask() : () -> tensor<3x5xui8>
  %xd = tensor.cast %x : tensor<3x5x8xf32> to tensor<?x?x8xf32>
  %maskd = tensor.cast %mask : tensor<3x5xui8> to tensor<?x?xui8>
  call @post_norm(%xd, %maskd, %post0, %post1, %post2, %post3, %post4, %post5, %post6, %post7, %post8, %post9, %post10, %post11)
      : (tensor<?x?x8xf32>, tensor<?x?xui8>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<12x8xf32>, tensor<12xf32>, tensor<8x12xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> ()

  %pre0 = call @in_pre_self_attn_in_proj_weight() : () -> tensor<18x6xf32>
  %pre1 = call @in_pre_self_attn_in_proj_bias() : () -> tensor<18xf32>
  %pre2 = call @in_pre_self_attn_out_proj_weight() : () -> tensor<6x6xf32>
  %pre3 = call @in_pre_self_attn_out_proj_bias() : () -> tensor<6xf32>
  %pre4 = call @in_pre_linear1_weight() : () -> tensor<10x6xf32>
  %pre5 = call @in_pre_linear1_bias() : () -> tensor<10xf32>
  %pre6 = call @in_pre_linear2_weight() : () -> tensor<6x10xf32>
  %pre7 = call @in_pre_linear2_bias() : () -> tensor<6xf32>
  %pre8 = call @in_pre_norm1_weight() : () -> tensor<6xf32>
  %pre9 = call @in_pre_norm1_bias() : () -> tensor<6xf32>
  %pre10 = call @in_pre_norm2_weight() : () -> tensor<6xf32>
  %pre11 = call @in_pre_norm2_bias() : () -> tensor<6xf32>
  %y = call @in_y() : () -> tensor<2x4x6xf32>
  %0 = mm.transformer_encoder_layer %y, %pre0, %pre1, %pre2, %pre3, %pre4, %pre5, %pre6, %pre7, %pre8, %pre9, %pre10, %pre11
      {nhead = 3 : i64, activation = "gelu", layer_norm_eps = 1.0e-03 : f64, norm_first = true}
      : (tensor<2x4x6xf32>, tensor<18x6xf32>, tensor<18xf32>, tensor<6x6xf32>, tensor<6xf32>, tensor<10x6xf32>, tensor<10xf32>, tensor<6x10xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<2x4x6xf32>
  %1 = tensor.cast %0 : tensor<2x4x6xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}
