// spectrogram: n_fft 400 and 512 (window shorter than n_fft), hops that do
// not divide the length, power 1, 2 and 3, normalized, pad, pad_mode
// reflect/constant/replicate, center false, rank 1 to 3 inputs, dynamic
// batch and length; run and compared with torchaudio.transforms.Spectrogram
// (tolerance 1e-4 of max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen spectrogram > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check spectrogram %t.out | FileCheck %s
// CHECK: spectrogram: 6 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @s0(%x: tensor<?x?xf32>) {
  %s = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 160 : i64}
      : tensor<?x?xf32> -> tensor<?x201x?xf32>
  %0 = tensor.cast %s : tensor<?x201x?xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  return
}

func.func @static_ops() {
  %x1 = call @in_s1() : () -> tensor<1100xf32>
  %s1 = mm.spectrogram %x1 {n_fft = 512 : i64, win_length = 400 : i64, hop_length = 128 : i64,
                            power = 1.0 : f64, normalized = true}
      : tensor<1100xf32> -> tensor<257x9xf32>
  %0 = tensor.cast %s1 : tensor<257x9xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %x2 = call @in_s2() : () -> tensor<2x1x150xf32>
  %s2 = mm.spectrogram %x2 {n_fft = 64 : i64, win_length = 48 : i64, hop_length = 20 : i64,
                            pad = 3 : i64, pad_mode = "constant"}
      : tensor<2x1x150xf32> -> tensor<2x1x33x8xf32>
  %1 = tensor.cast %s2 : tensor<2x1x33x8xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  %x3 = call @in_s3() : () -> tensor<150xf32>
  %s3 = mm.spectrogram %x3 {n_fft = 64 : i64, win_length = 64 : i64, hop_length = 16 : i64,
                            pad_mode = "replicate", power = 3.0 : f64}
      : tensor<150xf32> -> tensor<33x10xf32>
  %2 = tensor.cast %s3 : tensor<33x10xf32> to tensor<*xf32>
  call @printMemrefF32(%2) : (tensor<*xf32>) -> ()
  return
}

func.func @s4(%x: tensor<2x?xf32>) {
  %s = mm.spectrogram %x {n_fft = 64 : i64, win_length = 64 : i64, hop_length = 20 : i64,
                          center = false}
      : tensor<2x?xf32> -> tensor<2x33x?xf32>
  %0 = tensor.cast %s : tensor<2x33x?xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  return
}

func.func @s5(%x: tensor<1x?xf32>) {
  %s = mm.spectrogram %x {n_fft = 512 : i64, win_length = 400 : i64, hop_length = 128 : i64,
                          pad = 5 : i64}
      : tensor<1x?xf32> -> tensor<1x257x?xf32>
  %0 = tensor.cast %s : tensor<1x257x?xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x0 = call @in_s0() : () -> tensor<2x1000xf32>
  %d0 = tensor.cast %x0 : tensor<2x1000xf32> to tensor<?x?xf32>
  call @s0(%d0) : (tensor<?x?xf32>) -> ()
  call @static_ops() : () -> ()
  %x4 = call @in_s4() : () -> tensor<2x150xf32>
  %d4 = tensor.cast %x4 : tensor<2x150xf32> to tensor<2x?xf32>
  call @s4(%d4) : (tensor<2x?xf32>) -> ()
  %x5 = call @in_s5() : () -> tensor<1x1100xf32>
  %d5 = tensor.cast %x5 : tensor<1x1100xf32> to tensor<1x?xf32>
  call @s5(%d5) : (tensor<1x?xf32>) -> ()
  return
}
