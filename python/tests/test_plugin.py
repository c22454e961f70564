"""The pytest plugin (memfold.pytest_plugin) on the example suites of
tests/plugin/, each run by a pytest of its own:

- limits/: 100 MiB under a 50 MiB limit fails with the limit and the
  hottest lines, under 200 MiB it passes, a peak limit, an unmarked test;
- edge/: limits in KiB and GiB, a positional limit, limits that are not,
  an async test, a body that raises, a method, a fixture;
- golden/: --memfold-record writes a golden summary that memfold reads
  back, the same run passes, a regression fails that test alone with
  memfold diff's table, a test missing from the golden file is a warning,
  --memfold-runs, --memfold-reports, --memfold-metric,
  --memfold-max-increase, the usage errors;
- loading: -p memfold.pytest_plugin, -p memfold, the pytest11 entry point
  (pyproject.toml's, from a dist-info of its own), and importing the module
  without pytest.

Run from anywhere: PYTHONPATH=python /usr/bin/python3 -m pytest python/tests/test_plugin.py
"""
import json
import os
import pathlib
import re
import subprocess
import sys
from decimal import Decimal

import pytest

import memfold
from memfold import pytest_plugin

HERE = pathlib.Path(__file__).resolve().parent
SUITES = HERE / "plugin"
PACKAGE = HERE.parent
MiB = 1 << 20


def run_suite(suite, *args, env=None, plugin="memfold", path=()):
    """pytest on one example suite, in a process of its own: (exit status,
    stdout and stderr)."""
    e = {k: v for k, v in os.environ.items()
         if not k.startswith(("PYTEST_", "MEMFOLD_EXAMPLE_", "COV_"))}
    e["PYTHONPATH"] = os.pathsep.join([str(PACKAGE), *map(str, path)])
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    e["COLUMNS"] = "120"
    e.update(env or {})
    plugins = [] if plugin is None else ["-p", plugin] if isinstance(plugin, str) else \
        [x for p in plugin for x in ("-p", p)]
    cmd = [sys.executable, "-m", "pytest", *plugins, "-p", "no:cacheprovider",
           f"--rootdir={PACKAGE}", "-q", "-rA", str(SUITES / suite), *args]
    r = subprocess.run(cmd, capture_output=True, text=True, env=e, cwd=SUITES, timeout=120)
    return r.returncode, r.stdout + r.stderr


def outcomes(out):
    """{test's node id after the file: PASSED|FAILED|...} from -rA's summary."""
    got = {}
    for line in out.splitlines():
        m = re.match(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) \S+?\.py::(\S+)", line)
        if m:
            got[m.group(2)] = m.group(1)
    return got


def failure(out, title):
    """The text pytest prints for one failed test, under its ____ title ____."""
    m = re.search(r"^_{3,} " + re.escape(title) + r" _{3,}\n(.*?)(?=^_{3,} |^={3,} )", out,
                  re.S | re.M)
    assert m, f"no failure section for {title}:\n{out}"
    return m.group(1)


def section(out):
    """The terminal summary's memfold section: {node id: (rise, peak, result)}."""
    m = re.search(r"^=+ memfold =+\n(.*?)(?=^=+ |\Z)", out, re.S | re.M)
    assert m, f"no memfold section:\n{out}"
    rows = {}
    for line in m.group(1).splitlines()[1:]:
        r = re.match(r"^tests/plugin/\S+?\.py::(\S+)\s+\S+\s+(\S+)\s+(\S+)\s+(.+)$", line)
        if r:
            rows[r.group(1)] = (r.group(2), r.group(3), r.group(4).strip())
    return rows


def line_of(path, text):
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if text in line:
            return n
    raise AssertionError(f"{text!r} is not in {path}")


def mib_near(value, want, slack):
    return abs(Decimal(value) - want) <= slack


# ---- limits --------------------------------------------------------------------

