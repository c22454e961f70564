#!/usr/bin/env bash
# memfold as a Unix tool: make install into a DESTDIR (every file lands), a
# client built against the installed library with pkg-config, the man page
# (renders without warnings, names every option --help names), the bash
# completion, the version, and the progress line.
. "$(dirname "$0")/lib.sh"

D=$TMP/dest
make -s install DESTDIR="$D" PREFIX=/usr/local >"$TMP/install.log" 2>&1
ok "make install DESTDIR=... succeeds" test $? -eq 0
V=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
for f in bin/memfold lib/libmemfold.a "lib/libmemfold.so.$V" lib/libmemfold.so.${V%%.*} lib/libmemfold.so \
         include/memfold.h include/memfold_dat.h share/man/man1/memfold.1 lib/pkgconfig/memfold.pc \
         share/bash-completion/completions/memfold; do
    ok "installed: $f" test -e "$D/usr/local/$f"
done
ok "the shared library has its soname" \
    sh -c "objdump -p '$D/usr/local/lib/libmemfold.so.$V' | grep -q 'SONAME *libmemfold.so.${V%%.*}'"

cat >"$TMP/client.c" <<'CEOF'
/* A client of the installed library: count the functions of a report. */
#include <stdio.h>
#include <memfold.h>
static int fold(const mf_block *b, void *f) { mf_fold_block(f, b); return 0; }
int main(int argc, char **argv)
{
    mf_fold *f = mf_fold_new();
    mf_parser *p = mf_parser_new(fold, NULL, f);
    mf_input *in = mf_input_open(argc > 1 ? argv[1] : "-");
    if (!in || mf_parse_input(p, in, argv[1], NULL) != 0)
        return 2;
    mf_input_close(in);
    printf("%zu functions, first %s\n", mf_fold_count(f), mf_fold_get(f, 0)->function);
    mf_emit_summary(stdout, MF_FMT_CSV, f, MF_SORT_PEAK, NULL, 0, 0);
    mf_parser_free(p);
    mf_fold_free(f);
    return 0;
}
CEOF
export PKG_CONFIG_PATH=$D/usr/local/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
# a SANITIZE=1 library needs its clients built with the sanitizers too
SAN=
ldd "$MEMFOLD" 2>/dev/null | grep -q libasan && SAN="-fsanitize=address,undefined"
flags=$(pkg-config --cflags --libs memfold 2>/dev/null)
ok "pkg-config knows memfold ($flags)" test -n "$flags"
# shellcheck disable=SC2086
cc $SAN -o "$TMP/client" "$TMP/client.c" $flags 2>"$TMP/cc.err"
ok "a client builds against the installed library with pkg-config" test $? -eq 0
LD_LIBRARY_PATH=$D/usr/local/lib "$TMP/client" "$CORPUS/basic_calls.log" >"$TMP/client.out"
ok "... and runs on a corpus report" grep -q "^2 functions, first make_list$" "$TMP/client.out"
ok "... with the library's output" grep -q "^/work/main/tests/corpus/basic_calls.py,make_list,8,2," "$TMP/client.out"
# shellcheck disable=SC2086
cc $SAN -o "$TMP/client-static" "$TMP/client.c" $(pkg-config --cflags memfold) "$D/usr/local/lib/libmemfold.a" \
    $(pkg-config --static --libs memfold | sed 's/-lmemfold//; s/-L[^ ]*//') 2>/dev/null
ok "... also linked statically (pkg-config --static)" sh -c "'$TMP/client-static' '$CORPUS/basic_calls.log' >/dev/null"
make -s uninstall DESTDIR="$D" PREFIX=/usr/local >/dev/null 2>&1
ok "make uninstall removes every file" test -z "$(find "$D" -type f -o -type l)"

ok "the man page renders without warnings (groff -ww)" sh -c 'groff -ww -man -z man/memfold.1 2>&1 | (! grep .)'
missing=
for c in summary lines check fmt diff merge plot; do
    for opt in $("$MEMFOLD" $c --help | grep -oE -- '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u); do
        man_opt=$(printf '%s' "${opt%NAME}" | sed 's/-/\\\\-/g')
        grep -q -- "$man_opt" man/memfold.1 || missing="$missing $c:$opt"
    done
    grep -q "^\.B memfold $c" man/memfold.1 || missing="$missing $c"
    grep -q "memfold $c" README.md || missing="$missing README:$c"
done
ok "every command and option of --help is in the man page and README (missing:$missing)" test -z "$missing"
missing=
for name in $("$MEMFOLD" check --list-checks | awk '{ print $1 }'); do
    grep -q "^\.B $(printf '%s' "$name" | sed 's/-/\\\\-/g')" man/memfold.1 || \
        grep -q "\.BR.*$(printf '%s' "$name" | sed 's/-/\\\\-/g')" man/memfold.1 || missing="$missing $name"
done
ok "every check is in the man page (missing:$missing)" test -z "$missing"
ok "--version says the header's version" test "$("$MEMFOLD" --version)" = "memfold $V"
ok "the man page says it too" grep -q "\"memfold $V\"" man/memfold.1

ok "the completion script is valid bash" bash -n src/completion.bash
ok "... and completes commands" bash -c ". src/completion.bash; COMP_WORDS=(memfold su); COMP_CWORD=1; _memfold; [ \"\${COMPREPLY[*]}\" = summary ]"

cc -O2 -o "$TMP/genlog" tests/bench/genlog.c && "$TMP/genlog" 40 >"$TMP/big.log"
if command -v script >/dev/null; then
    script -qec "'$MEMFOLD' summary '$TMP/big.log' >/dev/null" /dev/null >"$TMP/tty" 2>&1
    ok "a progress line on a terminal" grep -q "memfold: [0-9.]* of 40.0 MB ([0-9]*%), [0-9]* MB/s, [0-9]* blocks" "$TMP/tty"
    ok "... cleared at the end" sh -c "tail -c 8 '$TMP/tty' | od -c | grep -q '\\\\r 033   \\['"
    script -qec "'$MEMFOLD' summary -q '$TMP/big.log' >/dev/null" /dev/null >"$TMP/tty-q" 2>&1
    ok "... not with -q" test "$(grep -c 'MB/s' "$TMP/tty-q")" = 0
fi
"$MEMFOLD" summary "$TMP/big.log" >/dev/null 2>"$TMP/notty"
ok "no progress line when stderr is not a terminal" test ! -s "$TMP/notty"
