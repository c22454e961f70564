/* core/checkset.c -- levels of the checks of one pipeline (see checkset.h). */
#include <string.h>
#include "core/checkset.h"
#include "core/util.h"

void checkset_init(checkset *s, const mf_check_info *info, size_t n)
{
    memset(s, 0, sizeof *s);
    s->info = info;
    s->n = n < CHECKSET_MAX ? n : CHECKSET_MAX;
    for (size_t i = 0; i < s->n; i++)
        s->level[i] = info[i].level;
}

int checkset_find(const mf_check_info *info, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (info[i].name && strcmp(info[i].name, name) == 0)
            return (int)i;
    return -1;
}

int checkset_set(checkset *s, const char *name, int level)
{
    int i = checkset_find(s->info, s->n, name);
    if (i < 0 || !s->info[i].configurable)
        return -1;
    s->level[i] = level;
    return 0;
}

void checkset_strict(checkset *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->level[i] == MF_LEVEL_WARNING)
            s->level[i] = MF_LEVEL_ERROR;
}

void checkset_lenient(checkset *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->info[i].layout && s->level[i] == MF_LEVEL_ERROR)
            s->level[i] = MF_LEVEL_WARNING;
}

int checkset_report(checkset *s, int id, mf_diag *d, mf_diag_fn on_diag, void *user)
{
    if (s->level[id] == MF_LEVEL_OFF)
        return 0;
    d->severity = s->level[id] == MF_LEVEL_ERROR ? MF_ERROR : MF_WARNING;
    d->name = s->info[id].name;
    if (d->severity == MF_ERROR)
        s->errors++;
    else
        s->warnings++;
    if (on_diag) {
        CALLBACK_BEGIN();
        on_diag(d, user);
        CALLBACK_END();
    }
    return d->severity == MF_ERROR;
}
