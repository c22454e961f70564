#!/usr/bin/env bash
# The build itself, in a copy of the tree: a parallel build from clean
# runs each bison and flex recipe once (their two outputs are one grouped
# target) and succeeds; a second make has nothing to do; the pkg-config
# file follows PREFIX; the scanners do not back up.  These checks run no
# $MEMFOLD (they build this tree), so `make check-the-checks` leaves them
# out:
# runs no memfold command
. "$(dirname "$0")/lib.sh"
plan 10

TREE=$TMP/tree
mkdir -p "$TREE"
# the tracked files and the new ones, as they are in the working tree
git ls-files -co --exclude-standard -z | grep -zv '^build/' |
    tar --null -T - -cf - 2>/dev/null | tar -C "$TREE" -xf -
ok "the copy holds the Makefile and the grammars" \
    test -f "$TREE/Makefile" -a -f "$TREE/grammar/report.y" -a -f "$TREE/grammar/dat.l"

# A dry run of a parallel build: every generator runs exactly once.
make -C "$TREE" -n -j8 memfold lib >"$TMP/dry.log" 2>&1
ok "make -n -j8 from clean plans a build" grep -q 'libmemfold.a' "$TMP/dry.log"
for g in report.y report.l dat.y dat.l; do
    tool=bison; case $g in *.l) tool=flex ;; esac
    n=$(grep -c "^$tool .*grammar/$g" "$TMP/dry.log")
    ok "make -j8 runs $tool on $g once (ran $n times)" test "$n" -eq 1
done

make -C "$TREE" -s -j8 memfold lib >"$TMP/build.log" 2>&1
ok "make -j8 from clean builds memfold and the library" \
    test $? -eq 0 -a -x "$TREE/memfold" -a -f "$TREE/build/libmemfold.a"
make -C "$TREE" -j8 memfold lib >"$TMP/again.log" 2>&1
ok "... and a second make compiles nothing" \
    sh -c "! grep -E '^(cc|gcc|clang|bison|flex|ar) ' '$TMP/again.log'"

make -C "$TREE" -s build/memfold.pc PREFIX=/opt/one >/dev/null 2>&1
make -C "$TREE" -s build/memfold.pc PREFIX=/opt/two >/dev/null 2>&1
ok "memfold.pc is rewritten when PREFIX changes" grep -qx 'prefix=/opt/two' "$TREE/build/memfold.pc"

ok "make check-backup: neither scanner backs up" make -C "$TREE" -s check-backup
