// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// The structure of the tensor functions' lowering (MMTensorOps.td):
// transpose and permute are linalg.transpose; flatten a collapse_shape;
// reshape goes through a 1-D view, expanded with the result sizes (an
// inferred one divides the element count, several dynamic ones make a
// tensor.reshape with a shape tensor); stack inserts each input as one
// slice of the new dimension. softmax and log_softmax are a maximum, a sum
// of exponentials of the shifted input, and an elementwise generic;
// normalize accumulates per slice and divides by the clamped norm. to is an
// elementwise conversion; unsigned scalars are cast to signless ones in the
// bodies (unrealized casts, gone in the LLVM lowering).
// Pooling pads explicitly (-inf for max, 0 for avg, further on the right
// for ceil_mode) and uses linalg's NCHW pooling ops; avg divides by a
// per-window divisor. adaptive_avg_pool2d and interpolate are generics over
// the output reading the input with tensor.extract (interpolate: 1, 2 or 4
// taps per spatial dimension for nearest, linear and bicubic).

// CHECK-DAG: #[[FULL:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @transpose$dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x64x256xf32>
// CHECK: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[E:.*]] = tensor.empty(%[[B]]) : tensor<?x256x64xf32>
// CHECK: linalg.transpose ins(%[[X]] : tensor<?x64x256xf32>) outs(%[[E]] : tensor<?x256x64xf32>) permutation = [0, 2, 1]
func.func @transpose$dynamic(%x: tensor<?x64x256xf32>) -> tensor<?x256x64xf32> {
  %0 = mm.transpose %x {dim0 = 1 : i64, dim1 = 2 : i64} : tensor<?x64x256xf32> -> tensor<?x256x64xf32>
  return %0 : tensor<?x256x64xf32>
}

// CHECK-LABEL: func.func @permute$static_int
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x2x3xi32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x4xi32>) outs(%[[E]] : tensor<4x2x3xi32>) permutation = [2, 0, 1]
func.func @permute$static_int(%x: tensor<2x3x4xi32>) -> tensor<4x2x3xi32> {
  %0 = mm.permute %x {dims = array<i64: 2, 0, 1>} : tensor<2x3x4xi32> -> tensor<4x2x3xi32>
  return %0 : tensor<4x2x3xi32>
}

// CHECK-LABEL: func.func @flatten$middle
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<?x64x16x16xf32> into tensor<?x64x256xf32>
// CHECK: return %[[C]]
func.func @flatten$middle(%x: tensor<?x64x16x16xf32>) -> tensor<?x64x256xf32> {
  %0 = mm.flatten %x {start_dim = 2 : i64, end_dim = 3 : i64} : tensor<?x64x16x16xf32> -> tensor<?x64x256xf32>
  return %0 : tensor<?x64x256xf32>
}

