// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// gru: per layer and direction, one matmul projects the inputs of all time
// steps ([B*T, I] @ W_ihᵀ with b_ih in the accumulator; b_hh stays with the
// recurrent part), then an scf.for over T carries the history of h; each
// step computes h W_hhᵀ + b_hh and one cell generic (r, z, n in PyTorch's
// order, h' = (h - n) * z + n); the reverse direction walks t = T-1 .. 0.

// CHECK-LABEL: func.func @gru$one_layer
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x?x16xf32>, %[[WIH:[a-z0-9]+]]: tensor<24x16xf32>, %[[WHH:[a-z0-9]+]]: tensor<24x8xf32>, %[[BIH:[a-z0-9]+]]: tensor<24xf32>, %[[BHH:[a-z0-9]+]]: tensor<24xf32>
// CHECK: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<?x?x16xf32> into tensor<?x16xf32>
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} ins(%[[BIH]] : tensor<24xf32>)
// CHECK: %[[PROJ:.*]] = linalg.matmul_transpose_b ins(%[[ROWS]], %[[WIH]] : tensor<?x16xf32>, tensor<24x16xf32>) outs(%[[ACC]] : tensor<?x24xf32>)
// CHECK: %[[GI:.*]] = tensor.reshape %[[PROJ]]
// CHECK-SAME: -> tensor<?x?x24xf32>
// CHECK: %[[HIST0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x?x8xf32>)
// CHECK: %[[LOOP:.*]] = scf.for %[[STEP:[a-z0-9_]+]] = %{{.*}} to %[[T]] step %{{.*}} iter_args(%[[HIST:[a-z0-9_]+]] = %[[HIST0]]) -> (tensor<?x?x8xf32>)
// CHECK:   %[[NEXT:.*]] = arith.addi %[[STEP]], %{{.*}} : index
// CHECK:   %[[HPREV:.*]] = tensor.extract_slice %[[HIST]][0, %[[STEP]], 0] [%[[B]], 1, 8] [1, 1, 1] : tensor<?x?x8xf32> to tensor<?x8xf32>
// CHECK:   %[[GIT:.*]] = tensor.extract_slice %[[GI]][0, %[[STEP]], 0] [%[[B]], 1, 24] [1, 1, 1] : tensor<?x?x24xf32> to tensor<?x24xf32>
// CHECK:   %[[GHACC:.*]] = linalg.generic {{.*}} ins(%[[BHH]] : tensor<24xf32>)
// CHECK:   %[[GH:.*]] = linalg.matmul_transpose_b ins(%[[HPREV]], %[[WHH]] : tensor<?x8xf32>, tensor<24x8xf32>) outs(%[[GHACC]] : tensor<?x24xf32>)
// CHECK:   %[[IR:.*]] = tensor.extract_slice %[[GIT]][0, 0] [%[[B]], 8]
// CHECK:   %[[IZ:.*]] = tensor.extract_slice %[[GIT]][0, 8] [%[[B]], 8]
// CHECK:   %[[IN:.*]] = tensor.extract_slice %[[GIT]][0, 16] [%[[B]], 8]
// CHECK:   %[[HR:.*]] = tensor.extract_slice %[[GH]][0, 0] [%[[B]], 8]
// CHECK:   %[[HZ:.*]] = tensor.extract_slice %[[GH]][0, 8] [%[[B]], 8]
// CHECK:   %[[HN:.*]] = tensor.extract_slice %[[GH]][0, 16] [%[[B]], 8]
// CHECK:   %[[H:.*]] = linalg.generic {{.*}} ins(%[[IR]], %[[IZ]], %[[IN]], %[[HR]], %[[HZ]], %[[HN]], %[[HPREV]] : {{.*}}) outs(%{{.*}} : tensor<?x8xf32>)
// CHECK:   ^bb0(%[[AIR:[a-z0-9_]+]]: f32, %[[AIZ:[a-z0-9_]+]]: f32, %[[AIN:[a-z0-9_]+]]: f32, %[[AHR:[a-z0-9_]+]]: f32, %[[AHZ:[a-z0-9_]+]]: f32, %[[AHN:[a-z0-9_]+]]: f32, %[[AH:[a-z0-9_]+]]: f32, %{{.*}}: f32):
// CHECK:     arith.addf %[[AHR]], %[[AIR]]
// CHECK:     %[[R:.*]] = arith.divf
// CHECK:     arith.addf %[[AHZ]], %[[AIZ]]
// CHECK:     %[[Z:.*]] = arith.divf
// CHECK:     %[[RHN:.*]] = arith.mulf %[[AHN]], %[[R]]
// CHECK:     %[[NPRE:.*]] = arith.addf %[[AIN]], %[[RHN]]
// CHECK:     %[[N:.*]] = math.tanh %[[NPRE]]
// CHECK:     %[[D:.*]] = arith.subf %[[AH]], %[[N]]
// CHECK:     %[[DZ:.*]] = arith.mulf %[[D]], %[[Z]]
// CHECK:     %[[HNEW:.*]] = arith.addf %[[DZ]], %[[N]]
// CHECK:     linalg.yield %[[HNEW]]
// CHECK:   %[[HIST2:.*]] = tensor.insert_slice %[[H]] into %[[HIST]][0, %[[NEXT]], 0] [%[[B]], 1, 8] [1, 1, 1]
// CHECK:   scf.yield %[[HIST2]] : tensor<?x?x8xf32>
// CHECK: %[[SEQ:.*]] = tensor.extract_slice %[[LOOP]][0, 1, 0] [%[[B]], %[[T]], 8] [1, 1, 1]
// CHECK: %[[OUT:.*]] = tensor.insert_slice %[[SEQ]] into %{{.*}}[0, 0, 0] [%[[B]], %[[T]], 8] [1, 1, 1]
// CHECK: %[[HLAST:.*]] = tensor.extract_slice %[[LOOP]][0, %[[T]], 0] [%[[B]], 1, 8] [1, 1, 1]
// CHECK: %[[HN_:.*]] = tensor.insert_slice %[[HLAST]] into %{{.*}}[0, 0, 0] [1, %[[B]], 8] [1, 1, 1] : tensor<?x8xf32> into tensor<1x?x8xf32>
// CHECK: return %[[OUT]], %[[HN_]]
func.func @gru$one_layer(%x: tensor<?x?x16xf32>, %wih: tensor<24x16xf32>, %whh: tensor<24x8xf32>,
                         %bih: tensor<24xf32>, %bhh: tensor<24xf32>) -> (tensor<?x?x8xf32>, tensor<1x?x8xf32>) {
  %out, %h = mm.gru %x, %wih, %whh, %bih, %bhh {hidden_size = 8 : i64}
      : (tensor<?x?x16xf32>, tensor<24x16xf32>, tensor<24x8xf32>, tensor<24xf32>, tensor<24xf32>)
      -> (tensor<?x?x8xf32>, tensor<1x?x8xf32>)
  return %out, %h : tensor<?x?x8xf32>, tensor<1x?x8xf32>
}

