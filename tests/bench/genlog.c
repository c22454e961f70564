/* genlog -- write a large, realistic memory_profiler 0.61 report to stdout.
 *
 * usage: genlog SIZE_MB [SEED]
 *
 * The output is what a long-running program decorated with @profile prints:
 * one block per call of a profiled function, laid out byte for byte as
 * memory_profiler 0.61's show_results() writes it:
 *
 *     Filename: <path>\n\n
 *     Line #    Mem usage    Increment  Occurrences   Line Contents\n
 *     =============================================================\n
 *     rows, each '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}'.format(...)
 *     \n\n
 *
 * where a Mem usage / Increment cell is '{0:<P+4>.<P>f} MiB' (the number is
 * padded to P+4, then ' MiB' is appended and the cell right-aligned in 12;
 * a wider value pushes the rest of the row right), and a line that did not
 * run has empty cells: the line number, 41 spaces, the source line.
 *
 * Everything comes from one small PRNG (splitmix64) seeded with SEED
 * (default below), so the same arguments give the same bytes, and the output
 * for a smaller SIZE_MB is a prefix of the output for a larger one: the
 * program stops at the first block boundary at or past SIZE_MB * 1e6 bytes.
 *
 * Content: 40 source files, NFUNCS functions with a fixed start line and a
 * fixed body (a @profile row, an unmeasured def row, 5-40 body rows:
 * measured statements, loops, comprehensions, multi-line calls, comments,
 * blank lines, docstrings), a precision of 1-4 per function, negative
 * increments, values of 1000 MiB and more at precision 4 (wider than the
 * column), occurrence counts from 1 to hundreds of thousands, UTF-8 and
 * tab-indented source lines, and program output between about a third of
 * the blocks.
 *
 * Build: cc -O2 -Wall -Wextra -Werror -o genlog genlog.c
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NFILES 40
#define NFUNCS 420
#define MAXROWS 64
#define OUTBUF (8u << 20)
#define DEFAULT_SEED 0x6d656d666f6c64ULL /* "memfold" */

/* ---- PRNG ------------------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t rnext(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* uniform in [0, n) */
static uint32_t rnd(uint32_t n)
{
    return (uint32_t)(((rnext() >> 32) * (uint64_t)n) >> 32);
}

/* uniform in [lo, hi] */
static uint32_t rrange(uint32_t lo, uint32_t hi)
{
    return lo + rnd(hi - lo + 1);
}

/* uniform in [0, 1) */
static double rfloat(void)
{
    return (double)(rnext() >> 11) * (1.0 / 9007199254740992.0);
}

static int chance(double p)
{
    return rfloat() < p;
}

#define PICK(arr) (arr[rnd(sizeof(arr) / sizeof(arr[0]))])

/* ---- output buffer --------------------------------------------------------- */

static char *obuf;
static size_t olen;
static unsigned long long total_out;

static void oflush(void)
{
    if (olen && fwrite(obuf, 1, olen, stdout) != olen) {
        if (errno != EPIPE)
            perror("genlog: write");
        exit(errno == EPIPE ? 0 : 1);
    }
    total_out += olen;
    olen = 0;
}

static inline void oput(const char *s, size_t n)
{
    memcpy(obuf + olen, s, n);
    olen += n;
}

/* ---- the model ------------------------------------------------------------- */

enum kind { K_ENTRY, K_ZERO, K_SMALL, K_ALLOC, K_FREE, K_BIG, K_BIGFREE };
enum occ { O_ONE, O_TWO, O_LOOPHDR, O_LOOP, O_HALF, O_COMP };

typedef struct {
    char pre[8];        /* "%6u " */
    char *text;         /* 40 spaces, the source line, "\n" */
    uint32_t text_len;
    uint8_t measured;   /* does this line run at all */
    uint8_t kind;       /* enum kind */
    uint8_t occ;        /* enum occ */
    double size;        /* MiB, for K_ALLOC / K_BIG / K_SMALL */
} row_t;

