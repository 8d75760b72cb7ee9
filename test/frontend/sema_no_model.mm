# RUN: not mmc --emit=mm %s 2>&1 | FileCheck %s
# A file that defines no model has nothing to compile; the error points at
# the start of the file.
# CHECK: {{.*}}sema_no_model.mm:1:1: error: the file defines no model (expected 'model NAME { ... }')
block Enc() {
}
