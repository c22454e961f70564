/* core/input.c -- where the bytes come from: a file, standard input or memory,
 * gzip-compressed or not.  Compression is recognised by its magic bytes,
 * not by the file's name, so `memfold summary run.log.gz` and
 * `zcat`-less pipes both work.  Concatenated gzip members are read one
 * after the other, as gzip(1) does. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "memfold.h"
#include "core/input.h"
#include "core/util.h"

enum { RAW_SIZE = 256 * 1024 };

struct mf_input {
    FILE *fp;                 /* NULL when reading memory */
    int own_fp;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    int err;                  /* errno of the first failure */
    int gzip;                 /* 1: inflating */
    int eof;
    z_stream z;
    unsigned char *raw;       /* compressed bytes read ahead */
    size_t raw_len, raw_pos;
    char *look;               /* bytes peeked at, served first */
    size_t look_len, look_pos;
    const char *what;         /* what went wrong, when it is not errno */
    uint64_t consumed;        /* bytes read from the source itself */
    int fd;                   /* input_pread: read with pread(2) from fd at off */
    uint64_t off;
};

/* Raw bytes into buf; 0 at the end or on error. */
/* zlib's memory, through the library's allocator (NULL: Z_MEM_ERROR). */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return (size_t)items * size / (size ? size : 1) == items ? try_malloc((size_t)items * size) : NULL;
}

static void z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    xfree(p);
}

static size_t raw_read(mf_input *in, unsigned char *buf, size_t max)
{
    if (in->fd >= 0) {
        ssize_t n;
        do
            n = pread(in->fd, buf, max, (off_t)in->off);
        while (n < 0 && errno == EINTR);
        if (n < 0) {
            if (!in->err)
                in->err = errno ? errno : EIO;
            return 0;
        }
        in->off += (uint64_t)n;
        in->consumed += (uint64_t)n;
        return (size_t)n;
    }
    if (!in->fp) {
        size_t n = in->mem_len - in->mem_pos;
        if (n > max)
            n = max;
        memcpy(buf, in->mem + in->mem_pos, n);
        in->mem_pos += n;
        in->consumed += n;
        return n;
    }
    if (feof(in->fp))
        return 0;   /* a terminal's Ctrl-D ends it once: do not read on */
    size_t n = fread(buf, 1, max, in->fp);
    if (n == 0 && ferror(in->fp) && !in->err)
        in->err = errno ? errno : EIO;
    in->consumed += n;
    return n;
}

static int fill_raw(mf_input *in)
{
    if (in->raw_pos < in->raw_len)
        return 1;
    in->raw_pos = 0;
    in->raw_len = raw_read(in, in->raw, RAW_SIZE);
    return in->raw_len > 0;
}

/* Look at the first bytes: gzip's magic is 1f 8b. */
static int detect(mf_input *in)
{
    in->raw = try_malloc(RAW_SIZE);
    if (!in->raw)
        return -1;
    while (in->raw_len < 2) {
        size_t n = raw_read(in, in->raw + in->raw_len, RAW_SIZE - in->raw_len);
        if (n == 0)
            break;
        in->raw_len += n;
    }
    if (in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
        memset(&in->z, 0, sizeof in->z);
        in->z.zalloc = z_alloc;
        in->z.zfree = z_free;
        if (inflateInit2(&in->z, 15 + 16) != Z_OK)
            return -1;
        in->gzip = 1;
    }
    return 0;
}

static mf_input *input_new(void)
{
    mf_input *in = try_malloc(sizeof *in);
    if (in) {
        memset(in, 0, sizeof *in);
        in->fd = -1;
    }
    return in;
}

/* Out of memory, a constructor returns NULL. */
static mf_input *detected(mf_input *in)
{
    if (detect(in) != 0) {
        in->own_fp = 0;
        mf_input_close(in);
        return NULL;
    }
    return in;
}

mf_input *mf_input_stream(FILE *fp)
{
    mf_input *in = input_new();
    if (!in)
        return NULL;
    in->fp = fp;
    return detected(in);
}

mf_input *mf_input_memory(const char *data, size_t len)
{
    mf_input *in = input_new();
    if (!in)
        return NULL;
    in->mem = (const unsigned char *)data;
    in->mem_len = len;
    return detected(in);
}

mf_input *mf_input_open(const char *path, mf_error *err)
{
    error_clear(err);
    if (strcmp(path, "-") == 0)
        return mf_input_stream(stdin);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        int e = errno;
        error_set(err, MF_ERR_IO, e, "cannot read '%s': %s", path, strerror(e));
        errno = e;
        return NULL;
    }
    mf_input *in = mf_input_stream(fp);
    if (!in) {
        fclose(fp);
        error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory");
        errno = ENOMEM;
        return NULL;
    }
    in->own_fp = 1;
    return in;
}