def test_limits_fail_and_pass():
    rc, out = run_suite("limits")
    assert rc == 1, out   # some tests failed
    assert outcomes(out) == {"test_100_mib_under_50": "FAILED",
                             "test_100_mib_under_200": "PASSED",
                             "test_peak_under_10": "FAILED",
                             "test_unmarked": "PASSED"}, out
    msg = failure(out, "test_100_mib_under_50")
    # memory_profiler's numbers move by a tenth or so from run to run
    m = re.search(r"^memory limit exceeded: test_100_mib_under_50: rise (\d+\.\d) MiB > "
                  r"max_rise 50 MiB$", msg, re.M)
    assert m and mib_near(m.group(1), 100, 5), msg
    assert "hottest lines of test_100_mib_under_50 (tests/plugin/limits/test_limits.py), " \
           "run 1 of 1:" in msg, msg
    n = line_of(SUITES / "limits" / "test_limits.py", 'data = b"x" * (100 * MiB)')
    row = re.search(r"^\s+Line #\s+Increment\s+Mem usage\s+Line Contents\n"
                    rf"\s+{n}\s+(\d+\.\d) MiB\s+(\d+\.\d) MiB\s+data = b\"x\" \* \(100 \* MiB\)$",
                    msg, re.M)
    assert row and mib_near(row.group(1), 100, 5) and Decimal(row.group(2)) > 100, msg
    assert re.search(r"^\s+\(memory at entry, line \d+: \d+\.\d MiB\)$", msg, re.M), msg
    peak = failure(out, "test_peak_under_10")
    m = re.search(r"^memory limit exceeded: test_peak_under_10: peak (\d+\.\d) MiB > "
                  r"max_peak 10 MiB$", peak, re.M)
    assert m and Decimal(m.group(1)) > 40, peak
    assert "test_100_mib_under_200" not in out.split("= FAILURES =")[1].split("= PASSES =")[0]
    # the section lists the marked tests, with their rise, peak and verdict
    rows = section(out)
    assert set(rows) == {"test_100_mib_under_50", "test_100_mib_under_200",
                         "test_peak_under_10"}, out
    assert rows["test_100_mib_under_50"][2] == "over the limit"
    assert rows["test_100_mib_under_200"][2] == "ok"
    assert mib_near(rows["test_100_mib_under_200"][0], 100, 5), rows
    assert Decimal(rows["test_100_mib_under_200"][1]) > 100, rows


def test_the_edges_of_the_marker(tmp_path):
    reports = tmp_path / "reports"
    rc, out = run_suite("edge", f"--memfold-reports={reports}")
    assert rc == 1, out
    assert outcomes(out) == {"test_kib_limit": "FAILED", "test_gib_limit": "PASSED",
                             "test_positional_limit": "FAILED", "test_bad_limit": "FAILED",
                             "test_unknown_limit": "FAILED", "test_async": "FAILED",
                             "test_raises": "FAILED", "TestMethods::test_method": "FAILED",
                             "test_fixture": "PASSED"}, out
    # 500 KiB is exactly 0.48828125 MiB
    assert re.search(r"test_kib_limit: rise \d+\.\d MiB > max_rise 0.48828125 MiB",
                     failure(out, "test_kib_limit")), out
    assert re.search(r"test_positional_limit: rise \d+\.\d MiB > max_rise 30 MiB",
                     failure(out, "test_positional_limit")), out
    assert "'50 MB' is not a limit" in failure(out, "test_bad_limit")
    assert "unexpected keyword argument 'max_rss'" in failure(out, "test_unknown_limit")
    assert "async tests are not supported" in failure(out, "test_async")
    assert "RuntimeError: boom after 41943040 bytes" in failure(out, "test_raises")
    assert re.search(r"test_method: rise \d+\.\d MiB > max_rise 30 MiB",
                     failure(out, "TestMethods.test_method")), out
    rows = section(out)
    assert mib_near(rows["test_fixture"][0], 40, 2) and rows["test_fixture"][2] == "ok", rows
    assert rows["test_gib_limit"][2] == "ok" and "test_async" not in rows, rows
    # a body that raised leaves its report: what ran until then
    kept = sorted(p.name for p in reports.iterdir())
    assert "tests_plugin_edge_test_edge.py_test_raises.txt" in kept, kept
    assert "tests_plugin_edge_test_edge.py_TestMethods_test_method.txt" in kept, kept
    assert not [k for k in kept if "async" in k or "bad_limit" in k], kept
    t = memfold.read(str(reports / "tests_plugin_edge_test_edge.py_test_raises.txt"))
    assert len(t) == 1 and t[0].function == "test_raises", t
    assert any(r.increment and r.increment > 35 for r in t[0].rows), t[0].rows


# ---- the golden file -----------------------------------------------------------

GOLDEN_TESTS = ["test_grows", "test_steady", "test_sizes[small]", "test_sizes[large]",
                "TestGrouped::test_grows"]


