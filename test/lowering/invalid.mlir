// RUN: mm-opt --convert-mm-to-linalg %s -split-input-file -verify-diagnostics
// What the lowering refuses, with the reason, instead of a "failed to
// legalize".

func.func @div$integer(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error@+1 {{'mm.div' op on integers is not supported: PyTorch's `/` of 'i32' tensors gives a float tensor}}
  %0 = mm.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @add$unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error@+1 {{'mm.add' op on 'ui8' is not supported}}
  %0 = mm.add %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}
