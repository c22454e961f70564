"""memfold for Python: memory_profiler's line-by-line reports, read, checked,
summed up and compared by libmemfold -- the same C library, checks and
numbers as the ``memfold`` command.

    >>> import memfold
    >>> s = memfold.summary("tests/corpus/basic_calls.log")
    >>> s.functions[0].peak_mib
    Decimal('36.7')

Every function takes an input, or a list of them, as the command line does:
a path (``str`` without a newline, or ``os.PathLike``), report text (a
``str`` that holds a newline), ``bytes``, or an open file.  Gzip data,
notebooks, pastes with ``#``/``>`` prefixes, LogFile prefixes, mprof
``.dat`` files: whatever ``memfold`` reads.  Numbers are ``decimal.Decimal``,
exactly as printed.

``read`` (tables and rows), ``summary`` (``memfold summary -f json``),
``lines`` (``memfold lines``), ``check`` (``memfold check``) and ``diff``
(``memfold diff``).  A problem of the input is a diagnostic, with its file,
line and column; with ``strict=True`` an input with errors raises
:class:`InputError` instead.  The pytest plugin is :mod:`memfold.pytest_plugin`.
"""
import bisect
import io
import json
import os
from decimal import Decimal

from . import _memfold

__version__ = _memfold.version()   # libmemfold's, from include/memfold.h

__all__ = [
    "read", "summary", "lines", "check", "diff", "checks",
    "Table", "Row", "Tables", "Summary", "Lines", "CheckResult", "DiffResult",
    "Diagnostic", "Record", "Error", "InputError", "ReadError", "UsageError",
    "__version__",
]


# ---- errors -------------------------------------------------------------------

class Error(Exception):
    """Every error memfold raises.  ``file``, ``line`` and ``column`` say where
    (``None`` when the error is not about a place in an input)."""

    def __init__(self, message, file=None, line=None, column=None, diagnostics=()):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.diagnostics = list(diagnostics)

    def __str__(self):
        where = ":".join(str(x) for x in (self.file, self.line, self.column) if x is not None)
        return f"{where}: {self.message}" if where else self.message


class InputError(Error):
    """The input is wrong: errors in a report under ``strict=True``, a summary
    file that is not one, an input of a kind the call does not read."""


class ReadError(Error, OSError):
    """An input cannot be read (``errno`` is set)."""

    def __init__(self, message, file=None, errno=0):
        Error.__init__(self, message, file)
        self.errno = errno
        self.filename = file


class UsageError(Error, ValueError):
    """A bad argument: an unknown check, a prefix that does not compile, a
    limit that is not ``"N%"`` or ``"N MiB"``."""


def _raise_failure(failure):
    code, sys_errno, message, name = failure
    if code == _memfold.ERR_IO:
        raise ReadError(message, name, sys_errno)
    if code == _memfold.ERR_ARG:
        raise UsageError(message)
    raise InputError(message, name)


# ---- records ------------------------------------------------------------------

class Record(dict):
    """A record as memfold's JSON writes it: a dict whose keys are also
    attributes (``r.peak_mib`` is ``r["peak_mib"]``).  Numbers with a decimal
    point are ``Decimal``, as printed."""

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _json(text):
    return json.loads(text, parse_float=Decimal, object_hook=Record)


class Diagnostic:
    """One finding of the checks: ``level`` ("error", "warning", "note"),
    ``name`` (the check, as ``-W`` names it), ``message``, ``file``, ``line``,
    ``column`` and ``end_column`` (1-based; ``None`` when not about a line or
    column), ``source`` (the input line), ``note`` (a second position)."""

    __slots__ = ("level", "name", "message", "file", "line", "column", "end_column",
                 "source", "note")

    def __init__(self, d):
        for k in self.__slots__:
            v = d[k]
            setattr(self, k, Diagnostic(v) if k == "note" and v is not None else v)

    def __str__(self):
        where = ":".join(str(x) for x in (self.file, self.line, self.column) if x is not None)
        return f"{where}: {self.level}: {self.message} [-W{self.name}]"

    def __repr__(self):
        return f"<Diagnostic {self}>"


