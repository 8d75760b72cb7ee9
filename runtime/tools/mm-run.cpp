//===- mm-run.cpp - Run a compiled model on files -------------------------===//
//
// Loads a library written by `mmc compile` with dlopen, finds its
// reflection table (mm_library), and calls one of its functions through
// the generic mm_model_call path on inputs read from .npy / .wav files.
// The weights are opened with mm-run's own copy of the runtime; only the
// compiled function bodies come from the library.
//
//===----------------------------------------------------------------------===//

#include "mm/io/ArrayIO.h"
#include "mm/runtime.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <dlfcn.h>
#include <sys/stat.h>

namespace {

const char kUsage[] =
    "usage: mm-run LIBRARY.so --weights W.mmw [--fn NAME]\n"
    "              --input NAME=FILE ... [--output-dir DIR] [--bench N]\n"
    "              [--threads N]\n"
    "\n"
    "Runs one function of a model library written by `mmc compile` and\n"
    "writes its results as out0.npy, out1.npy, ... in return order.\n"
    "\n"
    "  LIBRARY.so        the compiled model (OUTDIR/lib<model>.so)\n"
    "  --weights W.mmw   weights file for that model (`mmc pack` / `mmc init`)\n"
    "  --fn NAME         function to call (default: forward)\n"
    "  --input NAME=FILE value of the function's input NAME; FILE is a .npy\n"
    "                    (dtype and shape used as they are, no conversion;\n"
    "                    bool arrays are passed as u8) or\n"
    "                    a 16-bit PCM .wav (first channel, as f32 [1, N]\n"
    "                    scaled by 1/32768) or a .png (RGB, channels first\n"
    "                    [1, 3, H, W], or [3, H, W] for a rank-3 input; as\n"
    "                    pixel / 255 for an f32 input, raw for u8);\n"
    "                    repeat for every input\n"
    "  --output-dir DIR  where to write out0.npy, ... (default: .)\n"
    "  --bench N         after the first call, time N more calls and print\n"
    "                    'median_ms: X' (median wall-clock milliseconds)\n"
    "  --threads N       threads the model may use (default: 1)\n"
    "  -h, --help        print this help\n"
    "\n"
    "Every error prints 'mm-run: error: ...' and exits with status 1.\n";

[[noreturn]] void die(const std::string &message) {
  std::fprintf(stderr, "mm-run: error: %s\n", message.c_str());
  std::exit(1);
}

bool parsePositive(const std::string &text, int64_t &value) {
  if (text.empty() || text.size() > 12)
    return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
    value = value * 10 + (c - '0');
  }
  return value > 0;
}

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Options {
  std::string library;
  std::string weights;
  std::string fn = "forward";
  std::vector<std::pair<std::string, std::string>> inputs;
  std::string outputDir = ".";
  int64_t bench = 0;
  int64_t threads = 0;
};

Options parseArgs(int argc, char **argv) {
  Options options;
  bool haveThreads = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
      if (!options.library.empty())
        die("more than one library given ('" + options.library + "' and '" +
            arg + "')");
      options.library = arg;
      continue;
    }
    std::string flag = arg, value;
    size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (flag != "--weights" && flag != "--fn" && flag != "--input" &&
        flag != "--output-dir" && flag != "--bench" && flag != "--threads")
      die("unknown option '" + flag + "' (see mm-run --help)");
    if (eq == std::string::npos) {
      if (i + 1 >= argc)
        die("option '" + flag + "' needs a value");
      value = argv[++i];
    }
    if (flag == "--weights") {
      options.weights = value;
    } else if (flag == "--fn") {
      options.fn = value;
    } else if (flag == "--output-dir") {
      options.outputDir = value;
    } else if (flag == "--input") {
      size_t sep = value.find('=');
      if (sep == std::string::npos || sep == 0 || sep + 1 == value.size())
        die("--input expects NAME=FILE, got '" + value + "'");
      options.inputs.emplace_back(value.substr(0, sep), value.substr(sep + 1));
    } else if (flag == "--bench") {
      if (!parsePositive(value, options.bench))
        die("--bench expects a positive number of calls, got '" + value + "'");
    } else {
      if (!parsePositive(value, options.threads) || options.threads > 4096)
        die("--threads expects a number of threads from 1 to 4096, got '" +
            value + "'");
      haveThreads = true;
    }
  }
  if (options.library.empty())
    die("no model library given (see mm-run --help)");
  if (options.weights.empty())
    die("no weights file given (--weights W.mmw)");
  if (!haveThreads)
    options.threads = 1;
  return options;
}

std::string inputNames(const mm_fn_desc &fn) {
  std::string names;
  for (int32_t i = 0; i < fn.num_inputs; ++i)
    names += std::string(i ? ", " : "") + fn.inputs[i].name;
  return names;
}

/// A 64-byte aligned copy of an array's data; compiled code may use
/// aligned vector loads.
struct AlignedBuffer {
  void *data = nullptr;
  ~AlignedBuffer() { std::free(data); }
};

