# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# the imported file must exist (relative to this file).
# CHECK: {{.*}}err_import_missing.mm:[[@LINE+3]]:8: error: could not open imported file '{{.*}}Inputs/no_such_file.mm': No such file or directory
# CHECK-NEXT: {{^}}import "Inputs/no_such_file.mm"
# CHECK-NEXT: {{^}}       ^
import "Inputs/no_such_file.mm"