def _diags(lst):
    return [Diagnostic(d) for d in lst]


# ---- inputs and options ----------------------------------------------------------

def _one_input(x):
    """(name, path bytes or None, data bytes or None)."""
    if isinstance(x, (bytes, bytearray, memoryview)):
        return ("<bytes>", None, bytes(x))
    if isinstance(x, os.PathLike):
        x = os.fspath(x)
        if isinstance(x, bytes):
            x = os.fsdecode(x)
    if isinstance(x, str):
        if "\n" in x:
            return ("<string>", None, x.encode("utf-8", "surrogateescape"))
        if not os.path.exists(x):
            raise ReadError(f"cannot read '{x}': No such file or directory", x, 2)
        if os.path.isdir(x):
            raise ReadError(f"cannot read '{x}': Is a directory", x, 21)
        return (x, os.fsencode(x), None)
    if hasattr(x, "read"):
        data = x.read()
        name = getattr(x, "name", None)
        name = name if isinstance(name, str) else "<stream>"
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        return (name, None, bytes(data))
    raise TypeError(f"memfold reads a path, text, bytes or a file, not {type(x).__name__}")


def _inputs(src):
    items = src if isinstance(src, (list, tuple)) else [src]
    return [_one_input(x) for x in items]


_LEVELS = {"off": 0, "warning": 1, "error": 2}
_SUMMARY_SORT = {"first": 0, "peak": 1, "mean": 2, "calls": 3, "name": 4}
_DIFF_SORT = {"first": 0, "delta": 1, "percent": 2, "name": 3, "peak": 4, "mean": 5,
              "net": 6, "rise": 7}
_METRICS = {"peak": 0, "mean": 1, "net": 2, "rise": 3}
_MODE = {"read": 0, "summary": 1, "lines": 2, "check": 3}


def _scan_mode():
    # MEMFOLD_NO_FAST, as the command reads it: the row acceptor off (=1),
    # or every row cell by cell (=cells)
    v = os.environ.get("MEMFOLD_NO_FAST", "")
    if not v or v == "0":
        return _memfold.SCAN_FAST
    return _memfold.SCAN_CELLS if v == "cells" else _memfold.SCAN_RULES


def _choice(table, value, what):
    try:
        return table[value]
    except KeyError:
        raise UsageError(f"{what} is one of {', '.join(table)}, not {value!r}") from None


def _read_options(mode, strict, lenient, pure, checks, prefix, jobs, **extra):
    cl = []
    for name, level in (checks or {}).items():
        cl.append((name, _choice(_LEVELS, level, f"the level of check {name!r}")))
    o = {"mode": _MODE[mode], "strict": int(bool(strict)), "lenient": int(bool(lenient)),
         "pure": int(bool(pure)), "checks": cl, "prefix": prefix, "scan": _scan_mode(),
         "jobs": int(jobs)}
    o.update(extra)
    return o


def _run(mode, src, strict, lenient, pure, checks, prefix, jobs, **extra):
    r = _memfold.read(_inputs(src), _read_options(mode, strict, lenient, pure, checks, prefix,
                                                  jobs, **extra))
    if r["failure"] is not None:
        _raise_failure(r["failure"])
    if strict and mode != "check" and r["errors"]:
        first = next((d for d in r["diagnostics"] if d["level"] == "error"), None)
        diags = _diags(r["diagnostics"])
        if first:
            raise InputError(first["message"], first["file"], first["line"], first["column"],
                             diags)
        raise InputError(f"{r['errors']} errors in the input", diagnostics=diags)
    return r


# ---- read ------------------------------------------------------------------------

