// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// lstm: per layer and direction, one matmul projects the inputs of all time
// steps ([B*T, I] @ W_ihᵀ with b_ih + b_hh in the accumulator), then an
// scf.for over T carries c and the history of h; the reverse direction
// walks t = T-1 .. 0; the output and h_n/c_n are assembled with
// insert_slice.

// CHECK-LABEL: func.func @lstm$one_layer
// CHECK-SAME: %[[X:.*]]: tensor<?x?x128xf32>, %[[WIH:.*]]: tensor<256x128xf32>, %[[WHH:.*]]: tensor<256x64xf32>, %[[BIH:.*]]: tensor<256xf32>, %[[BHH:.*]]: tensor<256xf32>
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[BIAS:.*]] = linalg.generic {{.*}} ins(%[[BIH]], %[[BHH]] : tensor<256xf32>, tensor<256xf32>)
// CHECK: arith.addf
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<?x?x128xf32> into tensor<?x128xf32>
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} ins(%[[BIAS]] : tensor<256xf32>)
// CHECK: %[[PROJ:.*]] = linalg.matmul_transpose_b ins(%[[ROWS]], %[[WIH]] : tensor<?x128xf32>, tensor<256x128xf32>) outs(%[[ACC]] : tensor<?x256xf32>)
// CHECK: %[[GATES_IN:.*]] = tensor.reshape %[[PROJ]]
// CHECK-SAME: -> tensor<?x?x256xf32>
// CHECK: %[[HIST0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x?x64xf32>)
// CHECK: %[[C0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x64xf32>)
// CHECK: %[[LOOP:[0-9]+]]:2 = scf.for %[[STEP:[a-z0-9_]+]] = %{{.*}} to %[[T]] step %{{.*}} iter_args(%[[HIST:[a-z0-9_]+]] = %[[HIST0]], %[[C:[a-z0-9_]+]] = %[[C0]])
// CHECK:   %[[NEXT:.*]] = arith.addi %[[STEP]], %{{.*}} : index
// CHECK:   %[[HPREV:.*]] = tensor.extract_slice %[[HIST]][0, %[[STEP]], 0] [%{{.*}}, 1, 64] [1, 1, 1] : tensor<?x?x64xf32> to tensor<?x64xf32>
// CHECK:   %[[XT:.*]] = tensor.extract_slice %[[GATES_IN]][0, %[[STEP]], 0] [%{{.*}}, 1, 256] [1, 1, 1] : tensor<?x?x256xf32> to tensor<?x256xf32>
// CHECK:   %[[GATES:.*]] = linalg.matmul_transpose_b ins(%[[HPREV]], %[[WHH]] : tensor<?x64xf32>, tensor<256x64xf32>) outs(%[[XT]] : tensor<?x256xf32>)
// CHECK:   %[[I:.*]] = tensor.extract_slice %[[GATES]][0, 0] [%{{.*}}, 64]
// CHECK:   %[[F:.*]] = tensor.extract_slice %[[GATES]][0, 64] [%{{.*}}, 64]
// CHECK:   %[[G:.*]] = tensor.extract_slice %[[GATES]][0, 128] [%{{.*}}, 64]
// CHECK:   %[[O:.*]] = tensor.extract_slice %[[GATES]][0, 192] [%{{.*}}, 64]
// CHECK:   %[[CELL:.*]]:2 = linalg.generic {{.*}} ins(%[[I]], %[[F]], %[[G]], %[[O]] : {{.*}}) outs(%[[C]], %{{.*}} : tensor<?x64xf32>, tensor<?x64xf32>)
// CHECK:     math.tanh
// CHECK:     arith.mulf
// CHECK:     arith.mulf
// CHECK:     arith.addf
// CHECK:     math.tanh
// CHECK:     arith.mulf
// CHECK:   %[[HIST2:.*]] = tensor.insert_slice %[[CELL]]#1 into %[[HIST]][0, %[[NEXT]], 0] [%{{.*}}, 1, 64] [1, 1, 1]
// CHECK:   scf.yield %[[HIST2]], %[[CELL]]#0 : tensor<?x?x64xf32>, tensor<?x64xf32>
// CHECK: %[[SEQ:.*]] = tensor.extract_slice %[[LOOP]]#0[0, 1, 0] [%{{.*}}, %[[T]], 64] [1, 1, 1]
// CHECK: %[[OUT:.*]] = tensor.insert_slice %[[SEQ]] into %{{.*}}[0, 0, 0] [%{{.*}}, %[[T]], 64] [1, 1, 1]
// CHECK: %[[HLAST:.*]] = tensor.extract_slice %[[LOOP]]#0[0, %[[T]], 0] [%{{.*}}, 1, 64] [1, 1, 1]
// CHECK: %[[HN:.*]] = tensor.insert_slice %[[HLAST]] into %{{.*}}[0, 0, 0] [1, %{{.*}}, 64] [1, 1, 1] : tensor<?x64xf32> into tensor<1x?x64xf32>
// CHECK: %[[CN:.*]] = tensor.insert_slice %[[LOOP]]#1 into %{{.*}}[0, 0, 0] [1, %{{.*}}, 64] [1, 1, 1] : tensor<?x64xf32> into tensor<1x?x64xf32>
// CHECK: return %[[OUT]], %[[HN]], %[[CN]]
func.func @lstm$one_layer(%x: tensor<?x?x128xf32>, %wih: tensor<256x128xf32>, %whh: tensor<256x64xf32>,
                          %bih: tensor<256xf32>, %bhh: tensor<256xf32>)
    -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>) {
  %out, %h, %c = mm.lstm %x, %wih, %whh, %bih, %bhh {hidden_size = 64 : i64}
      : (tensor<?x?x128xf32>, tensor<256x128xf32>, tensor<256x64xf32>, tensor<256xf32>, tensor<256xf32>)
      -> (tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>)
  return %out, %h, %c : tensor<?x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32>
}

