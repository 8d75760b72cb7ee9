//===- Kernels.cpp - the Halide kernels a model library links -------------===//
//
// Objects are cached because running a generator costs seconds (Halide
// compiles with its own LLVM), while a model's kernels change rarely. The
// cache key is everything the object depends on: generator, parameters,
// target (for "host", the CPU's name and features), the generator
// executable's contents and the libHalide it loads. Files appear in the
// cache only by rename(), so parallel compilations never see half a file.
//
//===----------------------------------------------------------------------===//
#include "compiler/codegen/Kernels.h"
#include "compiler/halide/PackedLayouts.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <map>

using namespace mm;

bool mm::collectKernels(mlir::ModuleOp module, std::vector<KernelInstance> &kernels,
                        std::string &error) {
  for (auto func : module.getOps<mlir::func::FuncOp>()) {
    auto generator = func->getAttrOfType<mlir::StringAttr>("mm.kernel.generator");
    if (!generator)
      continue;
    auto params = func->getAttrOfType<mlir::ArrayAttr>("mm.kernel.params");
    auto heads = func->getAttrOfType<mlir::ArrayAttr>("mm.kernel.heads");
    mlir::FunctionType type = func.getFunctionType();
    if (!params || !heads || heads.size() != type.getNumInputs() || type.getNumResults()) {
      error = "malformed kernel declaration '" + func.getSymName().str() + "'";
      return false;
    }
    KernelInstance kernel;
    kernel.name = func.getSymName().str();
    kernel.generator = generator.getValue().str();
    for (mlir::Attribute p : params)
      kernel.params.push_back(mlir::cast<mlir::StringAttr>(p).getValue().str());
    // The recurrent kernels read their weights in packed layouts that the
    // glue derives once per model (writeRecurrentShim), not the state_dict's.
    if (kernel.isRecurrent())
      kernel.params.push_back("prepacked=true");
    for (unsigned i = 0; i < type.getNumInputs(); ++i) {
      auto memref = mlir::dyn_cast<mlir::MemRefType>(type.getInput(i));
      if (!memref || !(memref.getElementType().isF32() ||
                       memref.getElementType().isInteger(8))) {
        error = "kernel '" + kernel.name + "' has an argument that is not f32 or u8";
        return false;
      }
      KernelArg arg;
      arg.rank = memref.getRank();
      arg.isU8 = memref.getElementType().isInteger(8);
      arg.heads = mlir::cast<mlir::IntegerAttr>(heads[i]).getInt();
      kernel.args.push_back(arg);
    }
    kernels.push_back(std::move(kernel));
  }
  return true;
}

bool mm::collectWeightExpressions(mlir::ModuleOp module,
                                  std::vector<WeightExpression> &expressions,
                                  std::string &error) {
  for (auto func : module.getOps<mlir::func::FuncOp>()) {
    auto outlined = func->getAttrOfType<mlir::FlatSymbolRefAttr>("mm.weight_expression");
    if (!outlined)
      continue;
    WeightExpression e;
    e.name = func.getSymName().str();
    e.outlined = outlined.getValue().str();
    e.readInPlace = func->hasAttr("mm.read_in_place");
    mlir::FunctionType type = func.getFunctionType();
    bool ok = type.getNumResults() == 0 && type.getNumInputs() >= 2;
    for (unsigned i = 0; ok && i < type.getNumInputs(); ++i) {
      auto memref = mlir::dyn_cast<mlir::MemRefType>(type.getInput(i));
      ok = memref && memref.getElementType().isF32();
      if (!ok)
        break;
      if (i + 1 < type.getNumInputs())
        e.argRanks.push_back(memref.getRank());
      else if (memref.hasStaticShape() && memref.getLayout().isIdentity())
        e.shape.assign(memref.getShape().begin(), memref.getShape().end());
      else
        ok = false;
    }
    if (!ok) {
      error = "malformed weight expression declaration '" + e.name + "'";
      return false;
    }
    expressions.push_back(std::move(e));
  }
  return true;
}

/// Row-major strides of a dense array of SIZES (outermost first).
static std::vector<int64_t> denseStrides(llvm::ArrayRef<int64_t> sizes) {
  std::vector<int64_t> strides(sizes.size(), 1);
  for (size_t i = sizes.size(); i > 1; --i)
    strides[i - 2] = strides[i - 1] * sizes[i - 1];
  return strides;
}

