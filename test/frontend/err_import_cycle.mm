# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# A file that is still being loaded can not be imported again.
import "Inputs/import_cycle.mm"
# CHECK:      Included from {{.*}}err_import_cycle.mm:3:
# CHECK-NEXT: {{.*}}import_cycle.mm:1:8: error: import cycle: '{{.*}}err_import_cycle.mm' imports '{{.*}}import_cycle.mm' imports '{{.*}}err_import_cycle.mm'
# CHECK-NEXT: {{^}}import "../err_import_cycle.mm"
# CHECK-NEXT: {{^}}       ^