def test_golden_record_then_pass_then_regression(tmp_path):
    golden = tmp_path / "golden" / "memory.json"
    rc, out = run_suite("golden", f"--memfold-golden={golden}")
    assert rc == 4 and "cannot read" in out and "--memfold-record" in out, out
    assert not golden.exists()
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record")
    assert rc == 0, out
    assert golden.exists() and f"memfold: wrote {golden} (5 functions, 1 run)" in out, out
    doc = json.loads(golden.read_text(), parse_float=Decimal)
    base = "tests/plugin/golden/test_golden.py"   # relative to the rootdir
    assert [(f["file"], f["function"]) for f in doc["functions"]] == [
        (base, "test_grows"), (base, "test_steady"),
        (base + "::test_sizes[small]", "test_sizes"), (base + "::test_sizes[large]", "test_sizes"),
        (base + "::TestGrouped::test_grows", "test_grows")], doc
    rise = {f["file"].rpartition("::")[2] or f["function"]: f["rise_mib"] for f in doc["functions"]}
    assert mib_near(doc["functions"][0]["rise_mib"], 40, 2), doc
    assert mib_near(rise["test_sizes[large]"], 80, 2), rise
    back = memfold.diff(str(golden), str(golden))   # memfold reads it back
    assert back.passed and len(back.functions) == 5, back.text
    assert sorted(p.name for p in golden.parent.iterdir()) == ["memory.json"]   # no temp file
    # the same code passes
    rc, out = run_suite("golden", f"--memfold-golden={golden}")
    assert rc == 0, out
    assert outcomes(out) == dict.fromkeys(GOLDEN_TESTS, "PASSED"), out
    assert [v[2] for v in section(out).values()] == ["golden: PASSED"] * 5, out
    # test_grows doubled: it fails alone, with memfold diff's table
    rc, out = run_suite("golden", f"--memfold-golden={golden}", env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 1, out
    assert outcomes(out) == {**dict.fromkeys(GOLDEN_TESTS, "PASSED"), "test_grows": "FAILED"}, out
    msg = failure(out, "test_grows")
    assert msg.startswith(f"memory regression against {golden}:\n"), msg
    assert re.search(r"^\s+-+ RISE MiB -+", msg, re.M), msg
    assert re.search(r"^FUNCTION\s+FILE\s+LINE\s+OLD\s+NEW\s+DELTA\s+%.*STATUS$", msg, re.M), msg
    row = re.search(r"^test_grows\s+\S+\s+\d+\s+(\d+\.\d)\s+(\d+\.\d)\s+\+(\d+\.\d)\s+"
                    r"\+(\d+\.\d)\s+1\s+1\s+OVER$", msg, re.M)
    assert row and mib_near(row.group(1), 40, 2) and mib_near(row.group(2), 80, 2), msg
    m = re.search(r"^1 function compared by rise \(\+10% and \+1 MiB\); 0 added, 0 removed: "
                  r"FAILED: 1 function over the limit: test_grows \(rise \+(\d+\.\d) MiB, "
                  r"\+(\d+\.\d)%\)$", msg, re.M)
    assert m and mib_near(m.group(1), 40, 3) and 85 <= float(m.group(2)) <= 115, msg
    assert "hottest lines of test_grows" in msg and 'data = b"x" * (size * MiB)' in msg, msg
    assert section(out)["test_grows"][2] == "golden: FAILED", out
    # the smaller of a parametrized test grows, still below the larger:
    # each parameter has its own entry
    rc, out = run_suite("golden", f"--memfold-golden={golden}",
                        env={"MEMFOLD_EXAMPLE_SMALL_MIB": "60"})
    assert rc == 1, out
    assert outcomes(out) == {**dict.fromkeys(GOLDEN_TESTS, "PASSED"),
                             "test_sizes[small]": "FAILED"}, out
    assert re.search(r"^test_sizes\s+.*::test_sizes\[small\]\s+\d+\s+\d+\.\d\s+\d+\.\d\s+"
                     r"\+\d+\.\d.*OVER$", failure(out, "test_sizes[small]"), re.M), out
    # what is gated: an absolute limit of 50 MiB lets +40 MiB pass; peak
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-max-increase=50 MiB",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 0 and outcomes(out)["test_grows"] == "PASSED", out
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-metric=peak",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 1 and outcomes(out)["test_grows"] == "FAILED", out
    assert "1 function compared by peak (+10% and +1 MiB)" in failure(out, "test_grows"), out
    # re-recorded, the grown run passes
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 0 and "wrote" in out, out
    grown = json.loads(golden.read_text(), parse_float=Decimal)
    assert mib_near(grown["functions"][0]["rise_mib"], 80, 2), grown
    rc, out = run_suite("golden", f"--memfold-golden={golden}", env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 0 and outcomes(out)["test_grows"] == "PASSED", out


def test_a_test_missing_from_the_golden_is_a_warning(tmp_path):
    golden = tmp_path / "memory.json"
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record",
                        "-k", "test_steady")
    assert rc == 0 and "(1 functions, 1 run)" in out, out
    assert [f["function"] for f in json.loads(golden.read_text())["functions"]] == ["test_steady"]
    rc, out = run_suite("golden", f"--memfold-golden={golden}")
    assert rc == 0, out
    assert outcomes(out) == dict.fromkeys(GOLDEN_TESTS, "PASSED"), out
    warned = re.findall(r"PytestWarning: memfold: tests/plugin/golden/test_golden.py::(\S+) is "
                        r"not in " + re.escape(str(golden)) + r": run with --memfold-record",
                        out)
    assert sorted(warned) == sorted(t for t in GOLDEN_TESTS if t != "test_steady"), out
    rows = section(out)
    assert rows["test_steady"][2] == "golden: PASSED", rows
    assert rows["test_grows"][2] == "not in the golden file", rows


def test_runs_and_reports(tmp_path):
    golden = tmp_path / "memory.json"
    reports = tmp_path / "reports"
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record",
                        "--memfold-runs", "3", f"--memfold-reports={reports}")
    assert rc == 0 and "(5 functions, 3 runs)" in out, out
    doc = json.loads(golden.read_text(), parse_float=Decimal)
    assert doc["runs"] == 3, doc
    assert all(len(f["per_run"]) == 3 and f["calls"] == 3 for f in doc["functions"]), doc
    assert all(mib_near(r["rise_mib"], 40, 2) for r in doc["functions"][0]["per_run"]), doc
    # one file a test and run, each memory_profiler's own report
    files = sorted(p.name for p in reports.iterdir())
    assert len(files) == 15, files
    assert files[:3] == [f"tests_plugin_golden_test_golden.py_TestGrouped_test_grows.run{i}.txt"
                         for i in (1, 2, 3)], files
    assert "tests_plugin_golden_test_golden.py_test_sizes_small.run2.txt" in files, files
    one = reports / "tests_plugin_golden_test_golden.py_test_grows.run1.txt"
    assert one.read_text().startswith(f"Filename: {SUITES / 'golden' / 'test_golden.py'}\n")
    t = memfold.read(str(one))
    assert len(t) == 1 and t[0].verdict == "kept" and t[0].function == "test_grows", t
    assert [r.line for r in t[0].rows if r.measured][1:] and \
        max(r.increment for r in t[0].rows[1:] if r.increment is not None) >= 38, t[0].rows
    c = memfold.check(str(one))
    assert c.ok and c.errors == 0, c.text
    # three runs against three: medians, and the same code passes
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-runs", "3")
    assert rc == 0, out
    assert outcomes(out) == dict.fromkeys(GOLDEN_TESTS, "PASSED"), out
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-runs", "3",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 1 and outcomes(out)["test_grows"] == "FAILED", out
    msg = failure(out, "test_grows")
    assert "OLD RANGE" in msg and "3 runs old, 3 new" in msg, msg
    assert re.search(r"hottest lines of test_grows \(\S+\), run [123] of 3:", msg), msg


