/*
 * keys_sdl.c - SDL's key codes onto the key table's (see keys_sdl.h).
 */
#include "keys_sdl.h"

KeySym keys_from_sdl(SDL_Keycode sym)
{
    switch (sym) {
    case SDLK_UP: return KEYS_UP;
    case SDLK_DOWN: return KEYS_DOWN;
    case SDLK_LEFT: return KEYS_LEFT;
    case SDLK_RIGHT: return KEYS_RIGHT;
    case SDLK_HOME: return KEYS_HOME;
    case SDLK_END: return KEYS_END;
    case SDLK_F1: return KEYS_F1;
    case SDLK_KP_PERIOD: return KEYS_KP_PERIOD;
    case SDLK_KP_0: return KEYS_KP_0;
    case SDLK_KP_1: return KEYS_KP_1;
    case SDLK_KP_PLUS: return KEYS_KP_PLUS;
    case SDLK_KP_MINUS: return KEYS_KP_MINUS;
    case SDLK_PAGEUP: return KEYS_PAGEUP;
    case SDLK_PAGEDOWN: return KEYS_PAGEDOWN;
    default:
        /* SDL's code of a letter (lower case), digit, sign or Esc is its
         * ASCII code, as the table's; the rest carry SDLK_SCANCODE_MASK */
        return sym > 0 && sym < 128 ? (KeySym)sym : 0;
    }
}