void mm::writeWeightExpressionGlue(const std::vector<WeightExpression> &expressions,
                                   llvm::raw_ostream &os) {
  if (!expressions.empty())
    os << "#include <string.h>\n\n";
  if (llvm::any_of(expressions, [](const WeightExpression &e) { return e.readInPlace; }))
    os << "void *mm_runtime_alloc(int64_t size);\n\n";
  for (const WeightExpression &e : expressions) {
    const size_t n = e.argRanks.size();
    const std::string out = "memref" + std::to_string(e.shape.size());
    int64_t elements = 1;
    for (int64_t d : e.shape)
      elements *= d;
    std::string params, args;
    for (size_t i = 0; i < n; ++i) {
      params += "memref" + std::to_string(e.argRanks[i]) + " *a" + std::to_string(i) + ", ";
      args += "a" + std::to_string(i) + ", ";
    }
    os << "/* " << e.outlined << ": a value of the weights alone, computed on the first call\n"
       << "   and kept with the model (mm-hoist-weight-expressions); copied out every call. */\n";
    os << "void _mlir_ciface_" << e.outlined << "(" << params << out << " *out);\n";
    os << "static const char " << e.name << "_key = 0;\n";
    os << "static int " << e.name << "_fill(void *block, void *context) {\n";
    os << "  void *const *a = (void *const *)context;\n";
    // The descriptor of a dense block of the value.
    auto numbers = [](llvm::ArrayRef<int64_t> values) {
      return llvm::join(llvm::map_range(values, [](int64_t v) { return std::to_string(v); }), ", ");
    };
    std::string dense =
        ", 0, {" + numbers(e.shape) + "}, {" + numbers(denseStrides(e.shape)) + "}}";
    os << "  " << out << " value = {block, block" << dense << ";\n";
    os << "  _mlir_ciface_" << e.outlined << "(";
    for (size_t i = 0; i < n; ++i)
      os << "(memref" << e.argRanks[i] << " *)a[" << i << "], ";
    os << "&value);\n  return 0;\n}\n";
    // The model's block of the value (filled on the first call), or null.
    os << "static void *" << e.name << "_block(void *const *a) {\n";
    os << "  const void *hosts[" << n << "] = {";
    for (size_t i = 0; i < n; ++i) {
      std::string arg = "((memref" + std::to_string(e.argRanks[i]) + " *)a[" + std::to_string(i) + "])";
      os << (i ? ", " : "") << "(const float *)" << arg << "->aligned + " << arg << "->offset";
    }
    os << "};\n";
    os << "  return mm_runtime_model_cache(&" << e.name << "_key, hosts, " << n << ", "
       << elements * 4 << ", " << e.name << "_fill, (void *)a);\n}\n";
    const std::string argsArray =
        "  void *args[" + std::to_string(n) + "] = {" + args.substr(0, args.size() - 2) + "};\n";
    os << "void _mlir_ciface_" << e.name << "(" << params << out << " *out) {\n";
    os << argsArray;
    os << "  const void *block = " << e.name << "_block(args);\n";
    os << "  if (block)\n";
    os << "    memcpy((float *)out->aligned + out->offset, block, " << elements * 4 << ");\n";
    os << "  else\n";
    os << "    _mlir_ciface_" << e.outlined << "(" << args << "out);\n";
    os << "}\n\n";
    if (!e.readInPlace)
      continue;
    // mm-read-weights-in-place: the caller reads the block itself and never
    // writes or frees it. Weights that are not the model's own are derived
    // every call into a block of this thread's, kept for the next call.
    os << "/* " << e.name << " without the copy (mm-read-weights-in-place). */\n";
    os << "void _mlir_ciface_" << e.name << "_in_place(" << out << " *result, "
       << params.substr(0, params.size() - 2) << ") {\n";
    os << "  static _Thread_local void *scratch;\n";
    os << argsArray;
    os << "  void *block = " << e.name << "_block(args);\n";
    os << "  if (!block) {\n";
    os << "    if (!scratch)\n";
    os << "      scratch = mm_runtime_alloc(" << elements * 4 << ");\n";
    os << "    block = scratch;\n";
    os << "    if (block)\n";
    os << "      " << e.name << "_fill(block, args);\n";
    os << "  }\n";
    os << "  *result = (" << out << "){block, block" << dense << ";\n";
    os << "}\n\n";
  }
}

