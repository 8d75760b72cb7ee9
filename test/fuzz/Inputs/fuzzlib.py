"""Shared machinery of the fuzz tests: run a tool on one mutant under a
timeout and a memory limit, judge how it ended, keep the offending input.

A run passes when the tool exits with 0, or with 1 after printing a message
whose every `error:` line has an accepted form (a location for the
frontend, a file name for weight files, the tool's own name). It fails on a
signal (SIGSEGV, SIGABRT, ...), on any other exit code, on a hang (the
timeout), on an exit 1 without a message, and on the marks of a crash that
some libraries print before exiting (LLVM's "PLEASE submit a bug report",
"LLVM ERROR", failed assertions, std::terminate).

Only the Python standard library is used: the tests must not depend on
numpy or torch for the mutation itself.
"""

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

# Text that only a crashing (or aborting) process prints.
CRASH_MARKS = (
    "PLEASE submit a bug report",
    "Stack dump:",
    "LLVM ERROR:",
    "Assertion `",
    "UNREACHABLE executed",
    "terminate called",
    "Segmentation fault",
    "AddressSanitizer",
)
# UndefinedBehaviorSanitizer, in a sanitizer build.
UBSAN_MARK = re.compile(r"\.(?:c|cc|cpp|h):\d+:\d+: runtime error: ")

# MLIR's conversion framework reports these when a lowering gives up on an
# op it should handle: an internal error reaching the user.
INTERNAL_MARKS = (
    re.compile(r"failed to legalize operation"),
    re.compile(r"failed to materialize conversion"),
)


# The whole run of one tool: output and how it ended.
class Result:
    def __init__(self, cmd, returncode, stdout, stderr, timed_out, seconds):
        self.cmd = cmd
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out
        self.seconds = seconds


def _limit(memory_mb):
    def apply():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_mb:
            limit = memory_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def run(cmd, timeout, memory_mb=2048, cwd=None, keep_stdout=False):
    """Runs cmd (a list) with stdin from /dev/null. On timeout the whole
    process group (the tool and the compilers it spawns) is killed."""
    # A tool being relinked by a build at that moment cannot be executed;
    # wait for the build rather than fail (never the case under lit).
    for attempt in range(30):
        start = time.monotonic()
        try:
            proc = subprocess.Popen(
                cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if keep_stdout else subprocess.DEVNULL,
                stderr=subprocess.PIPE, start_new_session=True,
                preexec_fn=_limit(memory_mb))
            break
        except (PermissionError, FileNotFoundError, OSError):
            if attempt == 29:
                raise
            time.sleep(2)
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
    text = err.decode("utf-8", "replace")
    return Result(cmd, proc.returncode, out, text, timed_out,
                  time.monotonic() - start)


def signal_name(returncode):
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return "signal %d" % -returncode


def judge(result, error_line_ok):
    """Why a run failed, or None. error_line_ok(line) says whether an
    `error:` line has an accepted form (or returns why not, a string)."""
    if result.timed_out:
        return "hang (no exit within the timeout)"
    rc = result.returncode
    if rc < 0:
        return "crash (%s)" % signal_name(rc)
    for mark in CRASH_MARKS:
        if mark in result.stderr:
            return "crash (stderr holds %r)" % mark
    if UBSAN_MARK.search(result.stderr):
        return "undefined behaviour (sanitizer report)"
    if rc not in (0, 1):
        return "exit code %d (expected 0 or 1)" % rc
    for mark in INTERNAL_MARKS:
        if mark.search(result.stderr):
            return "internal error (%r) instead of a diagnostic" % mark.pattern
    error_lines = [l for l in result.stderr.splitlines() if "error:" in l]
    if rc == 1 and not error_lines:
        return "exit code 1 without an 'error:' message"
    if rc == 0 and error_lines:
        return "exit code 0 after printing an error"
    for line in error_lines:
        # Source lines quoted under a diagnostic may contain "error:" too;
        # only lines that look like a diagnostic header are judged.
        if re.match(r"^\s", line):
            continue
        verdict = error_line_ok(line)
        if isinstance(verdict, str):
            return verdict
        if not verdict:
            return "error message of unexpected form: %r" % line[:300]
    return None


