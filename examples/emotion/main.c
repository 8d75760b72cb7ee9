/*===- main.c - The emotion model from a C application -------------------===*
 *
 * Token ids and raw 16 kHz PCM in, one score out: the log-mel front-end is
 * compiled into libemotion, so the application carries no preprocessing
 * code, no Python and no model description.
 *
 *   mmc compile model.mm -o out
 *   mmc pack model.mm --from weights.npz -o out/emotion.mmw
 *   cc main.c -I out out/libemotion.a -lm -lpthread -ldl -lstdc++ -o app
 *   ./app out/emotion.mmw [data/tokens.txt] [data/audio.wav]
 *
 * Prints `score: S` (S in (0, 1)); on any error prints a message to stderr
 * and exits 1.
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdio.h>

#include "emotion.h"
#include "../common/app_io.h"

enum {
  kSampleRate = 16000,
  kNumSamples = 16000, /* the model takes exactly 1 s: f32[B, 16000] */
  kMaxTokens = 4096
};

int main(int argc, char **argv) {
  static int32_t tokens[kMaxTokens];
  static float audio[kNumSamples];
  long num_tokens;
  if (app_read_text_audio(argc, argv, tokens, kMaxTokens, &num_tokens,
                          kSampleRate, kNumSamples, audio) != 0)
    return 1;

  /* Maps and verifies the weights file against the library's manifest. */
  mm_model *model = NULL;
  if (app_report(emotion_open(argv[1], &model)))
    return 1;
  /* One example (B = 1) of num_tokens tokens (T): text i32[1, T],
   * audio f32[1, 16000] -> score f32[1, 1]. */
  float score = 0.0f;
  mm_status status =
      emotion_forward(model, 1, num_tokens, tokens, audio, &score);
  if (!app_report(status))
    printf("score: %.6f\n", score);
  emotion_close(model);
  return status == MM_OK ? 0 : 1;
}
