/*===- run_spectrogram.c - call an AOT mm_spectrogram kernel -------------===*
 *
 * usage: run_spectrogram BINS HOP AUDIO.npy OUT.npy
 *   AUDIO: float32 [B, L]; OUT: float32 [B, BINS, 1 + L / HOP].
 * The kernel is compiled with -f spectrogram_kernel.
 *
 *===---------------------------------------------------------------------===*/
#include "halide_buf.h"
#include "npy.h"
#include "spectrogram_kernel.h"

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s BINS HOP AUDIO.npy OUT.npy\n", argv[0]);
    return 2;
  }
  installHalideErrorHandler();
  int bins = atoi(argv[1]), hop = atoi(argv[2]);
  NpyArray audio;
  if (npyLoad(argv[3], &audio) != 0)
    return 1;
  if (audio.ndim != 2 || audio.elemSize != 4 || hop <= 0 || bins <= 0) {
    fprintf(stderr, "error: expected float32 audio [B, L], positive BINS and HOP\n");
    return 1;
  }
  int64_t outShape[3] = {audio.shape[0], bins, 1 + audio.shape[1] / hop};
  float *out = (float *)calloc((size_t)(outShape[0] * outShape[1] * outShape[2]), sizeof(float));
  TensorBuf in, res;
  tensorBuf(&in, audio.data, halide_type_float, 32, 2, audio.shape);
  tensorBuf(&res, out, halide_type_float, 32, 3, outShape);
  int err = spectrogram_kernel(&in.buf, &res.buf);
  if (err != 0) {
    fprintf(stderr, "error: kernel returned %d\n", err);
    return 1;
  }
  return npySaveF32(argv[4], out, 3, outShape) == 0 ? 0 : 1;
}