std::string mm::defaultKernelCacheDir() {
  if (auto dir = llvm::sys::Process::GetEnv("MMC_CACHE_DIR"); dir && !dir->empty())
    return *dir;
  llvm::SmallString<256> path;
  if (auto xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"); xdg && !xdg->empty()) {
    path = *xdg;
  } else {
    auto home = llvm::sys::Process::GetEnv("HOME");
    path = home ? *home : "/tmp";
    llvm::sys::path::append(path, ".cache");
  }
  llvm::sys::path::append(path, "mmc");
  return std::string(path);
}

namespace {

std::string pathJoin(llvm::StringRef a, llvm::StringRef b) {
  llvm::SmallString<256> p(a);
  llvm::sys::path::append(p, b);
  return std::string(p);
}

std::string hex64(uint64_t value) { return llvm::utohexstr(value, /*LowerCase=*/true); }

/// Runs the generator with ARGS, output in a fresh directory of the cache,
/// then renames FILES (names in that directory) to their cache paths.
bool runGenerator(const KernelBuildOptions &options, std::vector<std::string> args,
                  const std::vector<std::pair<std::string, std::string>> &files,
                  const std::string &what, std::string &error) {
  llvm::SmallString<256> tmp;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory(
          pathJoin(options.cacheDir, "tmp"), tmp)) {
    error = "cannot create a directory in the kernel cache '" + options.cacheDir +
            "': " + ec.message();
    return false;
  }
  std::string log = pathJoin(tmp, "generator.log");
  args.insert(args.begin() + 1, {"-o", std::string(tmp)});
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(log),
                                                llvm::StringRef(log)};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(options.generator, argv, std::nullopt, redirects, 0, 0,
                                     &message);
  bool ok = rc == 0;
  if (!ok) {
    std::string output;
    if (auto buffer = llvm::MemoryBuffer::getFile(log))
      output = llvm::StringRef((*buffer)->getBuffer()).trim().str();
    error = "building " + what + " with '" + options.generator + "' failed" +
            (message.empty() ? "" : " (" + message + ")") +
            (output.empty() ? "" : ":\n" + output);
  }
  for (const auto &[name, destination] : files) {
    if (!ok)
      break;
    if (std::error_code ec = llvm::sys::fs::rename(pathJoin(tmp, name), destination)) {
      error = "cannot move '" + name + "' into the kernel cache: " + ec.message();
      ok = false;
    }
  }
  llvm::sys::fs::remove_directories(tmp);
  return ok;
}

} // namespace

