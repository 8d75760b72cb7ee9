# RUN: mmc --emit=ast %s | FileCheck %s
# Params: bare weights with a tensor type, including scalars and names.
model m {
  param pos: f32[1, 32, 128]
  param logit_scale: f32[]
  param table: i64[n, 4,]
}

# CHECK:      File "{{.*}}parse_param.mm"
# CHECK-NEXT:   Model m <3:7>
# CHECK-NEXT:     Param pos: f32[1, 32, 128] <4:9>
# CHECK-NEXT:     Param logit_scale: f32[] <5:9>
# CHECK-NEXT:     Param table: i64[n, 4] <6:9>