class Row:
    """One row of a table: ``line`` (the source line number), ``mem`` and
    ``increment`` (MiB, ``Decimal``; ``None`` on a row that was not run),
    ``occurrences`` (``None`` in the old layout), ``contents`` (the source
    text), ``input_line`` (where the row is in the input), ``text`` (the row
    as read), ``measured``, ``complete`` (all its cells were read)."""

    __slots__ = ("input_line", "line", "mem", "increment", "occurrences", "contents", "text",
                 "measured", "complete")

    def __init__(self, t):
        (self.input_line, self.line, mem, inc, self.occurrences, self.contents, self.text,
         measured, complete) = t
        self.mem = Decimal(mem) if mem is not None else None
        self.increment = Decimal(inc) if inc is not None else None
        self.measured = bool(measured)
        self.complete = bool(complete)

    def __repr__(self):
        return (f"<Row {self.line}: mem={self.mem} increment={self.increment} "
                f"occurrences={self.occurrences} {self.contents!r}>")


class Table:
    """One report block: what memory_profiler prints for one call.
    ``source`` (the input), ``index`` (1-based over the read), ``file`` (the
    ``Filename:`` path, ``None`` when the paste lost it), ``function``,
    ``line`` (its first row's line number), ``def_line``, ``input_line`` and
    ``end_line`` (where it is in the input), ``generation`` (the header's
    memory_profiler version), ``verdict`` ("kept": summed up; "cut_only":
    only cut short; "left_out": errors), ``rows`` and ``diagnostics``."""

    __slots__ = ("source", "index", "file", "function", "line", "def_line", "input_line",
                 "end_line", "generation", "verdict", "terminated", "cut_by_eof", "rows",
                 "diagnostics")

    def __init__(self, d):
        for k in self.__slots__:
            if k not in ("rows", "diagnostics"):
                setattr(self, k, d[k])
        self.rows = [Row(t) for t in d["rows"]]
        self.diagnostics = []

    @property
    def kept(self):
        return self.verdict == "kept"

    def __repr__(self):
        return (f"<Table {self.file}:{self.function} line {self.line}: {len(self.rows)} rows, "
                f"{self.verdict}>")


class Tables(list):
    """The tables of a read, in order, with ``diagnostics`` (all of them),
    ``errors`` and ``warnings``, ``memits`` (``%memit`` results, as Records),
    ``inputs`` and ``kind`` ("report" or "dat"; an mprof .dat file's samples
    are in ``records``, as ``memfold lines`` writes them)."""

    def __init__(self, tables, r):
        super().__init__(tables)
        self.kind = r["kind"]
        self.diagnostics = _diags(r["diagnostics"])
        self.errors = r["errors"]
        self.warnings = r["warnings"]
        self.memits = [Record(m, peak=_dec(m["peak"]), increment=_dec(m["increment"]))
                       for m in r["memits"]]
        self.inputs = [Record(i) for i in r["inputs"]]
        self.records = ([_json(line) for line in r["output"].splitlines() if line]
                        if r["kind"] == "dat" and r["output"] else [])


def _dec(s):
    return Decimal(s) if s is not None else None


def read(src, *, strict=False, lenient=True, pure=False, checks=None, prefix=None, jobs=1):
    """Read reports into :class:`Table` objects: every table of every input,
    each with its diagnostics (a table with errors is there too, its
    ``verdict`` "left_out").  ``strict``: every warning is an error, and any
    error raises :class:`InputError`.  ``checks``: levels by check name
    (``{"foreign-text": "off"}``, as ``-W``); ``prefix``: a logging prefix
    (an extended regular expression; ``""`` never strips).  ``lenient`` is
    the readers' default, as on the command line: layout is only warned
    about."""
    r = _run("read", src, strict, lenient, pure, checks, prefix, jobs)
    tables = [Table(b) for b in r["blocks"]]
    ts = Tables(tables, r)
    _attach_diagnostics(tables, ts.diagnostics)
    return ts