bool mm::buildKernels(const std::vector<KernelInstance> &kernels,
                      const KernelBuildOptions &options, std::vector<std::string> &objects,
                      std::string &error) {
  if (!llvm::sys::fs::can_execute(options.generator)) {
    error = "cannot find the Halide kernel generator '" + options.generator +
            "' (it is installed beside mmc; or compile with --no-halide)";
    return false;
  }
  auto binary = llvm::MemoryBuffer::getFile(options.generator);
  if (!binary) {
    error = "cannot read '" + options.generator + "': " + binary.getError().message();
    return false;
  }
  // The generator links libHalide dynamically: a new libHalide is a new
  // compiler even when mm-halide-gen's bytes are the same.
  std::string identity = hex64(llvm::xxh3_64bits(
      llvm::ArrayRef<uint8_t>((const uint8_t *)(*binary)->getBufferStart(),
                              (*binary)->getBufferSize())));
  llvm::sys::fs::file_status library;
  if (!options.halideLibrary.empty() && !llvm::sys::fs::status(options.halideLibrary, library))
    identity += "|" + options.halideLibrary + ":" + std::to_string(library.getSize()) + ":" +
                std::to_string(llvm::sys::toTimeT(library.getLastModificationTime()));
  // "host" is whatever CPU runs mmc: a cache shared by machines (a network
  // home) must not hand one machine's AVX-512 object to an AVX2 one.
  std::string targetName = options.halideTarget;
  if (llvm::StringRef(targetName).starts_with("host")) {
    targetName += " = " + options.cpu;
    identity += "|" + targetName + ":" + options.cpuFeatures;
  }
  if (std::error_code ec = llvm::sys::fs::create_directories(options.cacheDir)) {
    error = "cannot create the kernel cache '" + options.cacheDir + "': " + ec.message();
    return false;
  }

  auto cached = [&](const std::string &object, const std::string &what) {
    bool hit = llvm::sys::fs::exists(object);
    if (options.verbose)
      llvm::errs() << "mmc: " << what << ": " << (hit ? "cached " : "building ") << object
                   << "\n";
    return hit;
  };
  for (const KernelInstance &k : kernels) {
    std::string target = options.halideTarget + "-no_runtime";
    std::string key = k.generator + "|" + llvm::join(k.params, " ") + "|" + target + "|" +
                      identity;
    std::string base = pathJoin(options.cacheDir, k.halideName() + "-" +
                                                  hex64(llvm::xxh3_64bits(key)));
    std::string object = base + ".o";
    std::string what = "kernel " + k.name + " (" + k.generator + " " +
                       llvm::join(k.params, " ") + ", " + targetName + ")";
    if (!cached(object, what)) {
      std::vector<std::string> args = {options.generator, "-g", k.generator, "-f",
                                       k.halideName(), "-e", "object,h", "target=" + target};
      args.insert(args.end(), k.params.begin(), k.params.end());
      // The header first: an object in the cache means both are there.
      if (!runGenerator(options, args,
                        {{k.halideName() + ".h", base + ".h"},
                         {k.halideName() + ".o", object}},
                        what, error))
        return false;
    }
    objects.push_back(object);
  }
  std::string key = "runtime|" + options.halideTarget + "|" + identity;
  std::string object =
      pathJoin(options.cacheDir, "halide_runtime-" + hex64(llvm::xxh3_64bits(key)) + ".o");
  if (!cached(object, "Halide runtime (" + targetName + ")")) {
    std::vector<std::string> args = {options.generator, "-r", "halide_runtime", "-e", "object",
                                     "target=" + options.halideTarget};
    if (!runGenerator(options, args, {{"halide_runtime.o", object}}, "the Halide runtime",
                      error))
      return false;
  }
  objects.push_back(object);
  return true;
}

