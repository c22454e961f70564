#!/usr/bin/env bash
# SARIF: the log lists every rule that can be reported -- the report
# checks, the .dat checks, and the "truncated" of compressed data cut
# short -- and each result's ruleId is one of them, with a ruleIndex that
# points at it.
. "$(dirname "$0")/lib.sh"
plan 12
# jq_ok FILTER FILE: FILE is there, not empty, and FILTER holds on it.
jq_ok() { [ -s "$2" ] && jq -e "$1" "$2" >/dev/null; }
# Every result names a rule of the tool, and its ruleIndex is that rule.
RULES_OK='.runs[0].tool.driver.rules as $r | ($r | map(.id)) as $ids |
    (.runs[0].results | length > 0) and all(.runs[0].results[];
        .ruleId as $id | ($ids | index($id)) != null and
        (.ruleIndex | type) == "number" and $r[.ruleIndex].id == $id)'

# sarif NAME FILE...: check's SARIF log of the files, in $TMP/NAME.sarif.
sarif() { local n=$1; shift; "$MEMFOLD" check --diagnostics-format=sarif "$@" 2>"$TMP/$n.sarif"; }
# rules_ok WHAT NAME: the results of $TMP/NAME.sarif name rules of the log.
rules_ok() { ok "$1: every result's ruleId is a rule, and ruleIndex points at it" jq_ok \
    "$RULES_OK" "$TMP/$2.sarif"; }

# A .dat file with a fault of every kind the .dat pipeline checks.
printf '%s\n' 'CMDLINE python3 x.py' 'MEM 1.5 100.0' 'MEM 2.5 99.0' 'MEM -1.0 101.0' \
    'MEM 2.5' 'MEM abc 102.0' 'BOGUS 1 2' 'FUNC m.f 1.0 105.0 2.0 104.0' >"$TMP/bad.dat"
sarif dat "$TMP/bad.dat"
rules_ok ".dat" dat
ok ".dat: every .dat check was reported" test \
    "$(jq -r '[.runs[0].results[].ruleId] | unique | join(" ")' "$TMP/dat.sarif")" = \
    "dat-func-interval dat-negative dat-number dat-syntax dat-time-order dat-unknown-line"

# Reports with a fault of every kind the report pipeline checks.
sarif report tests/check/*.log
rules_ok "reports" report
ok "reports: many checks were reported" jq_ok \
    '[.runs[0].results[].ruleId] | unique | length >= 20' "$TMP/report.sarif"

# Compressed data cut short: "truncated", from the reading of the input.
gzip -c tests/corpus/mprof_func.dat | head -c 300 >"$TMP/cut.dat.gz"
gzip -c tests/corpus/basic_calls.log | head -c 300 >"$TMP/cut.log.gz"
sarif cutdat "$TMP/cut.dat.gz"
sarif cutlog "$TMP/cut.log.gz"
ok "compressed .dat cut short: reported as truncated" jq_ok \
    'any(.runs[0].results[]; .ruleId == "truncated")' "$TMP/cutdat.sarif"
rules_ok "compressed .dat cut short" cutdat
rules_ok "compressed report cut short" cutlog

# The rules: one per check --list-checks names, each once, with its level.
"$MEMFOLD" check --list-checks | awk 'NR > 1 { print $1 }' | sort >"$TMP/listed"
jq -r '.runs[0].tool.driver.rules[].id' "$TMP/dat.sarif" | sort >"$TMP/rules"
same "the rules are the checks --list-checks names" "$TMP/listed" "$TMP/rules"
ok "no rule is listed twice" test -s "$TMP/rules" -a \
    "$(sort -u "$TMP/rules" | wc -l)" = "$(wc -l <"$TMP/rules")"
ok "the rules are the same whatever was read" test -s "$TMP/rules" -a \
    "$(jq -c .runs[0].tool "$TMP/dat.sarif")" = "$(jq -c .runs[0].tool "$TMP/report.sarif")"
ok "each rule has a description and a default level" jq_ok '
    all(.runs[0].tool.driver.rules[]; (.shortDescription.text | type) == "string" and
        (.defaultConfiguration.level | IN("error", "warning", "none")))' "$TMP/dat.sarif"
# informationUri is optional in SARIF 2.1.0 and must be an absolute URI;
# memfold has no public address, so the driver names itself and its
# version only (never a placeholder such as example.invalid).
ok "the driver has its name and version and no informationUri" jq_ok '
    .runs[0].tool.driver | .name == "memfold" and (.version | type) == "string" and
        (has("informationUri") | not)' "$TMP/dat.sarif"