// Bidirectional: the reverse loop counts t down, writes slot t and reads
// slot t + 1, and its half of the output starts at column H; h_n holds the
// forward h at index 0 and the reverse one at 1.
// CHECK-LABEL: func.func @gru$bidirectional
// CHECK: %[[T:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: %[[LAST:.*]] = arith.subi %[[T]], %{{.*}} : index
// CHECK: scf.for
// CHECK: %[[FWD:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0] [%{{.*}}, %[[T]], 2]
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0] [1, %{{.*}}, 2] [1, 1, 1] : tensor<?x2xf32> into tensor<2x?x2xf32>
// CHECK: scf.for %[[STEP:[a-z0-9_]+]] =
// CHECK:   %[[TREV:.*]] = arith.subi %[[LAST]], %[[STEP]] : index
// CHECK:   %[[READ:.*]] = arith.addi %[[TREV]], %{{.*}} : index
// CHECK:   tensor.extract_slice %{{.*}}[0, %[[READ]], 0] [%{{.*}}, 1, 2]
// CHECK:   tensor.extract_slice %{{.*}}[0, %[[TREV]], 0] [%{{.*}}, 1, 6]
// CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[0, %[[TREV]], 0]
// CHECK: %[[LOOP:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0] [%{{.*}}, %[[T]], 2]
// CHECK: tensor.insert_slice %[[LOOP]] into %[[FWD]][0, 0, 2] [%{{.*}}, %[[T]], 2]
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[1, 0, 0] [1, %{{.*}}, 2] [1, 1, 1] : tensor<?x2xf32> into tensor<2x?x2xf32>
func.func @gru$bidirectional(%x: tensor<?x?x3xf32>,
    %wih: tensor<6x3xf32>, %whh: tensor<6x2xf32>, %bih: tensor<6xf32>, %bhh: tensor<6xf32>,
    %wihr: tensor<6x3xf32>, %whhr: tensor<6x2xf32>, %bihr: tensor<6xf32>, %bhhr: tensor<6xf32>)
    -> (tensor<?x?x4xf32>, tensor<2x?x2xf32>) {
  %out, %h = mm.gru %x, %wih, %whh, %bih, %bhh, %wihr, %whhr, %bihr, %bhhr
      {hidden_size = 2 : i64, bidirectional = true}
      : (tensor<?x?x3xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>,
         tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>)
      -> (tensor<?x?x4xf32>, tensor<2x?x2xf32>)
  return %out, %h : tensor<?x?x4xf32>, tensor<2x?x2xf32>
}