def _attach_diagnostics(tables, diagnostics):
    """Give each table the diagnostics on its lines.  A diagnostic on a row
    goes to the table that holds that row: interleaved writers' tables
    overlap in the input, so a range of lines cannot tell.  One on another
    line of a table (its head, its end) goes to the first table whose lines
    span it.  A lookup by line, not a walk over every table per diagnostic:
    a large log has thousands of both."""
    on_row = {}
    by_source = {}
    for t in tables:
        by_source.setdefault(t.source, []).append(t)
        for r in t.rows:
            on_row[(t.source, r.input_line)] = t
    starts = {src: [t.input_line for t in ts] for src, ts in by_source.items()}
    for d in diagnostics:
        if d.line is None or d.file not in by_source:
            continue
        t = on_row.get((d.file, d.line))
        if t is None:
            ts = by_source[d.file]
            last = bisect.bisect_right(starts[d.file], d.line)
            t = next((x for x in ts[:last] if d.line <= x.end_line), None)
        if t is not None:
            t.diagnostics.append(d)


# ---- summary ---------------------------------------------------------------------

def _pandas_frame(records):
    import pandas   # optional: only to_pandas needs it
    return pandas.DataFrame([dict(r) for r in records])


class Summary:
    """Per-function aggregates, exactly ``memfold summary -f json``:
    ``document`` is that JSON (``str(summary)`` its text), ``functions`` its
    records (``file``, ``function``, ``line``, ``calls``, ``peak_mib``,
    ``mean_mib``, ``rise_mib``, ... as Decimals), ``memits`` its ``%memit``
    results (the JSON's "memit"), ``inputs``, ``errors`` (blocks left out for errors), and
    ``diagnostics``."""

    def __init__(self, r):
        self.text = r["output"] or ""
        self.document = _json(self.text) if self.text else Record()
        self.kind = r["kind"]
        self.functions = list(self.document.get("functions", []))
        self.memits = list(self.document.get("memit", []))
        self.inputs = list(self.document.get("inputs", []))
        self.errors = r["errors"]
        self.warnings = r["warnings"]
        self.diagnostics = _diags(r["diagnostics"])

    def __iter__(self):
        return iter(self.functions)

    def __len__(self):
        return len(self.functions)

    def __getitem__(self, i):
        return self.functions[i]

    def __str__(self):
        # print(summary) writes exactly what `memfold summary -f json` writes
        return self.text[:-1] if self.text.endswith("\n") else self.text

    def __repr__(self):
        return f"<Summary: {len(self.functions)} functions, {len(self.memits)} %memit, " \
               f"{self.errors} errors>"

    def to_pandas(self):
        """The functions as a pandas DataFrame (pandas must be installed)."""
        return _pandas_frame(self.functions)


def summary(src, *, strict=False, lenient=True, pure=False, checks=None, prefix=None,
            jobs=0, sort="first", top=0, runs=False):
    """``memfold summary -f json`` of the inputs, as a :class:`Summary`.
    ``sort``: "first", "peak", "mean", "calls" or "name"; ``top``: only that
    many functions; ``runs``: each input one run (``--runs``: ``per_run`` in
    each function).  ``jobs``: threads for a large file (0: one per CPU)."""
    r = _run("summary", src, strict, lenient, pure, checks, prefix, jobs,
             sort=_choice(_SUMMARY_SORT, sort, "sort"), top=int(top), runs=int(bool(runs)),
             format=_memfold.FMT_JSON)
    return Summary(r)


# ---- lines -----------------------------------------------------------------------

