/* core/error.c -- filling in the public mf_error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/util.h"

const char *mf_status_str(int code)
{
    switch (code) {
    case MF_OK: return "success";
    case MF_ERR_IO: return "input/output error";
    case MF_ERR_NOMEM: return "out of memory";
    case MF_ERR_INPUT: return "invalid input";
    case MF_ERR_ARG: return "invalid argument";
    case MF_ERR_NOT_SUMMARY: return "not a summary";
    case MF_ERR_RANGE: return "out of range";
    case MF_ERR_KIND: return "an input of another kind";
    case MF_ERR_REFUSED: return "input refused";
    default: return "unknown error";
    }
}

int error_set(mf_error *e, int code, int sys_errno, const char *fmt, ...)
{
    if (!e)
        return code;
    memset(e, 0, offsetof(mf_error, message));
    e->code = code;
    e->sys_errno = sys_errno;
    e->message[0] = '\0';
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->message, sizeof e->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void error_clear(mf_error *e)
{
    if (e)
        error_set(e, MF_OK, 0, NULL);
}
