// RUN: mm-opt %s --split-input-file --mm-read-weights-in-place | FileCheck %s

// A packed weight only read (through a view) and deallocated: the call
// returns the cached block, the buffer and its dealloc go.
// CHECK: func.func private @f_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>) attributes {llvm.emit_c_interface, mm.read_in_place, mm.weight_expression = @f}
// CHECK-LABEL: func.func @read(
// CHECK-SAME: %[[W:.*]]: memref<?x?xf32, strided<[?, ?], offset: ?>>, %[[X:.*]]: memref<5x3xf32>, %[[Y:.*]]: memref<5x6xf32>)
// CHECK-NOT: memref.alloc
// CHECK: %[[WP:.*]] = call @f_cached_in_place(%[[W]]) : (memref<?x?xf32, strided<[?, ?], offset: ?>>) -> memref<2x3x4xf32>
// CHECK: %[[V:.*]] = memref.cast %[[WP]]
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[V]] : memref<5x3xf32>, memref<2x3x4xf32, strided<[12, 4, 1]>>) outs(%[[Y]] : memref<5x6xf32>)
// CHECK-NOT: memref.dealloc
// CHECK: return
// CHECK: func.func private @f_cached_in_place(memref<?x?xf32, strided<[?, ?], offset: ?>>) -> memref<2x3x4xf32> attributes {llvm.emit_c_interface}
func.func private @f_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>)
    attributes {llvm.emit_c_interface, mm.read_in_place, mm.weight_expression = @f}
func.func @read(%w: memref<?x?xf32, strided<[?, ?], offset: ?>>, %x: memref<5x3xf32>, %y: memref<5x6xf32>) {
  %out = memref.alloc() : memref<2x3x4xf32>
  call @f_cached(%w, %out) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>) -> ()
  %v = memref.cast %out : memref<2x3x4xf32> to memref<2x3x4xf32, strided<[12, 4, 1]>>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                   affine_map<(d0, d1, d2) -> (d1 floordiv 4, d2, d1 mod 4)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %v : memref<5x3xf32>, memref<2x3x4xf32, strided<[12, 4, 1]>>) outs(%y : memref<5x6xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  memref.dealloc %out : memref<2x3x4xf32>
  return
}

// -----

// Kept as copies: a buffer that something writes (the cached block must
// never change), and an expression not marked to be read in place.
// CHECK-LABEL: func.func @written(
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<2x3x4xf32>
// CHECK: call @g_cached(%{{.*}}, %[[OUT]])
// CHECK: linalg.fill {{.*}} outs(%[[OUT]]
// CHECK: memref.dealloc %[[OUT]]
// CHECK: %[[OUT2:.*]] = memref.alloc() : memref<2x3x4xf32>
// CHECK: call @h_cached(%{{.*}}, %[[OUT2]])
// CHECK-NOT: @h_cached_in_place
func.func private @g_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>)
    attributes {llvm.emit_c_interface, mm.read_in_place, mm.weight_expression = @g}
func.func private @h_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>)
    attributes {llvm.emit_c_interface, mm.weight_expression = @h}
func.func @written(%w: memref<?x?xf32, strided<[?, ?], offset: ?>>, %y: memref<2x3x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<2x3x4xf32>
  call @g_cached(%w, %out) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>) -> ()
  linalg.fill ins(%zero : f32) outs(%out : memref<2x3x4xf32>)
  memref.dealloc %out : memref<2x3x4xf32>
  %out2 = memref.alloc() : memref<2x3x4xf32>
  call @h_cached(%w, %out2) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>) -> ()
  memref.copy %out2, %y : memref<2x3x4xf32> to memref<2x3x4xf32>
  memref.dealloc %out2 : memref<2x3x4xf32>
  return
}

// -----

// The calls move to the start of the function with the views of its
// arguments they read (one view shared by two calls): nothing is left
// between a contraction and the fill of its output.
// CHECK-LABEL: func.func @to_entry(
// CHECK-NEXT: %[[V:.*]] = memref.cast %{{.*}} : memref<6x3xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: %[[P:.*]] = call @p_cached_in_place(%[[V]])
// CHECK-NEXT: %[[Q:.*]] = call @q_cached_in_place(%[[V]])
// CHECK-NEXT: arith.constant
// CHECK-NEXT: linalg.fill
// CHECK-NEXT: linalg.generic {{.*}} ins(%{{.*}}, %[[P]] :
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[Q]] :
#x = affine_map<(d0, d1, d2) -> (d0, d2)>
#wp = affine_map<(d0, d1, d2) -> (d1 floordiv 4, d2, d1 mod 4)>
#out = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func private @p_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>)
    attributes {llvm.emit_c_interface, mm.read_in_place, mm.weight_expression = @p}
func.func private @q_cached(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>)
    attributes {llvm.emit_c_interface, mm.read_in_place, mm.weight_expression = @q}
func.func @to_entry(%w: memref<6x3xf32>, %x: memref<5x3xf32>, %y: memref<5x6xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<5x6xf32>)
  %v = memref.cast %w : memref<6x3xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  %p = memref.alloc() : memref<2x3x4xf32>
  call @p_cached(%v, %p) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>) -> ()
  %q = memref.alloc() : memref<2x3x4xf32>
  call @q_cached(%v, %q) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<2x3x4xf32>) -> ()
  linalg.generic {indexing_maps = [#x, #wp, #out], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %p : memref<5x3xf32>, memref<2x3x4xf32>) outs(%y : memref<5x6xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x, #wp, #out], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %q : memref<5x3xf32>, memref<2x3x4xf32>) outs(%y : memref<5x6xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  memref.dealloc %p : memref<2x3x4xf32>
  memref.dealloc %q : memref<2x3x4xf32>
  return
}
