// RUN: mm-opt %s --mm-kernel-calls | FileCheck %s
// mm-kernel-calls: ops with a Halide kernel become a call of a private
// declaration on memrefs (inputs through to_memref read_only, outputs
// allocated by the caller and read back with to_tensor restrict writable);
// the declaration records the generator and its parameters. Configurations
// a kernel lacks are left for convert-mm-to-linalg.

// CHECK-LABEL: func.func @lstm
// CHECK-SAME: %[[X:.*]]: tensor<?x?x128xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[XM:.*]] = bufferization.to_memref %[[X]] read_only : memref<?x?x128xf32, strided<[?, ?, ?], offset: ?>>
// CHECK: %[[OUT:.*]] = memref.alloc(%[[B]], %[[T]]) : memref<?x?x64xf32>
// CHECK: %[[H:.*]] = memref.alloc(%{{.*}}) : memref<1x?x64xf32>
// CHECK: %[[C:.*]] = memref.alloc(%{{.*}}) : memref<1x?x64xf32>
// CHECK: call @[[LSTM:mm_k_lstm_[0-9a-f]+]](
// CHECK-SAME: -> ()
// CHECK: %[[R0:.*]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK: %[[R1:.*]] = bufferization.to_tensor %[[H]] restrict writable
// CHECK: %[[R2:.*]] = bufferization.to_tensor %[[C]] restrict writable
// CHECK: return %[[R0]], %[[R1]], %[[R2]]
// CHECK-NOT: mm.lstm
func.func @lstm(%x: tensor<?x?x128xf32>, %wih: tensor<256x128xf32>, %whh: tensor<256x64xf32>, %bih: tensor<256xf32>, %bhh: tensor<256xf32>) -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>) {
  %out, %h, %c = mm.lstm %x, %wih, %whh, %bih, %bhh {hidden_size = 64 : i64}
      : (tensor<?x?x128xf32>, tensor<256x128xf32>, tensor<256x64xf32>, tensor<256xf32>, tensor<256xf32>)
      -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>)
  return %out, %h, %c : tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>
}

// log(mel(x) + eps) is one kernel call.
// CHECK-LABEL: func.func @mel_log
// CHECK: memref.alloc(%{{.*}}) : memref<?x64x101xf32>
// CHECK: call @[[MEL:mm_k_spectrogram_[0-9a-f]+]](
// CHECK-NOT: mm.add
// CHECK-NOT: mm.log
// CHECK: return
func.func @mel_log(%x: tensor<?x16000xf32>) -> tensor<?x64x101xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64}
      : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  %eps = mm.constant dense<1.0e-06> : tensor<f32>
  %a = mm.add %m, %eps : (tensor<?x64x101xf32>, tensor<f32>) -> tensor<?x64x101xf32>
  %l = mm.log %a : tensor<?x64x101xf32>
  return %l : tensor<?x64x101xf32>
}

// pad != 0: no kernel.
// CHECK-LABEL: func.func @padded
// CHECK: mm.spectrogram
// CHECK-NOT: call
func.func @padded(%x: tensor<?x4000xf32>) -> tensor<?x201x21xf32> {
  %s = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 200 : i64, pad = 8 : i64}
      : tensor<?x4000xf32> -> tensor<?x201x21xf32>
  return %s : tensor<?x201x21xf32>
}

