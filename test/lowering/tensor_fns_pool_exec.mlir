// max_pool2d (stride, padding, dilation, ceil_mode, also where PyTorch drops
// a last window that would start in the padding), avg_pool2d (with and
// without count_include_pad, ceil_mode windows clipped at the padded edge)
// and adaptive_avg_pool2d (uneven windows, identity, upsampling), on
// [N, C, H, W] and [C, H, W], static and dynamic sizes, run and compared with
// PyTorch (tolerance 1e-4 of max|ref|, Inputs/tensor_fns_ref.py).
// RUN: %python %S/Inputs/tensor_fns_ref.py gen tensor_fns_pool > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/tensor_fns_ref.py check tensor_fns_pool %t.out | FileCheck %s
// CHECK: tensor_fns_pool: 17 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @print4(%t: tensor<?x?x?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @print3(%t: tensor<?x?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @max_pools(%x: tensor<2x3x7x9xf32>, %dx: tensor<?x3x?x?xf32>, %y: tensor<3x5x5xf32>,
                     %dy: tensor<3x?x?xf32>) {
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>} : tensor<2x3x7x9xf32> -> tensor<2x3x3x4xf32>
  %c0 = tensor.cast %0 : tensor<2x3x3x4xf32> to tensor<?x?x?x?xf32>
  call @print4(%c0) : (tensor<?x?x?x?xf32>) -> ()
  %1 = mm.max_pool2d %dx {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %c1 = tensor.cast %1 : tensor<?x3x?x?xf32> to tensor<?x?x?x?xf32>
  call @print4(%c1) : (tensor<?x?x?x?xf32>) -> ()
  %2 = mm.max_pool2d %x {kernel_size = array<i64: 3, 2>, stride = array<i64: 2, 1>,
      padding = array<i64: 1, 0>, dilation = array<i64: 2, 1>} : tensor<2x3x7x9xf32> -> tensor<2x3x3x8xf32>
  %c2 = tensor.cast %2 : tensor<2x3x3x8xf32> to tensor<?x?x?x?xf32>
  call @print4(%c2) : (tensor<?x?x?x?xf32>) -> ()
  %3 = mm.max_pool2d %dx {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = true}
      : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %c3 = tensor.cast %3 : tensor<?x3x?x?xf32> to tensor<?x?x?x?xf32>
  call @print4(%c3) : (tensor<?x?x?x?xf32>) -> ()
  %4 = mm.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 3, 3>,
      padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, ceil_mode = true}
      : tensor<2x3x7x9xf32> -> tensor<2x3x3x4xf32>
  %c4 = tensor.cast %4 : tensor<2x3x3x4xf32> to tensor<?x?x?x?xf32>
  call @print4(%c4) : (tensor<?x?x?x?xf32>) -> ()
  %5 = mm.max_pool2d %y {kernel_size = array<i64: 3, 3>, stride = array<i64: 3, 3>,
      padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, ceil_mode = true}
      : tensor<3x5x5xf32> -> tensor<3x2x2xf32>
  %c5 = tensor.cast %5 : tensor<3x2x2xf32> to tensor<?x?x?xf32>
  call @print3(%c5) : (tensor<?x?x?xf32>) -> ()
  %6 = mm.max_pool2d %dy {kernel_size = array<i64: 3, 3>, stride = array<i64: 3, 3>,
      padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>, ceil_mode = true}
      : tensor<3x?x?xf32> -> tensor<3x?x?xf32>
  %c6 = tensor.cast %6 : tensor<3x?x?xf32> to tensor<?x?x?xf32>
  call @print3(%c6) : (tensor<?x?x?xf32>) -> ()
  return
}

