/* core/demux.h -- reports of several writers interleaved line by line.
 *
 * multiprocessing.Pool workers that print @profile reports to one pipe
 * (python3 -u, or a flush per write) interleave whole lines: two headers
 * in a row, rows of two calls alternating, an orphan "Filename:" line
 * before another worker's block.  This filter, the last before the report
 * scanner, sorts the lines back into one table after another.
 *
 * Each line is one of: F ("Filename: "), B (empty or spaces only), H
 * ("Line #"), R (=+ then spaces), W(n) (a row: spaces, the number n, then
 * a space or the line's end), O (other), told by a line's first 4096
 * bytes (a longer line of spaces or '=' only is O).  A "lane" is a table
 * being written: after F, after its blank, after H, after R, in rows
 * (with the last line number), after the first closing blank.  A line goes to the
 * lane that can take it (of two that can, the one that took the line
 * before):
 *   F opens a lane;
 *   H goes to a lane after F (or opens a headerless one);
 *   R to a lane after H;
 *   W(n) to a lane whose last row is n - 1 (memory_profiler prints every
 *     line of a function, one after the other; of several, the one whose
 *     last Mem usage is nearest this row's), else to the oldest lane
 *     waiting for its first row, else (a splice, which the validator
 *     reports) to the newest lane in rows;
 *   B to the lane that took the line before when it waits for a blank
 *     (memory_profiler writes "Filename: ...\n\n" and the closing "\n\n"
 *     each in one write), else to a lane in rows that looks finished (it
 *     has the rows of a table that closed before with the same first row,
 *     or the most rows).
 * Each lane's lines are handed on together, the lanes in the order they
 * started.  An O line while two or more lanes are open is handed on after
 * the lanes open at that time; with one lane open it ends that lane (as
 * it ends the table for the scanner), and it is handed on in its place.
 *
 * The oldest open lane is handed on as it is read; only the lines of the
 * lanes behind it are held, at most DEMUX_MAX_LINES lines or
 * DEMUX_MAX_BYTES bytes: beyond that the filter gives up, hands on what
 * it holds in input order and starts again.  Input with one table at a
 * time passes through unchanged, in bulk, and the origin of its lines is
 * asked of the stage before only when the scanner asks.  Lines handed on
 * after a line that followed them in the input carry SRC_MOVED.
 *
 * No byte is lost or repeated.  One may be added: when the input's last
 * line has no newline and is not the last line handed on, it gets one.
 */
#ifndef MF_DEMUX_H
#define MF_DEMUX_H

#include "core/filter.h"

enum { DEMUX_MAX_LINES = 20000, DEMUX_MAX_BYTES = 4 << 20 };

typedef struct demux demux;

demux *demux_new(line_source up);
line_source demux_source(demux *d);
void demux_free(demux *d);

/* How many lines were handed on out of input order (tests, diagnostics). */
uint64_t demux_moved(const demux *d);

/* No line was ever held back or moved: at each earlier "Filename:" line
   that went on in its place the filter was as a new one (read/parallel.c). */
int demux_is_fresh(const demux *d);

#endif