/// A decoded PNG (u8 [1, 3, H, W]) as the input expects it: f32 inputs get
/// torchvision's ToTensor scaling (pixel / 255), a rank-3 input drops the
/// batch dimension. Shape mismatches are left to the runtime's check.
void adaptImage(mm::io::Array &array, const mm_arg_desc &input) {
  if (input.rank == 3)
    array.shape.erase(array.shape.begin());
  if (input.dtype != MM_F32)
    return;
  std::vector<uint8_t> pixels = std::move(array.data);
  array.dtype = "f32";
  array.data.resize(pixels.size() * sizeof(float));
  for (size_t i = 0; i < pixels.size(); ++i) {
    float v = pixels[i] / 255.0f;
    std::memcpy(array.data.data() + i * sizeof(float), &v, sizeof(float));
  }
}

mm_dtype toRuntimeDType(const std::string &dtype, const std::string &what) {
  if (dtype == "f32")
    return MM_F32;
  if (dtype == "i32")
    return MM_I32;
  if (dtype == "i64")
    return MM_I64;
  if (dtype == "u8" || dtype == "bool")
    return MM_U8;
  die(what + " holds " + dtype +
      " data; the runtime takes f32, i32, i64 or u8 (convert it first, e.g. "
      "x.astype(np.float32))");
}

/// The mm_io dtype names are the runtime's.
std::string ioDType(mm_dtype dtype) { return mm_dtype_name(dtype); }

} // namespace

/// The runtime entry points mm-run calls: its own, or all four of the
/// library's (a model handle must stay with the copy that opened it).
struct Api {
  decltype(&mm_model_open) open = mm_model_open;
  decltype(&mm_model_call) call = mm_model_call;
  decltype(&mm_model_close) close = mm_model_close;
  decltype(&mm_last_error_message) lastError = mm_last_error_message;

  void bind(void *handle) {
    auto o = reinterpret_cast<decltype(open)>(dlsym(handle, "mm_model_open"));
    auto c = reinterpret_cast<decltype(call)>(dlsym(handle, "mm_model_call"));
    auto x = reinterpret_cast<decltype(close)>(dlsym(handle, "mm_model_close"));
    auto e = reinterpret_cast<decltype(lastError)>(
        dlsym(handle, "mm_last_error_message"));
    if (o && c && x && e) {
      open = o;
      call = c;
      close = x;
      lastError = e;
    }
  }
};

