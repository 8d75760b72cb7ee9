// Elementwise ops and NumPy broadcasting, run and compared with PyTorch
// (tolerance 1e-4 of max|ref| per tensor, see Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen elementwise > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check elementwise %t.out | FileCheck %s
// CHECK: elementwise: 19 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})
func.func private @printMemrefI64(tensor<*xi64> {bufferization.access = "read"})

func.func @print3(%t: tensor<2x3x4xf32>) {
  %u = tensor.cast %t : tensor<2x3x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @static_ops() {
  %a = call @in_a() : () -> tensor<2x3x4xf32>
  %v = call @in_v() : () -> tensor<4xf32>
  %b = call @in_b() : () -> tensor<2x1x4xf32>
  %c = call @in_c() : () -> tensor<3x1xf32>
  %s = call @in_s() : () -> tensor<f32>

  %add = mm.add %a, %v : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  call @print3(%add) : (tensor<2x3x4xf32>) -> ()
  %mul = mm.mul %b, %c : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  call @print3(%mul) : (tensor<2x3x4xf32>) -> ()
  %div = mm.div %a, %s : (tensor<2x3x4xf32>, tensor<f32>) -> tensor<2x3x4xf32>
  call @print3(%div) : (tensor<2x3x4xf32>) -> ()
  %div2 = mm.div %s, %v : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %div2u = tensor.cast %div2 : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%div2u) : (tensor<*xf32>) -> ()
  return
}

// Dynamic dimensions: the sizes come from tensor.dim at run time.
func.func @dynamic_ops(%d: tensor<?x3xf32>, %e: tensor<1x3xf32>) {
  %sub = mm.sub %d, %e : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  %u = tensor.cast %sub : tensor<?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @unary_ops(%a: tensor<2x3x4xf32>) {
  %relu = mm.relu %a : tensor<2x3x4xf32>
  call @print3(%relu) : (tensor<2x3x4xf32>) -> ()
  %sigmoid = mm.sigmoid %a : tensor<2x3x4xf32>
  call @print3(%sigmoid) : (tensor<2x3x4xf32>) -> ()
  %tanh = mm.tanh %a : tensor<2x3x4xf32>
  call @print3(%tanh) : (tensor<2x3x4xf32>) -> ()
  %exp = mm.exp %a : tensor<2x3x4xf32>
  call @print3(%exp) : (tensor<2x3x4xf32>) -> ()
  %abs = mm.abs %a : tensor<2x3x4xf32>
  %log = mm.log %abs : tensor<2x3x4xf32>
  call @print3(%log) : (tensor<2x3x4xf32>) -> ()
  %sqrt = mm.sqrt %abs : tensor<2x3x4xf32>
  call @print3(%sqrt) : (tensor<2x3x4xf32>) -> ()
  %neg = mm.neg %a : tensor<2x3x4xf32>
  call @print3(%neg) : (tensor<2x3x4xf32>) -> ()
  %silu = mm.silu %a : tensor<2x3x4xf32>
  call @print3(%silu) : (tensor<2x3x4xf32>) -> ()
  %gelu = mm.gelu %a : tensor<2x3x4xf32>
  call @print3(%gelu) : (tensor<2x3x4xf32>) -> ()
  %gelut = mm.gelu %a {approximate = "tanh"} : tensor<2x3x4xf32>
  call @print3(%gelut) : (tensor<2x3x4xf32>) -> ()
  %clamp = mm.clamp %a {min = -0.3 : f64, max = 0.5 : f64} : tensor<2x3x4xf32>
  call @print3(%clamp) : (tensor<2x3x4xf32>) -> ()
  %clampmin = mm.clamp %a {min = 0.1 : f64} : tensor<2x3x4xf32>
  call @print3(%clampmin) : (tensor<2x3x4xf32>) -> ()
  return
}

func.func @dynamic_clamp(%d: tensor<?x3xf32>) {
  %clamp = mm.clamp %d {max = -0.2 : f64} : tensor<?x3xf32>
  %u = tensor.cast %clamp : tensor<?x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @integer_ops(%i: tensor<2x3xi64>, %j: tensor<3xi64>) {
  %add = mm.add %i, %j : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %u = tensor.cast %add : tensor<2x3xi64> to tensor<*xi64>
  call @printMemrefI64(%u) : (tensor<*xi64>) -> ()
  return
}

func.func @main() {
  call @static_ops() : () -> ()
  %d = call @in_d() : () -> tensor<5x3xf32>
  %dd = tensor.cast %d : tensor<5x3xf32> to tensor<?x3xf32>
  %e = call @in_e() : () -> tensor<1x3xf32>
  call @dynamic_ops(%dd, %e) : (tensor<?x3xf32>, tensor<1x3xf32>) -> ()
  %a = call @in_a() : () -> tensor<2x3x4xf32>
  call @unary_ops(%a) : (tensor<2x3x4xf32>) -> ()
  call @dynamic_clamp(%dd) : (tensor<?x3xf32>) -> ()
  %i = call @in_i() : () -> tensor<2x3xi64>
  %j = call @in_j() : () -> tensor<3xi64>
  call @integer_ops(%i, %j) : (tensor<2x3xi64>, tensor<3xi64>) -> ()
  return
}
