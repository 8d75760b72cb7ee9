// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(finalize-memref-to-llvm{use-generic-functions},mm-runtime-allocator)" | FileCheck %s
// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(finalize-memref-to-llvm{use-generic-functions use-aligned-alloc},mm-runtime-allocator)" | FileCheck %s --check-prefix=ALIGNED

// Temporaries are allocated and freed through the runtime's cache; no
// generic MLIR name and no malloc is left.
// CHECK-NOT: _mlir_memref_to_llvm
// CHECK-NOT: @malloc
// CHECK-DAG: llvm.func @mm_runtime_alloc(i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @mm_runtime_free(!llvm.ptr)
// CHECK-LABEL: func.func @temporaries
// CHECK: llvm.call @mm_runtime_alloc(%{{.*}}) : (i64) -> !llvm.ptr
// CHECK: llvm.call @mm_runtime_alloc(%{{.*}}) : (i64) -> !llvm.ptr
// CHECK: llvm.call @mm_runtime_free(%{{.*}}) : (!llvm.ptr) -> ()
// CHECK: llvm.call @mm_runtime_free(%{{.*}}) : (!llvm.ptr) -> ()
// CHECK-NOT: _mlir_memref_to_llvm
// ALIGNED-NOT: _mlir_memref_to_llvm
// ALIGNED-LABEL: func.func @temporaries
// ALIGNED: llvm.call @mm_runtime_aligned_alloc(%{{.*}}, %{{.*}}) : (i64, i64) -> !llvm.ptr
// ALIGNED: llvm.call @mm_runtime_aligned_alloc(%{{.*}}, %{{.*}}) : (i64, i64) -> !llvm.ptr
// ALIGNED: llvm.call @mm_runtime_free
func.func @temporaries(%n: index) {
  %a = memref.alloc(%n) : memref<?xf32>
  %b = memref.alloc() {alignment = 128 : i64} : memref<16x16xf32>
  memref.dealloc %a : memref<?xf32>
  memref.dealloc %b : memref<16x16xf32>
  return
}

// -----

// A module without heap allocations is left alone.
// CHECK-LABEL: func.func @no_heap
// CHECK-NOT: mm_runtime
func.func @no_heap(%x: memref<4xf32>) {
  return
}
