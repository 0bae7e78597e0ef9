/*
 * keys.h - the window's key table: every key, what it does and its help
 * text, in ONE table. The key handler and the help overlay walk it, and so
 * do --help's key list and the README's key table (checked by test_keys),
 * so none of them can drift from what the keys do.
 *
 * No SDL here: the table is part of the lean izhiscope's option parser
 * (--help lists it), which builds without SDL's headers. Keys are named by
 * KeySym, izhiscope's own codes; keys_sdl.h maps SDL's onto them.
 */
#ifndef IZHI_KEYS_H
#define IZHI_KEYS_H

#include <stddef.h>
#include <stdint.h>

typedef enum KeyAction {
    KEY_NONE = 0,           /* a help row with no key (the mouse) */
    KEY_QUIT,
    KEY_PAUSE,
    KEY_STEP,
    KEY_NOISE_E,            /* arg: +1 or -1 steps of KEYS_NOISE_STEP */
    KEY_NOISE_I,
    KEY_NOISE_RESET,
    KEY_SPEED,              /* arg: +1 twice as fast, -1 half */
    KEY_SPEED_ONE,
    KEY_RESTART,            /* arg: 0 same seed, 1 a new one */
    KEY_SAVE_SCREEN,
    KEY_SAVE_FIGURE,
    KEY_PANEL,              /* arg: a PLOT_PANEL_* bit (plot_panels.h) */
    KEY_SPECTRUM_LENGTH,
    KEY_HELP,
    KEY_PAN,                /* arg: -1 back in time, +1 forward (a tenth of the span) */
    KEY_ZOOM,               /* arg: -1 narrower span, +1 wider */
    KEY_OLDEST,             /* view the oldest time kept */
    KEY_LIVE,               /* back to the live edge */
    KEY_BAR,                /* the mouse's control bar shown / hidden */
    KEY_WEIGHT_E,           /* arg: +1 or -1 steps of KEYS_WEIGHT_E_STEP (docs/model.md "Knobs") */
    KEY_WEIGHT_I,           /* arg: +1 or -1 steps of KEYS_WEIGHT_I_STEP */
    KEY_CURRENT_E,          /* arg: +1 or -1 steps of KEYS_CURRENT_STEP */
    KEY_CURRENT_I,
    KEY_STIM,               /* the stimulus on / off */
    KEY_MAP,                /* the map panel (map.h) shown / hidden */
    KEY_ROWS_ZOOM,          /* arg: -1 fewer neurons on the axis (larger rows), +1 more (view.h) */
    KEY_ROWS_PAN,           /* arg: +1 toward higher neuron numbers, -1 lower (half the rows shown) */
    KEY_ROWS_ALL,           /* every neuron on the axis again */
    KEY_ANALYSIS,           /* the analysis panel (anapanel.h) shown / hidden */
    KEY_VIDEO,              /* the view recorded to a video (video.h) / stopped */
    KEY_TRACE_CLEAR,        /* back to one traced neuron, the newest */
    KEY_TRACE_WHAT,         /* the trace strip: v(t), u(t), I(t) in turn */
} KeyAction;

/* A key: a letter (lower case), digit or sign is its ASCII code, as in
 * SDL; the others are these. */
typedef int32_t KeySym;
enum {
    KEYS_ESCAPE = 27,
    KEYS_UP = 0x10000,
    KEYS_DOWN,
    KEYS_LEFT,
    KEYS_RIGHT,
    KEYS_HOME,
    KEYS_END,
    KEYS_F1,
    KEYS_KP_PERIOD,               /* the keypad's */
    KEYS_KP_0,
    KEYS_KP_1,
    KEYS_KP_PLUS,
    KEYS_KP_MINUS,
    KEYS_PAGEUP,
    KEYS_PAGEDOWN,
};

/* How a key must be pressed: Shift must be up, down, or either. */
enum { KEYS_NO_SHIFT = 0, KEYS_SHIFT = 1, KEYS_ANY_SHIFT = 2 };

typedef struct KeyBind {
    KeySym sym;             /* 0 ends the list */
    int shift;
} KeyBind;

typedef struct KeyCommand {
    const char *keys;       /* as shown: "Shift+Up" */
    const char *help;       /* UTF-8 */
    KeyAction action;
    int arg;
    KeyBind bind[4];
} KeyCommand;

#define KEYS_NOISE_STEP 0.5f
#define KEYS_WEIGHT_E_STEP 0.05      /* a tenth of the paper's g_E */
#define KEYS_WEIGHT_I_STEP 0.1       /* a tenth of the paper's g_I */
#define KEYS_CURRENT_STEP 0.5

extern const KeyCommand KEYS[];
extern const int KEYS_COUNT;

/* The command bound to a key press, or NULL. */
const KeyCommand *keys_find(KeySym sym, int shift_down);
/* The command with this action and argument (a button's), or NULL. */
const KeyCommand *keys_command(KeyAction a, int arg);
/* The table as text: "  KEYS  HELP" lines for --help (markdown 0), or the
 * README's markdown table rows "| KEYS | HELP |" (markdown 1). Returns the
 * length written (truncated to len). */
size_t keys_text(char *out, size_t len, int markdown);

#endif
