#!/bin/sh
# docs.sh IZHISCOPE - regenerate every image in docs/ (make docs), from fixed
# seeds: the paper's figure headless, and the window under a private Xvfb at
# 1280x800, driven with xdotool and saved with the program's own S (the
# window's pixels, as a user's save). The window runs in real time, so its
# pictures show the same network and changes at slightly different moments
# from one regeneration to the next.
set -eu
bin=$1
out=docs
mkdir -p "$out"
work=$(mktemp -d /tmp/izhi-docs-XXXXXX)
xvfb=""
cleanup() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "docs: fig3-seed2003.png (headless)"
"$bin" --headless --seed 2003 --export "$out/fig3-seed2003.png" --force >/dev/null

. "$(dirname "$0")/xvfb.sh"
xvfb_start 150 1280x800x24

# window SECONDS_BEFORE_SAVE NAME OPTIONS... [-- KEYS_WITH_PAUSES...]
# KEYS: xdotool key names, "sleep:S", "move:X:Y" (the pointer to X, Y in the
# window) or "shiftwheel:N" (N wheel steps up with Shift held, where the pointer is)
window() {
    secs=$1; name=$2; shift 2
    opts=""; keys=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts="$opts $1"; shift; done
    [ "${1:-}" = "--" ] && { shift; keys="$*"; }
    echo "docs: $name (the window, $secs s)"
    # shellcheck disable=SC2086
    "$bin" --out-dir "$work" $opts >"$work/app.out" 2>&1 &
    app=$!
    wid=$(timeout 30 xdotool search --sync --name '^izhiscope' | head -n 1)
    xdotool windowsize --sync "$wid" 1280 800 2>/dev/null || true
    xdotool windowmove "$wid" 0 0 2>/dev/null || true
    xdotool mousemove 1270 6     # the status line: no hover readout in the picture
    start=$(date +%s)
    for k in $keys; do
        case $k in
            sleep:*) sleep "${k#sleep:}" ;;
            move:*) xy=${k#move:}; xdotool mousemove --window "$wid" "${xy%%:*}" "${xy#*:}" ;;
            shiftwheel:*) xdotool keydown shift click --repeat "${k#shiftwheel:}" --delay 30 4 keyup shift ;;
            *) xdotool key --window "$wid" "$k" ;;
        esac
    done
    left=$((secs - ($(date +%s) - start)))
    [ "$left" -gt 0 ] && sleep "$left"
    xdotool key --window "$wid" s
    sleep 1
    xdotool key --window "$wid" Escape
    wait "$app" || true
    saved=$(sed -n 's/^saved \(.*izhiscope-screen.*\.png\).*/\1/p' "$work/app.out" | tail -n 1)
    [ -n "$saved" ] && [ -s "$saved" ] || { echo "docs: no window save for $name" >&2; cat "$work/app.out" >&2; exit 1; }
    cp "$saved" "$out/$name"
}

# The README's pictures: seed 2003 after ~10 s; the same seed with an 8 s view and
# sigma_E raised from 5 to 10 by ten presses of Up, ~0.4 s apart, from 4.9 s on.
window 10 window.png --seed 2003
window 11 window-sigma10.png --seed 2003 --window 8000 -- sleep:4.9 \
    Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 \
    Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 Up
# the map panel (A), complete (441 points, ~5-10 s on this machine), then sigma_E 5 -> 7, sigma_I 2 -> 3: the trail
window 20 window-map.png --seed 2003 -- a sleep:10 Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 Up sleep:0.4 shift+Up sleep:0.4 shift+Up
# a neuron's card (issue 20): the neuron axis zoomed in by 14 Shift+wheel steps around
# the raster's row of neuron ~400, then the pointer resting on one neuron's row
window 6 window-neuron-card.png --seed 2003 -- sleep:3 move:514:250 shiftwheel:14 sleep:0.3 move:420:252 sleep:1.5
# the analysis panel (D): the measures of the 1 s shown, paused at ~5.3 s so
# that its chi and locking (the session re-simulated in the background) are in
window 8 window-analysis.png --seed 2003 -- d sleep:5.3 space
echo "docs: wrote $out/fig3-seed2003.png $out/window.png $out/window-sigma10.png $out/window-map.png $out/window-neuron-card.png $out/window-analysis.png"