typedef struct {
    int file;
    unsigned start;
    int prec;
    int nrows;
    uint32_t loop_lo, loop_hi;
    double base;        /* MiB above the process level at entry */
    row_t rows[MAXROWS];
} func_t;

static const char *paths[NFILES] = {
    "/srv/app/pipeline/ingest.py",
    "/srv/app/pipeline/transform.py",
    "/srv/app/pipeline/export.py",
    "/srv/app/pipeline/validate.py",
    "/srv/app/models/train.py",
    "/srv/app/models/features.py",
    "/srv/app/models/evaluate.py",
    "/srv/app/models/registry.py",
    "/srv/app/api/handlers.py",
    "/srv/app/api/serializers.py",
    "/srv/app/api/auth.py",
    "/srv/app/storage/s3_client.py",
    "/srv/app/storage/cache.py",
    "/srv/app/storage/db.py",
    "/srv/app/util/text.py",
    "/srv/app/util/timeit.py",
    "/home/zoë/projects/analyse/rapport.py",
    "/home/zoë/projects/analyse/données.py",
    "/Users/Jane Doe/work/etl/load_csv.py",
    "/Users/Jane Doe/work/etl/merge_frames.py",
    "/opt/jobs/nightly/reindex.py",
    "/opt/jobs/nightly/compact.py",
    "/opt/jobs/nightly/report_mail.py",
    "/usr/local/lib/python3.11/site-packages/imgtool/resize.py",
    "/usr/local/lib/python3.11/site-packages/imgtool/codecs.py",
    "/var/lib/worker/tasks/thumbnails.py",
    "/var/lib/worker/tasks/geocode.py",
    "/var/lib/worker/tasks/dedupe.py",
    "/tmp/tmpa1b2c3/notebook_cell.py",
    "/data/research/sim/particles.py",
    "/data/research/sim/grid.py",
    "/data/research/sim/io_hdf5.py",
    "/data/research/sim/solver.py",
    "/build/ci/scripts/collect_stats.py",
    "/build/ci/scripts/diff_coverage.py",
    "worker.py",
    "main.py",
    "scripts/backfill.py",
    "/srv/app/pipeline/stages/enrich.py",
    "/srv/app/pipeline/stages/aggregate.py",
};

static const char *verbs[] = {
    "load", "parse", "build", "merge", "compute", "fetch", "encode", "decode",
    "resize", "render", "index", "scan", "flush", "collect", "normalize",
    "split", "join", "score", "train", "export", "import", "validate", "sort",
    "filter", "group", "cache", "warm", "read", "write", "compress",
};
static const char *nouns[] = {
    "records", "batch", "frame", "matrix", "tiles", "tokens", "users",
    "events", "chunks", "images", "features", "rows", "shards", "pages",
    "vectors", "documents", "orders", "metrics", "graph", "buffer", "index",
    "payload", "sessions", "report", "snapshot",
};
static const char *fn_args[] = {
    "()", "(n)", "(path)", "(path, limit=None)", "(items)", "(data, *, strict=False)",
    "(records, batch_size=1000)", "(src, dst)", "(frame, columns=(\"a\", \"b\"))",
    "(url, timeout=30)", "(rows, key=lambda r: r[0])", "(n, seed=42)",
};
static const char *meth_args[] = {
    "(self)", "(self, items)", "(self, key, default=None)", "(self, n)",
    "(self, path, mode=\"rb\")", "(self, *args, **kwargs)", "(cls, raw)",
};

