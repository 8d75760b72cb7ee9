// multihead_attention: self-attention (2 heads, dynamic B and L),
// cross-attention with different query and key lengths, distinct key and
// value tensors and a u8 key padding mask (4 heads), and attention without
// biases (1 head) with a float mask holding -inf; compared with
// nn.MultiheadAttention(batch_first=True) at eval (tolerance 1e-4 of
// max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_attention > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_attention %t.out | FileCheck %s
// CHECK: nn_attention: 3 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @self_attention(%x: tensor<?x?x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>,
                          %ow: tensor<8x8xf32>, %ob: tensor<8xf32>) {
  %0 = mm.multihead_attention %x, %x, %x, %w, %b, %ow, %ob {num_heads = 2 : i64}
      : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>,
         tensor<8x8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  %1 = tensor.cast %0 : tensor<?x?x8xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x5x8xf32>
  %xd = tensor.cast %x : tensor<2x5x8xf32> to tensor<?x?x8xf32>
  %saw = call @in_sa_in_proj_weight() : () -> tensor<24x8xf32>
  %sab = call @in_sa_in_proj_bias() : () -> tensor<24xf32>
  %saow = call @in_sa_out_proj_weight() : () -> tensor<8x8xf32>
  %saob = call @in_sa_out_proj_bias() : () -> tensor<8xf32>
  call @self_attention(%xd, %saw, %sab, %saow, %saob)
      : (tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> ()

  %q = call @in_q() : () -> tensor<2x3x8xf32>
  %k = call @in_k() : () -> tensor<2x6x8xf32>
  %v = call @in_v() : () -> tensor<2x6x8xf32>
  %mask = call @in_mask() : () -> tensor<2x6xui8>
  %caw = call @in_ca_in_proj_weight() : () -> tensor<24x8xf32>
  %cab = call @in_ca_in_proj_bias() : () -> tensor<24xf32>
  %caow = call @in_ca_out_proj_weight() : () -> tensor<8x8xf32>
  %caob = call @in_ca_out_proj_bias() : () -> tensor<8xf32>
  %0 = mm.multihead_attention %q, %k, %v, %caw, %cab, %caow, %caob, %mask
      {num_heads = 4 : i64, has_key_padding_mask = true}
      : (tensor<2x3x8xf32>, tensor<2x6x8xf32>, tensor<2x6x8xf32>, tensor<24x8xf32>, tensor<24xf32>,
         tensor<8x8xf32>, tensor<8xf32>, tensor<2x6xui8>) -> tensor<2x3x8xf32>
  %1 = tensor.cast %0 : tensor<2x3x8xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()

  %q1 = call @in_q1() : () -> tensor<1x4x6xf32>
  %kv1 = call @in_kv1() : () -> tensor<1x5x6xf32>
  %fmask = call @in_fmask() : () -> tensor<1x5xf32>
  %nbw = call @in_nb_in_proj_weight() : () -> tensor<18x6xf32>
  %nbow = call @in_nb_out_proj_weight() : () -> tensor<6x6xf32>
  %2 = mm.multihead_attention %q1, %kv1, %kv1, %nbw, %nbow, %fmask
      {num_heads = 1 : i64, bias = false, has_key_padding_mask = true}
      : (tensor<1x4x6xf32>, tensor<1x5x6xf32>, tensor<1x5x6xf32>, tensor<18x6xf32>, tensor<6x6xf32>,
         tensor<1x5xf32>) -> tensor<1x4x6xf32>
  %3 = tensor.cast %2 : tensor<1x4x6xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  return
}
