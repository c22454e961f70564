/* report/piece.h -- one piece of a report read by the parallel reader
 * (read/parallel.c): the parser of parse.c started at a "Filename:" line
 * in the middle of a file, stopping at the first later boundary where its
 * state is provably the state a new parser starts in.
 *
 * The stop rule, checked by the parser's yylex (parse.c) at each FILENAME
 * token: the token starts a line that is one of the boundaries (its line
 * is counted on the bytes handed to the scanner, which are the file's as
 * long as the filters are fresh), and
 *   - no block is open (in_block == 0).  Every state of report.y that
 *     asks for a token with no block open is `report .` (the states after
 *     TEXT EOL, MEMIT EOL, BLANK and a block's end reduce by default, with
 *     no lookahead; after FILENAME, HEADER, TEXT or MEMIT comes the EOL of
 *     its line, never a FILENAME), and error recovery only ends in the
 *     actions of block or row, which say yyerrok: so bison's stack is
 *     [report] and it is not recovering, as in a new parser;
 *   - no orphan Filename: line waits for a table, no syntax error waits
 *     for the end of its line, no %memit statement waits for its result;
 *   - every filter is fresh (logprefix_is_fresh, quote_is_fresh,
 *     demux_is_fresh: each says so for every earlier line start, which
 *     matters because the filters read ahead of the scanner);
 *   - the scanner: every FILENAME token leaves it in the same state (the
 *     rest of the line, then IN_HEAD), from whichever start condition the
 *     line began in, and what else it keeps between lines is set again
 *     before it is used (gen_old by the header of each table).
 * Then the parser goes on from there exactly as a new one started at the
 * boundary: yylex returns the end of input (without the scanner's end of
 * input), and the piece says where it stopped.  Line numbers in a piece
 * count from its first line (1); the reader adds the line before. */
#ifndef MF_PIECE_H
#define MF_PIECE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include "memfold.h"
#include "core/filter.h"

typedef struct mf_piece {
    /* in */
    const uint64_t *bounds;   /* file offsets of the boundaries after its start, increasing */
    size_t nbounds;
    uint64_t start;           /* the file offset of its first byte */
    uint64_t *bline;          /* room for nbounds: the line (from 1) of each boundary */
    atomic_int *cancel;       /* nonzero: give up (nothing of it is used) */
    /* out */
    long stopped;             /* the index into bounds where it stopped; -1: it read to the end */
    /* the reading (parse.c) */
    line_source below;
    uint64_t pos, nl;         /* bytes and newlines handed to the scanner */
    size_t known, at;         /* bline[0..known) counted; at: the next to look for */
} mf_piece;

/* Parse a piece of `in` (the bytes from piece->start) as mf_parse_input
   does, up to where it stops; stats as mf_parse_input's, lines counted
   from the piece's first line. */
int mf_parse_piece(mf_parser *p, mf_input *in, const char *name, mf_piece *piece,
                   mf_input_stats *stats, mf_error *err);

#endif
