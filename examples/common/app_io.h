/*===- app_io.h - Input readers shared by the example applications --------===*
 *
 * What the example apps (examples/{emotion,crossattn,dual_encoder}/main.c)
 * read besides their weights: token ids from a text file, 16-bit PCM from a
 * WAV file, and the one line they print for a status the library returns.
 * Static functions in a header, so that each app stays one `cc main.c`
 * command: main.c includes it as "../common/app_io.h", and the model's
 * output folder (-I OUT) provides mm/runtime.h.
 *
 * Every reader checks its input fully, prints `error: PATH ...` to stderr
 * on any problem and returns -1; none trusts a size or an offset from the
 * file.
 *===----------------------------------------------------------------------===*/

#ifndef MM_EXAMPLES_APP_IO_H
#define MM_EXAMPLES_APP_IO_H

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/runtime.h"

/* Parses WORD as a decimal 32-bit integer; returns 0 on success. */
static inline int app_parse_id(const char *word, int32_t *id) {
  char *end;
  errno = 0;
  long v = strtol(word, &end, 10);
  if (end == word || *end || errno || v < INT32_MIN || v > INT32_MAX)
    return -1;
  *id = (int32_t)v;
  return 0;
}

/* Reads at most MAX whitespace-separated decimal token ids into IDS;
 * returns how many, or -1. Range checks (the vocabulary) are left to the
 * library, which does them. */
static inline long app_read_tokens(const char *path, int32_t *ids, long max) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "error: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  char word[32];
  long n = 0;
  while (fscanf(f, "%31s", word) == 1) {
    int c = fgetc(f); /* a word longer than `word` is not split in two */
    int too_long = c != EOF && !isspace(c);
    if (n == max) {
      fprintf(stderr, "error: %s has more than %ld token ids\n", path, max);
      fclose(f);
      return -1;
    }
    if (too_long || app_parse_id(word, &ids[n]) != 0) {
      fprintf(stderr, "error: %s: '%s%s' is not a 32-bit integer\n", path,
              word, too_long ? "..." : "");
      fclose(f);
      return -1;
    }
    ++n;
  }
  fclose(f);
  if (n == 0)
    fprintf(stderr, "error: %s holds no token ids\n", path);
  return n ? n : -1;
}

static inline uint32_t app_le32(const unsigned char *p) {
  return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
static inline uint16_t app_le16(const unsigned char *p) {
  return (uint16_t)(p[0] | p[1] << 8);
}

enum { kAppMaxWavBytes = 1 << 20 };

/* Reads a RIFF/WAVE file of 16-bit PCM, mono, SAMPLE_RATE Hz, exactly
 * NUM_SAMPLES samples (at most 1 MiB in all), as floats in [-1, 1)
 * (sample / 32768, as torchaudio.load). Returns 0, or -1. */
static inline int app_read_wav(const char *path, long sample_rate,
                               long num_samples, float *samples) {
  static unsigned char buf[kAppMaxWavBytes];
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
    uint32_t len = app_le32(buf + pos + 4);
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
  else if (!problem && (app_le16(fmt) != 1 || app_le16(fmt + 14) != 16))
    problem = "is not 16-bit integer PCM";
  else if (!problem && app_le16(fmt + 2) != 1)
    problem = "is not mono";
  if (problem) {
    fprintf(stderr, "error: %s %s\n", path, problem);
    return -1;
  }
  if (app_le32(fmt + 4) != (uint32_t)sample_rate) {
    fprintf(stderr, "error: %s is not sampled at %ld Hz\n", path,
            sample_rate);
    return -1;
  }
  if (data_size != 2u * (uint32_t)num_samples) {
    fprintf(stderr, "error: %s does not hold exactly %ld samples (%g s)\n",
            path, num_samples, (double)num_samples / (double)sample_rate);
    return -1;
  }
  for (long i = 0; i < num_samples; ++i)
    samples[i] = (float)(int16_t)app_le16(data + 2 * i) / 32768.0f;
  return 0;
}

/* The command line of an app that takes text and audio,
 *   APP WEIGHTS.mmw [TOKENS.txt] [AUDIO.wav]
 * (by default data/tokens.txt and data/audio.wav): reads the token ids
 * into TOKENS (at most MAX_TOKENS; how many into *NUM_TOKENS) and exactly
 * NUM_SAMPLES samples at SAMPLE_RATE into AUDIO. Returns 0, or -1 after
 * saying why on stderr. */
static inline int app_read_text_audio(int argc, char **argv, int32_t *tokens,
                                      long max_tokens, long *num_tokens,
                                      long sample_rate, long num_samples,
                                      float *audio) {
  if (argc < 2 || argc > 4) {
    fprintf(stderr, "usage: %s WEIGHTS.mmw [TOKENS.txt] [AUDIO.wav]\n",
            argv[0]);
    return -1;
  }
  const char *tokens_path = argc > 2 ? argv[2] : "data/tokens.txt";
  const char *wav_path = argc > 3 ? argv[3] : "data/audio.wav";
  *num_tokens = app_read_tokens(tokens_path, tokens, max_tokens);
  if (*num_tokens < 0 ||
      app_read_wav(wav_path, sample_rate, num_samples, audio) != 0)
    return -1;
  return 0;
}

/* Prints `error: STATUS: message` for a failed library call; returns 1 if
 * STATUS is an error, 0 for MM_OK. */
static inline int app_report(mm_status status) {
  if (status != MM_OK)
    fprintf(stderr, "error: %s: %s\n", mm_status_name(status),
            mm_last_error_message());
  return status != MM_OK;
}

#endif /* MM_EXAMPLES_APP_IO_H */
