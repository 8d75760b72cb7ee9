// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// spectrogram: the frames are gathered by one linalg.generic straight from
// the signal (padding resolved in the index arithmetic, out-of-signal
// positions reading a zero appended to it), the windowed DFT is a matmul
// with a constant [win_length, 2 * (n_fft/2+1)] basis (cos | -sin), the
// power an elementwise generic, and the result is transposed to
// [..., freq, frames]. mel_spectrogram adds a matmul with the constant
// [n_fft/2+1, n_mels] filter bank.

// CHECK-LABEL: func.func @mel_spectrogram$w1
// CHECK-SAME: %[[X:.*]]: tensor<?x16000xf32>
// CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x16001xf32>)
// CHECK: %[[SRC:.*]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0] [%{{.*}}, 16000] [1, 1]
// CHECK: %[[FRAMES:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<?x101x400xf32>)
// CHECK:   %[[ROW:.*]] = linalg.index 0 : index
// CHECK:   %[[F:.*]] = linalg.index 1 : index
// CHECK:   %[[N:.*]] = linalg.index 2 : index
// CHECK:   %[[C200:.*]] = arith.constant -200 : index
// CHECK:   arith.addi %[[N]], %[[C200]] : index
// CHECK:   arith.muli %[[F]], %{{.*}} : index
// Reflection at both ends.
// CHECK:   arith.cmpi slt
// CHECK:   arith.select
// CHECK:   arith.cmpi sgt
// CHECK:   arith.select
// CHECK:   %[[IDX:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : index
// CHECK:   %[[V:.*]] = tensor.extract %[[SRC]][%[[ROW]], %[[IDX]]] : tensor<?x16001xf32>
// CHECK:   linalg.yield %[[V]] : f32
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[FRAMES]] {{\[\[}}0, 1], [2]] : tensor<?x101x400xf32> into tensor<?x400xf32>
// CHECK: %[[BASIS:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<400x402xf32>
// CHECK: %[[DFT:.*]] = linalg.matmul ins(%[[ROWS]], %[[BASIS]] : tensor<?x400xf32>, tensor<400x402xf32>)
// CHECK: %[[RE:.*]] = tensor.extract_slice %[[DFT]][0, 0] [%{{.*}}, 201] [1, 1]
// CHECK: %[[IM:.*]] = tensor.extract_slice %[[DFT]][0, 201] [%{{.*}}, 201] [1, 1]
// CHECK: %[[POWER:.*]] = linalg.generic {{.*}} ins(%[[RE]], %[[IM]] : tensor<?x201xf32>, tensor<?x201xf32>)
// CHECK:   arith.mulf
// CHECK:   arith.mulf
// CHECK:   %[[SQ:.*]] = arith.addf
// CHECK-NOT: math.sqrt
// CHECK:   linalg.yield %[[SQ]] : f32
// CHECK: %[[FB:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<201x64xf32>
// CHECK: %[[MEL:.*]] = linalg.matmul ins(%[[POWER]], %[[FB]] : tensor<?x201xf32>, tensor<201x64xf32>)
// CHECK: %[[PER_BATCH:.*]] = tensor.expand_shape %[[MEL]] {{\[\[}}0, 1], [2]] output_shape [%{{.*}}, 101, 64] : tensor<?x64xf32> into tensor<?x101x64xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[PER_BATCH]] : tensor<?x101x64xf32>) outs(%{{.*}} : tensor<?x64x101xf32>) permutation = [0, 2, 1]
// CHECK: return %[[T]]
func.func @mel_spectrogram$w1(%x: tensor<?x16000xf32>) -> tensor<?x64x101xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64,
                              hop_length = 160 : i64, n_mels = 64 : i64}
      : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  return %m : tensor<?x64x101xf32>
}

// A window shorter than n_fft: only its win_length samples are gathered,
// starting (512 - 400) / 2 = 56 samples into the frame; power 1 is a sqrt;
// a 1-D input gets a unit batch that is dropped at the end.
// CHECK-LABEL: func.func @spectrogram$short_window_magnitude
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 1100] : tensor<1100xf32> into tensor<1x1100xf32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x9x400xf32>)
// CHECK:   arith.constant -200 : index
// CHECK: arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<400x514xf32>
// CHECK: linalg.generic
// CHECK:   math.sqrt
// CHECK: linalg.transpose {{.*}} permutation = [0, 2, 1]
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<1x257x9xf32> into tensor<257x9xf32>
func.func @spectrogram$short_window_magnitude(%x: tensor<1100xf32>) -> tensor<257x9xf32> {
  %s = mm.spectrogram %x {n_fft = 512 : i64, win_length = 400 : i64, hop_length = 128 : i64,
                          power = 1.0 : f64}
      : tensor<1100xf32> -> tensor<257x9xf32>
  return %s : tensor<257x9xf32>
}

// Replicate padding clamps the position; no reflection.
// CHECK-LABEL: func.func @spectrogram$replicate
// CHECK: linalg.generic
// CHECK-NOT: arith.cmpi sgt
// CHECK:   arith.minsi
// CHECK:   arith.maxsi
// CHECK:   tensor.extract
func.func @spectrogram$replicate(%x: tensor<2x150xf32>) -> tensor<2x33x10xf32> {
  %s = mm.spectrogram %x {n_fft = 64 : i64, win_length = 64 : i64, hop_length = 16 : i64,
                          pad_mode = "replicate"}
      : tensor<2x150xf32> -> tensor<2x33x10xf32>
  return %s : tensor<2x33x10xf32>
}

// A dynamic length: frames = L + 2*(n_fft/2) >= n_fft ? 1 + (L + 2*(n_fft/2) - n_fft) / hop : 0.
// CHECK-LABEL: func.func @spectrogram$dynamic_length
// CHECK-SAME: %[[X:.*]]: tensor<?x?xf32>
// CHECK: %[[PADDED:.*]] = arith.addi %{{.*}}, %c64 : index
// CHECK: %[[FITS:.*]] = arith.cmpi sge, %[[PADDED]], %{{.*}} : index
// CHECK: %[[HOPS:.*]] = arith.divsi
// CHECK: %[[COUNT:.*]] = arith.addi %[[HOPS]], %{{.*}} : index
// CHECK: %[[FRAMES:.*]] = arith.select %[[FITS]], %[[COUNT]], %{{.*}} : index
// CHECK: tensor.empty(%{{.*}}, %[[FRAMES]]) : tensor<?x?x64xf32>
func.func @spectrogram$dynamic_length(%x: tensor<?x?xf32>) -> tensor<?x33x?xf32> {
  %s = mm.spectrogram %x {n_fft = 64 : i64, win_length = 64 : i64, hop_length = 20 : i64}
      : tensor<?x?xf32> -> tensor<?x33x?xf32>
  return %s : tensor<?x33x?xf32>
}
