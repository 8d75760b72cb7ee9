// RUN: mm-opt %s --pass-pipeline="builtin.module(func.func(mm-approximate-math))" | FileCheck %s
// RUN: mm-opt %s --mm-linalg-to-llvm-pipeline \
// RUN:   | mlir-cpu-runner -e erf_accuracy -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils | FileCheck %s --check-prefix=EXEC

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

// erf is x P(x^2) / Q(x^2) on x clamped to [-3.92, 3.92] (Horner's rule in
// x^2, one division, no select), the result clamped to [-1, 1]; on vectors
// the same ops with splat constants.
// CHECK-LABEL: func.func @erf_ops
// CHECK-SAME: (%[[X:.*]]: f32, %[[V:.*]]: vector<16xf32>)
// CHECK: %[[NCLAMP:.*]] = arith.constant -3.920000e+00 : f32
// CHECK: %[[LOW:.*]] = arith.maximumf %[[X]], %[[NCLAMP]] : f32
// CHECK: %[[CLAMP:.*]] = arith.constant 3.920000e+00 : f32
// CHECK: %[[XC:.*]] = arith.minimumf %[[LOW]], %[[CLAMP]] : f32
// CHECK: %[[U:.*]] = arith.mulf %[[XC]], %[[XC]] : f32
// CHECK-COUNT-5: arith.mulf %{{.*}}, %[[U]] : f32
// CHECK: %[[NUM:.*]] = arith.mulf %[[XC]], %{{.*}} : f32
// CHECK-COUNT-5: arith.mulf %{{.*}}, %[[U]] : f32
// CHECK: %[[R:.*]] = arith.divf %[[NUM]], %{{.*}} : f32
// CHECK-NOT: arith.select
// CHECK: arith.maximumf %[[R]]
// CHECK: arith.minimumf
// CHECK: arith.maximumf %[[V]], %{{.*}} : vector<16xf32>
// CHECK: arith.divf %{{.*}} : vector<16xf32>
// CHECK-NOT: math.erf
// CHECK: return %{{.*}} : f32, vector<16xf32>
func.func @erf_ops(%x: f32, %v: vector<16xf32>) -> (f32, vector<16xf32>) {
  %0 = math.erf %x : f32
  %1 = math.erf %v : vector<16xf32>
  return %0, %1 : f32, vector<16xf32>
}

// Compiled: the largest error of the f32 erf against libm's f64 erf on
// x = -6 .. 6 in steps of 2^-12 is below 5e-7 (the fit's own error is
// 2e-8, the rest f32 rounding), erf(+-inf) = +-1 and erf(NaN) is NaN.
// EXEC: max error below 5e-7: 1
// EXEC-NEXT: erf(inf), erf(-inf): 1, -1
// EXEC-NEXT: erf(nan) is nan: 1
func.func @erf_accuracy() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 49153 : index
  %step = arith.constant 2.44140625e-04 : f64
  %start = arith.constant -6.0 : f64
  %zero = arith.constant 0.0 : f64
  %worst = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %ii = arith.index_cast %i : index to i64
    %fi = arith.sitofp %ii : i64 to f64
    %x64 = arith.addf %start, %fi : f64
    %xs = arith.mulf %x64, %step : f64
    %x = arith.truncf %xs : f64 to f32
    %y = math.erf %x : f32
    %xe = arith.extf %x : f32 to f64
    %ref = math.erf %xe : f64
    %ye = arith.extf %y : f32 to f64
    %d = arith.subf %ye, %ref : f64
    %e = math.absf %d : f64
    %m = arith.maximumf %acc, %e : f64
    scf.yield %m : f64
  }
  %bound = arith.constant 5.0e-07 : f64
  %ok = arith.cmpf olt, %worst, %bound : f64
  vector.print str "max error below 5e-7: "
  vector.print %ok : i1
  %inf = arith.constant 0x7F800000 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %a = math.erf %inf : f32
  %b = math.erf %ninf : f32
  %c = math.erf %nan : f32
  vector.print str "erf(inf), erf(-inf): "
  vector.print %a : f32 punctuation <comma>
  vector.print str " "
  vector.print %b : f32
  %isnan = arith.cmpf uno, %c, %c : f32
  vector.print str "erf(nan) is nan: "
  vector.print %isnan : i1
  return
}