class Lines:
    """The row records of ``memfold lines -f ndjson``, in order: iterate over
    it (each a :class:`Record`: ``source``, ``block``, ``file``,
    ``function``, ``line``, ``mem_mib``, ``increment_mib``, ``occurrences``,
    ``contents``).  ``diagnostics`` and ``errors`` as in :class:`Summary`."""

    def __init__(self, r):
        self.text = r["output"] or ""
        self.errors = r["errors"]
        self.warnings = r["warnings"]
        self.diagnostics = _diags(r["diagnostics"])
        self._records = None

    def _all(self):
        if self._records is None:
            self._records = [_json(line) for line in self.text.splitlines() if line]
        return self._records

    def __iter__(self):
        if self._records is not None:
            return iter(self._records)
        return (_json(line) for line in self.text.splitlines() if line)

    def __len__(self):
        return len(self._all())

    def __getitem__(self, i):
        return self._all()[i]

    def __repr__(self):
        return f"<Lines: {len(self)} records, {self.errors} errors>"

    def to_pandas(self):
        """The records as a pandas DataFrame (pandas must be installed)."""
        return _pandas_frame(self._all())


def lines(src, *, strict=False, lenient=True, pure=False, checks=None, prefix=None, jobs=0,
          all_rows=False):
    """The rows of the inputs, as ``memfold lines -f ndjson`` writes them:
    an iterable :class:`Lines`.  ``all_rows``: also the rows that were not
    run (``--all``)."""
    r = _run("lines", src, strict, lenient, pure, checks, prefix, jobs,
             all_rows=int(bool(all_rows)), format=_memfold.FMT_NDJSON)
    return Lines(r)


# ---- check -----------------------------------------------------------------------

class CheckResult:
    """What ``memfold check`` finds: ``diagnostics`` (iterate over the result),
    ``errors``, ``warnings``, ``ok`` (no error), ``exit_status`` (the
    command's: 0 or 1) and ``text`` (what it prints, caret lines and all)."""

    def __init__(self, r):
        self.diagnostics = _diags(r["diagnostics"])
        self.errors = r["errors"]
        self.warnings = r["warnings"]
        self.text = r["diagnostics_text"]
        self.ok = self.errors == 0
        self.exit_status = 0 if self.ok else 1

    def __iter__(self):
        return iter(self.diagnostics)

    def __len__(self):
        return len(self.diagnostics)

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return f"<CheckResult: {self.errors} errors, {self.warnings} warnings>"


def check(src, *, strict=False, lenient=False, pure=False, checks=None, prefix=None, jobs=0):
    """Check the inputs against what memory_profiler prints, as ``memfold
    check``: strict about layout unless ``lenient``; ``strict`` makes every
    warning an error; ``pure`` reports text outside the tables.  Returns a
    :class:`CheckResult` (it raises only when an input cannot be read)."""
    return CheckResult(_run("check", src, strict, lenient, pure, checks, prefix, jobs))


def checks():
    """Every check memfold has: name, default level, whether it can be
    changed, whether it is about layout, what it finds."""
    return [Record(c) for c in _memfold.checks()]


# ---- diff ------------------------------------------------------------------------

class DiffResult:
    """A comparison, as ``memfold diff``: ``passed``, ``verdict`` ("PASSED",
    "FAILED", ...), ``reasons`` (why it failed, as the JSON names them),
    ``summary`` (its one line), ``functions`` (the per-function rows of
    ``memfold diff -f json``), ``failing`` (how many fail), ``exit_status``
    (0 passed, 1 the gate failed, 3 it cannot be trusted), ``text`` and
    ``markdown`` (the tables the command prints), ``document`` (the JSON),
    ``diagnostics`` (the inputs')."""

    def __init__(self, r):
        self.diagnostics = _diags(r["diagnostics"])
        self.diagnostics_text = r["diagnostics_text"]
        self.input_errors = r["input_errors"]
        self.notes = r["notes"]
        if r["strict_refused"]:   # --strict: nothing is compared over errors
            self.document = Record()
            self.text = self.markdown = ""
            self.verdict = "UNTRUSTED"
            self.reasons = ["input_errors"]
            self.summary = "the inputs have errors (strict): nothing compared"
            self.functions = []
            self.failing = 0
            self.exit_status = 3
        else:
            self.document = _json(r["json"])
            self.text = r["text"]
            self.markdown = r["markdown"]
            self.verdict = self.document["verdict"]
            self.reasons = list(self.document["reasons"])
            self.summary = self.document["summary"]
            self.functions = list(self.document["functions"])
            self.failing = r["failing"]
            reasons = r["reasons"]
            self.exit_status = (3 if reasons & _memfold.DIFF_UNTRUSTED else 1 if reasons else 0)
        self.passed = self.exit_status == 0

    def __bool__(self):
        return self.passed

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"<DiffResult {self.verdict}: {self.summary}>"

    def to_pandas(self):
        """The function rows as a pandas DataFrame (pandas must be installed)."""
        return _pandas_frame(self.functions)