// The projections become mm.linear on row slices of in_proj; the core is
// the kernel, on the [B, T, E] projections (split in heads by the shim).
// Key and value are one tensor: one mm.linear projects it on the rows of
// both, and the kernel reads k and v as column slices of that.
// CHECK-LABEL: func.func @attention
// CHECK-SAME: %[[Q:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[KV:[a-z0-9]+]]: tensor<?x?x8xf32>, %[[W:[a-z0-9]+]]: tensor<24x8xf32>, %[[BIAS:[a-z0-9]+]]: tensor<24xf32>, %[[OW:[a-z0-9]+]]: tensor<8x8xf32>, %[[OB:[a-z0-9]+]]: tensor<8xf32>, %[[MASK:[a-z0-9]+]]: tensor<?x?xui8>
// CHECK: %[[WQ:.*]] = tensor.extract_slice %[[W]][0, 0] [8, 8] [1, 1]
// CHECK: %[[BQ:.*]] = tensor.extract_slice %[[BIAS]][0] [8] [1]
// CHECK: %[[PQ:.*]] = mm.linear %[[Q]], %[[WQ]], %[[BQ]] : {{.*}} -> tensor<?x?x8xf32>
// CHECK: %[[WKV:.*]] = tensor.extract_slice %[[W]][8, 0] [16, 8] [1, 1]
// CHECK: %[[BKV:.*]] = tensor.extract_slice %[[BIAS]][8] [16] [1]
// CHECK: %[[PKV:.*]] = mm.linear %[[KV]], %[[WKV]], %[[BKV]] : {{.*}} -> tensor<?x?x16xf32>
// CHECK: %[[PK:.*]] = tensor.extract_slice %[[PKV]][0, 0, 0] [%{{.*}}, %{{.*}}, 8] [1, 1, 1] : tensor<?x?x16xf32> to tensor<?x?x8xf32>
// CHECK: %[[PV:.*]] = tensor.extract_slice %[[PKV]][0, 0, 8] [%{{.*}}, %{{.*}}, 8] [1, 1, 1] : tensor<?x?x16xf32> to tensor<?x?x8xf32>
// CHECK: bufferization.to_memref %[[PQ]] read_only
// CHECK: bufferization.to_memref %[[PK]] read_only
// CHECK: bufferization.to_memref %[[PV]] read_only
// CHECK: bufferization.to_memref %[[MASK]] read_only : memref<?x?xui8, strided<[?, ?], offset: ?>>
// CHECK: %[[CORE:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?x8xf32>
// CHECK: call @[[ATT:mm_k_attention_[0-9a-f]+]](
// CHECK: %[[CT:.*]] = bufferization.to_tensor %[[CORE]] restrict writable
// CHECK: %[[Y:.*]] = mm.linear %[[CT]], %[[OW]], %[[OB]]
// CHECK: return %[[Y]]
func.func @attention(%q: tensor<?x?x8xf32>, %kv: tensor<?x?x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>,
                     %ow: tensor<8x8xf32>, %ob: tensor<8xf32>, %mask: tensor<?x?xui8>) -> tensor<?x?x8xf32> {
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %b, %ow, %ob, %mask {num_heads = 2 : i64, has_key_padding_mask = true}
      : (tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<?x?xui8>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// Self-attention: one mm.linear on the whole in_proj, q, k and v its three
// column slices (static sizes stay static).
// CHECK-LABEL: func.func @self_attention
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x5x8xf32>, %[[W:[a-z0-9]+]]: tensor<24x8xf32>, %[[BIAS:[a-z0-9]+]]: tensor<24xf32>
// CHECK-NOT: tensor.extract_slice %[[W]]
// CHECK: %[[P:.*]] = mm.linear %[[X]], %[[W]], %[[BIAS]] : {{.*}} -> tensor<2x5x24xf32>
// CHECK: %[[PQ:.*]] = tensor.extract_slice %[[P]][0, 0, 0] [2, 5, 8] [1, 1, 1]
// CHECK: %[[PK:.*]] = tensor.extract_slice %[[P]][0, 0, 8] [2, 5, 8] [1, 1, 1]
// CHECK: %[[PV:.*]] = tensor.extract_slice %[[P]][0, 0, 16] [2, 5, 8] [1, 1, 1]
// CHECK: bufferization.to_memref %[[PQ]] read_only
// CHECK: bufferization.to_memref %[[PK]] read_only
// CHECK: bufferization.to_memref %[[PV]] read_only
// CHECK: call @mm_k_attention_
// CHECK-NOT: mm.multihead_attention
func.func @self_attention(%x: tensor<2x5x8xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>,
                          %ow: tensor<8x8xf32>, %ob: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %0 = mm.multihead_attention %x, %x, %x, %w, %b, %ow, %ob {num_heads = 2 : i64}
      : (tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return %0 : tensor<2x5x8xf32>
}

// The memory is a linear of a narrower input used by nothing else: the k/v
// projection of the linear is one linear of that input, with the composed
// weights (rows E..3E of in_proj times w1) and bias (the same rows times b1,
// plus the k/v bias); the memory's own linear is gone.
// CHECK-LABEL: func.func @folded_memory
// CHECK-SAME: %[[Q:[a-z0-9]+]]: tensor<?x4x8xf32>, %[[M:[a-z0-9]+]]: tensor<?x20x2xf32>, %[[W1:[a-z0-9]+]]: tensor<8x2xf32>, %[[B1:[a-z0-9]+]]: tensor<8xf32>, %[[W:[a-z0-9]+]]: tensor<24x8xf32>, %[[BIAS:[a-z0-9]+]]: tensor<24xf32>
// CHECK-NOT: mm.linear %[[M]], %[[W1]]
// CHECK: mm.linear %[[Q]]
// CHECK: %[[WKV:.*]] = tensor.extract_slice %[[W]][8, 0] [16, 8] [1, 1]
// CHECK: %[[WF:.*]] = mm.matmul %[[WKV]], %[[W1]] : (tensor<16x8xf32>, tensor<8x2xf32>) -> tensor<16x2xf32>
// CHECK: %[[BKV:.*]] = tensor.extract_slice %[[BIAS]][8] [16] [1]
// CHECK: %[[BM:.*]] = mm.matmul %[[WKV]], %[[B1]] : (tensor<16x8xf32>, tensor<8xf32>) -> tensor<16xf32>
// CHECK: %[[BF:.*]] = mm.add %[[BM]], %[[BKV]]
// CHECK: %[[KV:.*]] = mm.linear %[[M]], %[[WF]], %[[BF]] : {{.*}} -> tensor<?x20x16xf32>
// CHECK: tensor.extract_slice %[[KV]][0, 0, 0]
// CHECK: tensor.extract_slice %[[KV]][0, 0, 8]
// CHECK: call @mm_k_attention_
// CHECK-NOT: mm.linear %[[M]], %[[W1]]
// CHECK: return
func.func @folded_memory(%q: tensor<?x4x8xf32>, %m: tensor<?x20x2xf32>, %w1: tensor<8x2xf32>, %b1: tensor<8xf32>,
                         %w: tensor<24x8xf32>, %b: tensor<24xf32>, %ow: tensor<8x8xf32>, %ob: tensor<8xf32>) -> tensor<?x4x8xf32> {
  %kv = mm.linear %m, %w1, %b1 : (tensor<?x20x2xf32>, tensor<8x2xf32>, tensor<8xf32>) -> tensor<?x20x8xf32>
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %b, %ow, %ob {num_heads = 2 : i64}
      : (tensor<?x4x8xf32>, tensor<?x20x8xf32>, tensor<?x20x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  return %0 : tensor<?x4x8xf32>
}

// Not folded: the memory is also returned; its length is dynamic; its input
// is wider than it (the composed weights would cost more than they save).
// CHECK-LABEL: func.func @memory_not_folded
// CHECK-SAME: %[[M:[a-z0-9]+]]: tensor<?x20x2xf32>, %[[MD:[a-z0-9]+]]: tensor<?x?x2xf32>, %[[MW:[a-z0-9]+]]: tensor<?x20x16xf32>, %[[W1:[a-z0-9]+]]: tensor<8x2xf32>, %[[W16:[a-z0-9]+]]: tensor<8x16xf32>
// CHECK: %[[KV:.*]] = mm.linear %[[M]], %[[W1]]
// CHECK: mm.linear %[[KV]], %{{.*}} -> tensor<?x20x16xf32>
// CHECK: %[[KVD:.*]] = mm.linear %[[MD]], %[[W1]]
// CHECK: mm.linear %[[KVD]], %{{.*}} -> tensor<?x?x16xf32>
// CHECK: %[[KVW:.*]] = mm.linear %[[MW]], %[[W16]]
// CHECK: mm.linear %[[KVW]], %{{.*}} -> tensor<?x20x16xf32>
// CHECK-NOT: mm.matmul
// CHECK: return %{{.*}}, %[[KV]]
func.func @memory_not_folded(%q: tensor<?x4x8xf32>, %m: tensor<?x20x2xf32>, %md: tensor<?x?x2xf32>, %mw: tensor<?x20x16xf32>,
                             %w1: tensor<8x2xf32>, %w16: tensor<8x16xf32>, %w: tensor<24x8xf32>, %b: tensor<24xf32>,
                             %ow: tensor<8x8xf32>, %ob: tensor<8xf32>) -> (tensor<?x4x8xf32>, tensor<?x20x8xf32>) {
  %kv = mm.linear %m, %w1 : (tensor<?x20x2xf32>, tensor<8x2xf32>) -> tensor<?x20x8xf32>
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %b, %ow, %ob {num_heads = 2 : i64}
      : (tensor<?x4x8xf32>, tensor<?x20x8xf32>, tensor<?x20x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  %kvd = mm.linear %md, %w1 : (tensor<?x?x2xf32>, tensor<8x2xf32>) -> tensor<?x?x8xf32>
  %1 = mm.multihead_attention %q, %kvd, %kvd, %w, %b, %ow, %ob {num_heads = 2 : i64}
      : (tensor<?x4x8xf32>, tensor<?x?x8xf32>, tensor<?x?x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  %kvw = mm.linear %mw, %w16 : (tensor<?x20x16xf32>, tensor<8x16xf32>) -> tensor<?x20x8xf32>
  %2 = mm.multihead_attention %q, %kvw, %kvw, %w, %b, %ow, %ob {num_heads = 2 : i64}
      : (tensor<?x4x8xf32>, tensor<?x20x8xf32>, tensor<?x20x8xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  return %0, %kv : tensor<?x4x8xf32>, tensor<?x20x8xf32>
}

// Three different inputs, no biases: three projections.
// CHECK-LABEL: func.func @three_inputs
// CHECK-SAME: %[[Q:[a-z0-9]+]]: tensor<1x4x6xf32>, %[[K:[a-z0-9]+]]: tensor<1x5x6xf32>, %[[V:[a-z0-9]+]]: tensor<1x5x6xf32>, %[[W:[a-z0-9]+]]: tensor<18x6xf32>
// CHECK: %[[WQ:.*]] = tensor.extract_slice %[[W]][0, 0] [6, 6] [1, 1]
// CHECK: mm.linear %[[Q]], %[[WQ]] : {{.*}} -> tensor<1x4x6xf32>
// CHECK: %[[WK:.*]] = tensor.extract_slice %[[W]][6, 0] [6, 6] [1, 1]
// CHECK: mm.linear %[[K]], %[[WK]] : {{.*}} -> tensor<1x5x6xf32>
// CHECK: %[[WV:.*]] = tensor.extract_slice %[[W]][12, 0] [6, 6] [1, 1]
// CHECK: mm.linear %[[V]], %[[WV]] : {{.*}} -> tensor<1x5x6xf32>
// CHECK: call @mm_k_attention_
func.func @three_inputs(%q: tensor<1x4x6xf32>, %k: tensor<1x5x6xf32>, %v: tensor<1x5x6xf32>, %w: tensor<18x6xf32>, %ow: tensor<6x6xf32>) -> tensor<1x4x6xf32> {
  %0 = mm.multihead_attention %q, %k, %v, %w, %ow {num_heads = 3 : i64, bias = false}
      : (tensor<1x4x6xf32>, tensor<1x5x6xf32>, tensor<1x5x6xf32>, tensor<18x6xf32>, tensor<6x6xf32>) -> tensor<1x4x6xf32>
  return %0 : tensor<1x4x6xf32>
}

// A float mask: no kernel.
// CHECK-LABEL: func.func @float_mask
// CHECK: mm.multihead_attention
// CHECK-NOT: call
func.func @float_mask(%q: tensor<1x4x6xf32>, %kv: tensor<1x5x6xf32>, %w: tensor<18x6xf32>, %ow: tensor<6x6xf32>, %m: tensor<1x5xf32>) -> tensor<1x4x6xf32> {
  %0 = mm.multihead_attention %q, %kv, %kv, %w, %ow, %m {num_heads = 3 : i64, bias = false, has_key_padding_mask = true}
      : (tensor<1x4x6xf32>, tensor<1x5x6xf32>, tensor<1x5x6xf32>, tensor<18x6xf32>, tensor<6x6xf32>, tensor<1x5xf32>) -> tensor<1x4x6xf32>
  return %0 : tensor<1x4x6xf32>
}

// CHECK: func.func private @[[LSTM]](memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>,
// CHECK-SAME: attributes {llvm.emit_c_interface, mm.kernel.generator = "mm_lstm", mm.kernel.heads = [0, 0, 0, 0, 0, 0, 0, 0], mm.kernel.num_outputs = 3 : i64, mm.kernel.params = ["input_size=128", "hidden_size=64", "num_layers=1", "bidirectional=false", "bias=true"]}
// CHECK: func.func private @[[MEL]](
// CHECK-SAME: mm.kernel.generator = "mm_spectrogram"
// CHECK-SAME: "n_fft=400", "win_length=400", "hop_length=160", "power=2", "normalized=false", "n_mels=64", "sample_rate=16000", "f_min=0", "f_max=8000", "mel_scale=htk", "norm=none", "post=log", "log_eps=9.99999997e-07"
// CHECK: func.func private @[[ATT]](
// CHECK-SAME: memref<?x?xui8, strided<[?, ?], offset: ?>>
// CHECK-SAME: mm.kernel.generator = "mm_attention", mm.kernel.heads = [2, 2, 2, 0, 2], mm.kernel.num_outputs = 1 : i64, mm.kernel.params = ["head_dim=4", "has_mask=true"]
