"""memfold's pytest plugin: gate tests on their memory, line by line.

    @pytest.mark.memory(max_rise="50 MiB", max_peak=None)
    def test_load():
        ...

A marked test's body is profiled with memory_profiler's ``LineProfiler``
(what ``@profile`` prints, to a text stream), the report is read by
memfold, and the test fails with the hottest lines when the function's
rise (the most one call added: peak minus the memory at entry) or its peak
(the process's highest RSS on its lines) passes its limit.  A limit is
``"50 MiB"``, ``"50MiB"``, ``"512 KiB"``, ``"1.5 GiB"`` or a number of MiB,
exact (``Decimal``); a limit that is reached, not passed, passes.

    pytest --memfold-golden=golden/memory.json [--memfold-runs N]
    pytest --memfold-golden=golden/memory.json --memfold-record

compare every marked test's function with the golden summary (a ``memfold
summary -f json`` file) by the rules of ``memfold diff`` -- default: its
rise may not grow by more than 10% and 1 MiB (``--memfold-metric``,
``--memfold-max-increase``) -- or write that file.  ``--memfold-runs N``
runs each marked test's body N times, each a run: the comparison takes the
medians.  ``--memfold-reports DIR`` keeps every report.

The golden file's ``file`` of a test is its node id's path (relative to
pytest's rootdir, so that it holds on every machine); a test in a class or
a parametrized one is keyed by its whole node id
(``tests/test_x.py::TestA::test_b[2]``), so that each is compared with its
own entry.

Loaded by its entry point (``pip install``), with ``-p memfold`` or
``-p memfold.pytest_plugin``.  This module imports without pytest and
without memory_profiler: pytest is imported by the hooks, memory_profiler
when a marked test runs.  Not supported: async tests (they fail, saying
so: memory_profiler traces the lines of one thread's frames), and
``--memfold-record`` under pytest-xdist (each worker would write the file).
"""
import hashlib
import inspect
import io
import json
import os
import re
import tempfile
import warnings
from decimal import Decimal

import memfold

PLUGIN_NAME = "memfold-gate"
HOT_LINES = 5
DEFAULT_METRICS = ("rise",)
DEFAULT_MAX_INCREASE = ("10%", "1 MiB")
METRICS = ("peak", "rise", "net", "mean")

_LIMIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(KiB|MiB|GiB)?\s*$")
_FILENAME = re.compile(r"^Filename: .*$", re.M)
_MARKER = ("memory(max_rise=None, max_peak=None): profile the test's body line by line "
           "with memory_profiler and fail it when the function's rise or peak passes "
           "the limit (\"50 MiB\", \"1.5 GiB\", \"512 KiB\")")
_GATE_CLASS = None


# ---- the hooks pytest finds in this module (and in memfold/__init__.py) ---------

def pytest_addoption(parser):
    g = parser.getgroup("memfold", "memory gate: memory_profiler's reports read by memfold")
    if any("--memfold-golden" in o.names() for o in g.options):
        return   # loaded twice (-p memfold and the entry point): once is enough
    g.addoption("--memfold-golden", metavar="PATH", default=None,
                help="compare each @pytest.mark.memory test with its entry in this golden "
                     "summary (memfold summary -f json), as memfold diff does")
    g.addoption("--memfold-record", action="store_true", default=False,
                help="write the golden summary (--memfold-golden) from this run's marked "
                     "tests instead (atomically)")
    g.addoption("--memfold-runs", metavar="N", type=int, default=1,
                help="run each marked test's body N times, each a run: the golden "
                     "comparison takes the medians (default 1)")
    g.addoption("--memfold-reports", metavar="DIR", default=None,
                help="keep each marked test's memory_profiler report in DIR (one file a "
                     "test and run)")
    g.addoption("--memfold-metric", action="append", default=None, choices=list(METRICS),
                help="what the golden comparison gates (may repeat; default rise: what "
                     "the test's body added; peak moves with what ran before)")
    g.addoption("--memfold-max-increase", action="append", default=None, metavar="LIMIT",
                help="growth allowed over the golden: N%% or N MiB (may repeat; over both "
                     "fails; default 10%% and 1 MiB)")


def pytest_configure(config):
    if config.pluginmanager.has_plugin(PLUGIN_NAME):
        return   # loaded twice: one marker, one gate
    config.addinivalue_line("markers", _MARKER)
    config.pluginmanager.register(_gate_class()(config), PLUGIN_NAME)


# ---- limits and names ------------------------------------------------------------