// CHECK-LABEL: func.func @reshape$static
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
func.func @reshape$static(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = mm.reshape %x {shape = array<i64: 4, 6>} : tensor<2x3x4xf32> -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// CHECK-LABEL: func.func @reshape$inferred
// CHECK-SAME: %[[X:.*]]: tensor<?x?x128xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[BT:.*]] = arith.muli %[[B]], %[[T]] : index
// CHECK: %[[N:.*]] = arith.muli %[[BT]], %c128 : index
// CHECK: %[[R:.*]] = arith.divui %[[N]], %c64 : index
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<?x?x128xf32> into tensor<?xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [%[[R]], 64] : tensor<?xf32> into tensor<?x64xf32>
func.func @reshape$inferred(%x: tensor<?x?x128xf32>) -> tensor<?x64xf32> {
  %0 = mm.reshape %x {shape = array<i64: -1, 64>} : tensor<?x?x128xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// CHECK-LABEL: func.func @reshape$inferred_dynamic_divisor
// CHECK-SAME: %[[X:.*]]: tensor<?x?xf32>
// CHECK: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[D:.*]] = arith.muli %[[B]], %c2 : index
// CHECK: %[[SAFE:.*]] = arith.maxsi %[[D]], %c1{{.*}} : index
// CHECK: %[[R:.*]] = arith.divui %{{.*}}, %[[SAFE]] : index
// CHECK: tensor.from_elements %[[B]], %c2{{.*}}, %[[R]] : tensor<3xindex>
func.func @reshape$inferred_dynamic_divisor(%x: tensor<?x?xf32>) -> tensor<?x2x?xf32> {
  %0 = mm.reshape %x {shape = array<i64: -1, 2, -1>, source_dims = array<i64: 0, -1, -1>}
      : tensor<?x?xf32> -> tensor<?x2x?xf32>
  return %0 : tensor<?x2x?xf32>
}

// CHECK-LABEL: func.func @reshape$sources
// CHECK-SAME: %[[X:.*]]: tensor<?x?x128xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG: %[[T:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]]
// CHECK: %[[S:.*]] = tensor.from_elements %[[B]], %[[T]], %c4, %c32 : tensor<4xindex>
// CHECK: tensor.reshape %[[F]](%[[S]]) : (tensor<?xf32>, tensor<4xindex>) -> tensor<?x?x4x32xf32>
func.func @reshape$sources(%x: tensor<?x?x128xf32>) -> tensor<?x?x4x32xf32> {
  %0 = mm.reshape %x {shape = array<i64: -1, -1, 4, 32>, source_dims = array<i64: 0, 1, -1, -1>}
      : tensor<?x?x128xf32> -> tensor<?x?x4x32xf32>
  return %0 : tensor<?x?x4x32xf32>
}

// CHECK-LABEL: func.func @reshape$to_scalar
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// CHECK: tensor.collapse_shape %[[F]] [] : tensor<1xf32> into tensor<f32>
func.func @reshape$to_scalar(%x: tensor<1x1xf32>) -> tensor<f32> {
  %0 = mm.reshape %x {shape = array<i64>} : tensor<1x1xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @stack$middle
// CHECK-SAME: %[[A:.*]]: tensor<?x3xf32>, %[[B:.*]]: tensor<?x3xf32>
// CHECK: %[[N:.*]] = tensor.dim %[[A]], %c0
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x2x3xf32>
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0, 0] [%[[N]], 1, 3] [1, 1, 1] : tensor<?x3xf32> into tensor<?x2x3xf32>
// CHECK: tensor.insert_slice %[[B]] into %[[R0]][0, 1, 0] [%[[N]], 1, 3] [1, 1, 1] : tensor<?x3xf32> into tensor<?x2x3xf32>
func.func @stack$middle(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x2x3xf32> {
  %0 = mm.stack %a, %b {dim = 1 : i64} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x2x3xf32>
  return %0 : tensor<?x2x3xf32>
}

// CHECK-LABEL: func.func @softmax$last
// CHECK-SAME: %[[X:.*]]: tensor<?x7xf32>
// CHECK: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MINIT:.*]] = linalg.fill ins(%[[NEG]] : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<?x7xf32>) outs(%[[MINIT]] : tensor<?xf32>)
// CHECK: arith.maximumf
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[MAX]] : tensor<?x7xf32>, tensor<?xf32>)
// CHECK: %[[D:.*]] = arith.subf
// CHECK: %[[E:.*]] = math.exp %[[D]]
// CHECK: arith.addf %{{.*}}, %[[E]]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MAX]], %[[SUM]] : tensor<?x7xf32>, tensor<?xf32>, tensor<?xf32>) outs(%{{.*}} : tensor<?x7xf32>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[M:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[D2:.*]] = arith.subf %[[V]], %[[M]]
// CHECK: %[[E2:.*]] = math.exp %[[D2]]
// CHECK: arith.divf %[[E2]], %[[S]]
func.func @softmax$last(%x: tensor<?x7xf32>) -> tensor<?x7xf32> {
  %0 = mm.softmax %x {dim = 1 : i64} : tensor<?x7xf32>
  return %0 : tensor<?x7xf32>
}

// CHECK-LABEL: func.func @log_softmax$first
// CHECK: linalg.generic {indexing_maps = [#[[FULL]], #[[COL]]], iterator_types = ["reduction", "parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[FULL]], #[[COL]], #[[COL]]], iterator_types = ["reduction", "parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[FULL]], #[[COL]], #[[COL]], #[[FULL]]], iterator_types = ["parallel", "parallel"]}
// CHECK: ^bb0(%[[V:.*]]: f32, %[[M:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[D:.*]] = arith.subf %[[V]], %[[M]]
// CHECK: %[[L:.*]] = math.log %[[S]]
// CHECK: arith.subf %[[D]], %[[L]]
func.func @log_softmax$first(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  %0 = mm.log_softmax %x {dim = 0 : i64} : tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// CHECK-LABEL: func.func @normalize$p2
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]}
// CHECK: %[[SQ:.*]] = arith.mulf %[[V:.*]], %[[V]]
// CHECK: arith.addf %{{.*}}, %[[SQ]]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK: ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[N:.*]] = math.sqrt %[[ACC]]
// CHECK: %[[EPS:.*]] = arith.constant 9.99999996E-13 : f32
// CHECK: %[[DEN:.*]] = arith.maximumf %[[N]], %[[EPS]]
// CHECK: arith.divf %[[X]], %[[DEN]]
func.func @normalize$p2(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = mm.normalize %x {p = 2.0 : f64, dim = 1 : i64, eps = 1.0e-12 : f64} : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @normalize$p3
// CHECK: %[[A:.*]] = math.absf
// CHECK: math.powf %[[A]], %{{.*}} : f32
// CHECK: arith.constant 0.333333343 : f32
// CHECK: math.powf
func.func @normalize$p3(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = mm.normalize %x {p = 3.0 : f64, dim = 1 : i64, eps = 1.0e-6 : f64} : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @zeros_like$dynamic
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xf32>
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<?x3xf32>)
func.func @zeros_like$dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = mm.zeros_like %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @ones_like$ui8
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xui8>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?x3xui8>)
// CHECK: %[[ONE:.*]] = arith.constant 1 : i8
// CHECK: %[[U:.*]] = builtin.unrealized_conversion_cast %[[ONE]] : i8 to ui8
// CHECK: linalg.yield %[[U]] : ui8
func.func @ones_like$ui8(%x: tensor<?x3xui8>) -> tensor<?x3xui8> {
  %0 = mm.ones_like %x : tensor<?x3xui8>
  return %0 : tensor<?x3xui8>
}

