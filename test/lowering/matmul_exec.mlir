// matmul (every rank combination, broadcast batch) and linear, run and
// compared with PyTorch (tolerance 1e-4 of max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen matmul > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check matmul %t.out | FileCheck %s
// CHECK: matmul: 13 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @static_ops() {
  %v4 = call @in_v4() : () -> tensor<4xf32>
  %w4 = call @in_w4() : () -> tensor<4xf32>
  %u3 = call @in_u3() : () -> tensor<3xf32>
  %m34 = call @in_m34() : () -> tensor<3x4xf32>
  %n45 = call @in_n45() : () -> tensor<4x5xf32>
  %b234 = call @in_b234() : () -> tensor<2x3x4xf32>
  %q142 = call @in_q142() : () -> tensor<1x4x2xf32>
  %p245 = call @in_p245() : () -> tensor<2x4x5xf32>

  %dot = mm.matmul %v4, %w4 : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  %0 = tensor.cast %dot : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %mv = mm.matmul %m34, %v4 : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  %1 = tensor.cast %mv : tensor<3xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %vm = mm.matmul %u3, %m34 : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  %2 = tensor.cast %vm : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  %mm = mm.matmul %m34, %n45 : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %3 = tensor.cast %mm : tensor<3x5xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  %bm = mm.matmul %b234, %n45 : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %4 = tensor.cast %bm : tensor<2x3x5xf32> to tensor<*xf32>
  call @printMemrefF32(%4) : (tensor<*xf32>) -> ()
  %bb = mm.matmul %b234, %q142 : (tensor<2x3x4xf32>, tensor<1x4x2xf32>) -> tensor<2x3x2xf32>
  %5 = tensor.cast %bb : tensor<2x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%5) : (tensor<*xf32>) -> ()
  %bv = mm.matmul %b234, %v4 : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  %6 = tensor.cast %bv : tensor<2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%6) : (tensor<*xf32>) -> ()
  %vb = mm.matmul %w4, %p245 : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
  %7 = tensor.cast %vb : tensor<2x5xf32> to tensor<*xf32>
  call @printMemrefF32(%7) : (tensor<*xf32>) -> ()
  return
}

func.func @dynamic_ops(%d64: tensor<?x4xf32>, %n45: tensor<4x5xf32>, %b: tensor<?x3x4xf32>,
                       %p: tensor<?x4x5xf32>) {
  %mm = mm.matmul %d64, %n45 : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
  %0 = tensor.cast %mm : tensor<?x5xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %bb = mm.matmul %b, %p : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x3x5xf32>
  %1 = tensor.cast %bb : tensor<?x3x5xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @linear_ops(%v4: tensor<4xf32>, %d64: tensor<?x4xf32>, %x: tensor<?x?x4xf32>,
                      %w: tensor<5x4xf32>, %b: tensor<5xf32>) {
  %l1 = mm.linear %v4, %w, %b : (tensor<4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<5xf32>
  %0 = tensor.cast %l1 : tensor<5xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %l2 = mm.linear %d64, %w, %b : (tensor<?x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<?x5xf32>
  %1 = tensor.cast %l2 : tensor<?x5xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %l3 = mm.linear %x, %w : (tensor<?x?x4xf32>, tensor<5x4xf32>) -> tensor<?x?x5xf32>
  %2 = tensor.cast %l3 : tensor<?x?x5xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @static_ops() : () -> ()
  %d64 = call @in_d64() : () -> tensor<6x4xf32>
  %dd64 = tensor.cast %d64 : tensor<6x4xf32> to tensor<?x4xf32>
  %n45 = call @in_n45() : () -> tensor<4x5xf32>
  %b234 = call @in_b234() : () -> tensor<2x3x4xf32>
  %db = tensor.cast %b234 : tensor<2x3x4xf32> to tensor<?x3x4xf32>
  %p245 = call @in_p245() : () -> tensor<2x4x5xf32>
  %dp = tensor.cast %p245 : tensor<2x4x5xf32> to tensor<?x4x5xf32>
  call @dynamic_ops(%dd64, %n45, %db, %dp)
      : (tensor<?x4xf32>, tensor<4x5xf32>, tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> ()
  %v4 = call @in_v4() : () -> tensor<4xf32>
  %x = call @in_x234() : () -> tensor<2x3x4xf32>
  %dx = tensor.cast %x : tensor<2x3x4xf32> to tensor<?x?x4xf32>
  %w = call @in_lw() : () -> tensor<5x4xf32>
  %b = call @in_lb() : () -> tensor<5xf32>
  call @linear_ops(%v4, %dd64, %dx, %w, %b)
      : (tensor<4xf32>, tensor<?x4xf32>, tensor<?x?x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> ()
  return
}