static size_t inflate_some(mf_input *in, char *buf, size_t max)
{
    in->z.next_out = (unsigned char *)buf;
    in->z.avail_out = (uInt)max;
    while (in->z.avail_out == max && !in->eof) {
        if (!fill_raw(in)) {
            if (!in->err && in->z.total_in > 0)   /* it stops inside a member */
                in->what = "the compressed data is cut short";
            in->eof = 1;
            break;
        }
        in->z.next_in = in->raw + in->raw_pos;
        in->z.avail_in = (uInt)(in->raw_len - in->raw_pos);
        int rc = inflate(&in->z, Z_NO_FLUSH);
        in->raw_pos = in->raw_len - in->z.avail_in;
        if (rc == Z_STREAM_END) {
            /* another member may follow */
            if (!fill_raw(in)) {
                in->eof = 1;
                in->z.total_in = 0;
                break;
            }
            inflateReset(&in->z);
        } else if (rc == Z_MEM_ERROR) {
            in->err = ENOMEM;
            in->eof = 1;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            in->what = "the compressed data is corrupt";
            in->eof = 1;
        }
    }
    return max - in->z.avail_out;
}

/* Up to max bytes of held[*pos..len) into buf. */
static size_t take_held(const void *held, size_t len, size_t *pos, char *buf, size_t max)
{
    size_t n = len - *pos;
    if (n > max)
        n = max;
    memcpy(buf, (const char *)held + *pos, n);
    *pos += n;
    return n;
}

static size_t read_through(mf_input *in, char *buf, size_t max)
{
    if (in->err && !in->gzip)
        return 0;
    if (in->gzip)
        return inflate_some(in, buf, max);
    if (in->raw_pos < in->raw_len)     /* what detect() read ahead */
        return take_held(in->raw, in->raw_len, &in->raw_pos, buf, max);
    return raw_read(in, (unsigned char *)buf, max);
}

size_t mf_input_read(mf_input *in, char *buf, size_t max)
{
    if (in->look_pos < in->look_len)
        return take_held(in->look, in->look_len, &in->look_pos, buf, max);
    return read_through(in, buf, max);
}

size_t mf_input_peek(mf_input *in, const char **data, size_t want)
{
    if (in->look_pos == 0 && in->look_len < want) {
        /* read more ahead; what was peeked before stays in front */
        char *look = try_realloc(in->look, want);
        if (!look) {
            if (!in->err)
                in->err = ENOMEM;
            *data = in->look ? in->look + in->look_pos : "";
            return in->look_len - in->look_pos;
        }
        in->look = look;
        while (in->look_len < want) {
            size_t n = read_through(in, in->look + in->look_len, want - in->look_len);
            if (n == 0)
                break;
            in->look_len += n;
        }
    }
    *data = in->look ? in->look + in->look_pos : "";
    return in->look_len - in->look_pos;
}

char *mf_input_slurp(mf_input *in, size_t *len)
{
    return mf_input_slurp_max(in, SIZE_MAX - 1, len);
}

/* Grows by doubling up to max + 1 bytes: one byte more than allowed tells
   that there is more, without reading (or allocating) any further. */
char *mf_input_slurp_max(mf_input *in, size_t max, size_t *len)
{
    size_t limit = max + 1, cap = limit < (1 << 16) ? limit : (1 << 16), n = 0, k;
    char *buf = try_malloc(cap);
    if (!buf) {
        *len = 0;
        in->err = ENOMEM;
        return NULL;
    }
    while (n < limit && (k = mf_input_read(in, buf + n, cap - n)) > 0)
        if ((n += k) == cap && cap < limit) {
            size_t more = cap > limit / 2 ? limit : cap * 2;
            char *b = try_realloc(buf, more);
            if (!b) {
                xfree(buf);
                *len = n;
                in->err = ENOMEM;
                return NULL;
            }
            buf = b;
            cap = more;
        }
    *len = n;
    if (n > max && !in->err)
        in->err = EFBIG;
    if (in->err) {
        xfree(buf);
        return NULL;
    }
    return buf;
}

int mf_input_error(const mf_input *in)
{
    return in->err;
}

const char *mf_input_strerror(const mf_input *in)
{
    return strerror(in->err);
}

const char *mf_input_data_error(const mf_input *in)
{
    return in->what;
}

uint64_t mf_input_consumed(const mf_input *in)
{
    return in->consumed;
}

void mf_input_close(mf_input *in)
{
    if (!in)
        return;
    if (in->gzip)
        inflateEnd(&in->z);
    if (in->own_fp)
        fclose(in->fp);
    xfree(in->raw);
    xfree(in->look);
    xfree(in);
}

/* ---- for the parallel reader (core/input.h) -------------------------------- */

mf_input *input_pread(int fd, uint64_t offset)
{
    mf_input *in = input_new();
    if (!in)
        return NULL;
    in->fd = fd;
    in->off = offset;
    return in;
}

int input_regular_file(mf_input *in, int *fd, uint64_t *start, uint64_t *size)
{
    struct stat st;
    if (!in->fp || in->gzip || in->err || in->fd >= 0 || ferror(in->fp))
        return -1;
    int f = fileno(in->fp);
    if (f < 0 || fstat(f, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    off_t pos = ftello(in->fp);
    if (pos < 0 || (uint64_t)pos < in->consumed)
        return -1;
    *fd = f;
    *start = (uint64_t)pos - in->consumed;
    *size = (uint64_t)st.st_size;
    return *start <= *size ? 0 : -1;
}

void input_note_consumed(mf_input *in, uint64_t n)
{
    if (n > in->consumed)
        in->consumed = n;
}
