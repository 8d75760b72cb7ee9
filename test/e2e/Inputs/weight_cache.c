/* Values of the weights alone (mm-hoist-weight-expressions) are computed on
   a model's first call and kept with that model: later calls must give the
   same bits, and two models of one library open at once (different weights)
   must each keep their own. Calls crossattn_forward on models A and B
   interleaved, A B A B A, checks each model's calls agree bit for bit, and
   writes the last output of each (float32, raw) for compare.py.

   usage: weight_cache WA TEXT_A AUDIO_A OUT_A WB TEXT_B AUDIO_B OUT_B
   (TEXT: 64 raw int32 token ids; AUDIO: 48000 raw float32 samples) */
#include "crossattn.h"

#include "read_raw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TOKENS = 64, SAMPLES = 48000, CLASSES = 7 };

struct side {
  mm_model *model;
  int32_t text[TOKENS];
  float *audio;
  float first[CLASSES], last[CLASSES];
  int calls;
};

static int call(struct side *s, const char *label) {
  if (crossattn_forward(s->model, 1, TOKENS, s->text, s->audio, s->last) != MM_OK) {
    printf("%s: %s\n", label, mm_last_error_message());
    return 0;
  }
  if (s->calls++ == 0)
    memcpy(s->first, s->last, sizeof(s->first));
  else if (memcmp(s->first, s->last, sizeof(s->first)) != 0) {
    printf("%s: call %d differs from the first call\n", label, s->calls);
    return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  struct side a = {0}, b = {0};
  if (argc != 9) {
    fprintf(stderr, "usage: weight_cache WA TEXT_A AUDIO_A OUT_A WB TEXT_B AUDIO_B OUT_B\n");
    return 2;
  }
  a.audio = malloc(SAMPLES * sizeof(float));
  b.audio = malloc(SAMPLES * sizeof(float));
  if (!a.audio || !b.audio || !read_raw("weight_cache", argv[2], a.text, sizeof(a.text)) ||
      !read_raw("weight_cache", argv[3], a.audio, SAMPLES * sizeof(float)) ||
      !read_raw("weight_cache", argv[6], b.text, sizeof(b.text)) ||
      !read_raw("weight_cache", argv[7], b.audio, SAMPLES * sizeof(float)))
    return 1;
  if (crossattn_open(argv[1], &a.model) != MM_OK || crossattn_open(argv[5], &b.model) != MM_OK) {
    printf("open: %s\n", mm_last_error_message());
    return 1;
  }
  int ok = call(&a, "A") && call(&b, "B") && call(&a, "A") && call(&b, "B") && call(&a, "A");
  if (ok && memcmp(a.last, b.last, sizeof(a.last)) == 0) {
    printf("A and B gave the same output: one model's cached values served the other\n");
    ok = 0;
  }
  if (ok) {
    FILE *fa = fopen(argv[4], "wb"), *fb = fopen(argv[8], "wb");
    ok = fa && fb && fwrite(a.last, sizeof(a.last), 1, fa) == 1 &&
         fwrite(b.last, sizeof(b.last), 1, fb) == 1;
    if (fa)
      fclose(fa);
    if (fb)
      fclose(fb);
    printf(ok ? "A: 3 calls agree\nB: 2 calls agree\n" : "cannot write the outputs\n");
  }
  crossattn_close(a.model);
  crossattn_close(b.model);
  free(a.audio);
  free(b.audio);
  return ok ? 0 : 1;
}
