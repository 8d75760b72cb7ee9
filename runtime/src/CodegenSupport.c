/*===- CodegenSupport.c - functions the generated code calls --------------===*
 *
 * MLIR lowers a `memref.copy` between buffers that are not both contiguous
 * (e.g. writing one timestep into a slice of the LSTM's output) to a call of
 * `memrefCopy`, which upstream lives in the JIT's runner-utils library. A
 * compiled model must not depend on that, so the runtime defines it.
 *===----------------------------------------------------------------------===*/
#include <stdint.h>
#include <string.h>

/* MLIR's unranked memref: the rank and a pointer to the ranked descriptor
 * { allocated, aligned, offset, sizes[rank], strides[rank] }. */
typedef struct {
  int64_t rank;
  void *descriptor;
} mm_unranked_memref;

typedef struct {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizes_and_strides[];
} mm_ranked_memref;

void memrefCopy(int64_t elem_size, const mm_unranked_memref *src, const mm_unranked_memref *dst);

void memrefCopy(int64_t elem_size, const mm_unranked_memref *src, const mm_unranked_memref *dst) {
  const int64_t rank = src->rank;
  const mm_ranked_memref *s = (const mm_ranked_memref *)src->descriptor;
  const mm_ranked_memref *d = (const mm_ranked_memref *)dst->descriptor;
  const int64_t *sizes = s->sizes_and_strides;
  const int64_t *src_strides = s->sizes_and_strides + rank;
  const int64_t *dst_strides = d->sizes_and_strides + rank;
  char *src_base = s->aligned + s->offset * elem_size;
  char *dst_base = d->aligned + d->offset * elem_size;

  for (int64_t i = 0; i < rank; ++i)
    if (sizes[i] == 0)
      return;
  if (rank == 0) {
    memcpy(dst_base, src_base, (size_t)elem_size);
    return;
  }
  /* The innermost dimension is copied as a run when contiguous on both sides. */
  const int64_t inner = rank - 1;
  const int contiguous = src_strides[inner] == 1 && dst_strides[inner] == 1;
  int64_t index[16] = {0};
  if (rank > 16)
    return; /* ranks are at most MM_MAX_RANK (8) */
  for (;;) {
    int64_t src_off = 0, dst_off = 0;
    for (int64_t i = 0; i < inner; ++i) {
      src_off += index[i] * src_strides[i];
      dst_off += index[i] * dst_strides[i];
    }
    if (contiguous) {
      memcpy(dst_base + dst_off * elem_size, src_base + src_off * elem_size,
             (size_t)(sizes[inner] * elem_size));
    } else {
      for (int64_t j = 0; j < sizes[inner]; ++j)
        memcpy(dst_base + (dst_off + j * dst_strides[inner]) * elem_size,
               src_base + (src_off + j * src_strides[inner]) * elem_size, (size_t)elem_size);
    }
    /* Advance the odometer over the outer dimensions. */
    int64_t i = inner - 1;
    while (i >= 0 && ++index[i] == sizes[i])
      index[i--] = 0;
    if (i < 0)
      return;
  }
}
