/* read/notebook.h -- a Jupyter notebook (.ipynb) as an input of reports.
 *
 * A notebook is JSON: a list of cells, each code cell with its outputs.
 * What a person sees of it as text is read as a report input: cell by
 * cell, in order, the outputs of every code cell (`stream` text, and the
 * `text/plain` of `execute_result` and `display_data`) and the source of
 * every markdown cell (where people paste reports).  Each piece of text
 * ends with a newline and is followed by an empty line, so that a table
 * never runs from one cell (or output) into the next; consecutive stream
 * outputs of one cell to the same stream are one piece, as Jupyter shows
 * them.  The map kept beside the text says, for every line of it, which
 * cell it came from (1-based, in the order of the notebook) and its line
 * in that cell: in a markdown cell, the line of its source; in a code
 * cell, the line of its outputs counted from the first as they are shown
 * one under the other.
 */
#ifndef MF_NOTEBOOK_H
#define MF_NOTEBOOK_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

/* 1 when the first bytes of an input begin a JSON object whose first key
   is one a notebook starts with ("cells", "metadata", "nbformat",
   "nbformat_minor"): then it is read as a notebook, and one that turns
   out not to be one is reported as a broken notebook. */
int nb_detect(const char *head, size_t n);

typedef struct nb_piece {
    uint64_t first;          /* its first line in the text (1-based) */
    uint64_t cell_line;      /* the line of the cell that line is */
    uint32_t cell;           /* 1-based cell number */
} nb_piece;

typedef struct nb_doc {
    char *text;              /* what is read as the report input */
    size_t len, cap;
    uint64_t lines;          /* lines of text so far */
    nb_piece *pieces;
    size_t npieces, cappieces;
} nb_doc;

/* Load the notebook json[0..len) named name: *out is the text to read,
   or NULL when the notebook is broken (not JSON, not a notebook, an
   nbformat older than 4), which is reported to on_diag as a "notebook"
   error naming the file (and the JSON line and column).  A cell or an
   output that is not as nbformat 4 has it is a "notebook" error naming
   the cell, and is left out; the rest is read.  Returns MF_OK or
   MF_ERR_NOMEM (*out NULL). */
int nb_load(const char *json, size_t len, const char *name, mf_diag_fn on_diag, void *user,
            nb_doc **out);
void nb_free(nb_doc *d);

/* Where line `line` of d's text came from: its cell and its line in the
   cell; 0 when d has no text. */
int nb_where(const nb_doc *d, uint64_t line, uint32_t *cell, uint64_t *cell_line);

#endif
