/* Links two generated static libraries into one program (two_models.test). */
#include <stdio.h>
#include <stdlib.h>

#include "emotion.h"
#include "emotion_call.h"
#include "op_linear.h"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  mm_model *emotion = NULL, *linear = NULL;
  if (emotion_open(argv[1], &emotion) != MM_OK || op_linear_open(argv[2], &linear) != MM_OK) {
    printf("open failed: %s\n", mm_last_error_message());
    return 1;
  }

  call_emotion(emotion, "emotion");

  float x[13], y[2 * 13], out0[7], out1[2 * 7];
  for (int i = 0; i < 13; ++i)
    x[i] = y[i] = y[13 + i] = (float)i / 13.0f;
  mm_status s = op_linear_forward(linear, 1, 2, x, y, out0, out1);
  printf("op_linear: %s\n", s == MM_OK ? "ok" : mm_last_error_message());

  mm_model *wrong = NULL;
  s = emotion_open(argv[2], &wrong);
  printf("emotion with op_linear weights: %s\n", mm_status_name(s));
  mm_model_close(wrong);

  emotion_close(emotion);
  op_linear_close(linear);
  return 0;
}
