/*
 * gfx_linked.c - in `izhiscope-gfx` (and the MPI build): the graphics are
 * linked in, nothing to hand over (gfx_none.c is the lean binary's).
 */
#include "app.h"

int app_have_graphics(void) { return 1; }
