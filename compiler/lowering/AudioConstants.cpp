//===- AudioConstants.cpp - STFT window, DFT bases, mel filter bank -------===//
//
// Each function mirrors the torchaudio 0.13 / torch 1.13 code it stands for,
// step by step, so that the two can be compared line by line; only the
// precision differs (double here, float32 there).
//
//===----------------------------------------------------------------------===//
#include "compiler/lowering/AudioConstants.h"

#include <algorithm>
#include <cmath>

using namespace mm;

static constexpr double kPi = 3.14159265358979323846;

std::vector<double> mm::hannWindow(int64_t winLength, int64_t nFft) {
  std::vector<double> window(nFft > 0 ? nFft : 0, 0.0);
  if (winLength <= 0 || winLength > nFft)
    return window;
  int64_t left = (nFft - winLength) / 2;
  // torch.hann_window special-cases a length of 1 (the formula would give 0).
  if (winLength == 1) {
    window[left] = 1.0;
    return window;
  }
  for (int64_t n = 0; n < winLength; ++n)
    window[left + n] = 0.5 - 0.5 * std::cos(2.0 * kPi * double(n) / double(winLength));
  return window;
}

/// torch.linspace: the first half counts up from START, the second half
/// down from END, so that both ends are exact.
static std::vector<double> linspace(double start, double end, int64_t steps) {
  std::vector<double> values(steps > 0 ? steps : 0);
  if (steps == 1) {
    values[0] = start;
    return values;
  }
  double step = (end - start) / double(steps - 1);
  int64_t half = steps / 2;
  for (int64_t i = 0; i < steps; ++i)
    values[i] = i < half ? start + step * double(i) : end - step * double(steps - 1 - i);
  return values;
}

// The slaney scale: linear below 1 kHz, logarithmic above.
static constexpr double kSlaneyFSp = 200.0 / 3.0;
static constexpr double kSlaneyMinLogHz = 1000.0;
static constexpr double kSlaneyMinLogMel = kSlaneyMinLogHz / kSlaneyFSp;
static double slaneyLogStep() { return std::log(6.4) / 27.0; }

static double hzToMel(double freq, bool slaneyScale) {
  if (!slaneyScale)
    return 2595.0 * std::log10(1.0 + freq / 700.0);
  if (freq >= kSlaneyMinLogHz)
    return kSlaneyMinLogMel + std::log(freq / kSlaneyMinLogHz) / slaneyLogStep();
  return freq / kSlaneyFSp;
}

static double melToHz(double mel, bool slaneyScale) {
  if (!slaneyScale)
    return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
  if (mel >= kSlaneyMinLogMel)
    return kSlaneyMinLogHz * std::exp(slaneyLogStep() * (mel - kSlaneyMinLogMel));
  return kSlaneyFSp * mel;
}

std::vector<double> mm::melFilterBank(int64_t nFreqs, double fMin, double fMax, int64_t nMels,
                                      int64_t sampleRate, bool slaneyNorm, bool slaneyScale) {
  if (nFreqs <= 0 || nMels <= 0)
    return {};
  // torchaudio spaces the bins up to `sample_rate // 2`, an integer.
  std::vector<double> allFreqs = linspace(0.0, double(sampleRate / 2), nFreqs);
  std::vector<double> melPts =
      linspace(hzToMel(fMin, slaneyScale), hzToMel(fMax, slaneyScale), nMels + 2);
  std::vector<double> fPts(nMels + 2);
  for (int64_t i = 0; i < nMels + 2; ++i)
    fPts[i] = melToHz(melPts[i], slaneyScale);

  std::vector<double> fb(nFreqs * nMels);
  for (int64_t f = 0; f < nFreqs; ++f) {
    for (int64_t m = 0; m < nMels; ++m) {
      // The triangle of filter m rises from fPts[m] to fPts[m+1] and falls
      // to fPts[m+2] (torchaudio's _create_triangular_filterbank).
      double down = -(fPts[m] - allFreqs[f]) / (fPts[m + 1] - fPts[m]);
      double up = (fPts[m + 2] - allFreqs[f]) / (fPts[m + 2] - fPts[m + 1]);
      double value = std::max(0.0, std::min(down, up));
      if (slaneyNorm)
        value *= 2.0 / (fPts[m + 2] - fPts[m]);
      fb[f * nMels + m] = value;
    }
  }
  return fb;
}

std::vector<double> mm::stftBasis(int64_t nFft, int64_t winLength, bool normalized) {
  if (winLength <= 0 || winLength > nFft)
    return {};
  std::vector<double> window = hannWindow(winLength, nFft);
  double scale = 1.0;
  if (normalized) {
    double energy = 0.0;
    for (double w : window)
      energy += w * w;
    scale = 1.0 / std::sqrt(energy);
  }
  int64_t nFreqs = nFft / 2 + 1;
  int64_t left = (nFft - winLength) / 2;
  std::vector<double> basis(winLength * 2 * nFreqs);
  for (int64_t w = 0; w < winLength; ++w) {
    int64_t n = left + w;
    double weight = window[n] * scale;
    for (int64_t k = 0; k < nFreqs; ++k) {
      // Reducing k*n modulo n_fft first keeps the angle small and exact.
      double angle = 2.0 * kPi * double((k * n) % nFft) / double(nFft);
      basis[w * 2 * nFreqs + k] = weight * std::cos(angle);
      basis[w * 2 * nFreqs + nFreqs + k] = -weight * std::sin(angle);
    }
  }
  return basis;
}