// CHECK-LABEL: func.func @to$f32_i64
// CHECK: linalg.generic
// CHECK: arith.fptosi %{{.*}} : f32 to i64
func.func @to$f32_i64(%x: tensor<?x3xf32>) -> tensor<?x3xi64> {
  %0 = mm.to %x : tensor<?x3xf32> -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}

// CHECK-LABEL: func.func @to$f32_ui8
// CHECK: %[[W:.*]] = arith.fptosi %{{.*}} : f32 to i32
// CHECK: %[[T:.*]] = arith.trunci %[[W]] : i32 to i8
// CHECK: %[[U:.*]] = builtin.unrealized_conversion_cast %[[T]] : i8 to ui8
// CHECK: linalg.yield %[[U]] : ui8
func.func @to$f32_ui8(%x: tensor<3xf32>) -> tensor<3xui8> {
  %0 = mm.to %x : tensor<3xf32> -> tensor<3xui8>
  return %0 : tensor<3xui8>
}

// CHECK-LABEL: func.func @to$ui8_i32
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<3xui8>)
// CHECK: ^bb0(%[[IN:.*]]: ui8, %{{.*}}: i32):
// CHECK: %[[S:.*]] = builtin.unrealized_conversion_cast %[[IN]] : ui8 to i8
// CHECK: arith.extui %[[S]] : i8 to i32
func.func @to$ui8_i32(%x: tensor<3xui8>) -> tensor<3xi32> {
  %0 = mm.to %x : tensor<3xui8> -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// CHECK-LABEL: func.func @to$i64_f32
// CHECK: arith.sitofp %{{.*}} : i64 to f32
func.func @to$i64_f32(%x: tensor<3xi64>) -> tensor<3xf32> {
  %0 = mm.to %x : tensor<3xi64> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func @max_pool2d$padded
// CHECK-SAME: %[[X:.*]]: tensor<?x3x8x8xf32>
// CHECK: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NEG]] : f32
// CHECK: } : tensor<?x3x8x8xf32> to tensor<?x3x10x10xf32>
// CHECK: %[[W:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[I:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x4x4xf32>)
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[P]], %[[W]] : tensor<?x3x10x10xf32>, tensor<3x3xf32>) outs(%[[I]] : tensor<?x3x4x4xf32>)
func.func @max_pool2d$padded(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32> {
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
      padding = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : tensor<?x3x8x8xf32> -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// CHECK-LABEL: func.func @max_pool2d$ceil_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<1x1x?x8xf32>
// CHECK: %[[H:.*]] = tensor.dim %[[X]], %c2
// CHECK: %[[DROP:.*]] = arith.cmpi sge
// CHECK: %[[OUT:.*]] = arith.select %[[DROP]]
// CHECK: %[[OH:.*]] = arith.maxsi %[[OUT]], %{{.*}} : index
// CHECK: %[[HIGH:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// CHECK: tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 0, %[[HIGH]], 0]
// CHECK: tensor.empty(%[[OH]]) : tensor<1x1x?x4xf32>
// CHECK: linalg.pooling_nchw_max
func.func @max_pool2d$ceil_dynamic(%x: tensor<1x1x?x8xf32>) -> tensor<1x1x?x4xf32> {
  %0 = mm.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, ceil_mode = true}
      : tensor<1x1x?x8xf32> -> tensor<1x1x?x4xf32>
  return %0 : tensor<1x1x?x4xf32>
}

// CHECK-LABEL: func.func @avg_pool2d$chw
// CHECK: %[[E:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3]] output_shape [1, 3, 8, 8] : tensor<3x8x8xf32> into tensor<1x3x8x8xf32>
// CHECK-NOT: tensor.pad
// CHECK: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[E]], %{{.*}} : tensor<1x3x8x8xf32>, tensor<2x2xf32>)
// CHECK: %[[A:.*]] = linalg.generic {{.*}} ins(%[[S]] : tensor<1x3x4x4xf32>)
// CHECK: linalg.index 2
// CHECK: linalg.index 3
// CHECK: %[[NI:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[NF:.*]] = arith.sitofp %[[NI]] : i64 to f32
// CHECK: arith.divf %{{.*}}, %[[NF]] : f32
// CHECK: tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<1x3x4x4xf32> into tensor<3x4x4xf32>
func.func @avg_pool2d$chw(%x: tensor<3x8x8xf32>) -> tensor<3x4x4xf32> {
  %0 = mm.avg_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
      padding = array<i64: 0, 0>} : tensor<3x8x8xf32> -> tensor<3x4x4xf32>
  return %0 : tensor<3x4x4xf32>
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d$dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x3x?x?xf32>
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x3x2x2xf32>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?x3x2x2xf32>)
// CHECK: %[[N:.*]] = linalg.index 0
// CHECK: %[[C:.*]] = linalg.index 1
// CHECK: %[[H0:.*]] = arith.divui
// CHECK: %[[H1:.*]] = arith.divui
// CHECK: %[[W0:.*]] = arith.divui
// CHECK: %[[W1:.*]] = arith.divui
// CHECK: scf.for %[[H:.*]] = %[[H0]] to %[[H1]]
// CHECK: scf.for %[[W:.*]] = %[[W0]] to %[[W1]]
// CHECK: tensor.extract %[[X]][%[[N]], %[[C]], %[[H]], %[[W]]] : tensor<?x3x?x?xf32>
// CHECK: arith.divf
func.func @adaptive_avg_pool2d$dynamic(%x: tensor<?x3x?x?xf32>) -> tensor<?x3x2x2xf32> {
  %0 = mm.adaptive_avg_pool2d %x {output_size = array<i64: 2, 2>} : tensor<?x3x?x?xf32> -> tensor<?x3x2x2xf32>
  return %0 : tensor<?x3x2x2xf32>
}