def _strings(v):
    if v is None:
        return []
    return [v] if isinstance(v, str) else list(v)


def diff(old, new, *, metric=None, max_increase=None, max_peak=None, max_rise=None,
         max_net=None, max_mean=None, match="file", strip_prefix=(), budget=None,
         fail_on_new=False, fail_on_removed=False, allow_empty=False,
         allow_input_errors=False, allow_all_changed=False, sort="first", top=0,
         failing_only=False, width=100, strict=False, lenient=True, pure=False, checks=None,
         prefix=None):
    """Compare two profiles function by function and gate on growth, as
    ``memfold diff``.  ``old`` and ``new``: an input, or a list of inputs
    (each one run: the gate takes medians), each a report, a .dat file or a
    summary JSON.  ``metric``: "peak" (default), "rise", "net", "mean", or a
    list; ``max_increase``: "10%" or "5 MiB" (or a list of both);
    ``max_peak`` and the like: "500 MiB", a budget on the new value;
    ``budget``: a budget file's path.  An empty side, an input with errors,
    or every function changed fails it (``allow_*`` say otherwise)."""
    ms = 0
    for m in _strings(metric):
        ms |= 1 << _choice(_METRICS, m, "metric")
    dopts = {"metrics": ms, "match_name": int(_choice({"file": 0, "name": 1}, match, "match")),
             "strip_prefix": list(_strings(strip_prefix))[:8],
             "max_increase": _strings(max_increase), "max_peak": max_peak,
             "max_rise": max_rise, "max_net": max_net, "max_mean": max_mean,
             "fail_on_new": int(bool(fail_on_new)), "fail_on_removed": int(bool(fail_on_removed)),
             "allow_empty": int(bool(allow_empty)),
             "allow_input_errors": int(bool(allow_input_errors)),
             "allow_all_changed": int(bool(allow_all_changed)),
             "sort": _choice(_DIFF_SORT, sort, "sort"), "top": int(top),
             "failing_only": int(bool(failing_only)), "width": int(width)}
    if budget is not None:
        path = os.fspath(budget)
        try:
            with open(path, "rb") as f:
                dopts["budget"] = f.read()
        except OSError as e:
            raise ReadError(f"cannot read budget file '{path}': {e.strerror}", path,
                            e.errno) from None
        dopts["budget_name"] = path
    ropts = _read_options("read", strict, lenient, pure, checks, prefix, 1)
    sides = [_inputs(old), _inputs(new)]
    r = _memfold.diff(sides[0], sides[1], ropts, dopts)
    if r["failure"] is not None:
        _raise_failure(r["failure"])
    return DiffResult(r)


# ---- pytest: `pytest -p memfold` loads this module as the plugin -----------------

def pytest_addoption(parser):
    """The plugin's options (memfold.pytest_plugin), for ``pytest -p memfold``."""
    from . import pytest_plugin
    pytest_plugin.pytest_addoption(parser)


def pytest_configure(config):
    """The plugin's marker and gate (memfold.pytest_plugin), for ``pytest -p memfold``."""
    from . import pytest_plugin
    pytest_plugin.pytest_configure(config)
