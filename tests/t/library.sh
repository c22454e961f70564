#!/usr/bin/env bash
# The library's boundary: libmemfold.so exports exactly the functions the
# public headers declare (MF_API), the static archive has no global symbol
# but those; the headers are C99 (-pedantic) and C++; a client that links
# memfold and jansson together works, statically and dynamically; the
# version macros agree with mf_version(); no library object calls exit().
# These checks build the library from this tree and run no $MEMFOLD:
# runs no memfold command
. "$(dirname "$0")/lib.sh"
plan 17

make -s lib >"$TMP/make.log" 2>&1 || bail_out "make lib failed: $(tail -3 "$TMP/make.log")"
V=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
SO=build/libmemfold.so.$V
A=build/libmemfold.a

# The API, from the headers: every declaration marked MF_API.
sed -n 's/^MF_API [^(]*[ *]\(mf_[a-z0-9_]*\)(.*/\1/p' include/memfold.h include/memfold_dat.h \
    | sort -u >"$TMP/api"
ok "the headers declare the API with MF_API ($(wc -l <"$TMP/api") functions)" \
    test "$(wc -l <"$TMP/api")" -gt 50
nm -D --defined-only "$SO" | awk '$2 ~ /^[TWDBRV]$/ { print $3 }' | sort -u >"$TMP/so"
ok "nm -D $SO: exactly the functions of the headers" \
    sh -c "diff '$TMP/api' '$TMP/so' >'$TMP/so.diff'"
[ -s "$TMP/so.diff" ] && sed 's/^/#   /' "$TMP/so.diff" | head -20
ok "... none of them an internal name (xmalloc, json_write_string, yy...)" \
    sh -c "! grep -qE '^(x|json_|yy|mf_yy|mf_dat_yy|dat_|text_)' '$TMP/so'"
nm -g --defined-only "$A" | awk 'NF == 3 { print $3 }' | sort -u >"$TMP/a"
ok "nm -g $A: no global symbol but the API" sh -c "diff '$TMP/api' '$TMP/a' >'$TMP/a.diff'"
[ -s "$TMP/a.diff" ] && sed 's/^/#   /' "$TMP/a.diff" | head -20
ok "the library calls no exit()" \
    sh -c "! nm -u '$A' '$SO' | grep -qwE '_?exit|_Exit|quick_exit'"

# The headers, each alone and both, as C99 with -pedantic and as C++.
printf '#include <memfold.h>\nint main(void) { return mf_version() == 0; }\n' >"$TMP/h1.c"
printf '#include <memfold_dat.h>\nint main(void) { return mf_dat_detect("", 0); }\n' >"$TMP/h2.c"
printf '#include <memfold_dat.h>\n#include <memfold.h>\nint main(void) { return 0; }\n' >"$TMP/h3.c"
for h in h1 h2 h3; do
    ok "headers ($h) compile as C99 -pedantic -Wall -Wextra -Werror" \
        cc -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude -c -o "$TMP/$h.o" "$TMP/$h.c"
    ok "headers ($h) compile as C++ -pedantic -Wall -Wextra -Werror" \
        c++ -x c++ -fsyntax-only -pedantic -Wall -Wextra -Werror -Iinclude "$TMP/$h.c"
done

# A client of both libraries: jansson's json_string() and memfold's parser.
cat >"$TMP/client.c" <<'CEOF'
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include <memfold.h>
static int fold(const mf_block *b, void *f) { mf_fold_block(f, b); return 0; }
int main(int argc, char **argv)
{
    json_t *s = json_string("jansson");
    if (!s || strcmp(json_string_value(s), "jansson") != 0)
        return 3;
    mf_fold *f = mf_fold_new();
    mf_parser *p = mf_parser_new(fold, NULL, f);
    mf_input *in = mf_input_open(argc > 1 ? argv[1] : "-", NULL);
    if (!in || mf_parse_input(p, in, argv[1], NULL, NULL) != 0)
        return 2;
    mf_input_close(in);
    char v[64];
    snprintf(v, sizeof v, "%d.%d.%d", MEMFOLD_VERSION_MAJOR, MEMFOLD_VERSION_MINOR, MEMFOLD_VERSION_PATCH);
    printf("%s %zu functions, version %s %s %s\n", json_string_value(s), mf_fold_count(f),
           mf_version(), MEMFOLD_VERSION_STRING, v);
    json_decref(s);
    mf_parser_free(p);
    mf_fold_free(f);
    return 0;
}
CEOF
# a SANITIZE=1 library needs its clients built with the sanitizers too
SAN=
nm -u "$SO" | grep -q __asan_ && SAN="-fsanitize=address,undefined"
want="^jansson 2 functions, version $V $V $V\$"
# shellcheck disable=SC2086
cc $SAN -Iinclude -o "$TMP/static" "$TMP/client.c" "$A" -ljansson -lz -lm 2>"$TMP/cc.err"
ok "a client links libmemfold.a and -ljansson" test $? -eq 0
ok "... and runs: json_string() and the parser both work" \
    sh -c "'$TMP/static' '$CORPUS/basic_calls.log' | grep -q '$want'"
mkdir -p "$TMP/lib"
ln -s "$ROOT/$SO" "$TMP/lib/libmemfold.so"
ln -s "$ROOT/$SO" "$TMP/lib/libmemfold.so.${V%%.*}"
# shellcheck disable=SC2086
cc $SAN -Iinclude -o "$TMP/dynamic" "$TMP/client.c" -L"$TMP/lib" -lmemfold -ljansson 2>"$TMP/cc2.err"
ok "a client links -lmemfold -ljansson" test $? -eq 0
ok "... and runs: json_string() and the parser both work, mf_version() is the macros'" \
    sh -c "LD_LIBRARY_PATH='$TMP/lib' '$TMP/dynamic' '$CORPUS/basic_calls.log' | grep -q '$want'"

# A static client may use the library's internal names for its own.
cat >"$TMP/names.c" <<'CEOF'
#include <stdlib.h>
#include <memfold.h>
void *xmalloc(size_t n) { return malloc(n); }
int text_escape = 1, json_write_string = 2, mf_yylex = 3, arena_alloc = 4;
int main(void)
{
    mf_fold *f = mf_fold_new();
    void *mine = xmalloc(1);
    int ok = f && mf_fold_count(f) == 0 && mine && text_escape + json_write_string == 3;
    free(mine);
    mf_fold_free(f);
    return ok && mf_yylex + arena_alloc == 7 ? 0 : 1;
}
CEOF
# shellcheck disable=SC2086
cc $SAN -Iinclude -o "$TMP/names" "$TMP/names.c" "$A" -ljansson -lz -lm 2>"$TMP/cc3.err"
ok "a static client with its own xmalloc, text_escape, mf_yylex... links" test $? -eq 0
ok "... and runs" "$TMP/names"
