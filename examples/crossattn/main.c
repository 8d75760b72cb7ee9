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

#include <stdint.h>
#include <stdio.h>

#include "crossattn.h"
#include "../common/app_io.h"

enum {
  kSampleRate = 16000,
  kNumSamples = 48000, /* the model takes exactly 3 s: f32[B, 48000] */
  kNumClasses = 7,
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
  if (app_report(crossattn_open(argv[1], &model)))
    return 1;
  /* One example (B = 1) of num_tokens tokens (T): text i32[1, T],
   * audio f32[1, 48000] -> probabilities f32[1, 7]. */
  float probs[kNumClasses];
  mm_status status =
      crossattn_forward(model, 1, num_tokens, tokens, audio, probs);
  if (!app_report(status))
    for (int k = 0; k < kNumClasses; ++k)
      printf("class %d: %.6f\n", k, probs[k]);
  crossattn_close(model);
  return status == MM_OK ? 0 : 1;
}