static const char *zero_stmts[] = {
    "n = len(items)",
    "total = 0",
    "key = (name, idx)",
    "count += 1",
    "path = os.path.join(root, name)",
    "assert n >= 0, \"negative count\"",
    "start = time.perf_counter()",
    "name = name.strip().lower()",
    "opts = dict(mode=\"r\", encoding=\"utf-8\")",
    "logger.debug(\"start %s, n=%d\", name, n)",
    "elapsed = time.perf_counter() - start",
    "if not items: return None",
    "stats[\"seen\"] += 1",
    "offset, size = divmod(pos, PAGE)",
    "fh = open(path, \"rb\")",
    "fh.close()",
    "self.counter += 1",
    "ok = all(x is not None for x in row)",
    "pattern = re.compile(r\"^(\\d+),(\\w+)$\")",
    "url = f\"{base}/v1/items?page={page}\"",
};
static const char *zero_utf8[] = {
    "label = \"Grüße, 你好 → ✓\"",
    "msg = f\"naïve – ü {n}\"",
    "unit = \"µs\"",
    "title = \"Données — résumé\"",
    "greeting = \"Привет, мир\"",
    "sep = \" · \"",
    "print(f\"→ {name}: {n} éléments\")",
};
static const char *alloc_stmts[] = {
    "buf = bytearray(size)",
    "frame = pd.read_csv(path, usecols=[\"id\", \"ts\", \"value\"])",
    "arr = np.zeros((rows, cols), dtype=np.float32)",
    "self.cache[key] = np.empty(n)",
    "data = json.loads(payload)",
    "chunks.append(fh.read(CHUNK))",
    "blob = b\"\\x00\" * size",
    "result = pickle.loads(raw)",
    "tokens = text.split(\",\")",
    "merged = pd.concat([left, right], ignore_index=True)",
    "img = Image.open(src).convert(\"RGB\")",
    "rows.extend(reader)",
    "matrix = matrix @ weights.T",
    "payload = resp.content",
};
static const char *comp_stmts[] = {
    "squares = [i * i for i in range(n)]",
    "index = {k: v for k, v in pairs}",
    "rows = [parse(line) for line in fh]",
    "names = {r[\"name\"] for r in records}",
    "vals = [float(x) for x in line.split(\",\")]",
};
static const char *free_stmts[] = {
    "del buf",
    "cache.clear()",
    "gc.collect()",
    "frame = None",
    "del self.cache[key]",
    "arr.resize(0, refcheck=False)",
    "chunks.clear()",
};
static const char *loop_hdrs[] = {
    "for i, item in enumerate(items):",
    "for line in fh:",
    "while queue:",
    "for _ in range(n):",
    "for key, value in mapping.items():",
    "for row in cursor.fetchmany(500):",
};
static const char *loop_body[] = {
    "out.append(transform(item))",
    "total += len(line)",
    "node = queue.popleft()",
    "acc[key] = acc.get(key, 0) + value",
    "batch.append(row)",
    "h.update(line)",
};
static const char *comments[] = {
    "# TODO: stream this instead of loading everything",
    "# keep a reference so the GC cannot free it",
    "# see issue #1234, \"slow path\"",
    "# hot path: keep it cheap",
    "# NB: pandas copies here",
};
static const char *comments_utf8[] = {
    "# Größe prüfen — 检查大小",
    "# naïve approach, O(n²)",
    "# ≈ 3× faster than the old code",
    "# ✓ verified on 2024-03-01",
};
static const char *returns[] = {
    "return result",
    "return len(rows), total",
    "return {\"rows\": n, \"bytes\": size}",
    "return out",
    "return None",
    "return merged",
    "return self",
};
static const char *await_stmts[] = {
    "await asyncio.sleep(0)",
    "data = await client.get(url)",
    "await queue.put(item)",
};
static const char *prog_out[] = {
    "processed batch %u",
    "epoch %u: loss=0.%04u",
    "loaded %u records from shard-%04u.parquet",
    "INFO:worker:checkpoint saved (%u items)",
    "warning: retrying request %u",
    "cache hit ratio 0.%05u",
    "✓ step %u done",
    "resized %u images in %u ms",
};

