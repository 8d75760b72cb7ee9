// Matmul, linear and batched products with sizes across the register tiles
// of mm-vectorize-contractions (full tiles, leftover rows in smaller tiles,
// a masked tile of columns, dynamic rows and batch, accumulators started
// from a fill or a bias, transposed copies of the weights, linears of
// transposed inputs), and exp and
// GELU (the inline approximations of mm-approximate-math), run through the
// whole pipeline with the default tile (4 x 16), the AVX one (6 x 16) and
// the AVX-512 one (8 x 32), and compared with PyTorch (tolerance 1e-4 of
// max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen matmul_tiles > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check matmul_tiles %t.out | FileCheck %s
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg \
// RUN:     --mm-linalg-to-llvm-pipeline="tile-m=6 tile-n=16" \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.6x16.out
// RUN: %python %S/Inputs/lowering_ref.py check matmul_tiles %t.6x16.out | FileCheck %s
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg \
// RUN:     --mm-linalg-to-llvm-pipeline="tile-m=8 tile-n=32" \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.8x32.out
// RUN: %python %S/Inputs/lowering_ref.py check matmul_tiles %t.8x32.out | FileCheck %s
// CHECK: matmul_tiles: 10 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @products(%x: tensor<?x37xf32>, %w: tensor<35x37xf32>, %bias: tensor<35xf32>,
                    %m: tensor<37x35xf32>, %a: tensor<?x?x37xf32>) {
  %0 = mm.linear %x, %w, %bias : (tensor<?x37xf32>, tensor<35x37xf32>, tensor<35xf32>) -> tensor<?x35xf32>
  %1 = tensor.cast %0 : tensor<?x35xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %2 = mm.matmul %x, %m : (tensor<?x37xf32>, tensor<37x35xf32>) -> tensor<?x35xf32>
  %3 = tensor.cast %2 : tensor<?x35xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  %4 = mm.matmul %a, %m : (tensor<?x?x37xf32>, tensor<37x35xf32>) -> tensor<?x?x35xf32>
  %5 = tensor.cast %4 : tensor<?x?x35xf32> to tensor<*xf32>
  call @printMemrefF32(%5) : (tensor<*xf32>) -> ()
  %6 = mm.linear %a, %w : (tensor<?x?x37xf32>, tensor<35x37xf32>) -> tensor<?x?x35xf32>
  %7 = tensor.cast %6 : tensor<?x?x35xf32> to tensor<*xf32>
  call @printMemrefF32(%7) : (tensor<*xf32>) -> ()
  return
}

func.func @more(%y: tensor<?x48xf32>, %v: tensor<33x48xf32>, %vb: tensor<33xf32>,
                %p: tensor<48x64xf32>, %z: tensor<?x48x15xf32>) {
  %0 = mm.linear %y, %v, %vb : (tensor<?x48xf32>, tensor<33x48xf32>, tensor<33xf32>) -> tensor<?x33xf32>
  %1 = tensor.cast %0 : tensor<?x33xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %2 = mm.matmul %y, %p : (tensor<?x48xf32>, tensor<48x64xf32>) -> tensor<?x64xf32>
  %3 = tensor.cast %2 : tensor<?x64xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  // Linears of transposed inputs (read in place, no transposed copy).
  %t = mm.transpose %z {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x48x15xf32> -> tensor<?x15x48xf32>
  %4 = mm.linear %t, %v, %vb : (tensor<?x15x48xf32>, tensor<33x48xf32>, tensor<33xf32>) -> tensor<?x15x33xf32>
  %5 = tensor.cast %4 : tensor<?x15x33xf32> to tensor<*xf32>
  call @printMemrefF32(%5) : (tensor<*xf32>) -> ()
  %pt = mm.transpose %p {dim0 = 1 : i64, dim1 = 0 : i64} : tensor<48x64xf32> -> tensor<64x48xf32>
  %6 = mm.linear %pt, %v : (tensor<64x48xf32>, tensor<33x48xf32>) -> tensor<64x33xf32>
  %7 = tensor.cast %6 : tensor<64x33xf32> to tensor<*xf32>
  call @printMemrefF32(%7) : (tensor<*xf32>) -> ()
  return
}

func.func @functions(%h: tensor<?x40xf32>) {
  %0 = mm.exp %h : tensor<?x40xf32>
  %1 = tensor.cast %0 : tensor<?x40xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %2 = mm.gelu %h : tensor<?x40xf32>
  %3 = tensor.cast %2 : tensor<?x40xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = call @in_x() : () -> tensor<9x37xf32>
  %dx = tensor.cast %x : tensor<9x37xf32> to tensor<?x37xf32>
  %w = call @in_w() : () -> tensor<35x37xf32>
  %bias = call @in_bias() : () -> tensor<35xf32>
  %m = call @in_m() : () -> tensor<37x35xf32>
  %a = call @in_a() : () -> tensor<3x9x37xf32>
  %da = tensor.cast %a : tensor<3x9x37xf32> to tensor<?x?x37xf32>
  call @products(%dx, %w, %bias, %m, %da) : (tensor<?x37xf32>, tensor<35x37xf32>, tensor<35xf32>, tensor<37x35xf32>, tensor<?x?x37xf32>) -> ()
  %y = call @in_y() : () -> tensor<15x48xf32>
  %dy = tensor.cast %y : tensor<15x48xf32> to tensor<?x48xf32>
  %v = call @in_v() : () -> tensor<33x48xf32>
  %vb = call @in_vb() : () -> tensor<33xf32>
  %p = call @in_p() : () -> tensor<48x64xf32>
  %z = call @in_z() : () -> tensor<2x48x15xf32>
  %dz = tensor.cast %z : tensor<2x48x15xf32> to tensor<?x48x15xf32>
  call @more(%dy, %v, %vb, %p, %dz) : (tensor<?x48xf32>, tensor<33x48xf32>, tensor<33xf32>, tensor<48x64xf32>, tensor<?x48x15xf32>) -> ()
  %h = call @in_h() : () -> tensor<9x40xf32>
  %dh = tensor.cast %h : tensor<9x40xf32> to tensor<?x40xf32>
  call @functions(%dh) : (tensor<?x40xf32>) -> ()
  return
}
