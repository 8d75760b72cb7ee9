/* Links two generated static libraries that both carry Halide kernels and a
   Halide runtime into one program (two_models_kernels.test). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "emotion.h"
#include "emotion_call.h"
#include "op_lstm.h"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  mm_model *emotion = NULL, *lstm = NULL;
  if (emotion_open(argv[1], &emotion) != MM_OK || op_lstm_open(argv[2], &lstm) != MM_OK) {
    printf("open failed: %s\n", mm_last_error_message());
    return 1;
  }

  call_emotion(emotion, "emotion");

  /* op_lstm: x [1, 3, 7] -> output [1, 3, 13], h_n and c_n [1, 1, 13]; the
     last output step is h_n. */
  float x[3 * 7], out[3 * 13], h[13], c[13];
  for (int i = 0; i < 3 * 7; ++i)
    x[i] = (float)(i % 5) / 5.0f - 0.4f;
  mm_status s = op_lstm_forward(lstm, 1, 3, x, out, h, c);
  int same = 1;
  for (int i = 0; i < 13; ++i)
    same &= out[2 * 13 + i] == h[i] && isfinite(c[i]);
  printf("op_lstm: %s\n", s == MM_OK && same ? "ok" : mm_last_error_message());

  /* A kernel error in one model leaves the other working. */
  s = op_lstm_forward(lstm, 1, 0, x, out, h, c);
  printf("op_lstm T=0: %s: %s\n", mm_status_name(s), mm_last_error_message());
  call_emotion(emotion, "emotion again");

  emotion_close(emotion);
  op_lstm_close(lstm);
  return 0;
}
