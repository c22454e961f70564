/* report/checks.c -- the names of the checks, their default levels, and what
 * each finds.  README and the man page list the same table; `memfold
 * check --list-checks` prints it. */
#include "memfold.h"
#include "report/checks.h"
#include "core/checkset.h"

static const mf_check_info CHECKS[] = {
    /* Syntax: the parser cannot place the text; always errors. */
    [CHK_SYNTAX] = { "syntax", MF_LEVEL_ERROR, 0, 0,
        "a line the grammar cannot place inside a block" },
    [CHK_MISSING_HEADER] = { "missing-header", MF_LEVEL_ERROR, 0, 0,
        "a Filename: line that no table takes: no header follows it, and no later table without one takes it" },
    [CHK_MALFORMED_ROW] = { "malformed-row", MF_LEVEL_ERROR, 0, 0,
        "a row whose cells are not line number, Mem usage, Increment, Occurrences, contents" },
    [CHK_CONTROL_CHAR] = { "control-char", MF_LEVEL_ERROR, 1, 0,
        "a NUL byte or other control character outside the source contents" },
    [CHK_BLOCK_SIZE] = { "block-size", MF_LEVEL_ERROR, 0, 0,
        "a block of more than 1,000,000 rows (what one block may cost is bounded)" },
    /* What memory_profiler can never print. */
    [CHK_EMPTY_FILENAME] = { "empty-filename", MF_LEVEL_ERROR, 1, 0,
        "a Filename: line with no path" },
    [CHK_HEAD_BLANKS] = { "head-blank-lines", MF_LEVEL_ERROR, 1, 1,
        "not exactly one blank line between Filename: and the header" },
    [CHK_HEADER] = { "header", MF_LEVEL_ERROR, 1, 1,
        "a header that is none of the three memory_profiler has printed (misspelled, reordered, moved)" },
    [CHK_MISSING_RULE] = { "missing-rule", MF_LEVEL_ERROR, 1, 1,
        "no rule of '=' under the header" },
    [CHK_RULE_LENGTH] = { "rule-length", MF_LEVEL_ERROR, 1, 1,
        "a rule whose length differs from the header's, or with other characters" },
    [CHK_COLUMN_ALIGN] = { "column-align", MF_LEVEL_ERROR, 1, 1,
        "a cell not where the row template puts it (right-aligned in 6/12/12/10 columns, 1/2/3 spaces apart)" },
    [CHK_UNIT] = { "unit", MF_LEVEL_ERROR, 1, 0,
        "a unit other than MiB" },
    [CHK_NUMBER] = { "number", MF_LEVEL_ERROR, 1, 0,
        "a malformed number, or one too long to hold exactly" },
    [CHK_PRECISION] = { "precision", MF_LEVEL_ERROR, 1, 0,
        "values of one block printed with different numbers of decimals" },
    [CHK_LINE_NUMBERS] = { "line-numbers", MF_LEVEL_ERROR, 1, 1,
        "line numbers that are not consecutive and increasing within a block" },
    [CHK_OCC_COLUMN] = { "occurrences-column", MF_LEVEL_ERROR, 1, 0,
        "an Occurrences cell missing in a 0.58+ block, or present in an older one" },
    [CHK_OCC_ZERO] = { "occurrences-zero", MF_LEVEL_ERROR, 1, 0,
        "a measured line that ran 0 times" },
    [CHK_EMPTY_BLOCK] = { "empty-block", MF_LEVEL_ERROR, 1, 0,
        "a block without measured rows (memory_profiler does not print those)" },
    [CHK_TRUNCATED] = { "truncated", MF_LEVEL_ERROR, 1, 0,
        "a block cut off by the end of input in the middle of a line" },
    [CHK_UNTERMINATED] = { "unterminated", MF_LEVEL_ERROR, 1, 1,
        "a block whose rows stop without the blank line that closes it (cut off, or hand-made)" },
    [CHK_BLANK_SPACES] = { "blank-line-spaces", MF_LEVEL_ERROR, 1, 1,
        "spaces on the blank line that closes a table" },
    /* How a table was pasted or written: read by every command, warnings
       for the readers, errors for check (memory_profiler prints none). */
    [CHK_NO_FILENAME] = { "no-filename", MF_LEVEL_ERROR, 1, 1,
        "a table that starts at its header, with no Filename: line: its file is unknown" },
    [CHK_ORPHAN_FILENAME] = { "orphan-filename", MF_LEVEL_ERROR, 1, 1,
        "a table whose Filename: line came earlier, parted from it by other lines (interleaved writers)" },
    [CHK_QUOTED] = { "quoted", MF_LEVEL_ERROR, 1, 1,
        "a table pasted with a quoting prefix on its lines (#, >, indentation), which is taken off" },
    [CHK_INTERLEAVED] = { "interleaved", MF_LEVEL_ERROR, 1, 1,
        "a table whose lines were written between other lines (several processes on one pipe)" },
    [CHK_ELIDED] = { "elided-rows", MF_LEVEL_ERROR, 1, 1,
        "rows left out of a pasted table (a '...' line)" },
    /* Legal but suspicious. */
    [CHK_NO_DEF] = { "no-def", MF_LEVEL_WARNING, 1, 0,
        "a block with no def row, so its function has no name" },
    [CHK_STRIPPED_PADDING] = { "stripped-padding", MF_LEVEL_WARNING, 1, 1,
        "a row whose trailing spaces were stripped (the contents column is missing)" },
    [CHK_CRLF] = { "crlf", MF_LEVEL_WARNING, 1, 0,
        "CRLF line endings (reported once per input)" },
    [CHK_FOREIGN_TEXT] = { "foreign-text", MF_LEVEL_OFF, 1, 0,
        "text outside the report blocks (enabled by --pure)" },
    [CHK_NO_BLOCKS] = { "no-blocks", MF_LEVEL_ERROR, 1, 0,
        "an input in which no table, %memit line or .dat record is found (empty, a traceback, not a report at all; --allow-empty: a warning)" },
    [CHK_NOTEBOOK] = { "notebook", MF_LEVEL_ERROR, 0, 0,
        "a Jupyter notebook that cannot be read (broken JSON, not nbformat 4), or a cell of it" },
    [CHK_TRACEBACK] = { "traceback", MF_LEVEL_WARNING, 1, 0,
        "a Python traceback: the program raised, so the block of the call it ended was never printed (diff: an error)" },
};

/* One entry per id, and few enough for a check set. */
_Static_assert(sizeof CHECKS / sizeof CHECKS[0] == CHK_COUNT && CHK_COUNT <= CHECKSET_MAX, "CHK_");

const mf_check_info *mf_checks(size_t *n)
{
    *n = CHK_COUNT;
    return CHECKS;
}