def parse_limit(value):
    """A limit as exact MiB (``Decimal``): "50MiB", "50 MiB", "1.5 GiB",
    "512KiB", or a number of MiB; ``None`` is no limit.  ValueError else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a limit")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    m = _LIMIT.match(str(value))
    if not m:
        raise ValueError(f"{value!r} is not a limit: write \"50 MiB\", \"1.5 GiB\" or "
                         f"\"512 KiB\"")
    n, unit = Decimal(m.group(1)), m.group(2) or "MiB"
    return n / 1024 if unit == "KiB" else n * 1024 if unit == "GiB" else n


def memory(max_rise=None, max_peak=None):
    """The marker's arguments: (max_rise, max_peak) as exact MiB."""
    return parse_limit(max_rise), parse_limit(max_peak)


def _mib(d):
    return "-" if d is None else f"{d} MiB"


def golden_key(item):
    """The ``file`` a test's function has in the golden file: its node id's
    path, or the whole node id for a test in a class or a parametrized one."""
    nodeid = item.nodeid
    path, _, rest = nodeid.partition("::")
    return path if rest == getattr(item, "originalname", item.name) == item.name else nodeid


def safe_name(nodeid):
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", nodeid).strip("_.") or "test"
    if len(name) > 120:
        name = name[:100] + "-" + hashlib.sha1(nodeid.encode()).hexdigest()[:12]
    return name


def _dumps(v):
    """JSON of a document read with Decimal numbers: each number as written."""
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_dumps(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_dumps(x) for x in v) + "]"
    if isinstance(v, Decimal):
        return str(v)
    return json.dumps(v)


