// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// cat inserts every input into one tensor.empty at running offsets; select
// is a rank-reducing extract_slice whose negative index of a dynamic
// dimension is resolved (and clamped) at run time; slice is a strided
// extract_slice with Python's bounds.

// CHECK-LABEL: func.func @cat$dynamic
// CHECK-SAME: %[[A:.*]]: tensor<?x64xf32>, %[[B:.*]]: tensor<?x64xf32>
// CHECK: %[[NB:.*]] = tensor.dim %[[B]], %{{.*}}
// CHECK: %[[N:.*]] = arith.addi %{{.*}}, %[[NB]] : index
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x64xf32>
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [%{{.*}}, 64] [1, 1]
// CHECK: tensor.insert_slice %[[B]] into %[[R0]][%{{.*}}, 0] [%{{.*}}, 64] [1, 1]
func.func @cat$dynamic(%a: tensor<?x64xf32>, %b: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %0 = mm.cat %a, %b {dim = 0 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// CHECK-LABEL: func.func @cat$static
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x128xf32>
// CHECK: %[[R0:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0] [%{{.*}}, 64] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[R0]][0, 64] [%{{.*}}, 64] [1, 1]
func.func @cat$static(%a: tensor<?x64xf32>, %b: tensor<?x64xf32>) -> tensor<?x128xf32> {
  %0 = mm.cat %a, %b {dim = 1 : i64} : (tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<?x128xf32>
  return %0 : tensor<?x128xf32>
}

// CHECK-LABEL: func.func @select$static_negative
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0] [1, %{{.*}}, 64] [1, 1, 1] : tensor<1x?x64xf32> to tensor<?x64xf32>
func.func @select$static_negative(%h: tensor<1x?x64xf32>) -> tensor<?x64xf32> {
  %0 = mm.select %h {dim = 0 : i64, index = -1 : i64} : tensor<1x?x64xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// CHECK-LABEL: func.func @select$dynamic_negative
// CHECK-SAME: %[[X:.*]]: tensor<?x?x8xf32>
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[M2:.*]] = arith.constant -2 : index
// CHECK: %[[I:.*]] = arith.addi %[[T]], %[[M2]] : index
// CHECK: %[[LAST:.*]] = arith.subi %[[T]], %{{.*}} : index
// CHECK: %[[HI:.*]] = arith.minsi %[[I]], %[[LAST]] : index
// CHECK: %[[POS:.*]] = arith.maxsi %[[HI]], %{{.*}} : index
// CHECK: tensor.extract_slice %[[X]][0, %[[POS]], 0] [%{{.*}}, 1, 8] [1, 1, 1] : tensor<?x?x8xf32> to tensor<?x8xf32>
func.func @select$dynamic_negative(%x: tensor<?x?x8xf32>) -> tensor<?x8xf32> {
  %0 = mm.select %x {dim = 1 : i64, index = -2 : i64} : tensor<?x?x8xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @slice$static
// CHECK: tensor.extract_slice %{{.*}}[0, 2] [%{{.*}}, 2] [1, 2] : tensor<?x7xf32> to tensor<?x2xf32>
func.func @slice$static(%x: tensor<?x7xf32>) -> tensor<?x2xf32> {
  %0 = mm.slice %x {dim = 1 : i64, start = -5 : i64, end = -1 : i64, step = 2 : i64} : tensor<?x7xf32> -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// CHECK-LABEL: func.func @slice$dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x?xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[LO:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// CHECK: %[[HI:.*]] = arith.minsi %{{.*}}, %[[N]] : index
// CHECK: %[[SPAN:.*]] = arith.subi %[[HI]], %[[LO]] : index
// CHECK: %[[LEN:.*]] = arith.divui %{{.*}}, %{{.*}} : index
// CHECK: tensor.extract_slice %[[X]][0, %[[LO]]] [%{{.*}}, %[[LEN]]] [1, 3] : tensor<?x?xf32> to tensor<?x?xf32>
func.func @slice$dynamic(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = mm.slice %x {dim = 1 : i64, start = -10 : i64, end = 100 : i64, step = 3 : i64} : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
