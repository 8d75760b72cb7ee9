# RUN: not mmc --emit=ast %S/Inputs/does_not_exist.mm 2>&1 | FileCheck %s
# The file given on the command line must exist.
# CHECK: {{.*}}does_not_exist.mm: error: could not open the file: No such file or directory