namespace {

/// The value of generator parameter NAME in K, or DEFAULT.
std::string paramValue(const KernelInstance &k, llvm::StringRef name, llvm::StringRef def) {
  for (const std::string &p : k.params) {
    llvm::StringRef ref(p);
    if (ref.consume_front(name) && ref.consume_front("="))
      return ref.str();
  }
  return def.str();
}

/// The kernel's prototype and the start of its shim
/// `_mlir_ciface_<name>(memrefN *a0, ...)`: one halide_buffer_t b[i] (with
/// dims d[i]) per memref argument.
void writeShimPrologue(const KernelInstance &k, llvm::raw_ostream &os) {
  size_t n = k.args.size();
  os << "int " << k.halideName() << "(";
  for (size_t i = 0; i < n; ++i)
    os << (i ? ", " : "") << "halide_buffer_t *";
  os << ");\n";
  os << "void _mlir_ciface_" << k.name << "(";
  for (size_t i = 0; i < n; ++i)
    os << (i ? ", " : "") << "memref" << k.args[i].rank << " *a" << i;
  os << ") {\n";
  os << "  halide_buffer_t b[" << n << "];\n  halide_dimension_t d[" << n << "][4];\n";
}

/// The glue statement that makes b[INDEX] a dense f32 Halide buffer over
/// HOST of SIZES (outermost first).
void writeDenseBuffer(llvm::raw_ostream &os, size_t index, const std::string &host,
                      llvm::ArrayRef<int64_t> sizes) {
  std::vector<int64_t> strides = denseStrides(sizes);
  os << "  mm_halide_buf(&b[" << index << "], d[" << index << "], " << host << ", 0, 0, "
     << sizes.size() << ", (const int64_t[]){" << llvm::join(llvm::map_range(sizes, [](int64_t v) {
          return std::to_string(v);
        }), ", ")
     << "}, (const int64_t[]){"
     << llvm::join(llvm::map_range(strides, [](int64_t v) { return std::to_string(v); }), ", ")
     << "}, 0);\n";
}

/// The shim of an mm_lstm / mm_gru kernel built with prepacked=true: its
/// memref arguments are the state_dict tensors (input, then per layer and
/// direction weight_ih, weight_hh[, bias_ih, bias_hh], then the outputs);
/// the kernel reads W_ih as panels of 32 gate rows ([panel][in][32],
/// w_ih_packed) and W_hh as (32 lanes, gate, kk, block) slabs (w_hh_packed),
/// the last panel / block padded with copies of the last row (the layouts
/// of RecurrentGenerator.cpp and compiler/halide/README.md).
/// Both are derived once per model and kept by the runtime
/// (mm_runtime_model_cache), or per call into a block of the runtime's
/// allocator when the weights are not the model's own.
void writeRecurrentShim(const KernelInstance &k, llvm::raw_ostream &os) {
  const int gates = k.generator == "mm_lstm" ? 4 : 3;
  const int64_t inputSize = std::stoll(paramValue(k, "input_size", "64"));
  const int64_t hidden = std::stoll(paramValue(k, "hidden_size", "64"));
  const int64_t layers = std::stoll(paramValue(k, "num_layers", "1"));
  const int dirs = paramValue(k, "bidirectional", "false") == "true" ? 2 : 1;
  const bool bias = paramValue(k, "bias", "true") == "true";
  const int ihLanes = packed::recurrentIhLanes, lanes = packed::recurrentHhLanes;
  const int64_t blocks = (hidden + lanes - 1) / lanes;
  const int64_t rows = gates * hidden;
  const int64_t panels = (rows + ihLanes - 1) / ihLanes;
  const int perCell = bias ? 4 : 2;
  const int64_t cells = layers * dirs;
  const size_t n = k.args.size();
  const std::string name = k.halideName();

  // Offsets (in floats) of each cell's two packed weights in the block.
  std::vector<int64_t> ihOffset, hhOffset, inSizes;
  int64_t total = 0;
  for (int64_t c = 0; c < cells; ++c) {
    int64_t in = c < dirs ? inputSize : dirs * hidden;
    inSizes.push_back(in);
    ihOffset.push_back(total);
    total += panels * ihLanes * in;
    hhOffset.push_back(total);
    total += blocks * hidden * gates * lanes;
  }

  os << "static const char " << name << "_pack_key = 0;\n";
  os << "static int " << name << "_pack(void *block, void *context) {\n";
  os << "  memref2 *const *w = (memref2 *const *)context; /* weight_ih, weight_hh per cell */\n";
  os << "  float *dst = (float *)block;\n";
  os << "  int64_t p, i, b, kk, q, l;\n";
  for (int64_t c = 0; c < cells; ++c) {
    os << "  {\n";
    os << "    const memref2 *ih = w[" << 2 * c << "], *hh = w[" << 2 * c + 1 << "];\n";
    os << "    const float *src = (const float *)ih->aligned + ih->offset;\n";
    os << "    float *out = dst + " << ihOffset[c] << ";\n";
    os << "    for (p = 0; p < " << panels << "; ++p)\n";
    os << "      for (l = 0; l < " << ihLanes << "; ++l) {\n";
    os << "        int64_t g = p * " << ihLanes << " + l < " << rows << " ? p * " << ihLanes
       << " + l : " << rows - 1 << ";\n";
    os << "        for (i = 0; i < " << inSizes[c] << "; ++i)\n";
    os << "          out[(p * " << inSizes[c] << " + i) * " << ihLanes
       << " + l] = src[g * ih->strides[0] + i * ih->strides[1]];\n";
    os << "      }\n";
    os << "    src = (const float *)hh->aligned + hh->offset;\n";
    os << "    out = dst + " << hhOffset[c] << ";\n";
    os << "    for (b = 0; b < " << blocks << "; ++b)\n";
    os << "      for (kk = 0; kk < " << hidden << "; ++kk)\n";
    os << "        for (q = 0; q < " << gates << "; ++q)\n";
    os << "          for (l = 0; l < " << lanes << "; ++l) {\n";
    os << "            int64_t k = b * " << lanes << " + l < " << hidden << " ? b * " << lanes
       << " + l : " << hidden - 1 << ";\n";
    os << "            out[((b * " << hidden << " + kk) * " << gates << " + q) * " << lanes
       << " + l] = src[(q * " << hidden << " + k) * hh->strides[0] + kk * hh->strides[1]];\n";
    os << "          }\n";
    os << "  }\n";
  }
  os << "  return 0;\n}\n\n";

  // The kernel takes input, per cell (w_ih_t, w_hh_packed[, biases]), outputs:
  // as many buffers as the memrefs.
  writeShimPrologue(k, os);
  os << "  memref2 *const weights[] = {";
  for (int64_t c = 0; c < cells; ++c)
    os << (c ? ", " : "") << "a" << 1 + c * perCell << ", a" << 2 + c * perCell;
  os << "};\n";
  os << "  const void *hosts[" << 2 * cells << "];\n";
  os << "  const size_t bytes = " << total * 4 << ";\n";
  os << "  float *packed, *scratch = 0;\n";
  os << "  int i;\n";
  // The packing trusts the weights' shapes: check them as the kernel would.
  os << "  if (";
  for (int64_t c = 0; c < cells; ++c)
    os << (c ? " ||\n      " : "") << "weights[" << 2 * c << "]->sizes[0] != " << rows
       << " || weights[" << 2 * c << "]->sizes[1] != " << inSizes[c] << " || weights["
       << 2 * c + 1 << "]->sizes[0] != " << rows << " || weights[" << 2 * c + 1
       << "]->sizes[1] != " << hidden;
  os << ") {\n    mm_kernel_done(\"" << k.generator << "\", -1);\n    return;\n  }\n";
  os << "  for (i = 0; i < " << 2 * cells << "; ++i)\n";
  os << "    hosts[i] = (const float *)weights[i]->aligned + weights[i]->offset;\n";
  os << "  packed = (float *)mm_runtime_model_cache(&" << name << "_pack_key, hosts, "
     << 2 * cells << ", bytes, " << name << "_pack, (void *)weights);\n";
  os << "  if (!packed) {\n";
  os << "    packed = scratch = (float *)mm_runtime_alloc((int64_t)bytes);\n";
  os << "    if (!packed) {\n";
  os << "      mm_kernel_done(\"" << k.generator << "\", -1);\n";
  os << "      return;\n    }\n";
  os << "    " << name << "_pack(packed, (void *)weights);\n";
  os << "  }\n";
  for (size_t i = 0; i < n; ++i) {
    bool isWeight = i >= 1 && i < 1 + size_t(cells * perCell);
    int64_t c = isWeight ? int64_t(i - 1) / perCell : 0;
    int slot = isWeight ? int(i - 1) % perCell : -1;
    if (slot == 0) {
      // w_ih_packed: [panel][in][32 lanes].
      writeDenseBuffer(os, i, "packed + " + std::to_string(ihOffset[c]),
                       {panels, inSizes[c], ihLanes});
    } else if (slot == 1) {
      // w_hh_packed: (lane, gate, kk, block).
      writeDenseBuffer(os, i, "packed + " + std::to_string(hhOffset[c]),
                       {blocks, hidden, gates, lanes});
    } else {
      os << "  mm_halide_buf(&b[" << i << "], d[" << i << "], a" << i << "->aligned, a" << i
         << "->offset, 0, " << k.args[i].rank << ", a" << i << "->sizes, a" << i
         << "->strides, 0);\n";
    }
  }
  os << "  mm_kernel_done(\"" << k.generator << "\", " << name << "(";
  for (size_t i = 0; i < n; ++i)
    os << (i ? ", " : "") << "&b[" << i << "]";
  os << "));\n";
  os << "  mm_runtime_free(scratch);\n}\n\n";
}

} // namespace