// CHECK-LABEL: func.func @interpolate$nearest
// CHECK-SAME: %[[X:.*]]: tensor<?x3x4x4xf32>
// CHECK: tensor.empty(%{{.*}}) : tensor<?x3x8x8xf32>
// CHECK: linalg.generic
// CHECK: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[P:.*]] = arith.mulf %{{.*}}, %[[HALF]] : f32
// CHECK: %[[F:.*]] = math.floor %[[P]] : f32
// CHECK: %[[I:.*]] = arith.fptosi %[[F]] : f32 to i64
// CHECK: %[[SRC:.*]] = arith.index_cast %[[I]] : i64 to index
// CHECK: %[[H:.*]] = arith.minsi %[[SRC]], %{{.*}} : index
// CHECK: %[[W:.*]] = arith.minsi
// CHECK: tensor.extract %[[X]][%{{.*}}, %{{.*}}, %[[H]], %[[W]]] : tensor<?x3x4x4xf32>
func.func @interpolate$nearest(%x: tensor<?x3x4x4xf32>) -> tensor<?x3x8x8xf32> {
  %0 = mm.interpolate %x {mode = "nearest", scale_factor = 2.0 : f64} : tensor<?x3x4x4xf32> -> tensor<?x3x8x8xf32>
  return %0 : tensor<?x3x8x8xf32>
}

