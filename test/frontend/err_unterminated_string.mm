# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a string must end on its line.
# CHECK: {{.*}}err_unterminated_string.mm:[[@LINE+4]]:36: error: unterminated string: expected '"' before the end of the line
# CHECK-NEXT: {{^}}  layer s = amplitude_to_db(stype: "power)
# CHECK-NEXT: {{^}}                                   ^
model m {
  layer s = amplitude_to_db(stype: "power)
}