static func_t funcs[NFUNCS];
static unsigned file_cursor[NFILES];
static char *block_head[NFILES];
static size_t block_head_len[NFILES];
static uint16_t pick_table[65536];

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("genlog: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static const char *indent_of(int tabs, int level)
{
    static const char sp[] = "                                ";
    static const char tb[] = "\t\t\t\t\t\t\t\t";
    return tabs ? tb + (8 - level) : sp + (32 - 4 * level);
}

static row_t *add_row(func_t *f, int measured, int kind, int occ, double size,
                      int tabs, int level, const char *content)
{
    row_t *r = &f->rows[f->nrows];
    const char *ind = content[0] ? indent_of(tabs, level) : "";
    size_t il = strlen(ind), cl = strlen(content);
    r->text_len = (uint32_t)(40 + il + cl + 1);
    r->text = xmalloc(r->text_len);
    memset(r->text, ' ', 40);
    memcpy(r->text + 40, ind, il);
    memcpy(r->text + 40 + il, content, cl);
    r->text[40 + il + cl] = '\n';
    snprintf(r->pre, sizeof r->pre, "%6u ", f->start + (unsigned)f->nrows);
    r->measured = (uint8_t)measured;
    r->kind = (uint8_t)kind;
    r->occ = (uint8_t)occ;
    r->size = size;
    f->nrows++;
    return r;
}

static double alloc_size(void)
{
    /* roughly log-uniform 0.1 .. 400 MiB */
    static const double scale[] = { 0.1, 0.5, 2, 8, 30, 120, 400 };
    int i = (int)rnd(6);
    return scale[i] + rfloat() * (scale[i + 1] - scale[i]);
}

static void build_func(func_t *f, int idx, const char *name)
{
    char line[256];
    f->file = idx < NFILES ? idx : (int)(chance(0.5) ? rnd(NFILES) : rnd(8));
    f->nrows = 0;
    uint32_t p = rnd(100);
    f->prec = p < 55 ? 1 : p < 70 ? 2 : p < 85 ? 3 : 4;
    int huge = f->prec == 4 && chance(0.3);
    int tabs = chance(0.1);
    int method = chance(0.3);
    int is_async = chance(0.08);
    int utf8 = chance(0.15);
    p = rnd(100);
    if (p < 65)
        f->loop_lo = 1, f->loop_hi = 50;
    else if (p < 93)
        f->loop_lo = 50, f->loop_hi = 5000;
    else
        f->loop_lo = 100000, f->loop_hi = 600000;
    f->base = rfloat() * 40;
    int nbody = (int)rrange(5, 40);
    int lv = method ? 1 : 0;

    f->start = file_cursor[f->file] + rrange(2, 40);

    add_row(f, 1, K_ENTRY, O_ONE, 0, tabs, lv,
            f->prec == 1 ? "@profile" :
            f->prec == 2 ? "@profile(precision=2)" :
            f->prec == 3 ? "@profile(precision=3)" : "@profile(precision=4)");
    {
        const char *args = method ? PICK(meth_args) : PICK(fn_args);
        int len = snprintf(line, sizeof line, "%sdef %s%s:", is_async ? "async " : "",
                           name, args);
        if (len < 0 || len >= (int)sizeof line)
            abort();
    }
    add_row(f, 0, K_ZERO, O_ONE, 0, tabs, lv, line);

    int body_lv = lv + 1, end = f->nrows + nbody - 1, big_open = 0;
    if (chance(0.3)) {
        if (chance(0.5) || end - f->nrows < 6) {
            const char *v = PICK(verbs), *o = PICK(nouns);
            int len = snprintf(line, sizeof line,
                               "\"\"\"%c%s the %s and return the result.\"\"\"",
                               v[0] - 'a' + 'A', v + 1, o);
            if (len < 0 || len >= (int)sizeof line)
                abort();
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv, line);
        } else {
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv, "\"\"\"Build the index.");
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv, "");
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv,
                    utf8 ? "Les données sont lues une fois — 只读一次." :
                           "Inputs are validated first; see the module docs.");
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv, "\"\"\"");
        }
    }
    while (f->nrows < end) {
        int room = end - f->nrows;
        uint32_t c = rnd(100);
        if (c < 7) {
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv,
                    utf8 && chance(0.5) ? PICK(comments_utf8) : PICK(comments));
        } else if (c < 12 && f->nrows > 3) {
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv, "");
        } else if (c < 24 && room >= 3) {
            int nb = (int)rrange(1, (uint32_t)(room - 1 < 4 ? room - 1 : 4));
            add_row(f, 1, K_ZERO, O_LOOPHDR, 0, tabs, body_lv, PICK(loop_hdrs));
            for (int i = 0; i < nb; i++) {
                if (i + 1 < nb && chance(0.25)) {
                    add_row(f, 1, K_ZERO, O_LOOP, 0, tabs, body_lv + 1, "if i % 2:");
                    add_row(f, 1, chance(0.3) ? K_SMALL : K_ZERO, O_HALF, alloc_size() / 50,
                            tabs, body_lv + 2, PICK(loop_body));
                    i++;
                } else {
                    add_row(f, 1, chance(0.25) ? K_SMALL : K_ZERO, O_LOOP, alloc_size() / 20,
                            tabs, body_lv + 1, PICK(loop_body));
                }
            }
        } else if (c < 30 && room >= 3) {
            add_row(f, 1, K_ZERO, O_TWO, 0, tabs, body_lv, "total = sum(");
            add_row(f, 1, K_ZERO, O_ONE, 0, tabs, body_lv + 1, "len(chunk) for chunk in chunks");
            add_row(f, 0, K_ZERO, O_ONE, 0, tabs, body_lv, ")  # closing line of a multi-line call");
        } else if (c < 37) {
            add_row(f, 1, chance(0.5) ? K_SMALL : K_ALLOC, O_COMP, alloc_size(), tabs, body_lv,
                    PICK(comp_stmts));
        } else if (c < 52) {
            if (huge && !big_open && chance(0.5)) {
                add_row(f, 1, K_BIG, O_ONE, 1000 + rfloat() * 900, tabs, body_lv,
                        "buf = mmap.mmap(-1, SIZE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)");
                big_open = 1;
            } else {
                add_row(f, 1, K_ALLOC, O_ONE, alloc_size(), tabs, body_lv, PICK(alloc_stmts));
            }
        } else if (c < 60) {
            if (big_open == 1) {
                add_row(f, 1, K_BIGFREE, O_ONE, 0, tabs, body_lv, "buf.close()");
                big_open = 2;
            } else {
                add_row(f, 1, K_FREE, O_ONE, 0, tabs, body_lv, PICK(free_stmts));
            }
        } else if (c < 64 && is_async) {
            add_row(f, 1, K_ZERO, O_TWO, 0, tabs, body_lv, PICK(await_stmts));
        } else if (c < 72) {
            add_row(f, 1, K_SMALL, O_ONE, 0.05 + rfloat() * 2, tabs, body_lv,
                    utf8 && chance(0.4) ? PICK(zero_utf8) : PICK(zero_stmts));
        } else {
            add_row(f, 1, K_ZERO, O_ONE, 0, tabs, body_lv,
                    utf8 && chance(0.3) ? PICK(zero_utf8) : PICK(zero_stmts));
        }
    }
    if (big_open == 1)
        add_row(f, 1, K_BIGFREE, O_ONE, 0, tabs, body_lv, "buf.close()");
    add_row(f, 1, K_ZERO, O_ONE, 0, tabs, body_lv, PICK(returns));
    file_cursor[f->file] = f->start + (unsigned)f->nrows;
}

