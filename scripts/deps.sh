#!/bin/sh
# deps.sh - install what izhiscope needs to build (and, with --test, to
# test) on Debian/Ubuntu; elsewhere, say which packages to install.
# Checks first, so a machine that has everything is left alone.
set -eu

want_test=0 want_fuzz=0 want_mpi=0
[ "${1:-}" = "--test" ] && want_test=1 && want_mpi=1     # make test runs the MPI build too
[ "${1:-}" = "--fuzz" ] && want_fuzz=1
[ "${1:-}" = "--mpi" ] && want_mpi=1

missing=""
need_pkg() { # pkg-config-name debian-package
    pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() { # command debian-package
    command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
need_pkg sdl2 libsdl2-dev
need_pkg SDL2_ttf libsdl2-ttf-dev
need_pkg libpng libpng-dev
need_pkg fftw3 libfftw3-dev
need_pkg zlib zlib1g-dev         # NumPy's compressed .npz (replay.c)
need_pkg hdf5 libhdf5-dev        # SONATA spike files (izhiscope-gfx only)
need_pkg cairo-ft libcairo2-dev  # SVG and PDF figures (izhiscope-gfx only)
need_pkg libavcodec libavcodec-dev    # videos, --video (izhiscope-gfx only)
need_pkg libavformat libavformat-dev
need_pkg libavutil libavutil-dev
need_pkg libswscale libswscale-dev
if [ "$want_test" = 1 ]; then
    need_pkg cmocka libcmocka-dev
    need_cmd Xvfb xvfb
    need_cmd xdotool xdotool
    need_pkg x11 libx11-dev
    need_cmd python3 python3        # README's tables made by scripts are checked against them
    need_cmd desktop-file-validate desktop-file-utils   # the install test
    need_cmd mandoc mandoc
    need_cmd man man-db
    need_cmd rsvg-convert librsvg2-bin   # SVG and PDF figures, drawn by independent renderers
    need_cmd pdftoppm poppler-utils
    need_cmd ffmpeg ffmpeg               # videos decoded by FFmpeg's own tools (e2e_video.sh)
    need_cmd ffprobe ffmpeg
    # the independent readers, for the python3 the tests use: Debian's
    # /usr/bin/python3 first (one earlier on PATH, pyenv's, may lack them)
    py=python3; [ -x /usr/bin/python3 ] && py=/usr/bin/python3
    "$py" -c 'import h5py' 2>/dev/null || missing="$missing python3-h5py"   # the SONATA files' reader
    "$py" -c 'import numpy' 2>/dev/null || missing="$missing python3-numpy"
    "$py" -c 'import pandas' 2>/dev/null || missing="$missing python3-pandas"
    # ThreadSanitizer/ASan runtimes come with gcc (libtsan2, libasan8)
    [ -n "$(gcc -print-file-name=libtsan.so 2>/dev/null | grep /)" ] || missing="$missing libtsan2"
fi

if [ "$want_mpi" = 1 ]; then
    need_cmd mpicc libopenmpi-dev
    need_cmd mpirun openmpi-bin
fi

if [ "$want_fuzz" = 1 ]; then
    need_cmd clang clang
    # libFuzzer's runtime
    [ -n "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null | grep /)" ] &&
        [ -e "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] ||
        ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
        missing="$missing libclang-rt-14-dev"
fi

[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    echo "deps: installing$missing (with sudo)" >&2
    sudo apt-get update -qq >&2
    # shellcheck disable=SC2086
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
else
    echo "deps: please install these packages (Debian names):$missing" >&2
    exit 1
fi