void mm::writeKernelGlue(const std::vector<KernelInstance> &kernels, llvm::raw_ostream &os) {
  os << R"(/* Halide kernels: MLIR calls _mlir_ciface_<kernel>(descriptors...); each
   shim describes the memrefs as halide_buffer_t's (dim 0 innermost) and calls
   the kernel's Halide AOT function. A kernel error is recorded for the
   runtime's status instead of Halide's default abort. */
#include <stdio.h>
#include "HalideRuntime.h"

void mm_runtime_kernel_error(const char *message);
int mm_runtime_do_par_for(void *user_context, halide_task_t task, int min, int extent,
                          uint8_t *closure);
void *mm_runtime_alloc(int64_t size);
void mm_runtime_free(void *ptr);

static __thread int mm_kernel_failed;

static void mm_halide_error(void *user_context, const char *message) {
  (void)user_context;
  if (!mm_kernel_failed)
    mm_runtime_kernel_error(message);
  mm_kernel_failed = 1;
}

/* The kernels' scratch comes from the runtime's cache like the rest of the
   temporaries, instead of being unmapped and faulted in again each call.
   Halide may read a vector past either end of a buffer: a block has its
   header before it, and the 64 extra bytes after. */
static void *mm_halide_malloc(void *user_context, size_t size) {
  (void)user_context;
  return size > (size_t)INT64_MAX - 64 ? 0 : mm_runtime_alloc((int64_t)size + 64);
}

static void mm_halide_free(void *user_context, void *ptr) {
  (void)user_context;
  mm_runtime_free(ptr);
}

static void mm_kernels_begin(void) {
  halide_set_error_handler(mm_halide_error);
  /* The kernels' parallel loops run on the runtime's one pool, sized by
     mm_set_num_threads (this library's Halide runtime is private to it). */
  halide_set_custom_do_par_for(mm_runtime_do_par_for);
  halide_set_custom_malloc(mm_halide_malloc);
  halide_set_custom_free(mm_halide_free);
  mm_kernel_failed = 0;
}

static int32_t mm_kernels_end(void) { return mm_kernel_failed ? 2 : 0; }

static void mm_kernel_done(const char *kernel, int code) {
  char message[160];
  if (code == 0 || mm_kernel_failed)
    return;
  snprintf(message, sizeof(message), "%s returned Halide error %d", kernel, code);
  mm_runtime_kernel_error(message);
  mm_kernel_failed = 1;
}

/* A memref of RANK (sizes and strides in elements, outermost first) as a
   Halide buffer; with HEADS, the last dimension E splits into
   (d = E / heads, heads): [B, T, E] is seen as [B, heads, T, d]. */
static void mm_halide_buf(halide_buffer_t *b, halide_dimension_t *dim, void *aligned,
                          int64_t offset, int u8, int rank, const int64_t *sizes,
                          const int64_t *strides, int64_t heads) {
  int i;
  b->device = 0;
  b->device_interface = 0;
  b->host = (uint8_t *)aligned + offset * (u8 ? 1 : 4);
  b->flags = 0;
  b->type.code = u8 ? halide_type_uint : halide_type_float;
  b->type.bits = u8 ? 8 : 32;
  b->type.lanes = 1;
  b->dim = dim;
  b->padding = 0;
  if (heads > 0 && rank == 3) {
    int64_t d = sizes[2] / heads;
    b->dimensions = 4;
    dim[0].min = 0; dim[0].extent = (int32_t)d; dim[0].stride = (int32_t)strides[2];
    dim[1].min = 0; dim[1].extent = (int32_t)sizes[1]; dim[1].stride = (int32_t)strides[1];
    dim[2].min = 0; dim[2].extent = (int32_t)heads;
    dim[2].stride = (int32_t)(d * strides[2]);
    dim[3].min = 0; dim[3].extent = (int32_t)sizes[0]; dim[3].stride = (int32_t)strides[0];
    for (i = 0; i < 4; ++i)
      dim[i].flags = 0;
    return;
  }
  b->dimensions = rank;
  for (i = 0; i < rank; ++i) {
    dim[i].min = 0;
    dim[i].extent = (int32_t)sizes[rank - 1 - i];
    dim[i].stride = (int32_t)strides[rank - 1 - i];
    dim[i].flags = 0;
  }
}



)";
  for (const KernelInstance &k : kernels) {
    size_t n = k.args.size();
    os << "/* " << k.generator << " " << llvm::join(k.params, " ") << " */\n";
    if (k.isRecurrent()) {
      writeRecurrentShim(k, os);
      continue;
    }
    writeShimPrologue(k, os);
    for (size_t i = 0; i < n; ++i)
      os << "  mm_halide_buf(&b[" << i << "], d[" << i << "], a" << i << "->aligned, a" << i
         << "->offset, " << (k.args[i].isU8 ? 1 : 0) << ", " << k.args[i].rank << ", a" << i
         << "->sizes, a" << i << "->strides, " << k.args[i].heads << ");\n";
    os << "  mm_kernel_done(\"" << k.generator << "\", " << k.halideName() << "(";
    for (size_t i = 0; i < n; ++i)
      os << (i ? ", " : "") << "&b[" << i << "]";
    os << "));\n}\n\n";
  }
}
