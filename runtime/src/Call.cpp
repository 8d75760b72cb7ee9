//===- Call.cpp - Checked calls of compiled functions ---------------------===//
//
// Compiled code trusts its arguments completely: it indexes weights with
// token ids and sizes its loops from the symbols. Everything a caller can
// get wrong is therefore checked here, before the call, and reported with
// the names the model's source uses.
//
//===----------------------------------------------------------------------===//

#include "RuntimeInternal.h"
#include "mm/runtime_internal.h"

#include <cstdlib>
#include <cstring>

using namespace mm::detail;

namespace {

/// What a Halide kernel reported during the current call on this thread
/// (the library's glue forwards its error handler here).
thread_local std::string kernelMessage;
/// The model whose function this thread runs (for mm_runtime_model_cache).
thread_local const mm_model *currentModel = nullptr;

std::string cstr(const char *s) { return s ? sanitize(s, std::strlen(s)) : "?"; }

std::string describeDType(int64_t dtype) {
  if (isValidDType(dtype))
    return dtypeName(dtype);
  return "<unknown dtype " + std::to_string(dtype) + ">";
}

std::string symbolName(const mm_fn_desc *fn, int64_t symbol) {
  if (fn->symbol_names && fn->symbol_names[symbol])
    return cstr(fn->symbol_names[symbol]);
  return "s" + std::to_string(symbol);
}

/// Symbol number of a dimension entry, or -1 for a constant.
int64_t symbolOf(int64_t dim) { return dim < 0 ? -(dim + 1) : -1; }

/// "[B, T]" / "[B, 3]".
std::string formatSignature(const mm_fn_desc *fn, const mm_arg_desc &arg) {
  std::string s = "[";
  for (int32_t d = 0; d < arg.rank; ++d) {
    if (d)
      s += ", ";
    int64_t symbol = symbolOf(arg.dims[d]);
    s += symbol >= 0 ? symbolName(fn, symbol) : std::to_string(arg.dims[d]);
  }
  return s + "]";
}

bool validArg(const mm_fn_desc *fn, const mm_arg_desc &arg) {
  if (!arg.name || !isValidDType(rawEnum(arg.dtype)) || arg.rank < 0 ||
      arg.rank > MM_MAX_RANK || (arg.rank > 0 && !arg.dims))
    return false;
  for (int32_t d = 0; d < arg.rank; ++d) {
    int64_t symbol = symbolOf(arg.dims[d]);
    if (symbol >= fn->num_symbols)
      return false;
  }
  return true;
}

/// Checks the reflection entry of a function, which the loops below index.
mm_status validateFn(const mm_fn_desc *fn) {
  bool ok = fn->name && fn->invoke && fn->num_symbols >= 0 &&
            fn->num_derived_symbols >= 0 &&
            fn->num_derived_symbols <= fn->num_symbols &&
            (fn->num_derived_symbols == 0 || fn->derive_symbols) &&
            fn->num_inputs >= 0 && fn->num_outputs >= 0 &&
            (fn->num_inputs == 0 || fn->inputs) &&
            (fn->num_outputs == 0 || fn->outputs);
  for (int32_t i = 0; ok && i < fn->num_inputs; ++i)
    ok = validArg(fn, fn->inputs[i]);
  for (int32_t i = 0; ok && i < fn->num_outputs; ++i)
    ok = validArg(fn, fn->outputs[i]);
  if (!ok)
    return fail(MM_ERROR_INTERNAL,
                "library: function '" + cstr(fn->name) +
                    "' has an invalid signature in the reflection table");
  return MM_OK;
}

/// The concrete shape of `arg` for `symbols` and its number of elements;
/// false if that overflows int64.
bool concreteShape(const mm_arg_desc &arg, const int64_t *symbols,
                   int64_t *shape, int64_t &numElements) {
  for (int32_t d = 0; d < arg.rank; ++d) {
    int64_t symbol = symbolOf(arg.dims[d]);
    shape[d] = symbol >= 0 ? symbols[symbol] : arg.dims[d];
  }
  return checkedNumElements(shape, static_cast<size_t>(arg.rank), numElements);
}

/// "[1, 3]": the multi-index of flat element `flat` of `shape`.
std::string formatIndex(const int64_t *shape, int32_t rank, int64_t flat) {
  int64_t index[MM_MAX_RANK];
  for (int32_t d = rank - 1; d >= 0; --d) {
    index[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  return formatShape(index, static_cast<size_t>(rank));
}

template <typename T>
int64_t firstOutOfRange(const void *data, int64_t n, int64_t lo, int64_t hi) {
  const T *p = static_cast<const T *>(data);
  for (int64_t i = 0; i < n; ++i)
    if (static_cast<int64_t>(p[i]) < lo || static_cast<int64_t>(p[i]) >= hi)
      return i;
  return -1;
}

int32_t numInputSymbols(const mm_fn_desc *fn) {
  return fn->num_symbols - fn->num_derived_symbols;
}

/// Checks the input symbols' lower bounds, then computes the derived
/// symbols (result sizes such as `S/160 + 1`) from the input symbols.
mm_status deriveSymbols(const mm_fn_desc *fn, int64_t *symbols,
                        const std::string &where) {
  // The bounds come first: they are what the model needs of its inputs
  // (torch.stft refuses a short waveform before any size goes negative).
  if (fn->symbol_min)
    for (int32_t s = 0; s < numInputSymbols(fn); ++s)
      if (symbols[s] < fn->symbol_min[s])
        return fail(MM_ERROR_SHAPE,
                    where + symbolName(fn, s) + " = " + std::to_string(symbols[s]) +
                        ", but the model needs " + symbolName(fn, s) + " >= " +
                        std::to_string(fn->symbol_min[s]) +
                        " (a fixed index or a window of that size)");
  if (fn->num_derived_symbols == 0)
    return MM_OK;
  std::string bindings;
  for (int32_t s = 0; s < numInputSymbols(fn); ++s)
    bindings += (s ? ", " : "") + symbolName(fn, s) + " = " +
                std::to_string(symbols[s]);
  if (fn->derive_symbols(symbols) != 0)
    return fail(MM_ERROR_SHAPE,
                where + "a result size overflows int64 for " + bindings);
  for (int32_t s = numInputSymbols(fn); s < fn->num_symbols; ++s)
    if (symbols[s] < 0)
      return fail(MM_ERROR_SHAPE, where + "the result size " +
                                      symbolName(fn, s) + " is " +
                                      std::to_string(symbols[s]) + " for " +
                                      bindings + "; it must be >= 0");
  return MM_OK;
}

/// Everything mm_model_invoke checks, once the function is known valid.
mm_status checkedInvoke(const mm_model *model, const mm_fn_desc *fn,
                        const int64_t *callerSymbols, const void *const *inputs,
                        void *const *outputs) {
  std::string where = cstr(fn->name) + ": ";
  if (fn->num_symbols > 0 && !callerSymbols)
    return fail(MM_ERROR_INVALID_ARGUMENT, where + "symbols is null");
  for (int32_t s = 0; s < numInputSymbols(fn); ++s)
    if (callerSymbols[s] < 0)
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  where + "symbol '" + symbolName(fn, s) + "' is " +
                      std::to_string(callerSymbols[s]) + ", it must be >= 0");
  std::vector<int64_t> symbolValues(callerSymbols,
                                    callerSymbols + fn->num_symbols);
  const int64_t *symbols = symbolValues.data();
  if (mm_status status = deriveSymbols(fn, symbolValues.data(), where))
    return status;
  if ((fn->num_inputs > 0 && !inputs) || (fn->num_outputs > 0 && !outputs))
    return fail(MM_ERROR_INVALID_ARGUMENT,
                where + "inputs or outputs array is null");

  int64_t shape[MM_MAX_RANK];
  for (int32_t i = 0; i < fn->num_outputs; ++i) {
    const mm_arg_desc &arg = fn->outputs[i];
    int64_t n = 0;
    if (!concreteShape(arg, symbols, shape, n))
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  where + "output '" + cstr(arg.name) +
                      "' would have more elements than fit in int64");
    if (n > 0 && !outputs[i])
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  where + "output '" + cstr(arg.name) + "' has no buffer");
  }
  for (int32_t i = 0; i < fn->num_inputs; ++i) {
    const mm_arg_desc &arg = fn->inputs[i];
    std::string input = where + "input '" + cstr(arg.name) + "'";
    int64_t n = 0;
    if (!concreteShape(arg, symbols, shape, n))
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  input + " would have more elements than fit in int64");
    if (n > 0 && !inputs[i])
      return fail(MM_ERROR_INVALID_ARGUMENT, input + " has no data");
    if (arg.index_max <= arg.index_min || n == 0)
      continue;
    int64_t bad = -1;
    if (arg.dtype == MM_I32)
      bad = firstOutOfRange<int32_t>(inputs[i], n, arg.index_min,
                                     arg.index_max);
    else if (arg.dtype == MM_I64)
      bad = firstOutOfRange<int64_t>(inputs[i], n, arg.index_min,
                                     arg.index_max);
    else if (arg.dtype == MM_U8)
      bad = firstOutOfRange<uint8_t>(inputs[i], n, arg.index_min,
                                     arg.index_max);
    if (bad < 0)
      continue;
    int64_t value = arg.dtype == MM_I32
                        ? static_cast<const int32_t *>(inputs[i])[bad]
                    : arg.dtype == MM_I64
                        ? static_cast<const int64_t *>(inputs[i])[bad]
                        : static_cast<const uint8_t *>(inputs[i])[bad];
    return fail(MM_ERROR_OUT_OF_RANGE,
                input + " has value " + std::to_string(value) + " at " +
                    formatIndex(shape, arg.rank, bad) +
                    ", outside the valid range [" +
                    std::to_string(arg.index_min) + ", " +
                    std::to_string(arg.index_max) + ")");
  }

  kernelMessage.clear();
  const mm_model *outer = currentModel;
  currentModel = model;
  int32_t code = fn->invoke(model->weightPtrs.data(), symbols, inputs, outputs);
  currentModel = outer;
  if (code != 0 && !kernelMessage.empty())
    return fail(MM_ERROR_INTERNAL, where + "a kernel failed: " + kernelMessage);
  if (code != 0)
    return fail(MM_ERROR_INTERNAL, where + "the compiled function failed "
                                           "with code " +
                                       std::to_string(code));
  return MM_OK;
}

} // namespace

