// The window, DFT bases and mel filter banks that the lowering bakes in,
// checked against torch.hann_window / torchaudio.functional.melscale_fbanks
// in float64 (1e-6 of max|ref|) and against the float32 `fb` buffer of
// torchaudio.transforms.MelScale (1e-4 of max|ref|); see
// Inputs/audio_constants.py.
// RUN: mm-opt --convert-mm-to-linalg --mlir-print-elementsattrs-with-hex-if-larger=0 %s \
// RUN:   | %python %S/Inputs/audio_constants.py %s | FileCheck %s
// CHECK: 14 constants match

func.func @w1(%x: tensor<?x16000xf32>) -> tensor<?x64x101xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 400 : i64, win_length = 400 : i64, hop_length = 160 : i64, n_mels = 64 : i64} : tensor<?x16000xf32> -> tensor<?x64x101xf32>
  return %m : tensor<?x64x101xf32>
}

func.func @w2(%x: tensor<?x48000xf32>) -> tensor<?x80x301xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 512 : i64, win_length = 512 : i64, hop_length = 160 : i64, n_mels = 80 : i64} : tensor<?x48000xf32> -> tensor<?x80x301xf32>
  return %m : tensor<?x80x301xf32>
}

func.func @slaney(%x: tensor<?x16000xf32>) -> tensor<?x128x101xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 16000 : i64, n_fft = 512 : i64, win_length = 400 : i64, hop_length = 160 : i64, n_mels = 128 : i64, f_min = 20.0 : f64, f_max = 7600.0 : f64, norm = "slaney", mel_scale = "slaney"} : tensor<?x16000xf32> -> tensor<?x128x101xf32>
  return %m : tensor<?x128x101xf32>
}

func.func @htk_norm_22k(%x: tensor<?x22050xf32>) -> tensor<?x40x87xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 22050 : i64, n_fft = 1024 : i64, win_length = 1024 : i64, hop_length = 256 : i64, n_mels = 40 : i64, norm = "slaney"} : tensor<?x22050xf32> -> tensor<?x40x87xf32>
  return %m : tensor<?x40x87xf32>
}

func.func @slaney_scale_8k(%x: tensor<?x8000xf32>) -> tensor<?x64x81xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 8000 : i64, n_fft = 256 : i64, win_length = 200 : i64, hop_length = 100 : i64, n_mels = 64 : i64, f_min = 50.0 : f64, mel_scale = "slaney"} : tensor<?x8000xf32> -> tensor<?x64x81xf32>
  return %m : tensor<?x64x81xf32>
}

func.func @odd_sample_rate(%x: tensor<?x11025xf32>) -> tensor<?x32x44xf32> {
  %m = mm.mel_spectrogram %x {sample_rate = 11025 : i64, n_fft = 256 : i64, win_length = 256 : i64, hop_length = 256 : i64, n_mels = 32 : i64} : tensor<?x11025xf32> -> tensor<?x32x44xf32>
  return %m : tensor<?x32x44xf32>
}

func.func @normalized_spectrogram(%x: tensor<?x1000xf32>) -> tensor<?x257x8xf32> {
  %s = mm.spectrogram %x {n_fft = 512 : i64, win_length = 301 : i64, hop_length = 128 : i64, normalized = true} : tensor<?x1000xf32> -> tensor<?x257x8xf32>
  return %s : tensor<?x257x8xf32>
}

func.func @odd_window(%x: tensor<?x1000xf32>) -> tensor<?x33x51xf32> {
  %s = mm.spectrogram %x {n_fft = 64 : i64, win_length = 1 : i64, hop_length = 20 : i64} : tensor<?x1000xf32> -> tensor<?x33x51xf32>
  return %s : tensor<?x33x51xf32>
}
