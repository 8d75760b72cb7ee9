// RUN: mm-opt %s | mm-opt | FileCheck %s
// Round trip of every op: print, parse again, print the same.

// CHECK: mm.weight_decl @embed.weight : tensor<10000x128xf32>
mm.weight_decl @"embed.weight" : tensor<10000x128xf32>
mm.weight_decl @"lstm.weight_ih_l0" : tensor<256x128xf32>
mm.weight_decl @"lstm.weight_hh_l0" : tensor<256x64xf32>
mm.weight_decl @"lstm.bias_ih_l0" : tensor<256xf32>
mm.weight_decl @"lstm.bias_hh_l0" : tensor<256xf32>
mm.weight_decl @"fc.weight" : tensor<1x64xf32>
mm.weight_decl @"fc.bias" : tensor<1xf32>

// CHECK-LABEL: func.func @layers
func.func @layers(%text: tensor<?x?xi32>) -> tensor<?x1xf32> {
  // CHECK: mm.weight @embed.weight : tensor<10000x128xf32>
  %we = mm.weight @"embed.weight" : tensor<10000x128xf32>
  // CHECK: mm.embedding %{{.*}}, %{{.*}} : (tensor<10000x128xf32>, tensor<?x?xi32>) -> tensor<?x?x128xf32>
  %e = mm.embedding %we, %text : (tensor<10000x128xf32>, tensor<?x?xi32>) -> tensor<?x?x128xf32>
  %wih = mm.weight @"lstm.weight_ih_l0" : tensor<256x128xf32>
  %whh = mm.weight @"lstm.weight_hh_l0" : tensor<256x64xf32>
  %bih = mm.weight @"lstm.bias_ih_l0" : tensor<256xf32>
  %bhh = mm.weight @"lstm.bias_hh_l0" : tensor<256xf32>
  // CHECK: mm.lstm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {hidden_size = 64 : i64}
  %out, %h, %c = mm.lstm %e, %wih, %whh, %bih, %bhh {hidden_size = 64 : i64}
      : (tensor<?x?x128xf32>, tensor<256x128xf32>, tensor<256x64xf32>, tensor<256xf32>, tensor<256xf32>)
      -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>)
  // CHECK: mm.select %{{.*}} {dim = 0 : i64, index = -1 : i64} : tensor<1x?x64xf32> -> tensor<?x64xf32>
  %last = mm.select %h {dim = 0 : i64, index = -1 : i64} : tensor<1x?x64xf32> -> tensor<?x64xf32>
  %w = mm.weight @"fc.weight" : tensor<1x64xf32>
  %b = mm.weight @"fc.bias" : tensor<1xf32>
  // CHECK: mm.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x64xf32>, tensor<1x64xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  %y = mm.linear %last, %w, %b : (tensor<?x64xf32>, tensor<1x64xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  // CHECK: mm.linear %{{.*}}, %{{.*}} : (tensor<?x64xf32>, tensor<1x64xf32>) -> tensor<?x1xf32>
  %y2 = mm.linear %last, %w : (tensor<?x64xf32>, tensor<1x64xf32>) -> tensor<?x1xf32>
  %s = mm.add %y, %y2 : (tensor<?x1xf32>, tensor<?x1xf32>) -> tensor<?x1xf32>
  return %s : tensor<?x1xf32>
}

// CHECK-LABEL: func.func @audio
func.func @audio(%x: tensor<?x16000xf32>) -> tensor<?x128xf32> {
  // CHECK: mm.mel_spectrogram %{{.*}} {hop_length = 160 : i64, n_fft = 400 : i64, n_mels = 64 : i64, sample_rate = 16000 : i64, win_length = 400 : i64} : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64}
      : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  // CHECK: mm.spectrogram %{{.*}} {hop_length = 200 : i64, n_fft = 400 : i64, power = 1.000000e+00 : f64, win_length = 400 : i64} : tensor<?x16000xf32> -> tensor<?x201x81xf32>
  %s = mm.spectrogram %x {n_fft = 400 : i64, win_length = 400 : i64, hop_length = 200 : i64, power = 1.0 : f64}
      : tensor<?x16000xf32> -> tensor<?x201x81xf32>
  // CHECK: mm.constant dense<9.99999997E-7> : tensor<f32>
  %eps = mm.constant dense<1.0e-6> : tensor<f32>
  %a = mm.add %m, %eps : (tensor<?x64x101xf32>, tensor<f32>) -> tensor<?x64x101xf32>
  %l = mm.log %a : tensor<?x64x101xf32>
  %r = mm.relu %l : tensor<?x64x101xf32>
  %g = mm.gelu %r {approximate = "tanh"} : tensor<?x64x101xf32>
  %c = mm.clamp %g {min = 0.0 : f64, max = 6.0 : f64} : tensor<?x64x101xf32>
  %t = mm.tanh %c : tensor<?x64x101xf32>
  %sg = mm.sigmoid %t : tensor<?x64x101xf32>
  %ex = mm.exp %sg : tensor<?x64x101xf32>
  %sq = mm.sqrt %ex : tensor<?x64x101xf32>
  %ab = mm.abs %sq : tensor<?x64x101xf32>
  %si = mm.silu %ab : tensor<?x64x101xf32>
  %ng = mm.neg %si : tensor<?x64x101xf32>
  %mu = mm.mul %ng, %ng : (tensor<?x64x101xf32>, tensor<?x64x101xf32>) -> tensor<?x64x101xf32>
  %dv = mm.div %mu, %eps : (tensor<?x64x101xf32>, tensor<f32>) -> tensor<?x64x101xf32>
  %sb = mm.sub %dv, %mu : (tensor<?x64x101xf32>, tensor<?x64x101xf32>) -> tensor<?x64x101xf32>
  // CHECK: mm.mean %{{.*}} {dims = array<i64: 2>} : tensor<?x64x101xf32> -> tensor<?x64xf32>
  %mean = mm.mean %sb {dims = array<i64: 2>} : tensor<?x64x101xf32> -> tensor<?x64xf32>
  %sum = mm.sum %sb {dims = array<i64: 2>, keepdim = true} : tensor<?x64x101xf32> -> tensor<?x64x1xf32>
  %mx = mm.amax %sb {dims = array<i64: 1, 2>} : tensor<?x64x101xf32> -> tensor<?xf32>
  %sl = mm.slice %s {dim = 2 : i64, start = 1 : i64, end = 3 : i64} : tensor<?x201x81xf32> -> tensor<?x201x2xf32>
  // CHECK: mm.cat %{{.*}}, %{{.*}} {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x128xf32>
  %cat = mm.cat %mean, %mean {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x128xf32>
  %mm = mm.matmul %cat, %cat : (tensor<?x128xf32>, tensor<?x128xf32>) -> tensor<?x128xf32>
  return %mm : tensor<?x128xf32>
}
