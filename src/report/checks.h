/* report/checks.h -- the report pipeline's checks by id: CHK_x indexes the table
 * in checks.c (name, default level, configurable, layout flag), which
 * mf_checks() returns.  Every place that reports a check names it by id,
 * so a misspelt check does not compile; the name comes from the table. */
#ifndef MF_CHECKS_H
#define MF_CHECKS_H
#include <stddef.h>
#include "memfold.h"

enum mf_check_id {
    CHK_SYNTAX, CHK_MISSING_HEADER, CHK_MALFORMED_ROW, CHK_CONTROL_CHAR, CHK_BLOCK_SIZE,
    CHK_EMPTY_FILENAME, CHK_HEAD_BLANKS, CHK_HEADER, CHK_MISSING_RULE,
    CHK_RULE_LENGTH, CHK_COLUMN_ALIGN, CHK_UNIT, CHK_NUMBER, CHK_PRECISION,
    CHK_LINE_NUMBERS, CHK_OCC_COLUMN, CHK_OCC_ZERO, CHK_EMPTY_BLOCK,
    CHK_TRUNCATED, CHK_UNTERMINATED, CHK_BLANK_SPACES,
    CHK_NO_FILENAME, CHK_ORPHAN_FILENAME, CHK_QUOTED, CHK_INTERLEAVED, CHK_ELIDED, CHK_NO_DEF, CHK_STRIPPED_PADDING, CHK_CRLF,
    CHK_FOREIGN_TEXT, CHK_NO_BLOCKS, CHK_NOTEBOOK, CHK_TRACEBACK, CHK_COUNT
};

/* The name of check id ("syntax", "column-align", ...). */
static inline const char *chk_name(enum mf_check_id id)
{
    size_t n;
    return mf_checks(&n)[id].name;
}

#endif
