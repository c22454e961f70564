"""memfold's pytest plugin: gate tests on their memory, line by line.

    @pytest.mark.memory(max_rise="50 MiB", max_peak=None)
    def test_load():
        ...

A marked test's body is profiled with memory_profiler's ``LineProfiler``
(what ``@profile`` prints, to a text stream), the report is read by
memfold, and the test fails with the hottest lines when the function's
rise (the most one call added: peak minus the memory at entry) or its peak
(the process's highest RSS on its lines) passes its limit.

    pytest --memfold-golden=golden/memory.json [--memfold-runs N]
    pytest --memfold-golden=golden/memory.json --memfold-record

compare every marked test's function with the golden summary (a ``memfold
summary -f json`` file) by the rules of ``memfold diff`` -- default: its
rise may not grow by more than 10% and 1 MiB (``--memfold-metric``,
``--memfold-max-increase``) -- or write that file.  ``--memfold-runs N``
runs each marked test N times, each a run: the comparison takes the
medians.  ``--memfold-reports DIR`` keeps every report.  Paths in the
golden file are relative to pytest's rootdir, so that it holds on every
machine.

Loaded by its entry point (``pip install``), or with ``-p memfold``.
Async tests are not profiled (memory_profiler traces one thread's lines).
"""
import io
import json
import os
import re
import tempfile
import warnings
from decimal import Decimal

import pytest

import memfold

_PLUGIN_NAME = "memfold-gate"
_UNITS = {"KiB": Decimal(1) / 1024, "MiB": Decimal(1), "GiB": Decimal(1024)}
_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(KiB|MiB|GiB)?\s*$")
_HOT_LINES = 5


def pytest_addoption(parser):
    g = parser.getgroup("memfold", "memory gate: memory_profiler's reports read by memfold")
    g.addoption("--memfold-golden", metavar="PATH", default=None,
                help="compare each @pytest.mark.memory test with this golden summary "
                     "(memfold summary -f json), as memfold diff does")
    g.addoption("--memfold-record", action="store_true", default=False,
                help="write the golden summary (--memfold-golden) from this run instead")
    g.addoption("--memfold-runs", metavar="N", type=int, default=1,
                help="run each marked test N times, each a run (default 1)")
    g.addoption("--memfold-reports", metavar="DIR", default=None,
                help="keep each marked test's memory_profiler report in DIR")
    g.addoption("--memfold-metric", action="append", default=None,
                choices=["peak", "rise", "net", "mean"],
                help="what the golden comparison gates (may repeat; default rise)")
    g.addoption("--memfold-max-increase", action="append", default=None, metavar="LIMIT",
                help="growth allowed over the golden: N%% or N MiB (may repeat; "
                     "default 10%% and 1 MiB)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "memory(max_rise=None, max_peak=None): profile the test line by line with "
        "memory_profiler; fail it when its rise or peak passes the limit (\"50 MiB\")")
    if not config.pluginmanager.has_plugin(_PLUGIN_NAME):
        config.pluginmanager.register(MemoryGate(config), _PLUGIN_NAME)


def parse_limit(value, what):
    """"50MiB", "50 MiB", "1.5 GiB", "512KiB", or a number of MiB: exact MiB."""
    if value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    m = _LIMIT.match(str(value))
    if not m:
        raise pytest.UsageError(f"memory({what}={value!r}): a limit is like \"50 MiB\"")
    return Decimal(m.group(1)) * _UNITS[m.group(2) or "MiB"]


def _mib(d):
    return f"{d} MiB"


def _safe_name(nodeid):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", nodeid).strip("_")[:150]