func.func @avg_pools(%x: tensor<2x3x7x9xf32>, %dx: tensor<?x3x?x?xf32>, %y: tensor<3x5x5xf32>) {
  %0 = mm.avg_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 1, 1>} : tensor<2x3x7x9xf32> -> tensor<2x3x4x5xf32>
  %c0 = tensor.cast %0 : tensor<2x3x4x5xf32> to tensor<?x?x?x?xf32>
  call @print4(%c0) : (tensor<?x?x?x?xf32>) -> ()
  %1 = mm.avg_pool2d %dx {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 1, 1>, count_include_pad = false} : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %c1 = tensor.cast %1 : tensor<?x3x?x?xf32> to tensor<?x?x?x?xf32>
  call @print4(%c1) : (tensor<?x?x?x?xf32>) -> ()
  %2 = mm.avg_pool2d %x {kernel_size = array<i64: 2, 4>, stride = array<i64: 3, 2>,
      padding = array<i64: 1, 2>, ceil_mode = true} : tensor<2x3x7x9xf32> -> tensor<2x3x3x6xf32>
  %c2 = tensor.cast %2 : tensor<2x3x3x6xf32> to tensor<?x?x?x?xf32>
  call @print4(%c2) : (tensor<?x?x?x?xf32>) -> ()
  %3 = mm.avg_pool2d %dx {kernel_size = array<i64: 2, 4>, stride = array<i64: 3, 2>,
      padding = array<i64: 1, 2>, ceil_mode = true, count_include_pad = false}
      : tensor<?x3x?x?xf32> -> tensor<?x3x?x?xf32>
  %c3 = tensor.cast %3 : tensor<?x3x?x?xf32> to tensor<?x?x?x?xf32>
  call @print4(%c3) : (tensor<?x?x?x?xf32>) -> ()
  %4 = mm.avg_pool2d %y {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>} : tensor<3x5x5xf32> -> tensor<3x2x2xf32>
  %c4 = tensor.cast %4 : tensor<3x2x2xf32> to tensor<?x?x?xf32>
  call @print3(%c4) : (tensor<?x?x?xf32>) -> ()
  return
}

func.func @adaptive_pools(%x: tensor<2x3x7x9xf32>, %ddx: tensor<?x3x?x?xf32>, %y: tensor<3x5x5xf32>) {
  %0 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 1, 1>} : tensor<2x3x7x9xf32> -> tensor<2x3x1x1xf32>
  %c0 = tensor.cast %0 : tensor<2x3x1x1xf32> to tensor<?x?x?x?xf32>
  call @print4(%c0) : (tensor<?x?x?x?xf32>) -> ()
  %1 = mm.adaptive_avg_pool2d %ddx {output_size = array<i64: 3, 4>} : tensor<?x3x?x?xf32> -> tensor<?x3x3x4xf32>
  %c1 = tensor.cast %1 : tensor<?x3x3x4xf32> to tensor<?x?x?x?xf32>
  call @print4(%c1) : (tensor<?x?x?x?xf32>) -> ()
  %2 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 7, 9>} : tensor<2x3x7x9xf32> -> tensor<2x3x7x9xf32>
  %c2 = tensor.cast %2 : tensor<2x3x7x9xf32> to tensor<?x?x?x?xf32>
  call @print4(%c2) : (tensor<?x?x?x?xf32>) -> ()
  %3 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 10, 12>} : tensor<2x3x7x9xf32> -> tensor<2x3x10x12xf32>
  %c3 = tensor.cast %3 : tensor<2x3x10x12xf32> to tensor<?x?x?x?xf32>
  call @print4(%c3) : (tensor<?x?x?x?xf32>) -> ()
  %4 = mm.adaptive_avg_pool2d %y {output_size = array<i64: 2, 3>} : tensor<3x5x5xf32> -> tensor<3x2x3xf32>
  %c4 = tensor.cast %4 : tensor<3x2x3xf32> to tensor<?x?x?xf32>
  call @print3(%c4) : (tensor<?x?x?xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<2x3x7x9xf32>
  %y = call @in_y() : () -> tensor<3x5x5xf32>
  %dx = tensor.cast %x : tensor<2x3x7x9xf32> to tensor<?x3x?x?xf32>
  %dy = tensor.cast %y : tensor<3x5x5xf32> to tensor<3x?x?xf32>
  call @max_pools(%x, %dx, %y, %dy)
      : (tensor<2x3x7x9xf32>, tensor<?x3x?x?xf32>, tensor<3x5x5xf32>, tensor<3x?x?xf32>) -> ()
  call @avg_pools(%x, %dx, %y) : (tensor<2x3x7x9xf32>, tensor<?x3x?x?xf32>, tensor<3x5x5xf32>) -> ()
  call @adaptive_pools(%x, %dx, %y) : (tensor<2x3x7x9xf32>, tensor<?x3x?x?xf32>, tensor<3x5x5xf32>) -> ()
  return
}
