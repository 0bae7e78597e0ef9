# e2e_lib.sh - sourced by the end-to-end scripts, with "$1" the program and
# "$2" (optional) the PNG inspector: sets $bin and $png to absolute paths and
# tells sanitizer builds (build/asan, build/tsan) where assets/ is; the plain
# build finds it next to itself, as an installed one does.
tests_dir=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
png=${2:-$(dirname "$bin")/pngtool}
png=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
if [ ! -d "$(dirname "$bin")/../assets" ] && [ -z "${IZHISCOPE_ASSETS:-}" ]; then
    IZHISCOPE_ASSETS=$(cd "$(dirname "$0")/.." && pwd)/assets
    export IZHISCOPE_ASSETS
fi
if [ -n "${FAULT_LIB:-}" ] && [ -f "$FAULT_LIB" ]; then
    FAULT_LIB=$(cd "$(dirname "$FAULT_LIB")" && pwd)/$(basename "$FAULT_LIB")
fi
# py: a python3 with the independent readers (numpy, pandas, h5py). Debian's
# /usr/bin/python3 first: a python3 earlier on PATH (pyenv, a venv) may lack
# them, and their checks would be skipped.
py=python3
if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; fi
