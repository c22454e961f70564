"""The memfold package against the memfold command: on every input of the
corpus, memfold.summary, lines, check and diff give exactly what the command
writes (bytes and parsed JSON), and bad input raises memfold.Error or is
reported, never crashes.  Run from the repository root:

    PYTHONPATH=python python3 -m pytest python/tests/test_api.py

MEMFOLD names the command to compare with (default ./memfold)."""
import gzip
import io
import json
import os
import pathlib
import random
import re
import subprocess
from decimal import Decimal

import pytest

import memfold

ROOT = pathlib.Path(__file__).resolve().parents[2]
MEMFOLD = os.environ.get("MEMFOLD", str(ROOT / "memfold"))
os.chdir(ROOT)   # the CLI's paths and the package's are the same relative ones

REPORT_EXT = (".log", ".txt", ".gz", ".ipynb", ".dat", ".md", ".rst", ".ipy")


def corpus_files():
    files = []
    for d in ("tests/corpus", "tests/check", "tests/fuzz/regress"):
        for p in sorted(pathlib.Path(d).rglob("*")):
            if p.is_file() and (p.suffix in REPORT_EXT or d == "tests/fuzz/regress"):
                files.append(str(p))
    return files


FILES = corpus_files()


def cli(*args, env=None):
    e = dict(os.environ, COLUMNS="100")
    e.update(env or {})
    return subprocess.run([MEMFOLD, *args], capture_output=True, env=e)


def test_the_corpus_is_there():
    # the comparisons below are only worth something when they have inputs
    assert len(FILES) > 100, FILES
    assert any(f.endswith(".ipynb") for f in FILES)
    assert any(f.endswith(".gz") for f in FILES)
    assert any(f.endswith(".dat") for f in FILES)


def test_version_is_the_header_s():
    text = (ROOT / "include" / "memfold.h").read_text()
    want = re.search(r'#define MEMFOLD_VERSION_STRING "([^"]+)"', text).group(1)
    assert memfold.__version__ == want
    assert cli("--version").stdout.decode().split()[-1] == want


@pytest.mark.parametrize("path", FILES)
def test_summary_is_the_command_s(path):
    r = cli("summary", "-f", "json", path)
    if r.returncode == 2:   # the command refuses it: the package raises
        with pytest.raises(memfold.Error):
            memfold.summary(path)
        return
    assert r.returncode in (0, 1), r.stderr
    s = memfold.summary(path)
    assert s.text.encode("utf-8", "surrogateescape") == r.stdout
    assert s.document == json.loads(r.stdout, parse_float=Decimal)
    assert (s.errors > 0) == (r.returncode == 1)
    assert s.functions == s.document.get("functions", [])


@pytest.mark.parametrize("path", FILES)
def test_lines_are_the_command_s(path):
    r = cli("lines", "-f", "ndjson", path)
    if r.returncode == 2:
        with pytest.raises(memfold.Error):
            memfold.lines(path)
        return
    got = memfold.lines(path)
    assert got.text.encode("utf-8", "surrogateescape") == r.stdout
    want = [json.loads(line, parse_float=Decimal) for line in r.stdout.splitlines() if line]
    assert list(got) == want
    assert len(got) == len(want)
    # the JSON array too: it is there (at least "[]") even for no row, so
    # a command that prints nothing does not pass this
    js = cli("lines", "-f", "json", path)
    assert json.loads(js.stdout, parse_float=Decimal) == want


@pytest.mark.parametrize("path", FILES)
def test_check_is_the_command_s(path):
    r = cli("check", "--color=never", path)
    if r.returncode == 2:
        with pytest.raises(memfold.Error):
            memfold.check(path)
        return
    c = memfold.check(path)
    assert c.text.encode("utf-8", "surrogateescape") == r.stderr
    assert c.exit_status == r.returncode
    # the diagnostics as JSON (at least "[]", so a command that prints
    # nothing does not pass): the same checks, levels and places
    js = json.loads(cli("check", "--diagnostics-format=json", path).stderr)
    # (a diagnostic's second position is an entry of its own there, with no
    # name, and its .note here)
    assert [(d["kind"], d["name"], d.get("line") or None, d.get("column") or None) for d in js
            if d["name"] is not None] == \
        [(d.level, d.name, d.line, d.column) for d in c.diagnostics]
    assert sum(d["name"] is None for d in js) == sum(d.note is not None for d in c.diagnostics)
    assert c.errors == sum(d.level == "error" for d in c.diagnostics)
    # each diagnostic is where the text says it is
    for d in c.diagnostics:
        if d.line is not None and d.column is not None:
            assert f"{d.file}:{d.line}:{d.column}: {d.level}: ".encode(
                "utf-8", "surrogateescape") in r.stderr


