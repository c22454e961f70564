#!/usr/bin/env bash
# The library and the files around the command: make install into a
# DESTDIR (every file lands), a client built against the installed library
# with pkg-config (shared and static), make uninstall, the man page renders,
# the completions land (what they complete: completion.sh).  These checks
# run no $MEMFOLD (they build and install from this tree), so `make
# check-the-checks` leaves them out:
# runs no memfold command
. "$(dirname "$0")/lib.sh"
plan 28

D=$TMP/dest
make -s install DESTDIR="$D" PREFIX=/usr/local >"$TMP/install.log" 2>&1
ok "make install DESTDIR=... succeeds" test $? -eq 0
V=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
for f in bin/memfold lib/libmemfold.a "lib/libmemfold.so.$V" lib/libmemfold.so.${V%%.*} lib/libmemfold.so \
         include/memfold.h include/memfold_dat.h share/man/man1/memfold.1 lib/pkgconfig/memfold.pc \
         share/bash-completion/completions/memfold share/zsh/site-functions/_memfold \
         share/fish/vendor_completions.d/memfold.fish; do
    ok "installed: $f" test -e "$D/usr/local/$f"
done
ok "the shared library has its soname" \
    sh -c "objdump -p '$D/usr/local/lib/libmemfold.so.$V' | grep -q 'SONAME *libmemfold.so.${V%%.*}'"

# make install-strip (GNU): the command and the shared library installed
# with `install -s`; the archive keeps its symbols for static clients.
S=$TMP/dest-strip
make -s install-strip DESTDIR="$S" PREFIX=/usr/local >"$TMP/install-strip.log" 2>&1
ok "make install-strip DESTDIR=... succeeds" test $? -eq 0
has_symtab() { readelf -S --wide "$1" | grep -q '\.symtab'; }
ok "make install leaves the symbol table in (the comparison below means something)" \
    has_symtab "$D/usr/local/bin/memfold"
ok "install-strip: the command has no .symtab and file(1) calls it stripped" sh -c \
    "[ -s '$S/usr/local/bin/memfold' ] && ! readelf -S --wide '$S/usr/local/bin/memfold' | grep -q '\\.symtab' &&
     file -L '$S/usr/local/bin/memfold' | grep -q ', stripped'"
b1=$(stat -c %s "$D/usr/local/bin/memfold") b2=$(stat -c %s "$S/usr/local/bin/memfold" 2>/dev/null || echo 0)
ok "... and is smaller ($b2 bytes against $b1)" test "$b2" -gt 0 -a "$b2" -lt "$b1"
ok "... and runs" sh -c "'$S/usr/local/bin/memfold' --version | grep -qx 'memfold $V'"
ok "install-strip: the shared library has no .symtab but exports the mf_ functions" sh -c \
    "! readelf -S --wide '$S/usr/local/lib/libmemfold.so.$V' | grep -q '\\.symtab' &&
     nm -D --defined-only '$S/usr/local/lib/libmemfold.so.$V' | grep -q ' T mf_parser_new\$'"

cat >"$TMP/client.c" <<'CEOF'
/* A client of the installed library: count the functions of a report. */
#include <stdio.h>
#include <memfold.h>
static int fold(const mf_block *b, void *f) { mf_fold_block(f, b); return 0; }
int main(int argc, char **argv)
{
    mf_fold *f = mf_fold_new();
    mf_parser *p = mf_parser_new(fold, NULL, f);
    mf_input *in = mf_input_open(argc > 1 ? argv[1] : "-", NULL);
    if (!in || mf_parse_input(p, in, argv[1], NULL, NULL) != 0)
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
V=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
ok "the man page says the version of include/memfold.h" grep -q "\"memfold $V\"" man/memfold.1
