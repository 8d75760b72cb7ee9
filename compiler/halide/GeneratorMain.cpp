//===- GeneratorMain.cpp - the driver of mm-halide-gen --------------------===//
//
// Halide's GenGen.cpp with one change: the generator's watchdog is off
// (`-t 0`) unless the command line sets it. Halide 14's watchdog thread can
// miss the notification that the generator finished (the flag is written
// outside its mutex) and then holds the process's exit for its whole
// timeout, 900 s by default; seen under load in the test suite. mmc's
// kernels compile in seconds, so nothing is lost without it.
//
//===----------------------------------------------------------------------===//

#include "Halide.h"

#include <cstring>
#include <iostream>
#include <vector>

int main(int argc, char **argv) {
  std::vector<char *> args(argv, argv + argc);
  bool hasTimeout = false;
  for (int i = 1; i < argc; ++i)
    hasTimeout |= std::strcmp(argv[i], "-t") == 0;
  static char flag[] = "-t", zero[] = "0";
  if (!hasTimeout) {
    args.push_back(flag);
    args.push_back(zero);
  }
  args.push_back(nullptr);
  return Halide::Internal::generate_filter_main((int)args.size() - 1, args.data(), std::cerr);
}
