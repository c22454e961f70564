#!/usr/bin/env bash
# .pre-commit-hooks.yaml: the memfold-check hook, run by pre-commit itself
# in a repository of its own -- `pre-commit try-repo` on a good and a bad
# report, then a real `git commit` through `pre-commit install` with the
# hook as a local one (the same entry, language and files).
. "$(dirname "$0")/lib.sh"
plan 14

PY=/usr/bin/python3
MANIFEST=$ROOT/.pre-commit-hooks.yaml
command -v pre-commit >/dev/null 2>&1 || skip_all "pre-commit is not installed (make deps)"
$PY -c 'import yaml' 2>/dev/null || skip_all "python3-yaml is not installed (make deps)"
[ -s "$MANIFEST" ] || bail_out "$MANIFEST is missing"
[ -s "$CORPUS/basic_calls.log" ] && [ -s "$ROOT/tests/check/broken_blocks.log" ] && [ -s "$ROOT/tests/check/no_def.log" ] ||
    bail_out "the reports are missing"

# memfold on the PATH, as `language: system` wants it; pre-commit's cache
# and git's identity kept in $TMP.
mkdir -p "$TMP/bin"
ln -s "$MEMFOLD" "$TMP/bin/memfold"
export PATH="$TMP/bin:$PATH" PRE_COMMIT_HOME="$TMP/cache" HOME="$TMP"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_NOSYSTEM=1

status_is 0 "pre-commit validate-manifest: the manifest is one" pre-commit validate-manifest "$MANIFEST"
ok "memfold-check runs 'memfold check' (language: system) on .log and .txt files, gzipped or not; memfold-check-dat on .dat" \
    $PY -c '
import re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
h = [x for x in hooks if x["id"] == "memfold-check"]
ok = len(h) == 1 and h[0]["entry"].split()[:2] == ["memfold", "check"] and h[0]["language"] == "system"
pick = lambda f: re.search(h[0]["files"], f) is not None
ok = ok and all(map(pick, ["golden/memory.log", "run.txt", "ci/run.log.gz"]))
ok = ok and not any(map(pick, ["app.py", "notes.md", "run.log.bak", "memory.json", "run.dat"]))
d = [x for x in hooks if x["id"] == "memfold-check-dat"]
ok = ok and len(d) == 1 and d[0]["entry"].split()[:2] == ["memfold", "check"] and d[0]["language"] == "system"
ok = ok and re.search(d[0]["files"], "mprofile_1.dat") and not re.search(d[0]["files"], "run.log")
sys.exit(not ok)' "$MANIFEST"

# The hooks' repository: the manifest committed, as pre-commit clones it.
mkdir "$TMP/hooks"
cp "$MANIFEST" "$TMP/hooks/"
git -C "$TMP/hooks" init -q && git -C "$TMP/hooks" add . && git -C "$TMP/hooks" commit -qm hooks ||
    bail_out "cannot make the hooks' repository"
# A project with reports in it.
mkdir "$TMP/proj"
cd "$TMP/proj" || bail_out "no project"
git init -q
cp "$CORPUS/basic_calls.log" good.log
cp "$ROOT/tests/check/broken_blocks.log" bad.log
cp "$ROOT/tests/check/no_def.log" warned.log
gzip -c "$CORPUS/basic_calls.log" >good.log.gz
printf 'not a report\n' >notes.md
cp "$CORPUS/mprof_func.dat" good.dat
printf 'CMDLINE python3 x.py\nMEM 21.5 1795659394.8512\nMEM twelve 1795659394.9\n' >bad.dat
git add good.log bad.log warned.log good.log.gz notes.md good.dat bad.dat

status_is 0 -o '^memfold check\.+Passed' "try-repo on the good report: Passed, exit 0" \
    pre-commit try-repo "$TMP/hooks" memfold-check --files good.log
status_is 1 -o '^memfold check\.+Failed' -o 'bad\.log:[0-9]+:[0-9]+: error: ' \
    "try-repo on the broken one: Failed, exit 1, with memfold's diagnostic at its line" \
    pre-commit try-repo "$TMP/hooks" memfold-check --files bad.log
ok "... only bad.log is named" sh -c 'grep -q "^bad\.log:" "$1" && ! grep -q "good\.log" "$1"' - "$TMP/stdout"
status_is 0 -o '^memfold check\.+Passed' -o '^warned\.log:[0-9]+:[0-9]+: warning: ' \
    "a report with a warning only passes, and --verbose shows the warning" \
    pre-commit try-repo --verbose "$TMP/hooks" memfold-check --files warned.log
status_is 0 -o '^memfold check\.+Passed' "a gzipped report passes too" \
    pre-commit try-repo "$TMP/hooks" memfold-check --files good.log.gz
status_is 0 -o '^memfold check\.+\(no files to check\)Skipped' "a file that is no report is not given to it" \
    pre-commit try-repo "$TMP/hooks" memfold-check --files notes.md

status_is 0 -o '^memfold check \(mprof \.dat\)\.+Passed' "memfold-check-dat: an mprof .dat file passes" \
    pre-commit try-repo "$TMP/hooks" memfold-check-dat --files good.dat good.log
status_is 1 -o 'bad\.dat:3:5: error: ' "... a broken one fails, at its line (and the reports are not its files)" \
    pre-commit try-repo "$TMP/hooks" memfold-check-dat --files bad.dat bad.log

# A real commit: the hook as a local one, installed as git's pre-commit
# hook (which writes what the hooks print to stderr).
$PY -c '
import sys, yaml
h = [x for x in yaml.safe_load(open(sys.argv[1])) if x["id"] == "memfold-check"][0]
yaml.safe_dump({"repos": [{"repo": "local", "hooks": [h]}]}, open(".pre-commit-config.yaml", "w"))
' "$MANIFEST" || bail_out "cannot write .pre-commit-config.yaml"
git reset -q
git add .pre-commit-config.yaml
pre-commit install >/dev/null 2>&1 || bail_out "pre-commit install failed"
git add bad.log
status_is 1 -e 'bad\.log:[0-9]+:[0-9]+: error: ' "git commit of the broken report: refused by the hook" \
    git commit -qm "a broken report"
ok "... and nothing was committed" sh -c '! git rev-parse -q --verify HEAD >/dev/null'
git reset -q bad.log
git add good.log
status_is 0 -e '^memfold check\.+Passed' "git commit of the good report: the hook passes it" \
    git commit -m "a good report"
ok "... and it is committed" sh -c 'git ls-files --error-unmatch good.log >/dev/null 2>&1 && ! git ls-files --error-unmatch bad.log >/dev/null 2>&1'