DIFFS = [
    ("tests/corpus/gate/classes_old.log", "tests/corpus/gate/classes_new.log", []),
    ("tests/corpus/gate/classes_old.log", "tests/corpus/gate/classes_new.log",
     ["--metric", "rise", "--max-increase", "10%"]),
    ("tests/corpus/gate/neighbour_old.log", "tests/corpus/gate/neighbour_new.log",
     ["--max-increase", "5MiB", "--metric", "peak", "--metric", "net"]),
    ("tests/corpus/gate/shifted_same.log", "tests/corpus/gate/shifted_grown.log",
     ["--max-increase", "10%", "--max-increase", "1 MiB"]),
    ("tests/corpus/gate/classes_old.log", "tests/corpus/gate/empty.log", []),
    ("tests/corpus/gate/classes_old.log", "tests/corpus/gate/crashed.log", []),
    ("tests/corpus/gate/mprof_old.dat", "tests/corpus/gate/mprof_new.dat",
     ["--metric", "rise", "--max-rise", "30MiB"]),
    ("tests/corpus/gate/classes_old.log", "tests/corpus/gate/classes_new.log",
     ["--match", "name"]),
]

_OPT = {"--metric": "metric", "--max-increase": "max_increase", "--max-rise": "max_rise",
        "--match": "match"}


def diff_kwargs(args):
    kw = {}
    for flag, value in zip(args[::2], args[1::2]):
        key = _OPT[flag]
        if key in ("metric", "max_increase"):
            kw.setdefault(key, []).append(value)
        else:
            kw[key] = value
    return kw


@pytest.mark.parametrize("old,new,args", DIFFS)
def test_diff_is_the_command_s(old, new, args):
    js = cli("diff", "-f", "json", *args, old, new)
    text = cli("diff", "--color=never", *args, old, new)
    assert js.returncode in (0, 1, 3), js.stderr
    d = memfold.diff(old, new, **diff_kwargs(args))
    assert d.exit_status == js.returncode == text.returncode
    assert d.passed == (js.returncode == 0)
    assert d.document == json.loads(js.stdout, parse_float=Decimal)
    assert d.text.encode() == text.stdout
    assert d.verdict == d.document["verdict"]


def test_diff_takes_runs_and_summary_files(tmp_path):
    old = sorted(str(p) for p in pathlib.Path("tests/corpus/gate").glob("runs_old_*.log"))
    new = sorted(str(p) for p in pathlib.Path("tests/corpus/gate").glob("runs_grown_*.log"))
    assert len(old) == len(new) == 10
    args = [a for f in old for a in ("--old", f)] + [a for f in new for a in ("--new", f)]
    js = cli("diff", "-f", "json", "--max-increase", "10%", *args)
    d = memfold.diff(old, new, max_increase="10%")
    assert d.document == json.loads(js.stdout, parse_float=Decimal)
    assert d.document["runs"] == {"old": 10, "new": 10}
    assert d.exit_status == js.returncode
    # a summary file written by memfold.summary is an input of diff
    golden = tmp_path / "old.json"
    golden.write_text(memfold.summary("tests/corpus/gate/classes_old.log").text)
    again = memfold.diff(str(golden), "tests/corpus/gate/classes_new.log")
    direct = memfold.diff("tests/corpus/gate/classes_old.log", "tests/corpus/gate/classes_new.log")
    assert again.functions and again.functions == direct.functions


def test_diff_fails_closed():
    empty = memfold.diff("tests/corpus/gate/classes_old.log", "tests/corpus/gate/empty.log")
    assert not empty.passed and empty.exit_status == 3 and "empty" in empty.reasons
    allowed = memfold.diff("tests/corpus/gate/classes_old.log", "tests/corpus/gate/empty.log",
                           allow_empty=True, allow_all_changed=True, allow_input_errors=True)
    assert allowed.exit_status != 3


