//===- SpectrogramGenerator.cpp - spectrogram and log-mel kernel ----------===//
//
// `mm_spectrogram`: torchaudio 0.13's Spectrogram / MelSpectrogram (+ an
// optional fused log(x + eps) or AmplitudeToDB) on a batch of waveforms.
//
// The STFT is a real FFT computed as a complex FFT of half the size (even
// samples in the real part, odd ones in the imaginary part) followed by the
// usual split step (bins k and n/2 - k in one go). The complex FFT is a
// mixed-radix (8, 4, 2, 3, 5) Stockham transform unrolled at generator time,
// one Func per stage, with the frames of a tile in the vector lanes: every
// butterfly is a handful of vector ops on 8 or 16 frames at once, and no
// stage needs a bit-reversal. A tile's frames are first transposed into a
// frames-innermost buffer, a block of 16 samples of 16 frames at a time.
//
// The window and the mel filter bank are computed here from the
// GeneratorParams (in double, with torchaudio's formulas) and embedded in the
// object as constants. Each frequency bin lies in at most two adjacent
// triangles, so the mel step costs at most two multiply-adds per bin instead
// of a dense n_freqs x n_mels product: one unrolled sum per mel over its
// triangle's bins (up to 128 mels), else a scatter over the bins.
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include <cmath>
#include <string>
#include <vector>

using namespace Halide;

