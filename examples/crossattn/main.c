/*===- main.c - The crossattn model from a C application -----------------===*
 *
 * Token ids and 3 s of raw 16 kHz PCM in, 7 class probabilities out: the
 * log-mel front-end is compiled into libcrossattn, so the application
 * carries no preprocessing code, no Python and no model description.
 *
 *   mmc compile model.mm -o out
 *   mmc pack model.mm --from weights.npz -o out/crossattn.mmw
 *   cc main.c -I out out/libcrossattn.a -lm -lpthread -ldl -lstdc++ -o app
 *   ./app out/crossattn.mmw [data/tokens.txt] [data/audio.wav]
 *
 * Prints `class K: P` for K = 0..6 (the probabilities sum to 1); on any
 * error prints a message to stderr and exits 1.
 *===----------------------------------------------------------------------===*/

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossattn.h"

enum {
  kSampleRate = 16000,
  kNumSamples = 48000, /* the model takes exactly 3 s: f32[B, 48000] */
  kNumClasses = 7,
  kMaxTokens = 4096,
  kMaxWavBytes = 1 << 20
};

/* Reads whitespace-separated decimal token ids; returns how many, or -1.
 * Range checks ([0, 10000)) are left to the library, which does them. */
static long read_tokens(const char *path, int32_t *ids) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "error: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  char word[32];
  long n = 0;
  while (fscanf(f, "%31s", word) == 1) {
    char *end;
    errno = 0;
    long v = strtol(word, &end, 10);
    int c = fgetc(f); /* a word longer than `word` is not split in two */
    int too_long = c != EOF && !isspace(c);
    if (*end || errno || too_long || v < INT32_MIN || v > INT32_MAX ||
        n == kMaxTokens) {
      if (n == kMaxTokens)
        fprintf(stderr, "error: %s has more than %d token ids\n", path,
                kMaxTokens);
      else
        fprintf(stderr, "error: %s: '%s%s' is not a 32-bit integer\n", path,
                word, too_long ? "..." : "");
      fclose(f);
      return -1;
    }
    ids[n++] = (int32_t)v;
  }
  fclose(f);
  if (n == 0)
    fprintf(stderr, "error: %s holds no token ids\n", path);
  return n ? n : -1;
}

static uint32_t le32(const unsigned char *p) {
  return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
static uint16_t le16(const unsigned char *p) {
  return (uint16_t)(p[0] | p[1] << 8);
}

/* Reads a RIFF/WAVE file of 16-bit PCM, mono, 16 kHz, exactly kNumSamples
 * samples, as floats in [-1, 1) (sample / 32768, as torchaudio.load). */
static int read_wav(const char *path, float *samples) {
  static unsigned char buf[kMaxWavBytes];
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "error: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t size = fread(buf, 1, sizeof buf, f);
  int too_big = size == sizeof buf && fgetc(f) != EOF;
  fclose(f);
  const char *problem = NULL;
  const unsigned char *fmt = NULL, *data = NULL;
  uint32_t data_size = 0;
  if (too_big)
    problem = "is larger than 1 MiB";
  else if (size < 12 || memcmp(buf, "RIFF", 4) || memcmp(buf + 8, "WAVE", 4))
    problem = "is not a RIFF/WAVE file";
  /* Walk the chunks; every one must lie inside the file. */
  for (size_t pos = 12; !problem && pos < size;) {
    if (size - pos < 8) {
      problem = "ends inside a chunk header";
      break;
    }
    uint32_t len = le32(buf + pos + 4);
    if (len > size - pos - 8) {
      problem = "is truncated (a chunk runs past the end of the file)";
      break;
    }
    if (!memcmp(buf + pos, "fmt ", 4) && len >= 16)
      fmt = buf + pos + 8;
    else if (!memcmp(buf + pos, "data", 4) && !data)
      data = buf + pos + 8, data_size = len;
    pos += 8 + (size_t)len + (len & 1); /* chunks are padded to even size */
  }
  if (!problem && (!fmt || !data))
    problem = "has no 'fmt ' or no 'data' chunk";
  else if (!problem && (le16(fmt) != 1 || le16(fmt + 14) != 16))
    problem = "is not 16-bit integer PCM";
  else if (!problem && le16(fmt + 2) != 1)
    problem = "is not mono";
  else if (!problem && le32(fmt + 4) != kSampleRate)
    problem = "is not sampled at 16000 Hz";
  else if (!problem && data_size != 2u * kNumSamples)
    problem = "does not hold exactly 48000 samples (3 s)";
  if (problem) {
    fprintf(stderr, "error: %s %s\n", path, problem);
    return -1;
  }
  for (int i = 0; i < kNumSamples; ++i)
    samples[i] = (float)(int16_t)le16(data + 2 * i) / 32768.0f;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 4) {
    fprintf(stderr, "usage: %s WEIGHTS.mmw [TOKENS.txt] [AUDIO.wav]\n",
            argv[0]);
    return 1;
  }
  const char *tokens_path = argc > 2 ? argv[2] : "data/tokens.txt";
  const char *wav_path = argc > 3 ? argv[3] : "data/audio.wav";

  static int32_t tokens[kMaxTokens];
  static float audio[kNumSamples];
  long num_tokens = read_tokens(tokens_path, tokens);
  if (num_tokens < 0 || read_wav(wav_path, audio) != 0)
    return 1;

  /* Maps and verifies the weights file against the library's manifest. */
  mm_model *model = NULL;
  if (crossattn_open(argv[1], &model) != MM_OK) {
    fprintf(stderr, "error: %s\n", mm_last_error_message());
    return 1;
  }
  /* One example (B = 1) of num_tokens tokens (T): text i32[1, T],
   * audio f32[1, 48000] -> probabilities f32[1, 7]. */
  float probs[kNumClasses];
  mm_status status =
      crossattn_forward(model, 1, num_tokens, tokens, audio, probs);
  if (status != MM_OK)
    fprintf(stderr, "error: %s: %s\n", mm_status_name(status),
            mm_last_error_message());
  else
    for (int k = 0; k < kNumClasses; ++k)
      printf("class %d: %.6f\n", k, probs[k]);
  crossattn_close(model);
  return status == MM_OK ? 0 : 1;
}