def test_summary_runs_and_sort_are_the_command_s():
    old = sorted(str(p) for p in pathlib.Path("tests/corpus/gate").glob("runs_old_*.log"))[:3]
    r = cli("summary", "--runs", "-f", "json", *old)
    assert memfold.summary(old, runs=True).text.encode() == r.stdout
    r = cli("summary", "-f", "json", "--sort", "peak", "--top", "1", "tests/corpus/basic_calls.log")
    s = memfold.summary("tests/corpus/basic_calls.log", sort="peak", top=1)
    assert s.text.encode() == r.stdout and len(s) == 1


def test_every_form_of_input_reads_the_same(tmp_path):
    path = "tests/corpus/basic_calls.log"
    want = memfold.summary(path).functions
    assert len(want) == 2
    data = pathlib.Path(path).read_bytes()
    assert memfold.summary(data.decode()).functions == want          # text
    assert memfold.summary(data).functions == want                   # bytes
    assert memfold.summary(pathlib.Path(path)).functions == want     # PathLike
    with open(path, "rb") as f:
        assert memfold.summary(f).functions == want                  # a binary file
    assert memfold.summary(io.StringIO(data.decode())).functions == want
    gz = tmp_path / "b.log.gz"
    gz.write_bytes(gzip.compress(data))
    assert memfold.summary(str(gz)).functions == want                # gzip
    both = memfold.summary([path, data])
    assert [f.calls for f in both] == [2 * f.calls for f in want]


def test_read_gives_tables_rows_and_their_diagnostics():
    t = memfold.read("tests/corpus/basic_calls.log")
    assert len(t) == 3 and t.errors == 0
    assert [x.function for x in t] == ["make_list", "make_list", "make_dict"]
    row = next(r for r in t[0].rows if r.line == 10)
    assert row.mem == Decimal("28.9") and row.increment == Decimal("7.6")
    assert row.occurrences == 1 and row.contents == "    data = [0] * n"
    assert isinstance(row.mem, Decimal)
    # the rows are those `lines` writes, number for number
    recs = [r for r in memfold.lines("tests/corpus/basic_calls.log")]
    got = [(x.index, r.line, r.mem, r.increment) for x in t for r in x.rows if r.measured]
    assert got == [(r.block, r.line, r.mem_mib, r.increment_mib) for r in recs]
    bad = memfold.read("tests/check/unit_letters.log")
    assert bad.errors == 2 and bad[0].verdict == "left_out"
    assert [(d.line, d.column, d.name) for d in bad[0].diagnostics] == [(7, 17, "unit"),
                                                                         (8, 30, "unit")]


def test_memit_results_are_read():
    s = memfold.summary("tests/corpus/ipython_memit.log")
    r = json.loads(cli("summary", "-f", "json", "tests/corpus/ipython_memit.log").stdout,
                   parse_float=Decimal)
    assert r.get("memit") and s.memits == r["memit"]
    t = memfold.read("tests/corpus/ipython_memit.log")
    assert len(t.memits) == len(r["memit"])
    assert [m.peak for m in t.memits] == [m["peak_mib"] for m in r["memit"]]
    assert all(isinstance(m.peak, Decimal) for m in t.memits)


def test_a_dat_file_is_read():
    t = memfold.read("tests/corpus/mprof_func.dat")
    assert t.kind == "dat" and len(t) == 0 and len(t.records) > 10
    assert memfold.summary("tests/corpus/mprof_func.dat").kind == "dat"