namespace {

enum class MelScale { Htk, Slaney };
enum class MelNorm { None, Slaney };
enum class PostOp { None, Log, Db };
enum class DbType { Power, Magnitude };

/// Radices whose product is `n` (8s first, then 4, 2, 3, 5), or an empty
/// vector if `n` has another prime factor. Fewer, larger radices mean fewer
/// passes over the tile's data.
std::vector<int> factorRadices(int n) {
  std::vector<int> radices;
  for (int r : {8, 4, 2, 3, 5})
    while (n % r == 0 && n > 1) {
      radices.push_back(r);
      n /= r;
    }
  if (n != 1)
    return {};
  return radices;
}

double hzToMel(double hz, MelScale scale) {
  if (scale == MelScale::Htk)
    return 2595.0 * std::log10(1.0 + hz / 700.0);
  const double fSp = 200.0 / 3.0, minLogHz = 1000.0;
  const double minLogMel = minLogHz / fSp, logStep = std::log(6.4) / 27.0;
  if (hz >= minLogHz)
    return minLogMel + std::log(hz / minLogHz) / logStep;
  return hz / fSp;
}

double melToHz(double mel, MelScale scale) {
  if (scale == MelScale::Htk)
    return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
  const double fSp = 200.0 / 3.0, minLogHz = 1000.0;
  const double minLogMel = minLogHz / fSp, logStep = std::log(6.4) / 27.0;
  if (mel >= minLogMel)
    return minLogHz * std::exp(logStep * (mel - minLogMel));
  return fSp * mel;
}

/// torchaudio.functional.melscale_fbanks as a dense [nFreqs][nMels] table.
std::vector<std::vector<double>> melFilterBank(int nFreqs, double fMin,
                                              double fMax, int nMels,
                                              int sampleRate, MelScale scale,
                                              MelNorm norm) {
  std::vector<double> freqs(nFreqs), fPts(nMels + 2);
  // torchaudio spaces the bins up to sample_rate // 2 (integer division).
  for (int k = 0; k < nFreqs; ++k)
    freqs[k] = nFreqs == 1 ? 0.0
                           : double(sampleRate / 2) * k / double(nFreqs - 1);
  double mMin = hzToMel(fMin, scale), mMax = hzToMel(fMax, scale);
  for (int i = 0; i < nMels + 2; ++i)
    fPts[i] = melToHz(mMin + (mMax - mMin) * i / double(nMels + 1), scale);
  std::vector<std::vector<double>> fb(nFreqs, std::vector<double>(nMels, 0.0));
  for (int k = 0; k < nFreqs; ++k)
    for (int m = 0; m < nMels; ++m) {
      double down = (freqs[k] - fPts[m]) / (fPts[m + 1] - fPts[m]);
      double up = (fPts[m + 2] - freqs[k]) / (fPts[m + 2] - fPts[m + 1]);
      double w = std::max(0.0, std::min(down, up));
      if (norm == MelNorm::Slaney)
        w *= 2.0 / (fPts[m + 2] - fPts[m]);
      fb[k][m] = w;
    }
  return fb;
}

/// A complex value as two Exprs.
struct Complex {
  Expr re, im;
};

Complex add(const Complex &a, const Complex &b) {
  return {a.re + b.re, a.im + b.im};
}
Complex sub(const Complex &a, const Complex &b) {
  return {a.re - b.re, a.im - b.im};
}
/// a * (-i)
Complex mulMinusI(const Complex &a) { return {a.im, -a.re}; }

/// The R-point DFT y_k = sum_m exp(-2 pi i m k / R) v_m, with the constant
/// twiddles folded in (R = 2 and 4 need no multiplication at all, 8 is two
/// 4s joined by the eighth roots of unity; odd R pairs v_m with v_{R-m} so
/// that each cosine and sine is used once per pair).
std::vector<Complex> smallDft(const std::vector<Complex> &v) {
  const int r = static_cast<int>(v.size());
  if (r == 2)
    return {add(v[0], v[1]), sub(v[0], v[1])};
  if (r == 4) {
    Complex s02 = add(v[0], v[2]), d02 = sub(v[0], v[2]);
    Complex s13 = add(v[1], v[3]), d13 = mulMinusI(sub(v[1], v[3]));
    return {add(s02, s13), add(d02, d13), sub(s02, s13), sub(d02, d13)};
  }
  if (r == 8) {
    // Two 4-point DFTs of the even and odd inputs, joined with the twiddles
    // exp(-2 pi i k / 8): (1, (1-i)/sqrt2, -i, -(1+i)/sqrt2).
    std::vector<Complex> e = smallDft({v[0], v[2], v[4], v[6]});
    std::vector<Complex> o = smallDft({v[1], v[3], v[5], v[7]});
    const float h = static_cast<float>(std::sqrt(0.5));
    std::vector<Complex> t = {
        o[0],
        {h * (o[1].re + o[1].im), h * (o[1].im - o[1].re)},
        mulMinusI(o[2]),
        {h * (o[3].im - o[3].re), -h * (o[3].re + o[3].im)}};
    std::vector<Complex> y(8);
    for (int k = 0; k < 4; ++k) {
      y[k] = add(e[k], t[k]);
      y[k + 4] = sub(e[k], t[k]);
    }
    return y;
  }
  // Odd R: with S_m = v_m + v_{R-m} and D_m = v_m - v_{R-m}, y_k and y_{R-k}
  // share A_k = v_0 + sum_m cos(2 pi m k / R) S_m and
  // B_k = sum_m sin(2 pi m k / R) D_m: y_k = A_k - i B_k and
  // y_{R-k} = A_k + i B_k.
  const int pairs = (r - 1) / 2;
  std::vector<Complex> sums, diffs;
  Complex total = v[0];
  for (int m = 1; m <= pairs; ++m) {
    sums.push_back(add(v[m], v[r - m]));
    diffs.push_back(sub(v[m], v[r - m]));
    total = add(total, sums.back());
  }
  std::vector<Complex> y(r);
  y[0] = total;
  for (int k = 1; k <= pairs; ++k) {
    Complex sumA = v[0], sumB;
    for (int m = 1; m <= pairs; ++m) {
      double theta = 2.0 * M_PI * double(m * k % r) / double(r);
      float c = static_cast<float>(std::cos(theta));
      float sn = static_cast<float>(std::sin(theta));
      const Complex &sm = sums[m - 1], &dm = diffs[m - 1];
      sumA = {sumA.re + c * sm.re, sumA.im + c * sm.im};
      sumB = m == 1 ? Complex{sn * dm.re, sn * dm.im}
                    : Complex{sumB.re + sn * dm.re, sumB.im + sn * dm.im};
    }
    y[k] = {sumA.re + sumB.im, sumA.im - sumB.re};
    y[r - k] = {sumA.re - sumB.im, sumA.im + sumB.re};
  }
  return y;
}

class Spectrogram : public Generator<Spectrogram> {
public:
  GeneratorParam<int> nFft{"n_fft", 400, 2, 1 << 16};
  /// 0 means n_fft.
  GeneratorParam<int> winLength{"win_length", 0, 0, 1 << 16};
  /// 0 means win_length / 2 (torchaudio's default).
  GeneratorParam<int> hopLength{"hop_length", 0, 0, 1 << 16};
  /// 1: magnitude, 2: power.
  GeneratorParam<int> power{"power", 2, 1, 2};
  GeneratorParam<bool> normalized{"normalized", false};
  /// 0: plain spectrogram [B, n_fft/2+1, frames]; otherwise mel [B, n_mels, frames].
  GeneratorParam<int> nMels{"n_mels", 0, 0, 4096};
  GeneratorParam<int> sampleRate{"sample_rate", 16000, 1, 1 << 24};
  GeneratorParam<float> fMin{"f_min", 0.0f};
  /// Negative means sample_rate / 2.
  GeneratorParam<float> fMax{"f_max", -1.0f};
  GeneratorParam<MelScale> melScale{
      "mel_scale", MelScale::Htk,
      {{"htk", MelScale::Htk}, {"slaney", MelScale::Slaney}}};
  GeneratorParam<MelNorm> melNorm{
      "norm", MelNorm::None, {{"none", MelNorm::None}, {"slaney", MelNorm::Slaney}}};
  /// What follows the (mel) spectrogram: nothing, log(x + log_eps), or
  /// torchaudio's AmplitudeToDB(db_stype, top_db).
  GeneratorParam<PostOp> post{
      "post", PostOp::None,
      {{"none", PostOp::None}, {"log", PostOp::Log}, {"db", PostOp::Db}}};
  GeneratorParam<float> logEps{"log_eps", 1e-6f};
  GeneratorParam<DbType> dbStype{
      "db_stype", DbType::Power,
      {{"power", DbType::Power}, {"magnitude", DbType::Magnitude}}};
  /// Negative means no clamp.
  GeneratorParam<float> topDb{"top_db", -1.0f};

