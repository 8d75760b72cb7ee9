// RUN: mm-opt %s --pass-pipeline="builtin.module(func.func(mm-approximate-math))" | FileCheck %s

// f32 exp and erf become arithmetic (no libm call left to make); tanh, log
// and f64 keep the math op (and so libm).
// CHECK-LABEL: func.func @functions
// CHECK-NOT: math.exp %{{.*}} : f32
// CHECK-NOT: math.erf %{{.*}} : f32
// CHECK-DAG: math.tanh %{{.*}} : f32
// CHECK-DAG: math.log %{{.*}} : f32
// CHECK-DAG: math.exp %{{.*}} : f64
// CHECK-DAG: math.erf %{{.*}} : f64
func.func @functions(%x: f32, %y: f64) -> (f32, f32, f32, f32, f64, f64) {
  %0 = math.exp %x : f32
  %1 = math.erf %x : f32
  %2 = math.tanh %x : f32
  %3 = math.log %x : f32
  %4 = math.exp %y : f64
  %5 = math.erf %y : f64
  return %0, %1, %2, %3, %4, %5 : f32, f32, f32, f32, f64, f64
}
