// RUN: mm-opt %s --mm-expose-weights -verify-diagnostics

// The pipeline inlines fn-calls-fn first; a private function left over
// could not receive the weights.
mm.weight_decl @w : tensor<4xf32>
// expected-error@+1 {{private function left after inlining}}
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