  /// [B, L] waveforms: dim 0 = sample, dim 1 = batch.
  Input<Buffer<float, 2>> audio{"audio"};
  /// [B, n_mels or n_fft/2+1, 1 + L / hop]: dim 0 = frame, 1 = bin, 2 = batch.
  Output<Buffer<float, 3>> output{"output"};

  void generate() {
    // ALGORITHM
    const int n = nFft;
    const int win = winLength == 0 ? n : int(winLength);
    const int hop = hopLength == 0 ? win / 2 : int(hopLength);
    // GeneratorParam ranges are not enforced by Halide 14 itself.
    _halide_user_assert(n >= 2 && n % 2 == 0) << "n_fft must be even and positive, got " << n;
    _halide_user_assert(power == 1 || power == 2) << "power must be 1 or 2, got " << int(power);
    _halide_user_assert(nMels >= 0 && sampleRate > 0 && win >= 1 && hopLength >= 0)
        << "n_mels, sample_rate, win_length and hop_length must not be negative";
    _halide_user_assert(win <= n) << "win_length " << win << " exceeds n_fft " << n;
    _halide_user_assert(hop > 0) << "hop_length must be positive";
    const int half = n / 2;
    const int nFreqs = half + 1;
    std::vector<int> radices = factorRadices(half);
    _halide_user_assert(!radices.empty())
        << "n_fft / 2 must be a product of 2, 3 and 5, got " << half;

    // Periodic Hann window of win_length, zero-padded to n_fft, centered.
    Buffer<float, 1> windowTable(n, "spectrogram_window");
    double windowSq = 0.0;
    {
      const int left = (n - win) / 2;
      for (int at = 0; at < n; ++at)
        windowTable(at) = 0.0f;
      for (int at = 0; at < win; ++at) {
        double w = 0.5 - 0.5 * std::cos(2.0 * M_PI * at / double(win));
        windowTable(left + at) = static_cast<float>(w);
        windowSq += w * w;
      }
    }

    Expr length = audio.dim(0).extent();
    // center=True, pad_mode="reflect": frame f starts at sample
    // f * hop - n/2, and samples outside [0, L) mirror without repeating the
    // edge sample. The padded signal (padded(i) = x[i - n/2]) is
    // materialized once (a cheap sequential pass), so that the frame loads
    // carry no boundary logic.
    Func mirrored = BoundaryConditions::mirror_interior(
        audio, {{0, length}, {Expr(), Expr()}});
    padded(i, b) = mirrored(i - half, b);

    // The frames of a tile, transposed: frameT(f, i, b) = sample i of frame
    // f, stored with f innermost (see the schedule).
    frameT(f, i, b) = padded(f * hop + i, b);
    // The FFT input: z[j] = x[2j] + i x[2j+1] of each windowed frame.
    z(f, j, b) = Tuple(windowTable(2 * j) * frameT(f, 2 * j, b),
                       windowTable(2 * j + 1) * frameT(f, 2 * j + 1, b));

    // Stockham stages. After a stage with span `span` and radix R, flat index
    // q = a * span * R + r * span + s lives at stage(f, s, r, a, b).
    auto readFlat = [&](int stage, Expr fv, Expr q, Expr bv) -> Tuple {
      if (stage < 0)
        return z(fv, q, bv);
      const int span = spans[stage], radix = radices[stage];
      return butterfly[stage](fv, q % span, (q / span) % radix,
                              q / (span * radix), bv);
    };
    int span = 1;
    for (size_t st = 0; st < radices.size(); ++st) {
      const int radix = radices[st];
      const int stride = half / radix;
      // Twiddles exp(-2 pi i m s / (span R)) for s < span, m < R.
      Buffer<float, 3> twiddle(span, radix, 2, "fft_twiddle_" + std::to_string(st));
      for (int s = 0; s < span; ++s)
        for (int m = 0; m < radix; ++m) {
          double theta = -2.0 * M_PI * m * s / double(span * radix);
          twiddle(s, m, 0) = static_cast<float>(std::cos(theta));
          twiddle(s, m, 1) = static_cast<float>(std::sin(theta));
        }
      Func in("fft_in_" + std::to_string(st));
      Func out("fft_" + std::to_string(st));
      Expr jv = a * span + s;
      Tuple x = readFlat(int(st) - 1, f, jv + m * stride, b);
      if (span == 1) {
        in(f, m, s, a, b) = x;
      } else {
        Expr c = twiddle(s, m, 0), d = twiddle(s, m, 1);
        in(f, m, s, a, b) = Tuple(x[0] * c - x[1] * d, x[0] * d + x[1] * c);
      }
      std::vector<Complex> v;
      for (int mm = 0; mm < radix; ++mm) {
        Tuple t = in(f, mm, s, a, b);
        v.push_back({t[0], t[1]});
      }
      std::vector<Complex> y = smallDft(v);
      std::vector<Expr> re, im;
      for (const Complex &c : y) {
        re.push_back(c.re);
        im.push_back(c.im);
      }
      out(f, s, r, a, b) = Tuple(mux(r, re), mux(r, im));
      twiddledInput.push_back(in);
      butterfly.push_back(out);
      spans.push_back(span);
      span *= radix;
    }
    const int lastStage = int(radices.size()) - 1;

    // Split step: X[k] = E[k] + W^k O[k] for k in [0, n/2], with
    // W = exp(-2 pi i / n).
    // Bins k and n/2 - k read the same two values and, with T = W^k O[k],
    // X[k] = E + T and X[n/2 - k] = conj(E - T): one pass over k <= n/4
    // gives both. The halves of E and O move into the final scale.
    const int quarter = half / 2;
    Buffer<float, 2> splitTwiddle(quarter + 1, 2, "rfft_twiddle");
    for (int k = 0; k <= quarter; ++k) {
      double theta = -2.0 * M_PI * k / double(n);
      splitTwiddle(k, 0) = static_cast<float>(std::cos(theta));
      splitTwiddle(k, 1) = static_cast<float>(std::sin(theta));
    }
    Tuple za = readFlat(lastStage, f, j, b);
    Tuple zb = readFlat(lastStage, f, (half - j) % half, b);
    Expr eRe = za[0] + zb[0], eIm = za[1] - zb[1];
    Expr oRe = za[1] + zb[1], oIm = zb[0] - za[0];
    Expr c = splitTwiddle(j, 0), d = splitTwiddle(j, 1);
    Expr tRe = oRe * c - oIm * d, tIm = oRe * d + oIm * c;
    Expr pLo = (eRe + tRe) * (eRe + tRe) + (eIm + tIm) * (eIm + tIm);
    Expr pHi = (eRe - tRe) * (eRe - tRe) + (eIm - tIm) * (eIm - tIm);
    double scale = normalized ? 1.0 / windowSq : 1.0;
    if (power == 1) {
      pLo = sqrt(pLo);
      pHi = sqrt(pHi);
      scale = 0.5 * (normalized ? 1.0 / std::sqrt(windowSq) : 1.0);
    } else {
      scale *= 0.25;
    }
    specPair(f, j, b) = Tuple(static_cast<float>(scale) * pLo,
                              static_cast<float>(scale) * pHi);
    spec(f, j, b) = select(j <= quarter, specPair(f, min(j, quarter), b)[0],
                           specPair(f, clamp(half - j, 0, quarter), b)[1]);

    // Mel projection. Up to kMaxUnrolledMels mels, each mel is its own sum
    // over the bins of its triangle (the output loop over mels is unrolled,
    // so that the mux below folds away); above, a scatter over the bins.
    Func value("value");
    int binLo = 0, binCount = nFreqs;
    if (nMels > 0) {
      double hiHz = fMax < 0.0f ? sampleRate / 2.0 : double(fMax);
      _halide_user_assert(hiHz > fMin) << "f_max must exceed f_min";
      auto fb = melFilterBank(nFreqs, fMin, hiHz, nMels, sampleRate,
                              melScale, melNorm);
      Buffer<int32_t, 1> firstMel(nFreqs, "mel_first");
      Buffer<float, 2> weights(2, nFreqs, "mel_weights");
      int binHi = -1;
      binLo = nFreqs;
      for (int k = 0; k < nFreqs; ++k) {
        int first = -1, count = 0;
        for (int mel = 0; mel < nMels; ++mel)
          if (fb[k][mel] != 0.0) {
            if (first < 0)
              first = mel;
            ++count;
            _halide_user_assert(mel - first <= 1)
                << "frequency bin " << k << " lies in non-adjacent triangles";
          }
        firstMel(k) = first < 0 ? 0 : first;
        weights(0, k) = first < 0 ? 0.0f : static_cast<float>(fb[k][first]);
        weights(1, k) = count == 2 ? static_cast<float>(fb[k][first + 1]) : 0.0f;
        if (count > 0) {
          binLo = std::min(binLo, k);
          binHi = std::max(binHi, k);
        }
      }
      if (binHi < binLo) {
        binLo = 0;
        binHi = 0;
      }
      binCount = binHi - binLo + 1;
      if (nMels <= kMaxUnrolledMels) {
        std::vector<Expr> perMel;
        for (int mel = 0; mel < nMels; ++mel) {
          Expr sum;
          for (int k = 0; k < nFreqs; ++k) {
            if (fb[k][mel] == 0.0)
              continue;
            Expr term = static_cast<float>(fb[k][mel]) * spec(f, k, b);
            sum = sum.defined() ? sum + term : term;
          }
          perMel.push_back(sum.defined() ? sum : Expr(0.0f));
        }
        value(f, j, b) = nMels == 1 ? perMel[0] : mux(j, perMel);
        unrollMels = true;
      }
      RDom rb(0, 2, binLo, binCount, "rb");
      mel(f, j, b) = 0.0f;
      mel(f, clamp(firstMel(rb.y) + rb.x, 0, nMels - 1), b) +=
          weights(rb.x, rb.y) * spec(f, rb.y, b);
      if (!unrollMels)
        value(f, j, b) = mel(f, j, b);
      melRDom = rb;
    } else {
      value(f, j, b) = spec(f, j, b);
    }

    Expr v = value(f, j, b);
    switch (static_cast<PostOp>(post)) {
    case PostOp::None:
      break;
    case PostOp::Log:
      v = log(v + static_cast<float>(logEps));
      break;
    case PostOp::Db: {
      const float multiplier = dbStype == DbType::Power ? 10.0f : 20.0f;
      // amin = 1e-10, ref = 1: db_multiplier is log10(1) = 0.
      v = (multiplier / static_cast<float>(std::log(10.0))) * log(max(v, 1e-10f));
      break;
    }
    }
    // torch.stft rejects a reflect padding as long as the signal.
    v = require(length > half, v, "audio length", length,
                "must exceed n_fft / 2 =", half);
    body(f, j, b) = v;

    const bool clampTop = post == PostOp::Db && topDb >= 0.0f;
    const int outBins = nMels > 0 ? int(nMels) : nFreqs;
    if (clampTop) {
      RDom all(0, 1 + length / hop, 0, outBins, 0, audio.dim(1).extent(), "all");
      // torchaudio 0.13 folds a 3-D input's batch into the channels before
      // taking the max: the clamp uses one max over the whole batch.
      peak() = maximum(body(all.x, all.y, all.z));
      output(f, j, b) = max(body(f, j, b), peak() - static_cast<float>(topDb));
    } else {
      output(f, j, b) = body(f, j, b);
    }

    // Frames and bins are fixed by the input and the parameters; the caller's
    // buffer must match (Halide returns an error otherwise).
    output.dim(0).set_bounds(0, 1 + length / hop);
    output.dim(1).set_bounds(0, outBins);
    output.dim(2).set_bounds(0, audio.dim(1).extent());
    audio.dim(0).set_min(0);
    audio.dim(1).set_min(0);

    // ESTIMATES
    audio.set_estimates({{0, 48000}, {0, 1}});
    output.set_estimates({{0, 48000 / hop + 1}, {0, outBins}, {0, 1}});

    // SCHEDULE
    // Measured on "Intel(R) Xeon(R) Processor" (Sapphire Rapids, KVM, 2 cores,
    // AVX-512, other jobs running), 2026-11-27, 1 thread, thread CPU time per
    // call of the kernel alone (medians; before -> after the session-4
    // changes): 1 s at n_fft 400, hop 160, 64 mels + log (W1) 44 -> 29 us;
    // 3 s at n_fft 512, hop 160, 80 mels + log (W2) 160 -> 110 us; W1's
    // shape at B=16 730 -> 510 us. perf of W1 before: the frame gather (16
    // scalar loads + inserts per vector) ~1/3 of the kernel, each of the 4
    // FFT passes and the split step ~10%, the mel scatter ~10%, log 6%,
    // the padded copy 9%. Now: the frame transpose ~20% (64 vpermt2ps per
    // 16x16 block: the shuffle port is the limit), the 3 FFT passes ~15%
    // each, split step ~8%, mel sums + log ~15%, padded copy + call ~10%.
    // - Frames: frame_t(f, i) = padded(f * hop + i) per tile, f innermost and
    //   unrolled, i vectorized: Halide turns the 16 strided stores into one
    //   dense store of an interleave of 16 dense loads (a 16x16 transpose in
    //   registers). 2-D vectorizing frame_t instead makes scalar gathers or
    //   scatters; reading audio through the mirror instead of the padded copy
    //   splits the loop into many guarded versions and was slower.
    // - Radix 8 first (200 = 8*5*5, 256 = 8*8*4): one pass fewer.
    // - Mel: unrolled per-mel sums instead of the scatter (no read-modify-
    //   write of the accumulator, no index arithmetic).
    // One tile = one vector of frames (16 with AVX-512, 8 with AVX2/FMA); a
    // tile's stages (~25 KB each at n_fft 400 and 16 lanes) live in L1/L2,
    // and tiles are spread over the threads. Two vectors per tile doubles
    // the stages' footprint for no gain. Whole tiles (the last one shifted
    // inwards) cost W1 112 frames for 101.
    const int vec = natural_vector_size<float>();
    Func tiled = clampTop ? body : Func(output);
    if (clampTop) {
      body.compute_root();
      output.vectorize(f, vec, TailStrategy::GuardWithIf);
    }
    // Whole tiles (the last one shifted inwards) keep every stage's extent a
    // constant vector; only inputs shorter than one tile need the guard. Its
    // output loop stays scalar, and every per-tile stage is bounded to one
    // vector of frames, so that a short input's stages all cover the same
    // shifted frames (frame_t's unrolled loop needs a constant extent).
    Var fo("fo"), fi("fi"), tile("tile");
    Expr frames = 1 + length / hop;
    tiled.specialize(frames < vec)
        .split(f, fo, fi, vec, TailStrategy::GuardWithIf)
        .reorder(fi, j, fo, b)
        .fuse(fo, b, tile)
        .parallel(tile);
    tiled.split(f, fo, fi, vec, TailStrategy::ShiftInwards)
        .reorder(fi, j, fo, b)
        .fuse(fo, b, tile)
        .parallel(tile)
        .vectorize(fi);
    for (size_t st = 0; st < butterfly.size(); ++st) {
      butterfly[st]
          .compute_at(tiled, tile)
          .bound_extent(f, vec)
          .reorder(f, r, s, a, b)
          .vectorize(f, vec)
          .unroll(r);
      twiddledInput[st]
          .compute_at(butterfly[st], s)
          .reorder(f, m, s, a, b)
          .vectorize(f, vec)
          .unroll(m);
    }
    specPair.compute_at(tiled, tile).bound_extent(f, vec).vectorize(f, vec);
    padded.compute_root().vectorize(i, vec);
    {
      // f unrolled, i vectorized: 16 strided stores of dense padded rows,
      // which Halide merges into one store of their interleaving.
      Var io("io"), ii("ii");
      frameT.compute_at(tiled, tile)
          .bound_extent(f, vec)
          .split(i, io, ii, vec, TailStrategy::GuardWithIf)
          .reorder(f, ii, io, b)
          .unroll(f)
          .vectorize(ii);
    }
    if (unrollMels) {
      // The sums read spec at constant bins: one vector FMA per nonzero.
      tiled.unroll(j);
      tiled.specialize(frames < vec).unroll(j);
    } else if (nMels > 0) {
      mel.compute_at(tiled, tile).bound_extent(f, vec).vectorize(f, vec);
      mel.update()
          .reorder(f, melRDom.x, melRDom.y, b)
          .vectorize(f, vec)
          .unroll(melRDom.x);
    }
    if (clampTop)
      peak.compute_root();
  }

private:
  Var f{"f"}, j{"j"}, b{"b"}, s{"s"}, r{"r"}, a{"a"}, m{"m"}, i{"i"};
  Func padded{"padded"}, frameT{"frame_t"}, z{"frames"};
  Func specPair{"spec_pair"}, spec{"spec"}, mel{"mel"}, body{"body"},
      peak{"peak"};
  std::vector<Func> butterfly, twiddledInput;
  std::vector<int> spans;
  RDom melRDom;
  bool unrollMels = false;
  /// Above this many mels the unrolled per-mel sums make too much code.
  static constexpr int kMaxUnrolledMels = 128;
};

} // namespace

HALIDE_REGISTER_GENERATOR(Spectrogram, mm_spectrogram)