static void build_model(void)
{
    static char names[NFUNCS][48];
    int nv = (int)(sizeof verbs / sizeof verbs[0]), nn = (int)(sizeof nouns / sizeof nouns[0]);
    int ncombo = nv * nn;
    int *perm = xmalloc(sizeof(int) * (size_t)ncombo);
    for (int i = 0; i < ncombo; i++)
        perm[i] = i;
    for (int i = ncombo - 1; i > 0; i--) {
        int j = (int)rnd((uint32_t)i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (int i = 0; i < NFILES; i++)
        file_cursor[i] = rrange(1, 60);
    for (int i = 0; i < NFUNCS; i++) {
        int c = perm[i % ncombo];
        snprintf(names[i], sizeof names[i], "%s_%s", verbs[c / nn], nouns[c % nn]);
        build_func(&funcs[i], i, names[i]);
    }
    free(perm);

    for (int i = 0; i < NFILES; i++) {
        static const char hdr[] =
            "\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n"
            "=============================================================\n";
        size_t pl = strlen(paths[i]);
        block_head_len[i] = 10 + pl + sizeof hdr - 1;
        block_head[i] = xmalloc(block_head_len[i]);
        memcpy(block_head[i], "Filename: ", 10);
        memcpy(block_head[i] + 10, paths[i], pl);
        memcpy(block_head[i] + 10 + pl, hdr, sizeof hdr - 1);
    }

    /* call frequency: Zipf-like over a shuffled order of the functions */
    double w[NFUNCS], sum = 0;
    int order[NFUNCS];
    for (int i = 0; i < NFUNCS; i++)
        order[i] = i;
    for (int i = NFUNCS - 1; i > 0; i--) {
        int j = (int)rnd((uint32_t)i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int i = 0; i < NFUNCS; i++)
        sum += w[i] = 1.0 / (1.0 + i * 0.35);
    double acc = 0;
    int k = 0;
    for (int i = 0; i < NFUNCS; i++) {
        acc += w[i] / sum * 65536.0;
        int lim = i == NFUNCS - 1 ? 65536 : (int)(acc + 0.5);
        while (k < lim)
            pick_table[k++] = (uint16_t)order[i];
    }
    /* every function is reachable */
    for (int i = 0; i < NFUNCS; i++)
        pick_table[rnd(65536)] = (uint16_t)i;
}

/* ---- formatting ------------------------------------------------------------ */

static const int64_t pow10[] = { 1, 10, 100, 1000, 10000 };

/* '{0:<P+4>.<P>f} MiB', right-aligned in 12 (the number padded to 8) */
static inline void put_mib(int64_t v, int prec, int negzero)
{
    char tmp[32];
    int n = 0;
    uint64_t a = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
    for (int i = 0; i < prec; i++) {
        tmp[n++] = (char)('0' + a % 10);
        a /= 10;
    }
    if (prec)
        tmp[n++] = '.';
    do {
        tmp[n++] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    if (v < 0 || negzero)
        tmp[n++] = '-';
    char *p = obuf + olen;
    for (int i = n; i < 8; i++)
        *p++ = ' ';
    while (n)
        *p++ = tmp[--n];
    memcpy(p, " MiB", 4);
    olen = (size_t)(p + 4 - obuf);
}

static inline void put_occ(uint32_t occ)
{
    char *p = obuf + olen + 10;
    int n = 0;
    do {
        *--p = (char)('0' + occ % 10);
        occ /= 10;
        n++;
    } while (occ);
    while (n++ < 10)
        *--p = ' ';
    olen += 10;
}

/* ---- calls ----------------------------------------------------------------- */

static double level = 60;       /* the process's memory between calls, MiB */

static void emit_call(const func_t *f)
{
    const int64_t unit = pow10[f->prec];
    const double floor_mib = 15;
    int64_t mem, alloc = 0, big = 0;
    uint32_t n = rrange(f->loop_lo, f->loop_hi);

    level += (rfloat() - 0.5) * 6;
    if (level < 20)
        level = 20 + rfloat() * 5;
    if (level > 700)
        level = 700 - rfloat() * 20;
    mem = (int64_t)((level + f->base + rfloat() * 3) * (double)unit + 0.5);

    oput(block_head[f->file], block_head_len[f->file]);
    for (int i = 0; i < f->nrows; i++) {
        const row_t *r = &f->rows[i];
        uint32_t occ = 1;
        switch (r->occ) {
        case O_TWO: occ = 2; break;
        case O_LOOPHDR: occ = n + 1; break;
        case O_LOOP: occ = n; break;
        case O_HALF: occ = n / 2; break;
        case O_COMP: occ = n + 2; break;
        }
        if (!r->measured || occ == 0) {
            oput(r->pre, 7);
            oput(r->text, r->text_len);
            continue;
        }
        int64_t inc = 0;
        int negzero = 0;
        switch (r->kind) {
        case K_ENTRY:
            inc = mem;
            break;
        case K_ZERO: {
            uint32_t c = rnd(1000);
            if (c < 30)
                inc = 1 + (int64_t)rnd((uint32_t)unit);
            else if (c < 45)
                inc = -1 - (int64_t)rnd((uint32_t)unit);
            else if (c < 48 && f->prec == 1)
                negzero = 1;
            break;
        }
        case K_SMALL:
            inc = (int64_t)(r->size * (0.3 + rfloat()) * (double)unit);
            break;
        case K_ALLOC:
            inc = (int64_t)(r->size * (0.8 + 0.4 * rfloat()) * (double)unit);
            alloc += inc;
            break;
        case K_FREE:
            inc = -(int64_t)((double)alloc * (0.5 + 0.5 * rfloat()));
            alloc += inc;
            break;
        case K_BIG:
            inc = (int64_t)(r->size * (double)unit) + rnd((uint32_t)unit);
            big += inc;
            break;
        case K_BIGFREE:
            inc = -big;
            big = 0;
            break;
        }
        if (r->kind != K_ENTRY) {
            if (mem + inc < (int64_t)(floor_mib * (double)unit))
                inc = (int64_t)(floor_mib * (double)unit) - mem;
            mem += inc;
        }
        oput(r->pre, 7);
        put_mib(mem, f->prec, 0);
        obuf[olen++] = ' ';
        put_mib(inc, f->prec, negzero && inc == 0);
        obuf[olen++] = ' ';
        obuf[olen++] = ' ';
        put_occ(occ);
        oput(r->text + 37, r->text_len - 37);
    }
    oput("\n\n", 2);
}

static void emit_program_output(void)
{
    int lines = chance(0.8) ? 1 : (int)rrange(2, 3);
    for (int i = 0; i < lines; i++) {
        char line[160];
        int len = snprintf(line, sizeof line, PICK(prog_out), rnd(100000), rnd(10000));
        if (len < 0 || len >= (int)sizeof line - 1)
            len = (int)strlen(line);
        line[len++] = '\n';
        oput(line, (size_t)len);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: genlog SIZE_MB [SEED]\n", stderr);
        return 2;
    }
    char *end;
    double mb = strtod(argv[1], &end);
    if (*end || !(mb > 0)) {
        fprintf(stderr, "genlog: bad size '%s'\n", argv[1]);
        return 2;
    }
    uint64_t seed = DEFAULT_SEED;
    if (argc == 3) {
        seed = strtoull(argv[2], &end, 0);
        if (*end) {
            fprintf(stderr, "genlog: bad seed '%s'\n", argv[2]);
            return 2;
        }
    }
    unsigned long long target = (unsigned long long)(mb * 1e6);
    rng_state = seed;
    build_model();
    obuf = xmalloc(OUTBUF);

    oput("starting run\n", 13);
    for (unsigned long long blocks = 0; total_out + olen < target; blocks++) {
        if (blocks && chance(1.0 / 3))
            emit_program_output();
        emit_call(&funcs[pick_table[rnd(65536)]]);
        if (olen > OUTBUF - (256u << 10))
            oflush();
    }
    oflush();
    if (fflush(stdout) != 0) {
        if (errno != EPIPE)
            perror("genlog: write");
        return errno == EPIPE ? 0 : 1;
    }
    return 0;
}
