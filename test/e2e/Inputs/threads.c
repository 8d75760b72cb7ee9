/* Several threads call one model at once (threads.test): every call keeps
 * its state to itself, so each thread's results equal the single-threaded
 * ones bit for bit. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emotion.h"

enum { kThreads = 4, kCalls = 8, kB = 2, kT = 5, kSamples = 16000 };

static mm_model *model;
static int32_t text[kThreads][kB * kT];
static float audio[kThreads][kB * kSamples];
static float expected[kThreads][kB];
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  int t = (int)(size_t)arg;
  for (int c = 0; c < kCalls; ++c) {
    float out[kB];
    mm_status s = emotion_forward(model, kB, kT, text[t], audio[t], out);
    if (s != MM_OK || memcmp(out, expected[t], sizeof(out)) != 0) {
      pthread_mutex_lock(&lock);
      ++failures;
      pthread_mutex_unlock(&lock);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2 || emotion_open(argv[1], &model) != MM_OK) {
    printf("open failed: %s\n", mm_last_error_message());
    return 1;
  }
  unsigned seed = 1;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kB * kT; ++i)
      text[t][i] = (int32_t)((seed = seed * 1103515245u + 12345u) % 10000u);
    for (int i = 0; i < kB * kSamples; ++i)
      audio[t][i] = (float)((seed = seed * 1103515245u + 12345u) % 2001u) / 2000.0f - 0.5f;
    if (emotion_forward(model, kB, kT, text[t], audio[t], expected[t]) != MM_OK) {
      printf("call failed: %s\n", mm_last_error_message());
      return 1;
    }
  }
  pthread_t threads[kThreads];
  for (int t = 0; t < kThreads; ++t)
    pthread_create(&threads[t], NULL, worker, (void *)(size_t)t);
  for (int t = 0; t < kThreads; ++t)
    pthread_join(threads[t], NULL);
  emotion_close(model);
  printf("%d threads x %d calls: %d mismatches\n", kThreads, kCalls, failures);
  return failures != 0;
}
