// RUN: mm-opt %s --pass-pipeline="builtin.module(func.func(mm-pack-weights{tile-n=0}))" -verify-diagnostics

// expected-error@+1 {{tile size must be positive}}
func.func @zero_tile(%w: tensor<6x3xf32> {mm.weight = "w"}) -> tensor<6x3xf32> {
  return %w : tensor<6x3xf32>
}
