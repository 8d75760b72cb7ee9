//===- MmRunTest.cpp - The mm-run tool on the hand-written model ----------===//
//
// Runs the real mm-run binary on FakeModel.c built as a shared module
// (MM_RUN_PATH and MM_FAKE_MODEL_PATH come from CMake).
//
//===----------------------------------------------------------------------===//

#include "FakeModel.h"
#include "TestUtil.h"
#include "WeightsWriter.h"
#include "mm/io/ArrayIO.h"

#include <sys/wait.h>

using mm::io::Array;
using mmtest::TempDir;

namespace {

struct Result {
  int exitCode;
  std::string out, err;
};

std::string readText(const std::string &path) {
  std::vector<uint8_t> b = mmtest::readBytes(path);
  return std::string(b.begin(), b.end());
}

class MmRun : public ::testing::Test {
protected:
  TempDir dir;
  std::string weights;

  void SetUp() override {
    static const float w[] = {2, 3, 4};
    static const float emb[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const int64_t count = 1;
    weights = dir.file("fake.mmw");
    std::string error;
    ASSERT_TRUE(mm::writeWeightsFile(
        weights, "fake", fake_library()->manifest_hash,
        {{"w", MM_F32, {3}, w, 12},
         {"emb.weight", MM_F32, {4, 2}, emb, 32},
         {"count", MM_I64, {}, &count, 8}},
        error))
        << error;
  }

  Result run(const std::string &args) {
    std::string cmd = std::string("'") + MM_RUN_PATH + "' " + args + " >'" +
                      dir.file("stdout") + "' 2>'" + dir.file("stderr") + "'";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
            readText(dir.file("stdout")), readText(dir.file("stderr"))};
  }

  std::string writeInput(const std::string &name, const std::string &dtype,
                         std::vector<int64_t> shape, std::vector<uint8_t> data) {
    Array a;
    a.dtype = dtype;
    a.shape = std::move(shape);
    a.data = std::move(data);
    std::string path = dir.file(name), error;
    EXPECT_TRUE(mm::io::writeNpy(path, a, error)) << error;
    return path;
  }

