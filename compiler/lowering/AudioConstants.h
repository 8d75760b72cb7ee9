//===- AudioConstants.h - STFT window, DFT bases, mel filter bank -*- C++ -*-===//
//
// The compile-time constants of the audio front-end, as plain C++ so that
// both the lowering (which bakes them into the code) and `mmc pack` (which
// checks the `*.spectrogram.window` and `*.mel_scale.fb` buffers of a
// PyTorch state_dict against them) use one definition. Everything follows
// torchaudio 0.13 and torch.stft; values are computed in double.
//
//===----------------------------------------------------------------------===//
#ifndef MM_COMPILER_LOWERING_AUDIOCONSTANTS_H
#define MM_COMPILER_LOWERING_AUDIOCONSTANTS_H

#include <cstdint>
#include <vector>

namespace mm {

/// The periodic Hann window of WINLENGTH samples
/// (`torch.hann_window(win_length)`), zero-padded on both sides to NFFT
/// samples the way torch.stft pads it: `(nFft - winLength) / 2` zeros on the
/// left. Requires 0 < winLength <= nFft (else all zeros).
/// `hannWindow(winLength, winLength)` is the `window` buffer of
/// torchaudio's Spectrogram (it is stored unpadded); torchaudio computes it
/// in float32, so compare within about 1e-6.
std::vector<double> hannWindow(int64_t winLength, int64_t nFft);

/// `torchaudio.functional.melscale_fbanks(nFreqs, fMin, fMax, nMels,
/// sampleRate, norm, mel_scale)`, row-major [nFreqs, nMels] like the `fb`
/// buffer of `torchaudio.transforms.MelScale`. SLANEYNORM selects
/// `norm="slaney"`, SLANEYSCALE `mel_scale="slaney"` (else "htk"). Note that
/// MelScale's default f_max is `float(sample_rate // 2)`. torchaudio builds
/// `fb` in float32 from differences of nearby values: a state_dict's `fb`
/// differs from this one by up to ~2e-5 of its largest entry (measured), so
/// compare within 1e-4 of max|fb|.
std::vector<double> melFilterBank(int64_t nFreqs, double fMin, double fMax, int64_t nMels,
                                  int64_t sampleRate, bool slaneyNorm, bool slaneyScale);

/// The one-sided DFT of a windowed frame as a matrix, for `frame @ basis`:
/// row-major [winLength, 2 * (nFft/2 + 1)]. Row `w` stands for sample
/// `left + w` of the n_fft-long frame (`left = (nFft - winLength) / 2`; the
/// other samples meet a zero window and are not needed), column `k` is
/// `window * cos(2πk(left+w)/nFft)` and column `nFft/2+1+k` is
/// `-window * sin(...)`: the real and imaginary parts of bin `k`. With
/// NORMALIZED every entry is divided by the window's L2 norm, as
/// torchaudio's `normalized=True` divides the complex spectrum.
std::vector<double> stftBasis(int64_t nFft, int64_t winLength, bool normalized);

} // namespace mm

#endif // MM_COMPILER_LOWERING_AUDIOCONSTANTS_H
