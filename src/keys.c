/*
 * keys.c - the window's key table (see keys.h).
 */
#include "keys.h"

#include <stdio.h>

#include "plot_panels.h"

#define SIGMA "\xcf\x83"
#define MINUS "\xe2\x88\x92"

const KeyCommand KEYS[] = {
    { "Space", "pause / resume", KEY_PAUSE, 0, { { ' ', KEYS_ANY_SHIFT } } },
    { ".", "one 1 ms step while paused", KEY_STEP, 0,
      { { '.', KEYS_ANY_SHIFT }, { KEYS_KP_PERIOD, KEYS_ANY_SHIFT } } },
    { "Up", SIGMA "E + 0.5 (within --noise-e's range)", KEY_NOISE_E, 1, { { KEYS_UP, KEYS_NO_SHIFT } } },
    { "Down", SIGMA "E " MINUS " 0.5", KEY_NOISE_E, -1, { { KEYS_DOWN, KEYS_NO_SHIFT } } },
    { "Shift+Up", SIGMA "I + 0.5", KEY_NOISE_I, 1, { { KEYS_UP, KEYS_SHIFT } } },
    { "Shift+Down", SIGMA "I " MINUS " 0.5", KEY_NOISE_I, -1, { { KEYS_DOWN, KEYS_SHIFT } } },
    { "0", SIGMA "E and " SIGMA "I back to their starting values (5 and 2 unless given), and the knobs below",
      KEY_NOISE_RESET, 0, { { '0', KEYS_ANY_SHIFT }, { KEYS_KP_0, KEYS_ANY_SHIFT } } },
    { "E", "excitatory weight scale gE + 0.05 (--weight-e)", KEY_WEIGHT_E, 1, { { 'e', KEYS_NO_SHIFT } } },
    { "Shift+E", "gE " MINUS " 0.05 (not below 0)", KEY_WEIGHT_E, -1, { { 'e', KEYS_SHIFT } } },
    { "I", "inhibitory weight scale gI + 0.1 (--weight-i)", KEY_WEIGHT_I, 1, { { 'i', KEYS_NO_SHIFT } } },
    { "Shift+I", "gI " MINUS " 0.1 (not below 0)", KEY_WEIGHT_I, -1, { { 'i', KEYS_SHIFT } } },
    { "C", "constant current into the excitatory neurons JE + 0.5 (--current-e)", KEY_CURRENT_E, 1,
      { { 'c', KEYS_NO_SHIFT } } },
    { "Shift+C", "JE " MINUS " 0.5", KEY_CURRENT_E, -1, { { 'c', KEYS_SHIFT } } },
    { "V", "constant current into the inhibitory neurons JI + 0.5 (--current-i)", KEY_CURRENT_I, 1,
      { { 'v', KEYS_NO_SHIFT } } },
    { "Shift+V", "JI " MINUS " 0.5", KEY_CURRENT_I, -1, { { 'v', KEYS_SHIFT } } },
    { "K", "the stimulus (--stim-neurons, --stim-amp, ...) on / off; its rows and span are marked", KEY_STIM, 0,
      { { 'k', KEYS_ANY_SHIFT } } },
    { "+", "speed \xc3\x97 2 (1/16\xc3\x97 ... 64\xc3\x97, then max: as fast as possible)", KEY_SPEED, 1,
      { { '+', KEYS_ANY_SHIFT }, { KEYS_KP_PLUS, KEYS_ANY_SHIFT }, { '=', KEYS_SHIFT } } },
    { MINUS, "speed \xc3\xb7 2", KEY_SPEED, -1,
      { { '-', KEYS_ANY_SHIFT }, { KEYS_KP_MINUS, KEYS_ANY_SHIFT } } },
    { "1", "real time again", KEY_SPEED_ONE, 0, { { '1', KEYS_ANY_SHIFT }, { KEYS_KP_1, KEYS_ANY_SHIFT } } },
    { "R", "restart with the same seed, the starting noise and knobs; ends the recordings (the files keep the run so far)",
      KEY_RESTART, 0, { { 'r', KEYS_NO_SHIFT } } },
    { "Shift+R", "restart with a new seed (printed), the starting noise and knobs; ends the recordings too", KEY_RESTART, 1,
      { { 'r', KEYS_SHIFT } } },
    { "S", "save the window as PNG", KEY_SAVE_SCREEN, 0, { { 's', KEYS_ANY_SHIFT } } },
    { "F", "export the figure of the shown span (--figure; --figure-format: PNG, SVG, PDF)", KEY_SAVE_FIGURE, 0,
      { { 'f', KEYS_ANY_SHIFT } } },
    { "O", "record the view to a video (--video-format, --video-size, --video-fps, --video-speed) / stop: frame k shows"
      " simulated time start + k \xc3\x97 speed / fps, drawn from the history (not the screen)", KEY_VIDEO, 0,
      { { 'o', KEYS_ANY_SHIFT } } },
    { "P", "population rate strip on / off", KEY_PANEL, PLOT_PANEL_RATE, { { 'p', KEYS_ANY_SHIFT } } },
    { "G", "spectrogram strip on / off", KEY_PANEL, PLOT_PANEL_SPECTROGRAM, { { 'g', KEYS_ANY_SHIFT } } },
    { "W", "spectrum panel (Welch) on / off", KEY_PANEL, PLOT_PANEL_SPECTRUM, { { 'w', KEYS_ANY_SHIFT } } },
    { "M", "event markers on / off", KEY_PANEL, PLOT_PANEL_MARKERS, { { 'm', KEYS_ANY_SHIFT } } },
    { "A", "the rhythm map (" SIGMA "E \xc3\x97 " SIGMA "I, computed while the network runs, or --map's) on / off",
      KEY_MAP, 0, { { 'a', KEYS_ANY_SHIFT } } },
    { "D", "the analysis panel (ISI and rate histograms, CV, Fano factor, correlograms, the E\xe2\x80\x93I lag, "
      "chi and the locking of the span shown) on / off", KEY_ANALYSIS, 0, { { 'd', KEYS_ANY_SHIFT } } },
    { "L", "spectrum length: 2, 4, 8, 16 s", KEY_SPECTRUM_LENGTH, 0, { { 'l', KEYS_ANY_SHIFT } } },
    { "Left", "view back in time (a tenth of the span; also the wheel, or drag)", KEY_PAN, -1,
      { { KEYS_LEFT, KEYS_ANY_SHIFT } } },
    { "Right", "view forward in time", KEY_PAN, 1, { { KEYS_RIGHT, KEYS_ANY_SHIFT } } },
    { "]", "zoom in: a shorter span (down to 50 ms; also Ctrl+wheel)", KEY_ZOOM, -1,
      { { ']', KEYS_ANY_SHIFT } } },
    { "[", "zoom out: a longer span (up to all that is kept)", KEY_ZOOM, 1, { { '[', KEYS_ANY_SHIFT } } },
    { "Home", "view the oldest time kept", KEY_OLDEST, 0, { { KEYS_HOME, KEYS_ANY_SHIFT } } },
    { "End", "back to live", KEY_LIVE, 0, { { KEYS_END, KEYS_ANY_SHIFT } } },
    { "N", "zoom in on the neuron axis: half the rows, around the pointer's (down to 10; also Shift+wheel "
      "over the raster, or the wheel over its neuron numbers)", KEY_ROWS_ZOOM, -1, { { 'n', KEYS_NO_SHIFT } } },
    { "Shift+N", "zoom out on the neuron axis: twice the rows", KEY_ROWS_ZOOM, 1, { { 'n', KEYS_SHIFT } } },
    { "PageUp", "the neuron axis up: higher neuron numbers (half the rows; also drag the neuron numbers)",
      KEY_ROWS_PAN, 1, { { KEYS_PAGEUP, KEYS_ANY_SHIFT } } },
    { "PageDown", "the neuron axis down", KEY_ROWS_PAN, -1, { { KEYS_PAGEDOWN, KEYS_ANY_SHIFT } } },
    { "Z", "every neuron on the axis again", KEY_ROWS_ALL, 0, { { 'z', KEYS_ANY_SHIFT } } },
    { "X", "trace only the newest traced neuron again", KEY_TRACE_CLEAR, 0, { { 'x', KEYS_ANY_SHIFT } } },
    { "U", "the trace strip: v(t), u(t), then I(t) (the input of the v update) of the traced neurons", KEY_TRACE_WHAT, 0,
      { { 'u', KEYS_ANY_SHIFT } } },
    { "B", "the control bar (buttons, sliders) shown / hidden", KEY_BAR, 0, { { 'b', KEYS_ANY_SHIFT } } },
    { "H, F1, ?", "this help; again: its next page, or closes it (so does Esc)", KEY_HELP, 0,
      { { 'h', KEYS_ANY_SHIFT }, { KEYS_F1, KEYS_ANY_SHIFT }, { '?', KEYS_ANY_SHIFT },
        { '/', KEYS_SHIFT } } },
    { "Esc, Q", "quit (closing the window too; Esc first closes the help)", KEY_QUIT, 0,
      { { KEYS_ESCAPE, KEYS_ANY_SHIFT }, { 'q', KEYS_ANY_SHIFT } } },
    { "click a raster row", "trace that neuron too (up to 4, each its colour, its row marked; a fifth drops the oldest)",
      KEY_NONE, 0, { { 0, 0 } } },
    { "Shift+drag over rows", "the stimulus's neurons: the rows from the press to the release (K: on / off)",
      KEY_NONE, 0, { { 0, 0 } } },
    { "click a map cell", "move the live network there (" SIGMA "E, " SIGMA "I set: events); hover it: its rates and rhythm",
      KEY_NONE, 0, { { 0, 0 } } },
    { "hover", "the raster: the spike under the pointer, else the neurons of that pixel row, and the time "
      "(a row of one neuron: its spike nearest the pointer); the spectrum: frequency and power",
      KEY_NONE, 0, { { 0, 0 } } },
    { "rest on a neuron", "its card: a, b, c, d and r, its Fig. 2 type, rate and ISI CV over the span shown",
      KEY_NONE, 0, { { 0, 0 } } },
};
const int KEYS_COUNT = (int)(sizeof KEYS / sizeof KEYS[0]);