def test_the_failure_names_the_kept_report(tmp_path):
    reports = tmp_path / "r"
    rc, out = run_suite("limits", f"--memfold-reports={reports}", "-k", "under_50")
    assert rc == 1, out
    kept = list(reports.iterdir())
    assert [p.name for p in kept] == ["tests_plugin_limits_test_limits.py_test_100_mib_under_50.txt"]
    assert f"report: {kept[0]}" in failure(out, "test_100_mib_under_50"), out
    rows = [r for t in memfold.read(str(kept[0])) for r in t.rows]
    assert any(r.contents.strip() == 'data = b"x" * (100 * MiB)' and r.increment >= 95
               for r in rows), rows


@pytest.mark.parametrize("args, message", [
    (["--memfold-record"], "--memfold-record needs --memfold-golden=PATH"),
    (["--memfold-runs", "0"], "--memfold-runs is 1 or more, not 0"),
    (["--memfold-max-increase", "10 MB"], "--memfold-max-increase: max_increase takes"),
    (["--memfold-golden", "{bad}"], "is not JSON"),
    (["--memfold-golden", "{nofunctions}"], "is not a memfold summary"),
], ids=["record-alone", "runs-0", "max-increase-MB", "golden-not-json", "golden-no-functions"])
def test_usage_errors(tmp_path, args, message):
    (tmp_path / "bad.json").write_text("{not json\n")
    (tmp_path / "nofunctions.json").write_text('{"memfold": 1}\n')
    args = [a.format(bad=tmp_path / "bad.json", nofunctions=tmp_path / "nofunctions.json")
            for a in args]
    rc, out = run_suite("golden", *args)
    assert rc == 4 and message in out, out


