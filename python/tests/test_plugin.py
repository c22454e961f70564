"""The pytest plugin on the example suites of tests/plugin/, each run by a
pytest of its own: a test that allocates 100 MiB under a 50 MiB limit fails
and shows its hottest line, under 200 MiB it passes; --memfold-record
writes a golden summary that memfold reads back, a regression against it
fails with memfold diff's table, the same run passes; --memfold-runs and
--memfold-reports."""
import json
import os
import pathlib
import re
import subprocess
import sys
from decimal import Decimal

import pytest

import memfold

HERE = pathlib.Path(__file__).resolve().parent
SUITES = HERE / "plugin"
PACKAGE = HERE.parent


def run_suite(suite, *args, env=None, plugin="memfold"):
    e = dict(os.environ)
    e["PYTHONPATH"] = str(PACKAGE) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("PYTEST_ADDOPTS", None)
    e.update(env or {})
    cmd = [sys.executable, "-m", "pytest", "-p", plugin, "-p", "no:cacheprovider",
           "-q", "-rA", str(SUITES / suite), *args]
    r = subprocess.run(cmd, capture_output=True, text=True, env=e, cwd=SUITES)
    return r.returncode, r.stdout + r.stderr


def outcome(out, test):
    for line in out.splitlines():
        for word in ("PASSED", "FAILED", "ERROR"):
            if line.startswith(word + " ") and line.rstrip().endswith("::" + test):
                return word
    return None


def test_limits_fail_and_pass():
    rc, out = run_suite("limits")
    assert rc == 1, out   # some tests failed
    assert outcome(out, "test_100_mib_under_50") == "FAILED", out
    assert outcome(out, "test_100_mib_under_200") == "PASSED", out
    assert outcome(out, "test_peak_under_10") == "FAILED", out
    assert outcome(out, "test_unmarked") == "PASSED", out
    # the message names the limit and shows the line that allocated
    # (memory_profiler's numbers move by a tenth or so from run to run)
    m = re.search(r"test_100_mib_under_50: rise (\d+\.\d) MiB > max_rise 50 MiB", out)
    assert m and 95 <= float(m.group(1)) <= 110, out
    assert "hottest lines of test_100_mib_under_50" in out
    hot = [line for line in out.splitlines() if 'data = b"x" * (100 * MiB)' in line]
    assert hot, out
    m = re.match(r"\s+10\s+(\d+\.\d) MiB\s+\d+\.\d MiB\s+data = ", hot[0])
    assert m and 95 <= float(m.group(1)) <= 105, hot[0]
    assert "peak " in out and "> max_peak 10 MiB" in out
    # the terminal summary's section lists the marked tests only
    section = out.split("== memfold ==")[1].split("== short test summary")[0]
    assert "test_100_mib_under_200" in section and "test_unmarked" not in section


def test_golden_record_then_pass_then_regression(tmp_path):
    golden = tmp_path / "golden" / "memory.json"
    rc, out = run_suite("golden", f"--memfold-golden={golden}")
    assert rc == 4 and "--memfold-record" in out, out   # no golden: a usage error
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record")
    assert rc == 0, out
    assert golden.exists() and f"wrote {golden} (2 functions, 1 run)" in out
    doc = json.loads(golden.read_text(), parse_float=Decimal)
    assert [f["function"] for f in doc["functions"]] == ["test_grows", "test_steady"]
    assert doc["functions"][0]["file"] == "tests/plugin/golden/test_golden.py"   # rootdir's
    back = memfold.diff(str(golden), str(golden))   # memfold reads it back
    assert back.passed and [f.function for f in back.functions] == ["test_grows", "test_steady"]
    assert not list(golden.parent.glob(".memfold-*"))   # no temporary file left
    rc, out = run_suite("golden", f"--memfold-golden={golden}")
    assert rc == 0, out
    assert outcome(out, "test_grows") == "PASSED" and "golden: PASSED" in out, out
    rc, out = run_suite("golden", f"--memfold-golden={golden}",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 1, out
    assert outcome(out, "test_grows") == "FAILED", out
    assert outcome(out, "test_steady") == "PASSED", out
    assert f"memory regression against {golden}" in out
    assert "FUNCTION" in out and "OVER" in out and "compared by rise" in out, out
    # the rows of memfold diff's table, as the command prints them
    m = re.search(r"test_grows \(rise \+(\d+\.\d) MiB, \+(\d+\.\d)%\)", out)
    assert m and 35 <= float(m.group(1)) <= 45 and 80 <= float(m.group(2)) <= 120, out
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 0, out
    rc, out = run_suite("golden", f"--memfold-golden={golden}",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 0 and outcome(out, "test_grows") == "PASSED", out


def test_a_test_missing_from_the_golden_is_said(tmp_path):
    golden = tmp_path / "memory.json"
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record",
                        "-k", "test_steady")
    assert rc == 0 and golden.exists(), out
    rc, out = run_suite("golden", f"--memfold-golden={golden}")
    assert rc == 0, out
    assert "test_grows is not in" in out and "not in the golden file" in out, out


def test_runs_and_reports(tmp_path):
    golden = tmp_path / "memory.json"
    reports = tmp_path / "reports"
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-record",
                        "--memfold-runs", "3", f"--memfold-reports={reports}")
    assert rc == 0, out
    assert "(2 functions, 3 runs)" in out
    doc = json.loads(golden.read_text(), parse_float=Decimal)
    assert doc["runs"] == 3 and len(doc["functions"][0]["per_run"]) == 3
    files = sorted(p.name for p in reports.iterdir())
    assert len(files) == 6 and all(".run" in f for f in files), files
    # each is memory_profiler's own report, as @profile prints it
    one = reports / files[0]
    t = memfold.read(str(one))
    assert len(t) == 1 and t[0].rows and t[0].verdict == "kept"
    assert memfold.check(str(one)).ok, memfold.check(str(one)).text
    assert one.read_text().startswith("Filename: /")   # kept as printed
    # three runs against three: medians, and the same code passes
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-runs", "3")
    assert rc == 0, out
    rc, out = run_suite("golden", f"--memfold-golden={golden}", "--memfold-runs", "3",
                        env={"MEMFOLD_EXAMPLE_MIB": "80"})
    assert rc == 1 and outcome(out, "test_grows") == "FAILED", out
    assert "3   3" in out or "runs" in out


def test_the_failure_names_the_kept_report(tmp_path):
    reports = tmp_path / "r"
    rc, out = run_suite("limits", f"--memfold-reports={reports}", "-k", "under_50")
    assert rc == 1, out
    kept = list(reports.iterdir())
    assert len(kept) == 1 and f"report: {kept[0]}" in out, out


@pytest.mark.parametrize("plugin", ["memfold", "memfold.pytest_plugin"])
def test_both_ways_of_loading(plugin):
    rc, out = run_suite("limits", "-k", "under_200", plugin=plugin)
    assert rc == 0 and outcome(out, "test_100_mib_under_200") == "PASSED", out
    assert "== memfold ==" in out


def test_without_the_plugin_the_marker_does_nothing():
    rc, out = run_suite("limits", "-k", "under_50", plugin="no:memfold")
    assert rc == 0, out   # the allocation passes: nothing gates it
