// mel_spectrogram: W1's configuration with dynamic batch and length, n_fft
// 512 with a 400-sample window, slaney scale and norm, f_min/f_max, 8 kHz,
// power 1; run and compared with torchaudio.transforms.MelSpectrogram
// (tolerance 1e-4 of max|ref|, Inputs/lowering_ref.py).
// RUN: %python %S/Inputs/lowering_ref.py gen mel > %t.inputs.mlir
// RUN: cat %s %t.inputs.mlir | mm-opt --convert-mm-to-linalg --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/lowering_ref.py check mel %t.out | FileCheck %s
// CHECK: mel: 3 tensors within tolerance

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

func.func @w1(%x: tensor<?x?xf32>) {
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64,
                              win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64}
      : tensor<?x?xf32> -> tensor<?x64x?xf32>
  %0 = tensor.cast %m : tensor<?x64x?xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  return
}

func.func @static_ops() {
  %x1 = call @in_m1() : () -> tensor<1x2000xf32>
  %m1 = mm.mel_spectrogram %x1 {sample_rate = 16000 : i64, n_fft = 512 : i64,
                                win_length = 400 : i64, hop_length = 160 : i64, n_mels = 80 : i64,
                                f_min = 20.0 : f64, f_max = 7000.0 : f64, norm = "slaney",
                                mel_scale = "slaney"}
      : tensor<1x2000xf32> -> tensor<1x80x13xf32>
  %0 = tensor.cast %m1 : tensor<1x80x13xf32> to tensor<*xf32>
  call @printMemrefF32(%0) : (tensor<*xf32>) -> ()
  %x2 = call @in_m2() : () -> tensor<700xf32>
  %m2 = mm.mel_spectrogram %x2 {sample_rate = 8000 : i64, n_fft = 256 : i64,
                                win_length = 256 : i64, hop_length = 100 : i64, n_mels = 40 : i64,
                                norm = "slaney", power = 1.0 : f64}
      : tensor<700xf32> -> tensor<40x8xf32>
  %1 = tensor.cast %m2 : tensor<40x8xf32> to tensor<*xf32>
  call @printMemrefF32(%1) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x0 = call @in_m0() : () -> tensor<2x1600xf32>
  %d0 = tensor.cast %x0 : tensor<2x1600xf32> to tensor<?x?xf32>
  call @w1(%d0) : (tensor<?x?xf32>) -> ()
  call @static_ops() : () -> ()
  return
}
