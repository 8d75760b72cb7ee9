/* The emotion call that the two-model programs share (two_models.c,
   two_kernel_models.c): one forward on 4 tokens and 1 s of a sawtooth,
   printed as "LABEL: ok" (a score in (0, 1)) or the error. Include after
   emotion.h. */
#ifndef MM_TEST_EMOTION_CALL_H
#define MM_TEST_EMOTION_CALL_H

#include <stdio.h>
#include <stdlib.h>

static void call_emotion(mm_model *emotion, const char *label) {
  int32_t text[4] = {1, 2, 3, 4};
  float *audio = calloc(16000, sizeof(float));
  if (!audio) {
    printf("%s: out of memory\n", label);
    return;
  }
  for (int i = 0; i < 16000; ++i)
    audio[i] = (float)((i % 100) - 50) / 100.0f;
  float score = -1;
  mm_status s = emotion_forward(emotion, 1, 4, text, audio, &score);
  printf("%s: %s\n", label, s == MM_OK && score > 0 && score < 1 ? "ok" : mm_last_error_message());
  free(audio);
}

#endif
