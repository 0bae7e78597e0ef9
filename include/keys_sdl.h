/*
 * keys_sdl.h - SDL's key codes onto the key table's own (keys.h), so that
 * the table builds without SDL (the lean izhiscope lists it in --help).
 */
#ifndef IZHI_KEYS_SDL_H
#define IZHI_KEYS_SDL_H

#include <SDL.h>

#include "keys.h"

/* The KeySym of an SDL key code, or 0 for a key the table does not name. */
KeySym keys_from_sdl(SDL_Keycode sym);

#endif