# ---- loading -------------------------------------------------------------------

@pytest.mark.parametrize("plugin", ["memfold", "memfold.pytest_plugin",
                                    ("memfold", "memfold.pytest_plugin")],
                         ids=["p-memfold", "p-memfold.pytest_plugin", "p-both"])
def test_the_ways_of_loading(plugin):
    rc, out = run_suite("limits", "--strict-markers", "-k", "under_50 or under_200",
                        plugin=plugin)
    assert rc == 1, out   # --strict-markers: the marker is registered
    assert outcomes(out) == {"test_100_mib_under_50": "FAILED",
                             "test_100_mib_under_200": "PASSED"}, out
    assert len(re.findall(r"^=+ memfold =+$", out, re.M)) == 1, out   # one gate
    assert out.count("memory limit exceeded: test_100_mib_under_50") == 1, out


def test_without_the_plugin_the_marker_does_nothing():
    rc, out = run_suite("limits", "-k", "under_50", plugin="no:memfold")
    assert rc == 0, out   # the allocation passes: nothing gates it
    assert "Unknown pytest.mark.memory" in out and "== memfold ==" not in out, out


def entry_point():
    text = (PACKAGE / "pyproject.toml").read_text()
    m = re.search(r"^\[project\.entry-points\.pytest11\]\n(\w+)\s*=\s*\"([\w.]+)\"", text, re.M)
    assert m, "pyproject.toml declares no pytest11 entry point"
    return m.group(1), m.group(2)


@pytest.fixture
def installed(tmp_path):
    """A dist-info with pyproject.toml's pytest11 entry point, as pip
    install writes it: a directory to put on PYTHONPATH."""
    name, value = entry_point()
    info = tmp_path / "site" / "memfold_under_test-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: memfold-under-test\n"
                                   "Version: 0\n")
    (info / "entry_points.txt").write_text(f"[pytest11]\n{name} = {value}\n")
    return tmp_path / "site"


def test_the_entry_point(installed):
    assert entry_point()[0] == "memfold"   # so that -p no:memfold disables it
    for plugin in (None, "memfold"):
        rc, out = run_suite("limits", "-k", "under_50", plugin=plugin, path=[installed])
        assert rc == 1 and outcomes(out) == {"test_100_mib_under_50": "FAILED"}, out
        assert out.count("memory limit exceeded: test_100_mib_under_50") == 1, out
    rc, out = run_suite("limits", "-k", "under_50", plugin="no:memfold", path=[installed])
    assert rc == 0 and "== memfold ==" not in out, out


@pytest.mark.xfail(entry_point()[1] == "memfold.pytest_plugin", strict=True,
                   reason="pytest registers the entry point 'memfold' after '-p "
                          "memfold.pytest_plugin' loaded the same module under its own "
                          "name: 'Plugin already registered' (the entry point "
                          "memfold = \"memfold\" does not)")
def test_the_entry_point_and_p_the_module(installed):
    rc, out = run_suite("limits", "-k", "under_50", plugin="memfold.pytest_plugin",
                        path=[installed])
    assert rc == 1 and outcomes(out) == {"test_100_mib_under_50": "FAILED"}, out