def select_functions(document, keys):
    """The summary document (read with Decimal numbers) with only the
    functions whose (file, function) is in keys, as JSON text, or None
    when it holds none of them."""
    kept = [f for f in document.get("functions", [])
            if (f.get("file"), f.get("function")) in keys]
    if not kept:
        return None
    doc = dict(document)
    doc["functions"] = kept
    lines = ["{"]
    for i, (k, v) in enumerate(doc.items()):
        comma = "," if i < len(doc) - 1 else ""
        if k == "functions":
            lines.append(f"  {json.dumps(k)}: [")
            lines.append(",\n".join("    " + _dumps(f) for f in kept))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(k)}: {_dumps(v)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_atomically(path, text):
    """Write text to path whole or not at all: a temporary file in the same
    folder, then os.replace."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".memfold-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---- the gate: its state over a session ------------------------------------------

# a report memfold reads, to try the options on before any test runs
_PROBE = ("Filename: probe.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n"
          "=============================================================\n"
          "     1     10.0 MiB     10.0 MiB           1   def probe():\n"
          "     2     11.0 MiB      1.0 MiB           1       x = 1\n\n\n")


class Result:
    """A marked test in the terminal summary."""
    __slots__ = ("nodeid", "function", "rise", "peak", "verdict")

    def __init__(self, nodeid, function, rise=None, peak=None, verdict="ok"):
        self.nodeid, self.function, self.rise, self.peak = nodeid, function, rise, peak
        self.verdict = verdict


class MemoryGate:
    """The plugin's logic, without pytest's decorations (see _gate_class)."""

    def __init__(self, config):
        import pytest
        self.config = config
        self.runs = config.getoption("memfold_runs")
        self.golden = config.getoption("memfold_golden")
        self.record = config.getoption("memfold_record")
        self.reports_dir = config.getoption("memfold_reports")
        self.metrics = list(config.getoption("memfold_metric") or DEFAULT_METRICS)
        self.max_increase = list(config.getoption("memfold_max_increase")
                                 or DEFAULT_MAX_INCREASE)
        self.results = []            # Result, a marked test each
        self.recorded = []           # per test: its reports (keyed), one a run
        self.report_names = {}       # file name -> node id
        self.written = None          # what --memfold-record wrote (a message)
        self.golden_doc = None
        if self.runs < 1:
            raise pytest.UsageError(f"--memfold-runs is 1 or more, not {self.runs}")
        if self.record and not self.golden:
            raise pytest.UsageError("--memfold-record needs --memfold-golden=PATH")
        try:
            memfold.diff(_PROBE, _PROBE, metric=self.metrics, max_increase=self.max_increase)
        except memfold.UsageError as e:
            raise pytest.UsageError(f"--memfold-max-increase: {e} (\"10%\" or \"5 MiB\")") \
                from None
        if self.golden and not self.record:
            try:
                with open(self.golden, encoding="utf-8") as f:
                    self.golden_doc = json.loads(f.read(), parse_float=Decimal)
            except OSError as e:
                raise pytest.UsageError(
                    f"--memfold-golden: cannot read '{self.golden}': {e.strerror} "
                    f"(write it with --memfold-record)") from None
            except ValueError as e:
                raise pytest.UsageError(
                    f"--memfold-golden: '{self.golden}' is not JSON: {e}") from None
            if not (isinstance(self.golden_doc, dict)
                    and isinstance(self.golden_doc.get("functions"), list)):
                raise pytest.UsageError(
                    f"--memfold-golden: '{self.golden}' is not a memfold summary "
                    f"(memfold summary -f json): no \"functions\" list")

    # -- the test's call, profiled -------------------------------------------------

    def pyfunc_call(self, pyfuncitem):
        """The body of the pytest_pyfunc_call hookwrapper: the marked test's
        function is replaced by its profiled self for the call."""
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
        import pytest

        def fail(message):
            def call(*args, **kwargs):
                pytest.fail(f"@pytest.mark.memory: {message}", pytrace=False)
            return call

        if inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func):
            return fail("async tests are not supported (memory_profiler traces the lines "
                        "of one thread's frames, not an event loop's)")
        try:
            max_rise, max_peak = memory(*mark.args, **mark.kwargs)
        except (TypeError, ValueError) as e:
            return fail(f"{e} (memory(max_rise=\"50 MiB\", max_peak=None))")

        def call(*args, **kwargs):
            try:
                from memory_profiler import LineProfiler, show_results
            except ImportError as e:
                pytest.fail(f"@pytest.mark.memory needs memory_profiler: {e}", pytrace=False)
            reports, result = [], None
            try:
                for _ in range(self.runs):
                    prof = LineProfiler()
                    try:
                        result = prof(func)(*args, **kwargs)
                    finally:   # what ran is reported, even when the body raised
                        stream = io.StringIO()
                        show_results(prof, stream=stream)
                        reports.append(stream.getvalue())
            except BaseException:
                self._keep(item, reports)
                raise
            self._judge(item, reports, max_rise, max_peak)
            return result

        return call

    def _keep(self, item, reports):
        """--memfold-reports: each run's report as memory_profiler printed it."""
        if not self.reports_dir or not reports:
            return []
        os.makedirs(self.reports_dir, exist_ok=True)
        base = safe_name(item.nodeid)
        if self.report_names.setdefault(base, item.nodeid) != item.nodeid:
            base += "-" + hashlib.sha1(item.nodeid.encode()).hexdigest()[:12]
        paths = []
        for i, text in enumerate(reports, 1):
            name = base + (f".run{i}" if self.runs > 1 else "") + ".txt"
            path = os.path.join(self.reports_dir, name)
            write_atomically(path, text)
            paths.append(path)
        return paths

    def _judge(self, item, reports, max_rise, max_peak):
        import pytest
        kept = self._keep(item, reports)
        key = golden_key(item)
        texts = [_FILENAME.sub(lambda m: "Filename: " + key, t) for t in reports]
        s = memfold.summary(texts)
        if not s.functions:
            self.results.append(Result(item.nodeid, None, verdict="no report"))
            pytest.fail(f"memfold read no report of {item.nodeid}: memory_profiler printed "
                        f"{sum(len(t) for t in reports)} characters (is another tracer, a "
                        f"debugger or coverage, in the way?)", pytrace=False)
        self.recorded.append(texts)
        f = s.functions[0]
        res = Result(item.nodeid, f.function, f.get("rise_mib"), f.get("peak_mib"))
        self.results.append(res)
        problems = []
        if max_rise is not None and res.rise is not None and res.rise > max_rise:
            problems.append(f"{f.function}: rise {_mib(res.rise)} > max_rise {_mib(max_rise)}")
        if max_peak is not None and res.peak is not None and res.peak > max_peak:
            problems.append(f"{f.function}: peak {_mib(res.peak)} > max_peak {_mib(max_peak)}")
        if problems:
            res.verdict = "over the limit"
            pytest.fail("memory limit exceeded: " + "; ".join(problems) + "\n" +
                        self._hot_lines(texts, kept), pytrace=False)
        if self.golden_doc is not None:
            self._compare(item, res, s, texts, kept)

    def _compare(self, item, res, s, texts, kept):
        import pytest
        keys = {(f.file, f.function) for f in s.functions}
        old = select_functions(self.golden_doc, keys)
        if old is None:
            res.verdict = "not in the golden file"
            warnings.warn(pytest.PytestWarning(
                f"memfold: {item.nodeid} is not in {self.golden}: run with "
                f"--memfold-record to record it"))
            return
        try:
            width = self.config.get_terminal_writer().fullwidth
        except Exception:   # no terminal plugin (-p no:terminal)
            width = 100
        d = memfold.diff(old, texts, metric=self.metrics, max_increase=self.max_increase,
                         width=max(80, width))
        res.verdict = f"golden: {d.verdict}"
        if not d.passed:
            pytest.fail(f"memory regression against {self.golden}:\n{d.text}\n" +
                        self._hot_lines(texts, kept), pytrace=False)

    def _hot_lines(self, texts, kept):
        """The lines that added the most, of the run that rose the most."""
        rises = [(memfold.summary(t).functions or [{}])[0].get("rise_mib") or 0
                 for t in texts]
        run = max(range(len(texts)), key=lambda i: rises[i])
        out = []
        for t in memfold.read(texts[run]):
            rows = [r for r in t.rows if r.measured and r.increment is not None]
            # the first row is the def line: its increment is the memory at entry
            body = [r for r in rows[1:] if r.increment > 0]
            hot = sorted(body, key=lambda r: (-r.increment, r.line))[:HOT_LINES]
            out.append(f"hottest lines of {t.function} ({t.file}), run {run + 1} of "
                       f"{len(texts)}:")
            out.append(f"  {'Line #':>6} {'Increment':>12} {'Mem usage':>12}   Line Contents")
            for r in hot:
                out.append(f"  {r.line:>6} {_mib(r.increment):>12} {_mib(r.mem):>12}   "
                           f"{r.contents.strip()}")
            if not hot:
                out.append("  (no line added memory)")
            if rows:
                out.append(f"  (memory at entry, line {rows[0].line}: {_mib(rows[0].mem)})")
        if kept:
            out.append("report: " + ", ".join(kept))
        return "\n".join(out)

    # -- the end of the session ----------------------------------------------------

    def sessionfinish(self, session, exitstatus):
        if not self.record:
            return
        if hasattr(self.config, "workerinput"):
            return   # a pytest-xdist worker: not supported (see the module's docstring)
        if int(exitstatus) in (2, 3, 4):   # interrupted, internal or usage error
            self.written = f"memfold: {self.golden} not written: the session did not finish"
            return
        if not self.recorded:
            self.written = f"memfold: {self.golden} not written: no marked test ran"
            return
        runs = ["".join(t[i] for t in self.recorded) for i in range(self.runs)]
        s = memfold.summary(runs, runs=self.runs > 1)
        write_atomically(self.golden, s.text)
        self.written = (f"memfold: wrote {self.golden} ({len(s.functions)} functions, "
                        f"{self.runs} run{'s' if self.runs > 1 else ''})")

    def terminal_summary(self, terminalreporter):
        if not self.results and not self.written:
            return
        tr = terminalreporter
        tr.section("memfold")
        if self.results:
            head = ("TEST", "FUNCTION", "RISE MiB", "PEAK MiB", "RESULT")
            rows = [(r.nodeid, r.function or "?", "-" if r.rise is None else str(r.rise),
                     "-" if r.peak is None else str(r.peak), r.verdict) for r in self.results]
            w = [max(len(x[i]) for x in [head] + rows) for i in range(4)]
            for x in [head] + rows:
                tr.write_line(f"{x[0]:<{w[0]}}  {x[1]:<{w[1]}}  {x[2]:>{w[2]}}  "
                              f"{x[3]:>{w[3]}}  {x[4]}")
        if self.written:
            tr.write_line(self.written)


def _gate_class():
    """MemoryGate with pytest's hook decorations: made when pytest is there."""
    global _GATE_CLASS
    if _GATE_CLASS is None:
        import pytest

        class MemoryGatePlugin(MemoryGate):
            @pytest.hookimpl(hookwrapper=True)
            def pytest_pyfunc_call(self, pyfuncitem):
                yield from self.pyfunc_call(pyfuncitem)

            @pytest.hookimpl(trylast=True)
            def pytest_sessionfinish(self, session, exitstatus):
                self.sessionfinish(session, exitstatus)

            @pytest.hookimpl
            def pytest_terminal_summary(self, terminalreporter):
                self.terminal_summary(terminalreporter)

        _GATE_CLASS = MemoryGatePlugin
    return _GATE_CLASS