// CHECK-LABEL: func.func @interpolate$linear
// CHECK-SAME: %[[X:.*]]: tensor<2x3x5xf32>
// CHECK: %[[SCALE:.*]] = arith.divf
// CHECK: %[[REAL:.*]] = arith.subf
// CHECK: %[[CLAMPED:.*]] = arith.maximumf %[[REAL]], %{{.*}} : f32
// CHECK: %[[I0:.*]] = arith.index_cast
// CHECK: %[[NEXT:.*]] = arith.cmpi slt, %[[I0]]
// CHECK: %[[SAME:.*]] = arith.cmpi eq
// CHECK: %[[L0:.*]] = arith.subf %{{.*}}, %[[L1:.*]] : f32
// CHECK: %[[A:.*]] = tensor.extract %[[X]]
// CHECK: %[[WA:.*]] = arith.mulf %[[L0]], %[[A]]
// CHECK: %[[B:.*]] = tensor.extract %[[X]]
// CHECK: %[[WB:.*]] = arith.mulf %[[L1]], %[[B]]
// CHECK: arith.addf %[[WA]], %[[WB]]
func.func @interpolate$linear(%x: tensor<2x3x5xf32>) -> tensor<2x3x9xf32> {
  %0 = mm.interpolate %x {mode = "linear", size = array<i64: 9>} : tensor<2x3x5xf32> -> tensor<2x3x9xf32>
  return %0 : tensor<2x3x9xf32>
}

// CHECK-LABEL: func.func @interpolate$bicubic
// CHECK-SAME: %[[X:.*]]: tensor<1x2x4x4xf32>
// CHECK: %[[REAL:.*]] = arith.subf
// CHECK: %[[FL:.*]] = math.floor %[[REAL]] : f32
// CHECK: arith.subf %[[REAL]], %[[FL]] : f32
// CHECK-COUNT-4: arith.maxsi
// CHECK: %[[FL2:.*]] = math.floor
// CHECK-COUNT-4: arith.maxsi
// CHECK-COUNT-16: tensor.extract %[[X]]
func.func @interpolate$bicubic(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x7x9xf32> {
  %0 = mm.interpolate %x {mode = "bicubic", size = array<i64: 7, 9>} : tensor<1x2x4x4xf32> -> tensor<1x2x7x9xf32>
  return %0 : tensor<1x2x7x9xf32>
}