int main(int argc, char **argv) {
  Options options = parseArgs(argc, argv);

  // dlopen searches the library path for a name without a slash.
  std::string libraryPath = options.library;
  if (libraryPath.find('/') == std::string::npos)
    libraryPath = "./" + libraryPath;
  void *handle = dlopen(libraryPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *reason = dlerror();
    die("cannot load '" + options.library + "': " + (reason ? reason : "?"));
  }
  auto entry = reinterpret_cast<mm_library_entry_fn>(
      dlsym(handle, MM_LIBRARY_ENTRY_SYMBOL));
  if (!entry)
    die("'" + options.library + "' is not a model library written by mmc " +
        "(it has no '" + MM_LIBRARY_ENTRY_SYMBOL + "' symbol)");
  const mm_library_desc *library = entry();
  if (!library)
    die("'" + options.library + "' returned no reflection table");
  if (library->abi_version != MM_ABI_VERSION)
    die("'" + options.library + "' has runtime ABI version " +
        std::to_string(library->abi_version) + ", mm-run has version " +
        std::to_string(MM_ABI_VERSION) + " (recompile the model)");

  // The library's compiled code uses its own copy of the runtime's thread
  // pool: set the count there as well as here.
  mm_set_num_threads(static_cast<int32_t>(options.threads));
  using SetThreadsFn = void (*)(int32_t);
  if (auto setThreads = reinterpret_cast<SetThreadsFn>(
          dlsym(handle, "mm_set_num_threads")))
    setThreads(static_cast<int32_t>(options.threads));

  // Calls go through the library's own copy of the runtime when it exports
  // one (every .so mmc writes does): its kernels record their errors there,
  // so that is where mm_last_error_message has Halide's text.
  Api api;
  api.bind(handle);

  int32_t fnIndex = mm_library_find_fn(library, options.fn.c_str());
  if (fnIndex < 0) {
    std::string names;
    for (int32_t i = 0; library->fns && i < library->num_fns; ++i)
      names += std::string(i ? ", " : "") +
               (library->fns[i].name ? library->fns[i].name : "?");
    die("model '" + std::string(library->model_name) + "' has no function '" +
        options.fn + "' (it has: " + names + ")");
  }
  const mm_fn_desc &fn = library->fns[fnIndex];
  bool valid = fn.num_inputs >= 0 && fn.num_outputs >= 0 &&
               (fn.num_inputs == 0 || fn.inputs) &&
               (fn.num_outputs == 0 || fn.outputs);
  for (int32_t i = 0; valid && i < fn.num_inputs; ++i)
    valid = fn.inputs[i].name != nullptr;
  if (!valid)
    die("'" + options.library + "' has an invalid reflection table for '" +
        options.fn + "'");

  // Match --input NAME=FILE to the function's inputs.
  std::vector<int> source(static_cast<size_t>(fn.num_inputs), -1);
  for (size_t k = 0; k < options.inputs.size(); ++k) {
    const std::string &name = options.inputs[k].first;
    int32_t index = -1;
    for (int32_t i = 0; i < fn.num_inputs; ++i)
      if (name == fn.inputs[i].name)
        index = i;
    if (index < 0)
      die("function '" + options.fn + "' has no input '" + name +
          "' (its inputs: " + inputNames(fn) + ")");
    if (source[index] >= 0)
      die("input '" + name + "' is given twice");
    source[index] = static_cast<int>(k);
  }
  for (int32_t i = 0; i < fn.num_inputs; ++i)
    if (source[i] < 0)
      die("missing --input " + std::string(fn.inputs[i].name) +
          "=FILE for function '" + options.fn + "' (its inputs: " +
          inputNames(fn) + ")");

  std::vector<mm_tensor> inputs(static_cast<size_t>(fn.num_inputs));
  std::vector<AlignedBuffer> buffers(static_cast<size_t>(fn.num_inputs));
  for (int32_t i = 0; i < fn.num_inputs; ++i) {
    const std::string &name = options.inputs[source[i]].first;
    const std::string &file = options.inputs[source[i]].second;
    mm::io::Array array;
    std::string error;
    bool ok;
    if (endsWith(file, ".npy"))
      ok = mm::io::readNpy(file, array, error);
    else if (endsWith(file, ".wav"))
      ok = mm::io::readWav(file, array, error);
    else if (endsWith(file, ".png"))
      ok = mm::io::readPng(file, array, error);
    else
      die("input '" + name + "': unsupported file '" + file +
          "' (expected .npy, .wav or .png)");
    if (!ok)
      die("input '" + name + "': " + error);
    if (endsWith(file, ".png"))
      adaptImage(array, fn.inputs[i]);
    std::string what = "input '" + name + "' ('" + file + "')";
    mm_tensor &t = inputs[i];
    t.dtype = toRuntimeDType(array.dtype, what);
    if (array.shape.size() > MM_MAX_RANK)
      die(what + " has rank " + std::to_string(array.shape.size()) +
          ", the runtime supports up to " + std::to_string(MM_MAX_RANK));
    t.rank = static_cast<int32_t>(array.shape.size());
    std::copy(array.shape.begin(), array.shape.end(), t.shape);
    size_t bytes = array.data.size();
    buffers[i].data = std::aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
    if (!buffers[i].data)
      die("out of memory reading " + what);
    if (bytes)
      std::memcpy(buffers[i].data, array.data.data(), bytes);
    t.data = buffers[i].data;
  }

  mm_model *model = nullptr;
  if (api.open(library, options.weights.c_str(), &model) != MM_OK)
    die(api.lastError());

  std::vector<mm_tensor> outputs(static_cast<size_t>(fn.num_outputs));
  for (mm_tensor &t : outputs)
    t = mm_tensor();
  if (api.call(model, options.fn.c_str(), inputs.data(), fn.num_inputs,
                    outputs.data(), fn.num_outputs) != MM_OK)
    die(api.lastError());

  if (mkdir(options.outputDir.c_str(), 0777) != 0 && errno != EEXIST)
    die("cannot create output directory '" + options.outputDir +
        "': " + std::strerror(errno));
  for (int32_t i = 0; i < fn.num_outputs; ++i) {
    const mm_tensor &t = outputs[i];
    mm::io::Array array;
    array.dtype = ioDType(t.dtype);
    array.shape.assign(t.shape, t.shape + t.rank);
    size_t bytes = static_cast<size_t>(array.numElements()) *
                   mm_dtype_size(t.dtype);
    const uint8_t *data = static_cast<const uint8_t *>(t.data);
    array.data.assign(data, data + bytes);
    std::string path = options.outputDir + "/out" + std::to_string(i) + ".npy";
    std::string error;
    if (!mm::io::writeNpy(path, array, error))
      die(error);
  }

  if (options.bench > 0) {
    std::vector<double> times;
    for (int64_t k = 0; k < options.bench; ++k) {
      auto start = std::chrono::steady_clock::now();
      mm_status status =
          api.call(model, options.fn.c_str(), inputs.data(),
                        fn.num_inputs, outputs.data(), fn.num_outputs);
      auto stop = std::chrono::steady_clock::now();
      if (status != MM_OK)
        die(api.lastError());
      times.push_back(
          std::chrono::duration<double, std::milli>(stop - start).count());
    }
    std::sort(times.begin(), times.end());
    size_t n = times.size();
    double median =
        n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    std::printf("median_ms: %.4f\n", median);
  }

  for (mm_tensor &t : outputs)
    std::free(t.data);
  api.close(model);
  dlclose(handle);
  return 0;
}