/// Called by a library's glue when a Halide kernel reports an error (not in
/// mm/runtime.h: only generated code calls it).
extern "C" void mm_runtime_kernel_error(const char *message) {
  size_t length = message ? std::strlen(message) : 0;
  while (length && (message[length - 1] == '\n' || message[length - 1] == ' '))
    --length;
  kernelMessage = message ? sanitize(message, length) : "?";
}

extern "C" void *mm_runtime_model_cache(const void *kernel, const void *const *weights,
                                        int num_weights, size_t bytes,
                                        int (*fill)(void *block, void *context),
                                        void *context) {
  const mm_model *model = currentModel;
  if (!model || !model->mapping || !weights || num_weights < 1 || !fill || bytes == 0 ||
      bytes > SIZE_MAX - 64)
    return nullptr;
  // Only the model's own weights stay unchanged while it is open.
  auto base = reinterpret_cast<uintptr_t>(model->mapping);
  for (int i = 0; i < num_weights; ++i) {
    auto at = reinterpret_cast<uintptr_t>(weights[i]);
    if (at < base || at - base >= model->mappingSize)
      return nullptr;
  }
  std::lock_guard<std::mutex> lock(model->derivedMutex);
  auto key = std::make_pair(kernel, weights[0]);
  auto it = model->derived.find(key);
  if (it != model->derived.end())
    return it->second.bytes == bytes ? it->second.data : nullptr;
  void *block = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!block)
    return nullptr;
  if (fill(block, context) != 0) {
    std::free(block);
    return nullptr;
  }
  model->derived.emplace(key, mm_model::Derived{block, bytes});
  return block;
}

