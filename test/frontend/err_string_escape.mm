# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# only \" \\ \n \t are escapes.
# CHECK: {{.*}}err_string_escape.mm:[[@LINE+4]]:39: error: unknown escape sequence in string: expected one of \" \\ \n \t, found '\w'
# CHECK-NEXT: {{^}}  layer s = amplitude_to_db(stype: "po\wer")
# CHECK-NEXT: {{^}}                                      ^
model m {
  layer s = amplitude_to_db(stype: "po\wer")
}