def test_the_module_imports_without_pytest_and_memory_profiler():
    code = (
        "import sys\n"
        "sys.modules['pytest'] = sys.modules['memory_profiler'] = None\n"
        "import memfold.pytest_plugin as p, memfold\n"
        "assert 'pytest' not in [m for m, v in sys.modules.items() if v is not None]\n"
        "print(callable(p.pytest_addoption), callable(p.pytest_configure),\n"
        "      callable(memfold.pytest_addoption), callable(memfold.pytest_configure))\n"
        "print(p.parse_limit('50MiB'), p.parse_limit('50 MiB'), p.parse_limit('1GiB'),\n"
        "      p.parse_limit('500KiB'), p.parse_limit('1.5 GiB'), p.parse_limit(7))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(PACKAGE)}, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["True True True True",
                                     "50 50 1024 0.48828125 1536.0 7"], r.stdout


# ---- the module's helpers, in this process ------------------------------------------

def test_parse_limit():
    assert pytest_plugin.parse_limit(" 2.5MiB ") == Decimal("2.5")
    assert pytest_plugin.parse_limit("512 KiB") == Decimal("0.5")
    assert pytest_plugin.parse_limit(None) is None
    for bad in ("50 MB", "-1 MiB", "1e3 MiB", "MiB", "", True):
        with pytest.raises(ValueError):
            pytest_plugin.parse_limit(bad)


def report(path, function, mibs):
    """A report as memory_profiler prints it: memory at entry, then a line
    each that adds mibs[i]."""
    mem = Decimal("50.0")
    rows = [f"     1 {mem:>9} MiB {mem:>9} MiB           1   def {function}():"]
    for i, add in enumerate(mibs, 2):
        mem += Decimal(add)
        rows.append(f"{i:>6} {mem:>9} MiB {Decimal(add):>9} MiB           1       x{i} = 0")
    return (f"Filename: {path}\n\nLine #    Mem usage    Increment  Occurrences   "
            f"Line Contents\n{'=' * 61}\n" + "\n".join(rows) + "\n\n\n")


def test_select_functions_keeps_the_numbers_and_memfold_reads_it():
    runs = [report("a.py", "f", ["10.0"]) + report("b.py", "f", ["2.5", "0.1"]) +
            report("a.py", "g", [x]) for x in ("1.0", "1.2", "1.1")]
    s = memfold.summary(runs, runs=True)
    doc = json.loads(s.text, parse_float=Decimal)
    text = pytest_plugin.select_functions(doc, {("b.py", "f"), ("a.py", "g")})
    got = json.loads(text, parse_float=Decimal)
    assert got["runs"] == 3 and got["functions"] == doc["functions"][1:], text
    assert {k: v for k, v in got.items() if k != "functions"} == \
        {k: v for k, v in doc.items() if k != "functions"}
    d = memfold.diff(text, [r for r in runs], metric="rise")
    assert d.passed and "3 runs old, 3 new" in d.summary, d.text
    assert {(f.file, f.function) for f in d.functions if f.get("status") != "added"} >= \
        {("b.py", "f"), ("a.py", "g")}, d.functions
    assert pytest_plugin.select_functions(doc, {("c.py", "f")}) is None
    only_g = pytest_plugin.select_functions(doc, {("a.py", "g")})
    d = memfold.diff(only_g, [report("a.py", "g", ["2.0"])] * 3, metric="rise",
                   max_increase="10%")
    assert not d.passed and "1 function over the limit: g" in d.summary, d.text


def test_write_atomically(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "golden.json"
    pytest_plugin.write_atomically(str(path), "one\n")
    assert path.read_text() == "one\n"

    def broken(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        pytest_plugin.write_atomically(str(path), "two\n")
    assert path.read_text() == "one\n"   # the old file, whole
    assert sorted(p.name for p in path.parent.iterdir()) == ["golden.json"]   # no temp file


def test_golden_key_and_safe_name():
    class Item:
        def __init__(self, nodeid, name, originalname):
            self.nodeid, self.name, self.originalname = nodeid, name, originalname
    assert pytest_plugin.golden_key(Item("t/x.py::test_a", "test_a", "test_a")) == "t/x.py"
    assert pytest_plugin.golden_key(Item("t/x.py::test_a[1]", "test_a[1]", "test_a")) == \
        "t/x.py::test_a[1]"
    assert pytest_plugin.golden_key(Item("t/x.py::T::test_a", "test_a", "test_a")) == \
        "t/x.py::T::test_a"
    assert pytest_plugin.safe_name("t/x.py::T::test_a[a b/c]") == "t_x.py_T_test_a_a_b_c"
    long = pytest_plugin.safe_name("t/x.py::test_a[" + "y" * 300 + "]")
    assert len(long) == 113 and long != pytest_plugin.safe_name("t/x.py::test_a[" + "y" * 301)