class MemoryGate:
    """The plugin's state over a session: each marked test's reports."""

    def __init__(self, config):
        self.config = config
        self.runs = max(1, config.getoption("memfold_runs"))
        self.golden = config.getoption("memfold_golden")
        self.record = config.getoption("memfold_record")
        self.reports_dir = config.getoption("memfold_reports")
        self.metrics = config.getoption("memfold_metric") or ["rise"]
        self.max_increase = config.getoption("memfold_max_increase") or ["10%", "1 MiB"]
        self.root = str(config.rootpath)
        self.results = []          # (nodeid, function, rise, peak, verdict)
        self.texts = []            # per test: its reports, one a run (paths relative)
        self.golden_text = None
        if self.record and not self.golden:
            raise pytest.UsageError("--memfold-record needs --memfold-golden=PATH")
        if self.golden and not self.record:
            try:
                with open(self.golden, encoding="utf-8") as f:
                    self.golden_text = f.read()
            except OSError as e:
                raise pytest.UsageError(
                    f"--memfold-golden: cannot read '{self.golden}': {e.strerror} "
                    f"(write it with --memfold-record)") from None

    # -- the test's call, profiled ------------------------------------------------

    @pytest.hookimpl(hookwrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        mark = pyfuncitem.get_closest_marker("memory")
        if mark is None:
            yield
            return
        func = pyfuncitem.obj
        pyfuncitem.obj = self._profiled(pyfuncitem, func, mark)
        try:
            yield
        finally:
            pyfuncitem.obj = func

    def _profiled(self, item, func, mark):
        max_rise = parse_limit(mark.kwargs.get("max_rise"), "max_rise")
        max_peak = parse_limit(mark.kwargs.get("max_peak"), "max_peak")

        def call(*args, **kwargs):
            from memory_profiler import LineProfiler, show_results
            reports, result = [], None
            for _ in range(self.runs):
                prof = LineProfiler()
                result = prof(func)(*args, **kwargs)
                stream = io.StringIO()
                show_results(prof, stream=stream)
                reports.append(stream.getvalue())
            self._judge(item, reports, max_rise, max_peak)
            return result

        return call

    def _relative(self, text):
        # the golden file's paths are the rootdir's, on every machine
        prefix = "Filename: " + self.root.rstrip("/") + "/"
        return text.replace(prefix, "Filename: ")

    def _keep(self, item, reports):
        if not self.reports_dir:
            return []
        os.makedirs(self.reports_dir, exist_ok=True)
        paths = []
        for i, text in enumerate(reports, 1):
            name = _safe_name(item.nodeid) + (f".run{i}" if len(reports) > 1 else "") + ".txt"
            path = os.path.join(self.reports_dir, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            paths.append(path)
        return paths

    def _judge(self, item, reports, max_rise, max_peak):
        kept = self._keep(item, reports)
        texts = [self._relative(t) for t in reports]
        self.texts.append(texts)
        s = memfold.summary(texts)
        if not s.functions:
            pytest.fail(f"memfold read no report of {item.nodeid} (memory_profiler printed "
                        f"{sum(len(t) for t in reports)} bytes)", pytrace=False)
        problems = []
        for f in s.functions:
            rise, peak = f.get("rise_mib"), f.get("peak_mib")
            self.results.append([item.nodeid, f.function, rise, peak, "ok"])
            if max_rise is not None and rise is not None and rise > max_rise:
                problems.append(f"{f.function}: rise {_mib(rise)} > max_rise {_mib(max_rise)}")
            if max_peak is not None and peak is not None and peak > max_peak:
                problems.append(f"{f.function}: peak {_mib(peak)} > max_peak {_mib(max_peak)}")
        if problems:
            self.results[-1][4] = "over the limit"
            pytest.fail("memory limit exceeded: " + "; ".join(problems) + "\n" +
                        self._hot_lines(texts, kept), pytrace=False)
        if self.golden_text is not None:
            self._compare(item, s, texts, kept)

    def _hot_lines(self, texts, kept):
        tables = memfold.read(texts[-1])
        out = []
        for t in tables:
            rows = [r for r in t.rows if r.measured]
            hot = sorted(rows[1:], key=lambda r: r.increment, reverse=True)[:_HOT_LINES]
            out.append(f"hottest lines of {t.function} ({t.file}), run {len(texts)} of "
                       f"{len(texts)}:")
            out.append(f"  {'Line #':>6} {'Increment':>12} {'Mem usage':>12}   Line Contents")
            for r in hot:
                out.append(f"  {r.line:>6} {_mib(r.increment):>12} {_mib(r.mem):>12}   "
                           f"{r.contents.strip()}")
            if rows:
                out.append(f"  (memory at entry, line {rows[0].line}: {_mib(rows[0].mem)})")
        if kept:
            out.append("report: " + ", ".join(kept))
        return "\n".join(out)

    def _compare(self, item, s, texts, kept):
        keys = {(f.file, f.function) for f in s.functions}
        old = select_functions(self.golden_text, keys)
        if old is None:
            self.results[-1][4] = "not in the golden file"
            warnings.warn(pytest.PytestWarning(
                f"memfold: {item.nodeid} is not in {self.golden}: run with --memfold-record"))
            return
        d = memfold.diff(old, texts, metric=self.metrics, max_increase=self.max_increase)
        self.results[-1][4] = f"golden: {d.verdict}"
        if not d.passed:
            pytest.fail(f"memory regression against {self.golden}:\n{d.text}\n" +
                        self._hot_lines(texts, kept), pytrace=False)

    # -- the end of the session --------------------------------------------------

    def pytest_sessionfinish(self, session):
        if not self.record or not self.texts:
            return
        runs = ["".join(t[i] for t in self.texts) for i in range(self.runs)]
        s = memfold.summary(runs, runs=self.runs > 1)
        directory = os.path.dirname(os.path.abspath(self.golden))
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".memfold-", suffix=".json", dir=directory)
        try:   # written whole, or not at all
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(s.text)
            os.replace(tmp, self.golden)
        except BaseException:
            os.unlink(tmp)
            raise
        self.recorded = len(s.functions)

    def pytest_terminal_summary(self, terminalreporter):
        if not self.results:
            return
        tr = terminalreporter
        tr.section("memfold")
        tr.write_line(f"{'TEST':<50} {'FUNCTION':<24} {'RISE MiB':>9} {'PEAK MiB':>9}  RESULT")
        for nodeid, function, rise, peak, verdict in self.results:
            tr.write_line(f"{nodeid:<50} {function or '?':<24} {str(rise):>9} {str(peak):>9}  "
                          f"{verdict}")
        if self.record and getattr(self, "recorded", None) is not None:
            tr.write_line(f"memfold: wrote {self.golden} ({self.recorded} functions, "
                          f"{self.runs} run{'s' if self.runs > 1 else ''})")


def select_functions(summary_text, keys):
    """The summary JSON text with only the functions whose (file, function)
    is in keys, or None when there is none: memfold writes one function a
    line, so the lines are kept as they are, every number as written."""
    lines = summary_text.split("\n")
    try:
        start = lines.index('  "functions": [')
        end = lines.index("  ],", start)
    except ValueError:
        raise memfold.InputError("not a memfold summary file (no \"functions\" list)") from None
    kept = []
    for line in lines[start + 1:end]:
        f = json.loads(line.rstrip().rstrip(","))
        if (f.get("file"), f.get("function")) in keys:
            kept.append(line.rstrip().rstrip(","))
    if not kept:
        return None
    body = ",\n".join(kept)
    return "\n".join(lines[:start + 1] + [body] + lines[end:])
