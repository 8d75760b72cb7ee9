// gru: 2 layers bidirectional with dynamic B and T (T = 5 and T = 1), and
// 1 layer unidirectional with static shapes; output and h_n compared with
// torch.nn.GRU (tolerance 1e-4 of max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_gru > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_gru %t.out | FileCheck %s
// CHECK: nn_gru: 6 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @bidirectional(%x: tensor<?x?x3xf32>,
    %wih0: tensor<12x3xf32>, %whh0: tensor<12x4xf32>, %bih0: tensor<12xf32>, %bhh0: tensor<12xf32>,
    %wih0r: tensor<12x3xf32>, %whh0r: tensor<12x4xf32>, %bih0r: tensor<12xf32>, %bhh0r: tensor<12xf32>,
    %wih1: tensor<12x8xf32>, %whh1: tensor<12x4xf32>, %bih1: tensor<12xf32>, %bhh1: tensor<12xf32>,
    %wih1r: tensor<12x8xf32>, %whh1r: tensor<12x4xf32>, %bih1r: tensor<12xf32>, %bhh1r: tensor<12xf32>) {
  %out, %h = mm.gru %x, %wih0, %whh0, %bih0, %bhh0, %wih0r, %whh0r, %bih0r, %bhh0r,
      %wih1, %whh1, %bih1, %bhh1, %wih1r, %whh1r, %bih1r, %bhh1r
      {hidden_size = 4 : i64, num_layers = 2 : i64, bidirectional = true}
      : (tensor<?x?x3xf32>, tensor<12x3xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<12x3xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<12x8xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<12x8xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      -> (tensor<?x?x8xf32>, tensor<4x?x4xf32>)
  %0 = tensor.cast %out : tensor<?x?x8xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %1 = tensor.cast %h : tensor<4x?x4xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @run_bidirectional(%x: tensor<?x?x3xf32>) {
  %wih0 = call @in_bi_weight_ih_l0() : () -> tensor<12x3xf32>
  %whh0 = call @in_bi_weight_hh_l0() : () -> tensor<12x4xf32>
  %bih0 = call @in_bi_bias_ih_l0() : () -> tensor<12xf32>
  %bhh0 = call @in_bi_bias_hh_l0() : () -> tensor<12xf32>
  %wih0r = call @in_bi_weight_ih_l0_reverse() : () -> tensor<12x3xf32>
  %whh0r = call @in_bi_weight_hh_l0_reverse() : () -> tensor<12x4xf32>
  %bih0r = call @in_bi_bias_ih_l0_reverse() : () -> tensor<12xf32>
  %bhh0r = call @in_bi_bias_hh_l0_reverse() : () -> tensor<12xf32>
  %wih1 = call @in_bi_weight_ih_l1() : () -> tensor<12x8xf32>
  %whh1 = call @in_bi_weight_hh_l1() : () -> tensor<12x4xf32>
  %bih1 = call @in_bi_bias_ih_l1() : () -> tensor<12xf32>
  %bhh1 = call @in_bi_bias_hh_l1() : () -> tensor<12xf32>
  %wih1r = call @in_bi_weight_ih_l1_reverse() : () -> tensor<12x8xf32>
  %whh1r = call @in_bi_weight_hh_l1_reverse() : () -> tensor<12x4xf32>
  %bih1r = call @in_bi_bias_ih_l1_reverse() : () -> tensor<12xf32>
  %bhh1r = call @in_bi_bias_hh_l1_reverse() : () -> tensor<12xf32>
  call @bidirectional(%x, %wih0, %whh0, %bih0, %bhh0, %wih0r, %whh0r, %bih0r, %bhh0r,
                      %wih1, %whh1, %bih1, %bhh1, %wih1r, %whh1r, %bih1r, %bhh1r)
      : (tensor<?x?x3xf32>, tensor<12x3xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<12x3xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<12x8xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<12x8xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>) -> ()
  return
}

func.func @unidirectional() {
  %x = call @in_x34() : () -> tensor<3x4x3xf32>
  %wih = call @in_uni_weight_ih_l0() : () -> tensor<15x3xf32>
  %whh = call @in_uni_weight_hh_l0() : () -> tensor<15x5xf32>
  %bih = call @in_uni_bias_ih_l0() : () -> tensor<15xf32>
  %bhh = call @in_uni_bias_hh_l0() : () -> tensor<15xf32>
  %out, %h = mm.gru %x, %wih, %whh, %bih, %bhh {hidden_size = 5 : i64}
      : (tensor<3x4x3xf32>, tensor<15x3xf32>, tensor<15x5xf32>, tensor<15xf32>, tensor<15xf32>)
      -> (tensor<3x4x5xf32>, tensor<1x3x5xf32>)
  %0 = tensor.cast %out : tensor<3x4x5xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %1 = tensor.cast %h : tensor<1x3x5xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x5 = call @in_x5() : () -> tensor<2x5x3xf32>
  %d5 = tensor.cast %x5 : tensor<2x5x3xf32> to tensor<?x?x3xf32>
  call @run_bidirectional(%d5) : (tensor<?x?x3xf32>) -> ()
  %x1 = call @in_x1() : () -> tensor<2x1x3xf32>
  %d1 = tensor.cast %x1 : tensor<2x1x3xf32> to tensor<?x?x3xf32>
  call @run_bidirectional(%d1) : (tensor<?x?x3xf32>) -> ()
  call @unidirectional() : () -> ()
  return
}
