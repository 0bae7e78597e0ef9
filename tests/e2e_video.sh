#!/bin/sh
# e2e_video.sh IZHISCOPE [PNGTOOL] - --video (video.h) as a user runs it:
# decoded by FFmpeg's own command-line tools (ffmpeg, ffprobe: another
# program than the one under test), compared with the headless PNG of the
# same instant, the lossy formats' PSNR, the metadata, bad input, a full
# disk and a killed run. Prints one line per check and
# "e2e video: N passed, N failed". Skips (passes) where ffmpeg is missing.
set -u
. "$(dirname "$0")/e2e_lib.sh"
# The sanitizer builds (make test-asan, test-tsan) as e2e_window.sh runs
# them: the fault injector preloaded before the ASan runtime, no leak
# checking for the window's run only (libX11's allocations kept to exit), and
# ThreadSanitizer's suppressions of third-party libraries (tests/tsan.supp:
# Mesa's, FFmpeg's slice threads).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}suppressions=$(cd "$(dirname "$0")" && pwd)/tsan.supp"
export ASAN_OPTIONS TSAN_OPTIONS
work=$(mktemp -d /tmp/izhi-e2e-video-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
pass=0; fail=0
ok()  { pass=$((pass + 1)); echo "  ok   $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL $1"; }
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else bad "$d"; fi; }
run() { "$@" >"$work/.out" 2>"$work/.err"; rc=$?; out=$(cat "$work/.out"); err=$(cat "$work/.err"); }
has() { printf '%s' "$1" | grep -q -- "$2"; }
clean_dir() { [ -z "$(ls -A "$work" | grep -v '^\.out$\|^\.err$')" ]; }

echo "e2e video: $bin"
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
    echo "  skip (no ffmpeg/ffprobe: sh scripts/deps.sh --test installs them)"
    echo "e2e video: 0 passed, 0 failed"
    exit 0
fi

# the lean izhiscope links no FFmpeg library; izhiscope-gfx does
gfx=$(dirname "$bin")/izhiscope-gfx
check "the lean izhiscope links no libav*; izhiscope-gfx links libavcodec" sh -c \
    "! ldd '$bin' | grep -q libav && ldd '$gfx' | grep -q libavcodec"

