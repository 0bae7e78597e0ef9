/*
 * savename.h - the names of the window's saves (S, F): never an existing
 * file's, and telling what they show:
 *     DIR/PREFIX-seedS-tT.png          a simulation of seed S at t = T ms
 *     DIR/PREFIX-replay-STEM-tT.png    a replay of STEM (the file's name)
 * with -1, -2 ... before the ending when the name is taken. No SDL.
 */
#ifndef IZHI_SAVENAME_H
#define IZHI_SAVENAME_H

#include <stddef.h>
#include <stdint.h>

#include "outfile.h"

/* The middle of a save's name: "seedS", or for a replay (replay_path not
 * NULL) "replay-STEM", STEM the file's name without folder and extension
 * with letters, digits, '-', '_' kept and other bytes as '_'. */
void savename_what(char *out, size_t len, const char *replay_path, uint64_t seed);
/* Opens the first free DIR/PREFIX-WHAT-tT[-k]ENDING (k < 1000) with
 * outfile_open; 0, or -1 with the reason in err. */
int savename_open(OutFile *f, const char *dir, const char *prefix, const char *what, int64_t t_end,
                  const char *ending, char *err, size_t errlen);

#endif
