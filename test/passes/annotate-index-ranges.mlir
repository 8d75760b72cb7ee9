// RUN: mm-opt %s --mm-annotate-index-ranges | FileCheck %s

mm.weight_decl @"embed.weight" : tensor<100x8xf32>
mm.weight_decl @"small.weight" : tensor<10x8xf32>

// An input that feeds an embedding directly gets the table's row range.
// CHECK-LABEL: func.func @direct
// CHECK-SAME: %{{.*}}: tensor<?x?xi32> {mm.index_range = array<i64: 0, 100>}
func.func @direct(%ids: tensor<?x?xi32>) -> tensor<?x?x8xf32> {
  %w = mm.weight @"embed.weight" : tensor<100x8xf32>
  %e = mm.embedding %w, %ids : (tensor<100x8xf32>, tensor<?x?xi32>) -> tensor<?x?x8xf32>
  return %e : tensor<?x?x8xf32>
}

// Two tables indexed by one input: the tighter range wins.
// CHECK-LABEL: func.func @shared
// CHECK-SAME: {mm.index_range = array<i64: 0, 10>}
func.func @shared(%ids: tensor<?xi32>) -> tensor<?x8xf32> {
  %w = mm.weight @"embed.weight" : tensor<100x8xf32>
  %v = mm.weight @"small.weight" : tensor<10x8xf32>
  %a = mm.embedding %w, %ids : (tensor<100x8xf32>, tensor<?xi32>) -> tensor<?x8xf32>
  %b = mm.embedding %v, %ids : (tensor<10x8xf32>, tensor<?xi32>) -> tensor<?x8xf32>
  %s = mm.add %a, %b : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  return %s : tensor<?x8xf32>
}

// Computed indices are not an input: no range to check before the call.
// CHECK-LABEL: func.func @computed
// CHECK-NOT: mm.index_range
func.func @computed(%ids: tensor<?xi32>) -> tensor<?x8xf32> {
  %w = mm.weight @"embed.weight" : tensor<100x8xf32>
  %two = mm.constant dense<2> : tensor<i32>
  %j = mm.mul %ids, %two : (tensor<?xi32>, tensor<i32>) -> tensor<?xi32>
  %e = mm.embedding %w, %j : (tensor<100x8xf32>, tensor<?xi32>) -> tensor<?x8xf32>
  return %e : tensor<?x8xf32>
}