# bad input: exit 2, the option named with what it accepts, nothing written
for args in "--video x.avi|--video x.avi: a video is written as .mp4 (H.264), .webm (VP9), .mkv (lossless FFV1) or .png" \
            "--video x.mkv --video-fps 0|--video-fps: 0 is out of range (1 ... 120)" \
            "--video x.mkv --video-fps 500|--video-fps: 500 is out of range (1 ... 120)" \
            "--video x.mkv --video-speed 0|--video-speed: 0 is out of range (1 ... 1000000)" \
            "--video x.mkv --video-size 641x480|--video-size: 641x480: the width and height must be even numbers" \
            "--video x.mkv --video-size 10x10|--video-size: 10 is out of range (480 ... 7680)" \
            "--video x.mkv --video-size big|--video-size: 'big' is not a size WxH" \
            "--video-fps 60|--video-fps has no use with --headless without --video"; do
    a=${args%%|*}; msg=${args#*|}
    # shellcheck disable=SC2086
    run "$bin" --headless --duration 100 $a
    if [ $rc = 2 ] && has "$err" "$msg" && clean_dir; then ok "usage error '$a': exit 2, says '$msg', no file"
    else bad "usage error '$a': rc=$rc err='$err'"; rm -f x.*; fi
done

# frames as RGB bytes, one SHA-256 a frame (ffmpeg decodes; every frame as stored)
frame_hashes() { # FILE W H
    ffmpeg -v error -i "$1" -fps_mode passthrough -f rawvideo -pix_fmt rgb24 - | "$py" -c '
import hashlib, sys
size = int(sys.argv[1]) * int(sys.argv[2]) * 3
data = sys.stdin.buffer.read()
for k in range(len(data) // size):
    print(hashlib.sha256(data[k * size:(k + 1) * size]).hexdigest())
if len(data) % size: print("partial frame")' "$2" "$3"
}

# Lossless: every frame of an FFV1 video is the headless PNG of its instant.
# Frame k shows t = floor(k * 1000 / 10) = 100 k ms (--video-speed 1000,
# --video-fps 10); the PNG is a separate, shorter run stopped at t
# (--video t.png --duration t), written by libpng and decoded by ffmpeg: a
# frame drawn at another instant, with data from after it, or changed by
# the encoder differs. 640x400: a small size (the layout is the same code).
for theme in dark paper; do
    run "$bin" --headless --seed 7 --duration 600 --video-fps 10 --video-speed 1000 --video-size 640x400 \
        --theme $theme --video v.mkv
    check "$theme: --video v.mkv exits 0, says the frames and the encoder ($rc)" sh -c \
        "test $rc = 0 && printf '%s' \"\$1\" | grep -q '^video: 7 frames at 10 fps, 1000 simulated ms per second .* 640x400, ffv1 (FFV1, lossless)$'" _ "$out"
    frame_hashes v.mkv 640 400 >v.sha
    check "$theme: 7 frames decoded (t = 0, 100, ..., 600 ms)" test "$(wc -l <v.sha)" = 7
    for t in 200 400 600; do
        run "$bin" --headless --seed 7 --duration $t --video-size 640x400 --theme $theme --video p$t.png
        k=$((t / 100 + 1))
        frame=$(sed -n "${k}p" v.sha)
        shot=$(frame_hashes p$t.png 640 400)
        check "$theme: frame $((k - 1)) of the FFV1 video is the PNG of t = $t ms, bit for bit" \
            sh -c "test $rc = 0 && test -n '$frame' && test '$frame' = '$shot'"
    done
    # the frames differ from one another (a frozen first frame would pass nothing above, but say so)
    check "$theme: the frames at 200 and 600 ms differ" test "$(sed -n 3p v.sha)" != "$(sed -n 7p v.sha)"
    eval "first_$theme=\$(sed -n 1p v.sha)"
    [ $theme = dark ] && cp v.mkv dark.mkv
    rm -f v.mkv v.sha p*.png
done
# shellcheck disable=SC2154
check "the paper theme's frames are not the dark one's" test "$first_dark" != "$first_paper"

# the container's metadata: the run's parameters (the PNG saves' keys) and the encoder
tags=$(ffprobe -v error -show_entries format_tags -of default=noprint_wrappers=1 dark.mkv)
check "FFV1 .mkv metadata: seed, neurons, noise, scheme, version, fps, speed, encoder" sh -c \
    "printf '%s' \"\$1\" | grep -qi '^TAG:seed=7$' && printf '%s' \"\$1\" | grep -qi '^TAG:neurons=1000$' &&
     printf '%s' \"\$1\" | grep -qi '^TAG:noise_e=5$' && printf '%s' \"\$1\" | grep -qi '^TAG:scheme=paper$' &&
     printf '%s' \"\$1\" | grep -qi '^TAG:version=[0-9]' && printf '%s' \"\$1\" | grep -qi '^TAG:video_fps=10$' &&
     printf '%s' \"\$1\" | grep -qi '^TAG:video_speed_ms=1000$' && printf '%s' \"\$1\" | grep -qi '^TAG:video_encoder=ffv1'" _ "$tags"

# Lossy: H.264 and VP9 frames within PSNR >= 40 dB of the lossless ones
# (RGB, every frame; the worst frame counts)
psnr_min() { # LOSSY LOSSLESS W H
    ffmpeg -v error -i "$1" -fps_mode passthrough -f rawvideo -pix_fmt rgb24 a.raw &&
    ffmpeg -v error -i "$2" -fps_mode passthrough -f rawvideo -pix_fmt rgb24 b.raw &&
    "$py" -c '
import sys, numpy as np
w, h = int(sys.argv[1]), int(sys.argv[2])
a = np.fromfile("a.raw", np.uint8).reshape(-1, h, w, 3).astype(float)
b = np.fromfile("b.raw", np.uint8).reshape(-1, h, w, 3).astype(float)
if len(a) != len(b): print("frames %d and %d" % (len(a), len(b))); sys.exit()
print("%.2f" % min(10 * np.log10(255 ** 2 / max(((x - y) ** 2).mean(), 1e-12)) for x, y in zip(a, b)))' "$3" "$4"
    rm -f a.raw b.raw
}
for f in mp4 webm; do
    run "$bin" --headless --seed 7 --duration 600 --video-fps 10 --video-speed 1000 --video-size 640x400 --video v.$f
    p=$(psnr_min v.$f dark.mkv 640 400)
    enc=$(ffprobe -v error -show_entries format_tags=video_encoder -of default=noprint_wrappers=1:nokey=1 v.$f)
    check ".$f: exit 0, the worst frame's PSNR is >= 40 dB ($p dB; encoder '$enc')" sh -c \
        "test $rc = 0 && \"$py\" -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= 40 else 1)' '$p'"
    check ".$f: its metadata names the encoder and the seed" sh -c \
        "test -n '$enc' && ffprobe -v error -show_entries format_tags -of default=noprint_wrappers=1 v.$f | grep -qi '^TAG:seed=7$'"
    rm -f v.$f
done

# a replay turned into a video: the replayed spikes' frames, the last the replay's PNG
run "$bin" --headless --seed 9 --duration 500 --spikes s.csv
run "$bin" --headless --replay s.csv --duration 500 --video-fps 10 --video-size 640x400 --video r.mkv
frame_hashes r.mkv 640 400 >r.sha
run "$bin" --headless --replay s.csv --duration 500 --video-size 640x400 --video r.png
last=$(sed -n 6p r.sha); shot=$(frame_hashes r.png 640 400)
check "--replay s.csv --video r.mkv: 6 frames (t = 0, 100, ..., 500 ms), the last the replay's PNG at 500 ms" \
    sh -c "test $rc = 0 && test \$(wc -l <r.sha) = 6 && test -n '$last' && test '$last' = '$shot'"
tags=$(ffprobe -v error -show_entries format_tags -of default=noprint_wrappers=1 r.mkv)
check "... its metadata names the replayed file" sh -c "printf '%s' \"\$1\" | grep -qi '^TAG:replay=s.csv$'" _ "$tags"
rm -f s.csv r.mkv r.sha r.png dark.mkv

# nothing half-written: an existing file kept, a full disk, a signal
: >keep.mkv
run "$bin" --headless --duration 100 --video keep.mkv
check "an existing video is kept without --force (exit 1, said)" sh -c \
    "test $rc = 1 && test ! -s keep.mkv && printf '%s' \"\$1\" | grep -q 'keep.mkv'" _ "$err"
rm -f keep.mkv
ln -s /dev/full dev-full.mkv       # a device is written straight into (outfile.h): fails at once
run "$bin" --headless --duration 300 --video-size 640x400 --video dev-full.mkv
check "--video into /dev/full: exit 1, the system's error named" sh -c \
    "test $rc = 1 && printf '%s' \"\$1\" | grep -q 'dev-full.mkv.*No space left on device'" _ "$err"
rm -f dev-full.mkv
mkdir -p full
if mount -t tmpfs -o size=256k tmpfs full 2>/dev/null; then
    run "$bin" --headless --seed 1 --duration 5000 --video full/v.mkv
    check "a full disk: exit 1 ($rc), names the file and the error, leaves nothing" sh -c \
        "test $rc = 1 && printf '%s' \"\$1\" | grep -q 'full/v.mkv.*No space left on device' && test -z \"\$(ls -A full)\"" _ "$err"
    umount full
else
    echo "  skip full disk (cannot mount a tmpfs here)"
fi
rmdir full
# SIGTERM mid-run: exit 143, no video and no temporary; SIGKILL: no video
# under its name (the hidden temporary cannot be removed by a killed process)
for sig in TERM KILL; do
    "$bin" --headless --seed 1 --duration 1000000 --video-size 640x400 --video k.mkv >/dev/null 2>&1 &
    pid=$!
    n=0     # until the video has frames in its temporary (or 60 s x E2E_SLOW)
    while [ $n -lt $((600 * ${E2E_SLOW:-1})) ] && [ "$(find . -maxdepth 1 -name '.k.mkv*' -size +20k | wc -l)" = 0 ]; do sleep 0.1; n=$((n + 1)); done
    kill -$sig $pid; wait $pid 2>/dev/null; rc=$?
    if [ $sig = TERM ]; then
        check "SIGTERM while encoding: exit 143 ($rc), no video, no temporary" sh -c "test $rc = 143 && test -z \"\$(ls -A . | grep -v '^\\.out$\\|^\\.err$')\""
    else
        check "SIGKILL while encoding: no k.mkv ($rc)" test ! -e k.mkv
    fi
    rm -f .k.mkv*
done

# ---- O in the window: the view recorded, frames at exact simulated times ----
# A window under a private Xvfb records with O (--video-format mkv:
# lossless) while its frames are slowed (the fault injector makes
# SDL_RenderClear sleep 150 ms: the window drops to ~6 fps while the video
# asks for 10 frames a simulated second); the frames are still those of
# their instants: frame k is the headless PNG of t0 + 100 k ms (t0 from the
# video's metadata, the same seed), bit for bit.
fault_lib=${FAULT_LIB:-$(dirname "$bin")/libfault.so}
if command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1 && [ -f "$fault_lib" ]; then
    . "$tests_dir/../scripts/xvfb.sh"
    xvfb_start 70 1400x1000x24
    unset SDL_VIDEODRIVER
    status=$work/status
    st() { sed -n "s/^$1 //p" "$status" 2>/dev/null; }
    wait_for() { # WHAT CMD...: every 0.05 s, at most 60 s x E2E_SLOW
        what=$1; shift; n=$((1200 * ${E2E_SLOW:-1}))
        while ! "$@" >/dev/null 2>&1; do
            n=$((n - 1)); [ "$n" -gt 0 ] || { bad "timed out waiting for $what"; return 1; }; sleep 0.05
        done
    }
    at_least() { v=$(st "$1"); [ -n "$v" ] && [ "$v" -ge "$2" ]; }
    env --default-signal ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" IZHISCOPE_TEST_STATUS="$status" IZHISCOPE_TEST_FPS="${E2E_FPS:-}" \
        IZHI_FAULT_CLEAR_DELAY_MS=150 \
        LD_PRELOAD="$fault_lib" "$bin" --seed 11 --video-size 640x400 --video-fps 10 --video-format mkv >app.out 2>app.err &
    app=$!
    if wait_for "the first frame" at_least frames 1 &&
       wait_for "the window" sh -c "xdotool search --pid $app --name '^izhiscope' >/dev/null" &&
       wait_for "300 ms simulated" at_least sim_ms 300; then
        wid=$(xdotool search --pid $app --name '^izhiscope' | tail -n 1)
        xdotool windowfocus --sync "$wid" 2>/dev/null
        xdotool key o
        wait_for "the recording to start" grep -q '^recording the view to' app.out
        t_on=$(st sim_ms)
        wait_for "1.5 s more simulated" at_least sim_ms $((t_on + 1500))
        xdotool key o
        wait_for "the video saved" grep -q '^saved .*izhiscope-video.*\.mkv: [0-9]* frames' app.out
        xdotool key q; wait $app; rc=$?
        vid=$(sed -n 's/^saved \(.*izhiscope-video.*\.mkv\): .*/\1/p' app.out | tail -n 1)
        t0=$(ffprobe -v error -show_entries format_tags=video_t0_ms -of default=noprint_wrappers=1:nokey=1 "$vid")
        frame_hashes "$vid" 640 400 >w.sha
        nf=$(wc -l <w.sha)
        check "O, O: exit 0 ($rc), $vid saved with $nf frames from t0 = $t0 ms ($(grep -o '[0-9.]* fps)' app.out | head -n 1) drawn)" \
            sh -c "test $rc = 0 && test -n '$t0' && test $nf -ge 15"
        same=0 first_bad=""
        for k in $(seq 0 $((nf - 1))); do
            t=$((t0 + 100 * k))
            "$bin" --headless --seed 11 --duration $t --video-size 640x400 --video w.png >/dev/null 2>&1
            if [ "$(sed -n "$((k + 1))p" w.sha)" = "$(frame_hashes w.png 640 400)" ]; then same=$((same + 1))
            elif [ -z "$first_bad" ]; then first_bad=" (first differing: frame $k, t = $t ms)"; fi
            rm -f w.png
        done
        check "every frame k of the window's video is the headless PNG of t0 + 100 k ms, bit for bit ($same of $nf$first_bad)" \
            test "$same" = "$nf"
        rm -f "$vid" w.sha
    else
        kill $app 2>/dev/null
    fi
    kill "$xvfb" 2>/dev/null
else
    echo "  skip the window's O (no Xvfb, xdotool or $fault_lib)"
fi

echo "e2e video: $pass passed, $fail failed"
[ $fail = 0 ]
