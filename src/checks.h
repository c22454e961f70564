/* checks.h -- indexes of the checks in mf_checks(). */
#ifndef MF_CHECKS_H
#define MF_CHECKS_H
#include <string.h>

enum mf_check_id {
    CHK_SYNTAX, CHK_MISSING_HEADER, CHK_MALFORMED_ROW, CHK_CONTROL_CHAR,
    CHK_EMPTY_FILENAME, CHK_HEAD_BLANKS, CHK_HEADER, CHK_MISSING_RULE,
    CHK_RULE_LENGTH, CHK_COLUMN_ALIGN, CHK_UNIT, CHK_NUMBER, CHK_PRECISION,
    CHK_LINE_NUMBERS, CHK_OCC_COLUMN, CHK_OCC_ZERO, CHK_EMPTY_BLOCK,
    CHK_TRUNCATED, CHK_NO_DEF, CHK_STRIPPED_PADDING, CHK_CRLF,
    CHK_FOREIGN_TEXT, CHK_COUNT
};

/* Index of the check called name, or -1. */
int mf_check_find(const char *name);

#endif