def test_errors_say_where():
    with pytest.raises(memfold.ReadError) as e:
        memfold.summary("tests/no/such.log")
    assert isinstance(e.value, OSError) and e.value.errno == 2
    assert e.value.file == "tests/no/such.log"
    with pytest.raises(memfold.InputError) as e:
        memfold.summary("tests/check/unit_letters.log", strict=True)
    assert (e.value.file, e.value.line, e.value.column) == ("tests/check/unit_letters.log", 7, 17)
    assert str(e.value).startswith("tests/check/unit_letters.log:7:17: ")
    with pytest.raises(memfold.UsageError):
        memfold.summary("tests/corpus/basic_calls.log", prefix="(")
    with pytest.raises(memfold.UsageError):
        memfold.summary("tests/corpus/basic_calls.log", checks={"no-such-check": "off"})
    with pytest.raises(memfold.UsageError):
        memfold.diff("tests/corpus/basic_calls.log", "tests/corpus/basic_calls.log",
                     max_increase="10x")
    with pytest.raises(memfold.UsageError):
        memfold.summary("tests/corpus/basic_calls.log", sort="biggest")
    with pytest.raises(TypeError):
        memfold.summary(42)
    with pytest.raises(memfold.InputError):   # --runs reads reports only
        memfold.summary(["tests/corpus/mprof_func.dat"], runs=True)


def test_check_levels_and_strictness_are_the_command_s():
    path = "tests/check/head_blank_lines.log"
    for args, kw in (([], {}), (["--lenient"], {"lenient": True}),
                     (["--strict"], {"strict": True}),
                     (["-Wno-head-blank-lines"], {"checks": {"head-blank-lines": "off"}})):
        r = cli("check", "--color=never", *args, path)
        c = memfold.check(path, **kw)
        assert c.text.encode() == r.stderr, args
        assert c.exit_status == r.returncode, args


def test_checks_lists_every_check():
    names = [c.name for c in memfold.checks()]
    r = cli("check", "--list-checks").stdout.decode().splitlines()[1:]
    assert names and names == [line.split()[0] for line in r]


def mutations(data, rng, n):
    for _ in range(n):
        b = bytearray(data or b"x")
        for _ in range(rng.randint(1, 8)):
            if not b:
                b.append(10)
            i = rng.randrange(len(b))
            op = rng.randrange(3)
            if op == 0:
                b[i] = rng.randrange(256)
            elif op == 1:
                del b[i:i + rng.randint(1, 40)]
            else:
                b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
        yield bytes(b)


def test_bad_input_never_crashes():
    # every call either returns or raises memfold.Error; the interpreter
    # lives (a crash would end this process: the test would not pass)
    rng = random.Random(1729)
    seeds = [pathlib.Path(p).read_bytes() for p in
             ("tests/corpus/basic_calls.log", "tests/corpus/logfile_prefix.log",
              "tests/corpus/mprof_func.dat", "tests/check/interleaved_eof.log")]
    seeds += [pathlib.Path(p).read_bytes() for p in FILES if "regress" in p]
    inputs = [b"", b"\0", b"\xff" * 100, b"Filename: x\n\n" * 3]
    for s in seeds:
        inputs.append(s)
        inputs.extend(s[:k] for k in range(0, len(s), max(1, len(s) // 7)))
        inputs.extend(mutations(s, rng, 25))
    assert len(inputs) > 300
    for data in inputs:
        for call in (memfold.read, memfold.summary, memfold.lines, memfold.check):
            try:
                call(data)
            except memfold.Error:
                pass
        try:
            memfold.diff(data, data)
        except memfold.Error:
            pass


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    s = memfold.summary("tests/corpus/basic_calls.log")
    df = s.to_pandas()
    assert list(df["function"]) == ["make_list", "make_dict"]
    assert df["peak_mib"].tolist() == [Decimal("36.7"), Decimal("21.5")]
    lines_df = memfold.lines("tests/corpus/basic_calls.log").to_pandas()
    assert len(lines_df) == 12 and isinstance(lines_df, pd.DataFrame)


def test_a_diagnostic_goes_to_the_table_of_its_row():
    # interleaved writers' tables overlap in the input: a diagnostic on a
    # row belongs to the table that holds that row, not to the first one
    # whose lines span it
    t = memfold.read("tests/check/interleaved_eof.log")
    assert [[d.name for d in x.diagnostics] for x in t] == [["unterminated"], ["malformed-row"]]
    for path in ("tests/corpus/pool_workers1.log", "tests/corpus/pool_workers2.log"):
        tables = memfold.read(path)
        placed = [(x.index, d.line) for x in tables for d in x.diagnostics]
        assert len(placed) > 10, path
        rows = {(x.index, r.input_line) for x in tables for r in x.rows}
        assert all(p in rows for p in placed), path
