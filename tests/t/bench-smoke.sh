#!/usr/bin/env bash
# make bench's script on a tiny input (1 MB, one run each, no shapes): it
# ends with status 0 and prints every section, a row with a throughput for
# each memfold command, and the ratios.  Timings are printed, never
# checked.  Both ways of a memfold's jobs: one whose --help offers -j gets
# -j1 rows and the -j1 ratios; one whose --help does not gets a note and
# the default rows only.  (Two wrappers of $MEMFOLD stand for the two.)
. "$(dirname "$0")/lib.sh"
plan 9

real=$MEMFOLD
case $real in /*) ;; *) real=$ROOT/$real ;; esac
# with: -j in --help (the option itself is dropped); without: no -j in --help
cat >"$TMP/with-j" <<EOF
#!/usr/bin/env bash
if [ "\${2:-}" = --help ]; then "$real" "\$@"; echo "  -j, --jobs N            threads"; exit 0; fi
args=(); for a in "\$@"; do case \$a in -j*) ;; *) args+=("\$a") ;; esac; done
exec "$real" "\${args[@]}"
EOF
cat >"$TMP/without-j" <<EOF
#!/usr/bin/env bash
if [ "\${2:-}" = --help ]; then "$real" "\$@" | grep -Ev -- '(^|[ ,[])(-j|--jobs)([] ,=[]|N|\$)'; exit 0; fi
exec "$real" "\$@"
EOF
chmod +x "$TMP/with-j" "$TMP/without-j"

# good_KIND: the run printed what only a working memfold gives (the checks
# of its rows and ratios count only then)
good_with_j=0 good_without_j=0
for kind in with-j without-j; do
    RUNS=1 SHAPES=0 TMPDIR=$TMP MEMFOLD=$TMP/$kind bash tests/bench/bench.sh 1 >"$TMP/$kind.out" 2>"$TMP/$kind.err"
    st=$?
    missing=
    for s in machine input timings "memfold against its peers" "check against summary" \
             "against reading the bytes" "peak RSS of memfold"; do
        grep -q "^== $s" "$TMP/$kind.out" || missing="$missing '$s'"
    done
    if [ $st = 0 ] && [ -z "$missing" ] && grep -q '^memfold: memfold [0-9]' "$TMP/$kind.out" &&
       grep -Eq '^memfold summary finds [1-9][0-9]* functions' "$TMP/$kind.out"; then
        pass "$kind: bench.sh 1 ends with status 0, prints every section, memfold's version and the functions it finds"
        eval "good_${kind/-/_}=1"
    else
        echo "  status $st, sections missing:$missing"; head -c 1500 "$TMP/$kind.err"
        fail "$kind: bench.sh 1 ends with status 0, prints every section, memfold's version and the functions it finds"
    fi
done

# row LABEL FILE: FILE has a timings row of LABEL: 1 run, MB/s above 0
row() {
    awk -v l="$1" 'NF >= 4 { lab = substr($0, 3, 40); sub(/ +$/, "", lab)
                             if (lab == l && $(NF - 2) == 1 && $NF + 0 > 0) f = 1 }
                   END { exit !f }' "$2"
}
n=0
[ $good_with_j = 1 ] && for c in "summary" "lines -f csv" "check"; do
    row "memfold $c -j1" "$TMP/with-j.out" && row "memfold $c" "$TMP/with-j.out" && n=$((n + 1))
done
ok "with -j: each memfold command has a -j1 row and a default row with a throughput ($n of 3)" \
    test $n = 3
ok "with -j: the ratio check -j1 / summary -j1 is printed" \
    sh -c "[ $good_with_j = 1 ] && grep -Eq '^  check -j1 / summary -j1 +[0-9]+\.[0-9]+x\$' \"\$1\"" - "$TMP/with-j.out"
if [ "$(nproc)" -ge 2 ]; then
    ok "with -j: the ceiling of two cpus (two summary -j1 on halves) is timed and compared with mawk or awk" \
        sh -c "[ $good_with_j = 1 ] && grep -Eq '^  2 x memfold summary -j1, a half each +1 +[0-9.]+ +[0-9.]+\$' \"\$1\" &&
               grep -Eq '^  2 x summary -j1 on halves \(ceiling\) vs [a-z]+ +[0-9]+\.[0-9]+x\$' \"\$1\"" - "$TMP/with-j.out"
else
    skip "with -j: the ceiling of two cpus is timed (one cpu here)"
fi
ok "with -j: peak RSS has a row of summary -j1 and of summary (KiB)" \
    sh -c "[ $good_with_j = 1 ] && grep -Eq '^  summary -j1 +[0-9]+\$' \"\$1\" &&
           grep -Eq '^  summary +[0-9]+\$' \"\$1\"" - "$TMP/with-j.out"

n=0
[ $good_without_j = 1 ] && for c in "summary" "lines -f csv" "check"; do
    row "memfold $c" "$TMP/without-j.out" && n=$((n + 1))
done
ok "without -j: each memfold command has its default row ($n of 3)" test $n = 3
ok "without -j: a note names the three commands, and no -j1 row is printed" \
    sh -c "[ $good_without_j = 1 ] &&
           grep -q 'note: *the --help of memfold summary, lines, check does not mention -j/--jobs' \"\$1\" &&
           ! grep -Eq -- '^  memfold .* -j1 ' \"\$1\"" - "$TMP/without-j.out"
ok "without -j: the check/summary ratio is still printed" \
    sh -c "[ $good_without_j = 1 ] && grep -Eq '^  check / summary \(default jobs\) +[0-9]+\.[0-9]+x\$' \"\$1\"" - "$TMP/without-j.out"