  std::string lib() const { return std::string("'") + MM_FAKE_MODEL_PATH + "'"; }
};

TEST_F(MmRun, RunsForwardAndWritesOutputs) {
  std::string x = writeInput("x.npy", "f32", {2, 3},
                             mmtest::bytesOf(std::vector<float>{1, 2, 3, 4, 5, 6}));
  Result r = run(lib() + " --weights " + weights + " --input x=" + x +
                 " --output-dir " + dir.file("out"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Array out;
  std::string error;
  ASSERT_TRUE(mm::io::readNpy(dir.file("out/out0.npy"), out, error)) << error;
  EXPECT_EQ(out.dtype, "f32");
  EXPECT_EQ(out.shape, (std::vector<int64_t>{2, 3}));
  // Exact products of small integers: tolerance 0.
  EXPECT_EQ(mmtest::valuesOf<float>(out.data),
            (std::vector<float>{2, 6, 12, 8, 15, 24}));
}

TEST_F(MmRun, SecondFunctionWithTwoOutputsAndBench) {
  std::string ids = writeInput("ids.npy", "i32", {1, 2},
                               mmtest::bytesOf(std::vector<int32_t>{3, 1}));
  std::string x = writeInput("x.npy", "f32", {1, 3},
                             mmtest::bytesOf(std::vector<float>{1, 1, 1}));
  Result r = run(lib() + " --weights=" + weights + " --fn embed --input x=" +
                 x + " --input ids=" + ids + " --output-dir=" + dir.path +
                 " --bench 5 --threads 2");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.rfind("median_ms: ", 0), 0u) << r.out;
  EXPECT_GE(std::atof(r.out.c_str() + 11), 0.0);
  Array out0, out1;
  std::string error;
  ASSERT_TRUE(mm::io::readNpy(dir.file("out0.npy"), out0, error)) << error;
  ASSERT_TRUE(mm::io::readNpy(dir.file("out1.npy"), out1, error)) << error;
  EXPECT_EQ(out0.shape, (std::vector<int64_t>{1, 2, 2}));
  EXPECT_EQ(mmtest::valuesOf<float>(out0.data),
            (std::vector<float>{6, 7, 2, 3}));
  EXPECT_EQ(mmtest::valuesOf<float>(out1.data), (std::vector<float>{9}));
}

TEST_F(MmRun, ReadsWavInputs) {
  std::vector<uint8_t> wav;
  mmtest::putStr(wav, "RIFF");
  mmtest::putLE(wav, 4 + 24 + 8 + 6, 4);
  mmtest::putStr(wav, "WAVEfmt ");
  mmtest::putLE(wav, 16, 4);
  mmtest::putLE(wav, 1, 2);
  mmtest::putLE(wav, 1, 2);
  mmtest::putLE(wav, 16000, 4);
  mmtest::putLE(wav, 32000, 4);
  mmtest::putLE(wav, 2, 2);
  mmtest::putLE(wav, 16, 2);
  mmtest::putStr(wav, "data");
  mmtest::putLE(wav, 6, 4);
  for (int16_t s : {16384, -8192, 0})
    mmtest::putLE(wav, static_cast<uint16_t>(s), 2);
  mmtest::writeBytes(dir.file("a.wav"), wav);
  Result r = run(lib() + " --weights " + weights + " --input x=" +
                 dir.file("a.wav") + " --output-dir " + dir.path);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Array out;
  std::string error;
  ASSERT_TRUE(mm::io::readNpy(dir.file("out0.npy"), out, error)) << error;
  EXPECT_EQ(mmtest::valuesOf<float>(out.data),
            (std::vector<float>{1.0f, -0.75f, 0.0f}));
}

TEST_F(MmRun, Errors) {
  std::string x = writeInput("x.npy", "f32", {1, 3},
                             mmtest::bytesOf(std::vector<float>{1, 1, 1}));
  std::string xi = writeInput("xi.npy", "i32", {1, 3},
                              mmtest::bytesOf(std::vector<int32_t>{1, 1, 1}));
  std::string xd = writeInput("xd.npy", "f64", {1, 3},
                              mmtest::bytesOf(std::vector<double>{1, 1, 1}));
  struct Case {
    std::string args, message;
  } cases[] = {
      {lib() + " --weights " + weights + " --input y=" + x,
       "mm-run: error: function 'forward' has no input 'y' (its inputs: x)"},
      {lib() + " --weights " + weights,
       "mm-run: error: missing --input x=FILE for function 'forward' (its "
       "inputs: x)"},
      {lib() + " --weights " + weights + " --input x=" + x + " --input x=" + x,
       "mm-run: error: input 'x' is given twice"},
      {lib() + " --weights " + weights + " --fn nope --input x=" + x,
       "mm-run: error: model 'fake' has no function 'nope' (it has: forward, "
       "embed, broken)"},
      {lib() + " --weights " + weights + " --input x=" + xi,
       "mm-run: error: forward: input 'x' has dtype i32, expected f32"},
      {lib() + " --weights " + weights + " --input x=" + xd,
       "mm-run: error: input 'x' ('" + xd +
           "') holds f64 data; the runtime takes f32, i32, i64 or u8 (convert "
           "it first, e.g. x.astype(np.float32))"},
      {lib() + " --weights " + dir.file("none.mmw") + " --input x=" + x,
       "mm-run: error: cannot open weights file '" + dir.file("none.mmw") +
           "': No such file or directory"},
      {lib() + " --weights " + weights + " --input x=" + dir.file("x.jpg"),
       "mm-run: error: input 'x': unsupported file '" + dir.file("x.jpg") +
           "' (expected .npy, .wav or .png)"},
      {lib() + " --weights " + weights + " --input x=" + dir.file("no.npy"),
       "mm-run: error: input 'x': " + dir.file("no.npy") +
           ": cannot open: No such file or directory"},
      {lib() + " --weights " + weights + " --input x=" + x + " --bench 0",
       "mm-run: error: --bench expects a positive number of calls, got '0'"},
      {lib() + " --weights " + weights + " --input x=" + x + " --frobnicate",
       "mm-run: error: unknown option '--frobnicate' (see mm-run --help)"},
      {lib() + " --input x=" + x,
       "mm-run: error: no weights file given (--weights W.mmw)"},
      {"--weights " + weights, "mm-run: error: no model library given (see "
                               "mm-run --help)"},
      {lib() + " --weights " + weights + " --input x",
       "mm-run: error: --input expects NAME=FILE, got 'x'"},
      {lib() + " --weights", "mm-run: error: option '--weights' needs a value"},
  };
  for (const Case &c : cases) {
    Result r = run(c.args);
    EXPECT_EQ(r.exitCode, 1) << c.args;
    EXPECT_EQ(r.err, c.message + "\n") << c.args;
  }
  Result r = run(dir.file("x.npy") + " --weights " + weights + " --input x=" + x);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err.rfind("mm-run: error: cannot load '" + dir.file("x.npy") +
                            "': ",
                        0),
            0u)
      << r.err;
}

TEST_F(MmRun, Help) {
  Result r = run("--help");
  EXPECT_EQ(r.exitCode, 0);
  for (const char *flag : {"--weights", "--fn", "--input", "--output-dir",
                           "--bench", "--threads", "median_ms"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

} // namespace
