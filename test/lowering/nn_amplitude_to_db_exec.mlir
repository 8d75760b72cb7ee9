// amplitude_to_db: power and magnitude, without top_db and with top_db on
// ranks 2 (one example), 3 (one example), 4 (per batch entry) and 5 (per
// entry of the two leading dimensions), inputs over 12 decades with zeros
// (clamped to amin); compared with torchaudio.transforms.AmplitudeToDB
// (tolerance 1e-4 of max|ref|, Inputs/nn_ref.py).
// RUN: %python %S/Inputs/nn_ref.py gen nn_amplitude_to_db > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/nn_ref.py check nn_amplitude_to_db %t.out | FileCheck %s
// CHECK: nn_amplitude_to_db: 5 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @power(%x: tensor<?x?xf32>) {
  %0 = mm.amplitude_to_db %x {stype = "power"} : tensor<?x?xf32> -> tensor<?x?xf32>
  %1 = tensor.cast %0 : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @magnitude_per_example(%x: tensor<?x1x?x?xf32>) {
  %0 = mm.amplitude_to_db %x {stype = "magnitude", top_db = 20.0 : f64} : tensor<?x1x?x?xf32> -> tensor<?x1x?x?xf32>
  %1 = tensor.cast %0 : tensor<?x1x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %p2 = call @in_p2() : () -> tensor<3x7xf32>
  %p2d = tensor.cast %p2 : tensor<3x7xf32> to tensor<?x?xf32>
  call @power(%p2d) : (tensor<?x?xf32>) -> ()
  %m4 = call @in_m4() : () -> tensor<2x1x5x6xf32>
  %m4d = tensor.cast %m4 : tensor<2x1x5x6xf32> to tensor<?x1x?x?xf32>
  call @magnitude_per_example(%m4d) : (tensor<?x1x?x?xf32>) -> ()

  %p3 = call @in_p3() : () -> tensor<2x4x5xf32>
  %0 = mm.amplitude_to_db %p3 {top_db = 30.0 : f64} : tensor<2x4x5xf32> -> tensor<2x4x5xf32>
  %1 = tensor.cast %0 : tensor<2x4x5xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %p5 = call @in_p5() : () -> tensor<2x2x1x3x4xf32>
  %2 = mm.amplitude_to_db %p5 {top_db = 10.0 : f64} : tensor<2x2x1x3x4xf32> -> tensor<2x2x1x3x4xf32>
  %3 = tensor.cast %2 : tensor<2x2x1x3x4xf32> to tensor<*xf32>
  call @printMemrefF32(%3) : (tensor<*xf32>) -> ()
  %m2 = call @in_m2() : () -> tensor<4x3xf32>
  %4 = mm.amplitude_to_db %m2 {stype = "magnitude", top_db = 0.0 : f64} : tensor<4x3xf32> -> tensor<4x3xf32>
  %5 = tensor.cast %4 : tensor<4x3xf32> to tensor<*xf32>
  call @printMemrefF32(%5) : (tensor<*xf32>) -> ()
  return
}