int32_t mm_library_find_fn(const mm_library_desc *library, const char *name) {
  if (!library || !name || !library->fns)
    return -1;
  for (int32_t i = 0; i < library->num_fns; ++i)
    if (library->fns[i].name && std::strcmp(library->fns[i].name, name) == 0)
      return i;
  return -1;
}

mm_status mm_model_invoke(const mm_model *model, int32_t fn_index,
                          const int64_t *symbols, const void *const *inputs,
                          void *const *outputs) {
  if (!model)
    return fail(MM_ERROR_INVALID_ARGUMENT, "mm_model_invoke: model is null");
  const mm_library_desc *library = model->library;
  if (fn_index < 0 || fn_index >= library->num_fns || !library->fns)
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "mm_model_invoke: function index " + std::to_string(fn_index) +
                    " is out of range (the model has " +
                    std::to_string(library->num_fns) + " functions)");
  const mm_fn_desc *fn = &library->fns[fn_index];
  if (mm_status status = validateFn(fn))
    return status;
  return checkedInvoke(model, fn, symbols, inputs, outputs);
}

mm_status mm_model_call(const mm_model *model, const char *fn_name,
                        const mm_tensor *inputs, int32_t num_inputs,
                        mm_tensor *outputs, int32_t num_outputs) {
  if (!model || !fn_name)
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "mm_model_call: model or function name is null");
  const mm_library_desc *library = model->library;
  int32_t fnIndex = mm_library_find_fn(library, fn_name);
  if (fnIndex < 0) {
    std::string names;
    for (int32_t i = 0; library->fns && i < library->num_fns; ++i)
      names += (i ? ", " : "") + cstr(library->fns[i].name);
    return fail(MM_ERROR_INVALID_ARGUMENT,
                "model '" + cstr(library->model_name) + "' has no function '" +
                    cstr(fn_name) + "' (it has: " + names + ")");
  }
  const mm_fn_desc *fn = &library->fns[fnIndex];
  if (mm_status status = validateFn(fn))
    return status;
  std::string where = cstr(fn->name) + ": ";

  if (num_inputs != fn->num_inputs || num_outputs != fn->num_outputs ||
      (num_inputs > 0 && !inputs) || (num_outputs > 0 && !outputs)) {
    std::string names;
    for (int32_t i = 0; i < fn->num_inputs; ++i)
      names += (i ? ", " : "") + cstr(fn->inputs[i].name);
    return fail(MM_ERROR_INVALID_ARGUMENT,
                where + "takes " + std::to_string(fn->num_inputs) +
                    " inputs (" + names + ") and returns " +
                    std::to_string(fn->num_outputs) + " outputs, got " +
                    std::to_string(num_inputs) + " inputs and " +
                    std::to_string(num_outputs) + " outputs");
  }

  // Bind every symbol from the first input dimension that uses it.
  std::vector<int64_t> symbols(static_cast<size_t>(fn->num_symbols), -1);
  std::vector<int32_t> boundBy(static_cast<size_t>(fn->num_symbols), -1);
  std::vector<const void *> inputPtrs(static_cast<size_t>(num_inputs));
  for (int32_t i = 0; i < num_inputs; ++i) {
    const mm_arg_desc &arg = fn->inputs[i];
    const mm_tensor &t = inputs[i];
    std::string input = where + "input '" + cstr(arg.name) + "'";
    if (t.rank < 0 || t.rank > MM_MAX_RANK)
      return fail(MM_ERROR_INVALID_ARGUMENT,
                  input + " has invalid rank " + std::to_string(t.rank));
    std::string actual = formatShape(t.shape, static_cast<size_t>(t.rank));
    if (rawEnum(t.dtype) != static_cast<int64_t>(arg.dtype))
      return fail(MM_ERROR_SHAPE, input + " has dtype " +
                                      describeDType(rawEnum(t.dtype)) +
                                      ", expected " + mm_dtype_name(arg.dtype));
    std::string expected = formatSignature(fn, arg);
    if (t.rank != arg.rank)
      return fail(MM_ERROR_SHAPE, input + " has shape " + actual +
                                      ", expected " + expected);
    for (int32_t d = 0; d < t.rank; ++d) {
      int64_t dim = t.shape[d];
      if (dim < 0)
        return fail(MM_ERROR_SHAPE,
                    input + " has a negative dimension in shape " + actual);
      int64_t symbol = symbolOf(arg.dims[d]);
      if (symbol < 0) {
        if (dim != arg.dims[d])
          return fail(MM_ERROR_SHAPE, input + " has shape " + actual +
                                          ", expected " + expected);
        continue;
      }
      if (symbols[symbol] < 0) {
        symbols[symbol] = dim;
        boundBy[symbol] = i;
      } else if (symbols[symbol] != dim) {
        return fail(MM_ERROR_SHAPE,
                    input + " has shape " + actual + ", expected " + expected +
                        " with " + symbolName(fn, symbol) + " = " +
                        std::to_string(symbols[symbol]) + " (bound by input '" +
                        cstr(fn->inputs[boundBy[symbol]].name) + "')");
      }
    }
    inputPtrs[i] = t.data;
  }
  for (int32_t s = 0; s < numInputSymbols(fn); ++s)
    if (symbols[s] < 0)
      return fail(MM_ERROR_INTERNAL,
                  where + "symbol '" + symbolName(fn, s) +
                      "' is not a dimension of any input, so it cannot be "
                      "bound from the inputs' shapes");

  if (mm_status status = deriveSymbols(fn, symbols.data(), where))
    return status;

  // Describe (and where asked, allocate) the outputs.
  std::vector<void *> outputPtrs(static_cast<size_t>(num_outputs));
  std::vector<bool> allocated(static_cast<size_t>(num_outputs), false);
  auto freeAllocated = [&]() {
    for (int32_t i = 0; i < num_outputs; ++i)
      if (allocated[i]) {
        std::free(outputs[i].data);
        outputs[i].data = nullptr;
      }
  };
  for (int32_t i = 0; i < num_outputs; ++i) {
    const mm_arg_desc &arg = fn->outputs[i];
    mm_tensor &t = outputs[i];
    int64_t n = 0, numBytes = 0;
    int64_t shape[MM_MAX_RANK] = {0};
    if (!concreteShape(arg, symbols.data(), shape, n) ||
        !checkedMul(n, static_cast<int64_t>(mm_dtype_size(arg.dtype)),
                    numBytes)) {
      freeAllocated();
      return fail(MM_ERROR_OUT_OF_MEMORY,
                  where + "output '" + cstr(arg.name) + "' would be too large");
    }
    t.dtype = arg.dtype;
    t.rank = arg.rank;
    std::memcpy(t.shape, shape, sizeof(shape));
    if (!t.data) {
      t.data = std::malloc(numBytes > 0 ? static_cast<size_t>(numBytes) : 1);
      if (!t.data) {
        freeAllocated();
        return fail(MM_ERROR_OUT_OF_MEMORY,
                    where + "cannot allocate " + std::to_string(numBytes) +
                        " bytes for output '" + cstr(arg.name) + "'");
      }
      allocated[i] = true;
    }
    outputPtrs[i] = t.data;
  }

  mm_status status = checkedInvoke(model, fn, symbols.data(), inputPtrs.data(),
                                   outputPtrs.data());
  if (status != MM_OK)
    freeAllocated();
  return status;
}
