# RUN: mmc --emit=ast %s | FileCheck %s
# Integer, float, string, boolean and list literals; '-' folds into numbers.
model m {
  layer a = f(0, 42, -7, 1e-6, -0.5, 2.0, 3., 1E3, 2.5e+2, 1e-06)
  layer b = f("reflect", "a\"b\\c\n", "", true, false)
  layer c = f([1, 2, 3], [], [[1, 2], [3]], [4, 5,])
}

# CHECK:      File "{{.*}}parse_literals.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Layer a <4:9>
# CHECK-NEXT:       Call <4:13>
# CHECK-NEXT:         callee: Name f <4:13>
# CHECK-NEXT:         Int 0 <4:15>
# CHECK-NEXT:         Int 42 <4:18>
# CHECK-NEXT:         Int -7 <4:22>
# CHECK-NEXT:         Float 1e-06 <4:26>
# CHECK-NEXT:         Float -0.5 <4:32>
# CHECK-NEXT:         Float 2.0 <4:38>
# CHECK-NEXT:         Float 3.0 <4:43>
# CHECK-NEXT:         Float 1000.0 <4:47>
# CHECK-NEXT:         Float 250.0 <4:52>
# CHECK-NEXT:         Float 1e-06 <4:60>
# CHECK-NEXT:     Layer b <5:9>
# CHECK-NEXT:       Call <5:13>
# CHECK-NEXT:         callee: Name f <5:13>
# CHECK-NEXT:         String "reflect" <5:15>
# CHECK-NEXT:         String "a\"b\\c\n" <5:26>
# CHECK-NEXT:         String "" <5:39>
# CHECK-NEXT:         Bool true <5:43>
# CHECK-NEXT:         Bool false <5:49>
# CHECK-NEXT:     Layer c <6:9>
# CHECK-NEXT:       Call <6:13>
# CHECK-NEXT:         callee: Name f <6:13>
# CHECK-NEXT:         List <6:15>
# CHECK-NEXT:           Int 1 <6:16>
# CHECK-NEXT:           Int 2 <6:19>
# CHECK-NEXT:           Int 3 <6:22>
# CHECK-NEXT:         List <6:26>
# CHECK-NEXT:         List <6:30>
# CHECK-NEXT:           List <6:31>
# CHECK-NEXT:             Int 1 <6:32>
# CHECK-NEXT:             Int 2 <6:35>
# CHECK-NEXT:           List <6:39>
# CHECK-NEXT:             Int 3 <6:40>
# CHECK-NEXT:         List <6:45>
# CHECK-NEXT:           Int 4 <6:46>
# CHECK-NEXT:           Int 5 <6:49>
