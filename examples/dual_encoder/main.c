/*===- main.c - The dual_encoder model from a C application --------------===*
 *
 * Zero-shot matching of one picture against a few captions, CLIP-style:
 * raw RGB pixels and token ids in, one similarity per caption out. The
 * library exports the two towers separately (an app indexing many images
 * embeds each once with encode_image and compares embeddings later) and
 * `forward`, which scores every image against every caption.
 *
 *   mmc compile model.mm -o out
 *   mmc pack model.mm --from weights.npz -o out/dual_encoder.mmw
 *   cc main.c -I out out/libdual_encoder.a -lm -lpthread -ldl -lstdc++ -o app
 *   ./app out/dual_encoder.mmw [data/image.ppm] [data/captions.txt]
 *
 * Prints one line per caption, `caption K: cosine C logit L p P`: C is
 * the dot product of the two (unit-length) embeddings from encode_image
 * and encode_text, L is forward's logit exp(logit_scale) * C, and P the
 * softmax of the logits over the captions. On any error prints a message
 * to stderr and exits 1.
 *===----------------------------------------------------------------------===*/

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dual_encoder.h"
#include "../common/app_io.h"

enum {
  kSize = 64,          /* the model takes 64x64 RGB: f32[N, 3, 64, 64] */
  kContext = 32,       /* and exactly 32 token ids a caption: i32[M, 32] */
  kEmbedDim = 128,
  kMaxCaptions = 64,
  kPpmBytes = 13 + 3 * kSize * kSize /* "P6\n64 64\n255\n" + pixels */
};

/* Reads a binary PPM (P6) of exactly 64x64 pixels with maxval 255 (no
 * comments in the header) as f32 [3, 64, 64], channels first, values
 * byte / 255 in [0, 1]. */
static int read_ppm(const char *path, float *pixels) {
  static unsigned char buf[kPpmBytes + 64];
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "error: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t size = fread(buf, 1, sizeof buf, f);
  fclose(f);
  /* Header: four whitespace-separated fields, then one whitespace byte. */
  char fields[4][8];
  size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    while (pos < size && isspace(buf[pos]))
      ++pos;
    size_t n = 0;
    while (pos < size && !isspace(buf[pos]) && n < sizeof fields[i] - 1)
      fields[i][n++] = (char)buf[pos++];
    fields[i][n] = '\0';
  }
  if (strcmp(fields[0], "P6") || strcmp(fields[1], "64") ||
      strcmp(fields[2], "64") || strcmp(fields[3], "255") || pos >= size ||
      !isspace(buf[pos])) {
    fprintf(stderr,
            "error: %s is not a 64x64 binary PPM (P6) with maxval 255\n",
            path);
    return -1;
  }
  ++pos;
  if (size - pos != 3u * kSize * kSize) {
    fprintf(stderr, "error: %s holds %zu bytes of pixels, expected %d\n",
            path, size - pos, 3 * kSize * kSize);
    return -1;
  }
  /* PPM is rows of RGB triples (HWC); the model wants planes (CHW). */
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x)
      for (int c = 0; c < 3; ++c)
        pixels[(c * kSize + y) * kSize + x] =
            (float)buf[pos + (y * kSize + x) * 3 + c] / 255.0f;
  return 0;
}

/* Reads one caption a line, each exactly kContext decimal token ids
 * (blank lines are skipped); returns how many captions, or -1. Range checks
 * ([0, 10000)) are left to the library, which does them. */
static long read_captions(const char *path, int32_t *ids) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "error: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  char line[1024];
  long count = 0, number = 0;
  int failed = 0;
  while (!failed && fgets(line, sizeof line, f)) {
    ++number;
    failed = 1; /* until the line is read whole */
    if (!strchr(line, '\n') && !feof(f)) {
      fprintf(stderr, "error: %s:%ld is longer than %zu bytes\n", path,
              number, sizeof line - 1);
      break;
    }
    int32_t row[kContext];
    int n = 0, bad = 0;
    for (char *p = strtok(line, " \t\r\n"); p && !bad;
         p = strtok(NULL, " \t\r\n")) {
      int32_t id;
      if (app_parse_id(p, &id) != 0) {
        fprintf(stderr, "error: %s:%ld: '%s' is not a 32-bit integer\n",
                path, number, p);
        bad = 1;
      } else if (n == kContext) {
        bad = 2;
      } else {
        row[n++] = id;
      }
    }
    if (bad == 1)
      break;
    if (bad == 2) {
      fprintf(stderr, "error: %s:%ld has more than %d token ids\n", path,
              number, kContext);
      break;
    }
    if (n != 0 && n != kContext) {
      fprintf(stderr, "error: %s:%ld has %d token ids, expected exactly %d "
              "(pad short captions)\n", path, number, n, kContext);
      break;
    }
    if (n != 0 && count == kMaxCaptions) {
      fprintf(stderr, "error: %s has more than %d captions\n", path,
              kMaxCaptions);
      break;
    }
    if (n != 0)
      memcpy(ids + kContext * count++, row, sizeof row);
    failed = 0;
  }
  fclose(f);
  if (failed)
    return -1;
  if (count == 0)
    fprintf(stderr, "error: %s holds no captions\n", path);
  return count ? count : -1;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 4) {
    fprintf(stderr, "usage: %s WEIGHTS.mmw [IMAGE.ppm] [CAPTIONS.txt]\n",
            argv[0]);
    return 1;
  }
  const char *image_path = argc > 2 ? argv[2] : "data/image.ppm";
  const char *captions_path = argc > 3 ? argv[3] : "data/captions.txt";

  static float image[3 * kSize * kSize];
  static int32_t captions[kMaxCaptions * kContext];
  if (read_ppm(image_path, image) != 0)
    return 1;
  long m = read_captions(captions_path, captions);
  if (m < 0)
    return 1;

  /* Maps and verifies the weights file against the library's manifest. */
  mm_model *model = NULL;
  if (app_report(dual_encoder_open(argv[1], &model)))
    return 1;
  /* The two towers on their own: image f32[1, 3, 64, 64] -> f32[1, 128],
   * captions i32[M, 32] -> f32[M, 128], every row of unit length. */
  static float image_emb[kEmbedDim], text_emb[kMaxCaptions * kEmbedDim];
  static float logits[kMaxCaptions];
  int failed =
      app_report(dual_encoder_encode_image(model, 1, image, image_emb)) ||
      app_report(dual_encoder_encode_text(model, m, captions, text_emb)) ||
      /* Both at once: (N = 1 image, M captions) -> f32[1, M]. */
      app_report(dual_encoder_forward(model, 1, m, image, captions, logits));
  if (!failed) {
    float max_logit = logits[0];
    for (long k = 1; k < m; ++k)
      max_logit = logits[k] > max_logit ? logits[k] : max_logit;
    double total = 0.0;
    for (long k = 0; k < m; ++k)
      total += exp((double)logits[k] - max_logit);
    for (long k = 0; k < m; ++k) {
      double cosine = 0.0;
      for (int j = 0; j < kEmbedDim; ++j)
        cosine += (double)image_emb[j] * text_emb[k * kEmbedDim + j];
      printf("caption %ld: cosine %.6f logit %.6f p %.6f\n", k, cosine,
             logits[k], exp((double)logits[k] - max_logit) / total);
    }
  }
  dual_encoder_close(model);
  return failed;
}