// Two layers, bidirectional: four projections and loops; layer 1 reads the
// [B, T, 2H] output of layer 0; the reverse loop counts t down and writes
// its half of the output at column H.
// CHECK-LABEL: func.func @lstm$bidirectional_two_layers
// CHECK: %[[T:.*]] = tensor.dim %{{.*}}, %c1
// CHECK: %[[LAST:.*]] = arith.subi %[[T]], %{{.*}} : index
// CHECK: %[[OUT0:.*]] = tensor.empty(%{{.*}}, %[[T]]) : tensor<?x?x8xf32>
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<16x3xf32>)
// CHECK: scf.for
// CHECK: %[[FWD:.*]] = tensor.insert_slice %{{.*}} into %[[OUT0]][0, 0, 0] [%{{.*}}, %[[T]], 4]
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<16x3xf32>)
// CHECK: scf.for %[[STEP:[a-z0-9_]+]] =
// CHECK:   %[[TREV:.*]] = arith.subi %[[LAST]], %[[STEP]] : index
// CHECK:   tensor.extract_slice %{{.*}}[0, %[[TREV]], 0] [%{{.*}}, 1, 16]
// CHECK: %[[BOTH:.*]] = tensor.insert_slice %{{.*}} into %[[FWD]][0, 0, 4] [%{{.*}}, %[[T]], 4]
// CHECK: tensor.collapse_shape %[[BOTH]] {{\[\[}}0, 1], [2]] : tensor<?x?x8xf32> into tensor<?x8xf32>
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<16x8xf32>)
// CHECK: scf.for
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<16x8xf32>)
// CHECK: scf.for
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[3, 0, 0] [1, %{{.*}}, 4] [1, 1, 1] : tensor<?x4xf32> into tensor<4x?x4xf32>
func.func @lstm$bidirectional_two_layers(%x: tensor<?x?x3xf32>,
    %wih0: tensor<16x3xf32>, %whh0: tensor<16x4xf32>, %bih0: tensor<16xf32>, %bhh0: tensor<16xf32>,
    %wih0r: tensor<16x3xf32>, %whh0r: tensor<16x4xf32>, %bih0r: tensor<16xf32>, %bhh0r: tensor<16xf32>,
    %wih1: tensor<16x8xf32>, %whh1: tensor<16x4xf32>, %bih1: tensor<16xf32>, %bhh1: tensor<16xf32>,
    %wih1r: tensor<16x8xf32>, %whh1r: tensor<16x4xf32>, %bih1r: tensor<16xf32>, %bhh1r: tensor<16xf32>)
    -> (tensor<?x?x8xf32>, tensor<4x?x4xf32>, tensor<4x?x4xf32>) {
  %out, %h, %c = mm.lstm %x, %wih0, %whh0, %bih0, %bhh0, %wih0r, %whh0r, %bih0r, %bhh0r,
      %wih1, %whh1, %bih1, %bhh1, %wih1r, %whh1r, %bih1r, %bhh1r
      {hidden_size = 4 : i64, num_layers = 2 : i64, bidirectional = true}
      : (tensor<?x?x3xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16x8xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>,
         tensor<16x8xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>)
      -> (tensor<?x?x8xf32>, tensor<4x?x4xf32>, tensor<4x?x4xf32>)
  return %out, %h, %c : tensor<?x?x8xf32>, tensor<4x?x4xf32>, tensor<4x?x4xf32>
}