LOCATED = re.compile(r"^.+:\d+:\d+: error: \S")


def tool_error(tool):
    return re.compile(r"^" + re.escape(tool) + r": error: \S")


class Campaign:
    """Runs and judges the mutants of one test, and keeps the failures."""

    def __init__(self, name, out_dir, max_failures=10, budget=None):
        self.name = name
        self.out_dir = out_dir
        self.fail_dir = os.path.join(out_dir, "failures")
        self.max_failures = max_failures
        self.failures = []
        self.counts = {}
        self.runs = 0
        self.start = time.monotonic()
        self.budget = budget
        self.slowest = (0.0, None)

    def over(self):
        """True once the run must stop: too many failures already found, or
        the time budget spent (a failure too: the test must stay fast)."""
        if len(self.failures) >= self.max_failures:
            return True
        if self.budget and time.monotonic() - self.start > self.budget:
            return True
        return False

    def record(self, kind, label, result, inputs, error_line_ok,
               reason=None):
        """Judges one run (or takes the caller's reason for failing it); on
        a failure copies the inputs (paths) to the failures directory and
        prints the details. Returns the reason or None."""
        self.runs += 1
        if result.seconds > self.slowest[0]:
            self.slowest = (result.seconds, label)
        reason = reason or judge(result, error_line_ok)
        outcome = "fail" if reason else ("ok" if result.returncode == 0
                                         else "error")
        key = (kind, outcome)
        self.counts[key] = self.counts.get(key, 0) + 1
        if os.environ.get("FUZZ_VERBOSE"):
            first = [l for l in result.stderr.splitlines() if "error:" in l]
            print("%s [%s] %s" % (label, outcome,
                                  first[0][:200] if first else ""))
        if not reason:
            return None
        os.makedirs(self.fail_dir, exist_ok=True)
        tag = "%s-%d" % (kind, len(self.failures))
        saved = []
        for path in inputs:
            dest = os.path.join(self.fail_dir,
                                tag + "-" + os.path.basename(path))
            if os.path.isdir(path):
                shutil.copytree(path, dest, dirs_exist_ok=True)
            else:
                shutil.copyfile(path, dest)
            saved.append(dest)
        cmd = " ".join(result.cmd)
        with open(os.path.join(self.fail_dir, tag + ".txt"), "w") as f:
            f.write("mutant: %s\nreason: %s\ncommand: %s\nexit: %s\n"
                    "inputs: %s\n--- stderr ---\n%s" %
                    (label, reason, cmd, result.returncode, " ".join(saved),
                     result.stderr))
        self.failures.append((tag, label, reason, cmd, saved))
        stderr = result.stderr
        if len(stderr) > 4000:
            stderr = stderr[:4000] + "\n[... %d more bytes]" % (
                len(stderr) - 4000)
        print("FAIL %s: %s: %s\n  command: %s\n  input saved as: %s\n"
              "  stderr:\n%s" % (tag, label, reason, cmd, " ".join(saved),
                                 "\n".join("    " + l
                                           for l in stderr.splitlines())),
              flush=True)
        return reason

    def summary(self):
        """Prints the counts; returns the process exit code."""
        took = time.monotonic() - self.start
        print("%s: %d runs in %.1f s (slowest %.2f s: %s)" %
              (self.name, self.runs, took, self.slowest[0], self.slowest[1]))
        for (kind, outcome), n in sorted(self.counts.items()):
            print("  %-28s %-6s %d" % (kind, outcome, n))
        if self.budget and took > self.budget:
            print("FAIL: the time budget of %d s was spent before all "
                  "mutants ran" % self.budget)
            return 1
        if self.failures:
            print("FAIL: %d failing run(s); inputs under %s" %
                  (len(self.failures), self.fail_dir))
            for tag, label, reason, cmd, saved in self.failures:
                print("  %s: %s: %s\n    %s" % (tag, label, reason, cmd))
            return 1
        print("%s: no crash, no hang, every error has a message" % self.name)
        return 0


def find_tool(name, bin_dir):
    if bin_dir:
        path = os.path.join(bin_dir, name)
    else:
        path = shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        sys.exit("fuzz: cannot find the tool '%s' (on PATH or --bin)" % name)
    return path