const KeyCommand *keys_find(KeySym sym, int shift_down)
{
    for (int i = 0; i < KEYS_COUNT; i++)
        for (const KeyBind *b = KEYS[i].bind; b < KEYS[i].bind + 4 && b->sym; b++)
            if (b->sym == sym && (b->shift == KEYS_ANY_SHIFT || b->shift == (shift_down != 0))) return &KEYS[i];
    return NULL;
}

const KeyCommand *keys_command(KeyAction a, int arg)
{
    for (int i = 0; i < KEYS_COUNT; i++)
        if (KEYS[i].action == a && KEYS[i].arg == arg) return &KEYS[i];
    return NULL;
}

size_t keys_text(char *out, size_t len, int markdown)
{
    size_t at = 0;
    for (int i = 0; i < KEYS_COUNT && at < len; i++) {
        int w;
        if (markdown) {
            w = snprintf(out + at, len - at, "| %s | %s |\n", KEYS[i].keys, KEYS[i].help);
        } else {
            /* pad to 22 columns: count characters, not UTF-8 bytes */
            int cols = 0;
            for (const char *c = KEYS[i].keys; *c; c++) cols += (*c & 0xC0) != 0x80;
            w = snprintf(out + at, len - at, "  %s%*s %s\n", KEYS[i].keys, cols < 22 ? 22 - cols : 0, "",
                         KEYS[i].help);
        }
        if (w < 0) break;
        at += (size_t)w;
    }
    return at < len ? at : len;
}
