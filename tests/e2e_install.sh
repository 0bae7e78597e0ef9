#!/bin/sh
# e2e_install.sh - `make install` into a temporary DESTDIR with a prefix
# that does not exist on this machine: the installed izhiscope, run from
# another folder, finds izhiscope-gfx and its font relative to itself (also
# after the tree is moved elsewhere); the desktop entry passes
# desktop-file-validate, the manual page mandoc's lint and man -l, and lists
# every option of --help; make uninstall removes every file it installed.
# Then a prefix with a space, installed for real: quoted paths, the folders
# compiled in following PREFIX, the desktop entry's absolute Exec.
# The library (issue 21): libizhiscope.so (its soname, only izhi_* exported)
# and .a, izhiscope.h, izhiscope.pc and the Python module installed;
# docs/example.c built from a fresh folder through pkg-config against the
# installed library (shared and static) gives the program's spike count;
# the module found by Debian's python3 for /usr and /usr/local, and by
# PYTHONPATH elsewhere (the installed library found beside it, or at the
# path written into it), its whole suite (tests/e2e_python.sh) run against
# the installed module.
# Run from the repository root after `make` (make test-install).
set -u
root=$(pwd)
work=$(mktemp -d /tmp/izhi-install-XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
check() { d=$1; shift; if "$@"; then pass=$((pass + 1)); echo "  ok   $d"; else fail=$((fail + 1)); echo "  FAIL $d"; fi; }
prefix=/opt/izhiscope-test-prefix
dest=$work/stage
echo "e2e install: make install DESTDIR=$dest PREFIX=$prefix"
make --no-print-directory -s install DESTDIR="$dest" PREFIX="$prefix" >"$work/install.log" 2>&1
check "make install: exit 0" test $? = 0
inst=$dest$prefix
for f in bin/izhiscope libexec/izhiscope/izhiscope-gfx share/izhiscope/DejaVuSans.ttf \
         share/man/man1/izhiscope.1 share/applications/izhiscope.desktop \
         share/icons/hicolor/scalable/apps/izhiscope.svg; do
    check "installed $f" test -s "$inst/$f"
done
# run from another folder, with no assets/ near it and no IZHISCOPE_ASSETS
mkdir -p "$work/elsewhere"
cd "$work/elsewhere" || exit 1
unset IZHISCOPE_ASSETS
"$inst/bin/izhiscope" --headless --seed 3 --duration 300 --spikes s.csv >out.txt 2>err.txt
check "installed, headless from another folder: exit 0, spikes written" test $? = 0 -a -s s.csv
"$inst/bin/izhiscope" --headless --seed 3 --duration 300 --export f.png >out.txt 2>err.txt
check "installed, --export: handed to libexec/izhiscope/izhiscope-gfx, the font found, the figure written" \
    sh -c "test -s f.png && ! grep -q 'cannot' err.txt"
"$root/build/izhiscope" --headless --seed 3 --duration 300 --export g.png >/dev/null 2>&1
check "... the same figure as the build tree's, byte for byte" cmp -s f.png g.png
"$inst/bin/izhiscope" --headless --seed 3 --duration 300 --export f.svg >/dev/null 2>err.txt
"$root/build/izhiscope" --headless --seed 3 --duration 300 --export g.svg >/dev/null 2>&1
check "installed, --export f.svg: the build tree's SVG, byte for byte (cairo linked, the font found)" \
    sh -c "test -s f.svg && cmp -s f.svg g.svg"
# the whole tree moved: still found, relative to the executable
mv "$inst" "$work/moved"
"$work/moved/bin/izhiscope" --headless --seed 3 --duration 300 --export m.png --force >out.txt 2>err.txt
check "the installed tree moved elsewhere: --export still works" sh -c "test -s m.png && cmp -s m.png g.png"
mv "$work/moved" "$inst"
# the desktop entry and the manual page
check "desktop-file-validate: no error" desktop-file-validate "$inst/share/applications/izhiscope.desktop"
# a menu's PATH may not hold PREFIX/bin: the entry runs the installed
# program by its absolute path, with --menu (S and F into ~/izhiscope) and
# the file opened with it (%f; izhiscope FILE replays it), for CSV and HDF5
check "the desktop entry: Exec=\"$prefix/bin/izhiscope\" --menu %f" \
    grep -qxF "Exec=\"$prefix/bin/izhiscope\" --menu %f" "$inst/share/applications/izhiscope.desktop"
check "... MimeType: text/csv, application/x-hdf (SONATA .h5)" \
    grep -qx 'MimeType=text/csv;application/x-hdf;application/x-hdf5;' "$inst/share/applications/izhiscope.desktop"
check "mandoc -T lint: no warning" mandoc -T lint -W warning "$inst/share/man/man1/izhiscope.1"
MANWIDTH=100 man -l "$inst/share/man/man1/izhiscope.1" >man.txt 2>/dev/null
check "man -l renders it (NAME, OPTIONS, KEYS, FILES, LIBRARY AND PYTHON MODULE, EXIT STATUS, EXAMPLES)" \
    sh -c "for s in NAME OPTIONS KEYS FILES 'LIBRARY AND PYTHON MODULE' 'EXIT STATUS' EXAMPLES; do grep -q \"^\$s\" man.txt || exit 1; done"
"$root/build/izhiscope" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p' > opts.txt
missing=$(while read -r o; do grep -q -- "^       $o" man.txt || echo "$o"; done < opts.txt)
check "every option of --help is in the manual page ($(wc -l < opts.txt) options)" test -z "$missing"
# the library, its header, pkg-config file and the Python module
pyver=$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
pydir=lib/python$pyver/dist-packages
for f in lib/libizhiscope.so.0.1.0 lib/libizhiscope.a include/izhiscope.h lib/pkgconfig/izhiscope.pc \
         $pydir/izhiscope/__init__.py $pydir/izhiscope/_libpath.py; do
    check "installed $f" test -s "$inst/$f"
done
check "installed lib/libizhiscope.so.0 and lib/libizhiscope.so: links to libizhiscope.so.0.1.0" sh -c \
    "test \"\$(readlink '$inst/lib/libizhiscope.so.0')\" = libizhiscope.so.0.1.0 && test \"\$(readlink '$inst/lib/libizhiscope.so')\" = libizhiscope.so.0.1.0"
check "libizhiscope.so: soname libizhiscope.so.0" sh -c \
    "readelf -d '$inst/lib/libizhiscope.so.0.1.0' | grep -q 'SONAME.*\[libizhiscope.so.0\]'"
others=$(nm -D --defined-only "$inst/lib/libizhiscope.so.0.1.0" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^izhi_' | tr '\n' ' ')
check "libizhiscope.so exports izhi_* only (not the model's own names: ${others:-none})" test -z "$others"
check "the lean izhiscope links neither SDL nor libizhiscope nor HDF5" sh -c \
    "! ldd '$inst/bin/izhiscope' | grep -qiE 'sdl|izhiscope|hdf5'"
mkdir -p "$work/fresh"
cd "$work/fresh" || exit 1
cp "$root/docs/example.c" .
pc="pkg-config --define-prefix"
PKG_CONFIG_PATH="$inst/lib/pkgconfig" $pc --cflags --libs izhiscope > pc.txt 2>&1
check "pkg-config --cflags --libs izhiscope: the installed tree's -I and -L ($(cat pc.txt))" \
    sh -c "grep -q -- '-I$inst/include' pc.txt && grep -q -- '-L$inst/lib -lizhiscope' pc.txt"
# shellcheck disable=SC2046
cc -Wall -Wextra -Werror example.c $(PKG_CONFIG_PATH="$inst/lib/pkgconfig" $pc --cflags --libs izhiscope) \
    -o example > cc.txt 2>&1
check "docs/example.c built from a fresh folder against the installed library (pkg-config)" test -x example
LD_LIBRARY_PATH="$inst/lib" ./example > ex.txt 2> ex.err
check "... runs (the installed libizhiscope.so.0): exit 0, nothing on stderr" sh -c "test $? = 0 && ! test -s ex.err"
"$inst/bin/izhiscope" --headless --seed 2003 --duration 1000 --threads 1 --spikes p.csv >/dev/null 2>&1
want=$(grep -c '^[0-9]' p.csv)
check "... its first second's spikes: the program's count for --seed 2003 ($want)" \
    grep -q "^second 1: $want spikes" ex.txt
check "... and a bad value is refused with the option's message (from the library, not printed by it)" \
    grep -qF 'refused: --noise-e: -1 is out of range (0 ... 1e+06)' ex.txt
# shellcheck disable=SC2046
cc example.c $(PKG_CONFIG_PATH="$inst/lib/pkgconfig" $pc --cflags izhiscope) "$inst/lib/libizhiscope.a" \
    $(PKG_CONFIG_PATH="$inst/lib/pkgconfig" $pc --static --libs izhiscope | sed 's/-lizhiscope//') -o example-static \
    > cc2.txt 2>&1
./example-static > ex2.txt 2>&1
check "docs/example.c linked with the installed libizhiscope.a (pkg-config --static): the same output, no .so" \
    sh -c "cmp -s ex.txt ex2.txt && ! ldd example-static | grep -q izhiscope"
# the module: found for the prefix where Debian's python3 looks
check "Debian's python3 looks in /usr/lib/python3/dist-packages and /usr/local/lib/python$pyver/dist-packages (make install's PYDIR for /usr and /usr/local)" \
    /usr/bin/python3 -c "import sys; assert '/usr/lib/python3/dist-packages' in sys.path and '/usr/local/lib/python$pyver/dist-packages' in sys.path"
check "make install PREFIX=/usr puts the module in /usr/lib/python3/dist-packages" sh -c \
    "cd '$root' && make --no-print-directory -s -n install-lib PREFIX=/usr DESTDIR=/x | grep -q '/x/usr/lib/python3/dist-packages/izhiscope/__init__.py'"
# the staged tree: no such prefix on this machine; the library is found beside the module
PYTHONPATH="$inst/$pydir" /usr/bin/python3 -c "
import izhiscope, numpy as np
r = izhiscope.run(seed=3, duration_ms=300)
t, i = np.loadtxt('$work/elsewhere/s.csv', delimiter=',', comments=('#', 't_ms'), dtype=np.int64, unpack=True)
assert np.array_equal(r.spike_times_ms, t) and np.array_equal(r.spike_ids, i)
assert izhiscope._lib._name.startswith('$inst/'), izhiscope._lib._name
" > py.txt 2>&1
check "import izhiscope from the staged tree (PYTHONPATH), a fresh folder: run(seed=3, duration_ms=300) gives the installed program's s.csv ($(tail -n 1 py.txt))" \
    test $? = 0
# uninstall: nothing of ours left
cd "$root" || exit 1
make --no-print-directory -s uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null 2>&1
left=$(find "$dest" -type f | sed "s|$dest||")
check "make uninstall: no file left ($left)" test -z "$left"
# a prefix with a space, installed for real (no DESTDIR): the paths are
# quoted, and what is compiled in follows PREFIX (it kept the first build's)
sp="$work/with space"
make --no-print-directory -s install PREFIX="$sp" >"$work/install2.log" 2>&1
check "make install PREFIX='.../with space': exit 0, every file in place" sh -c \
    "test -s '$sp/bin/izhiscope' && test -s '$sp/libexec/izhiscope/izhiscope-gfx' && test -s '$sp/share/izhiscope/DejaVuSans.ttf' && test -s '$sp/share/applications/izhiscope.desktop'"
check "... its desktop entry quotes the path and passes desktop-file-validate" sh -c \
    "grep -qxF 'Exec=\"$sp/bin/izhiscope\" --menu %f' '$sp/share/applications/izhiscope.desktop' && desktop-file-validate '$sp/share/applications/izhiscope.desktop'"
# izhiscope and izhiscope-gfx copied away from the tree: only the folders
# compiled into them (PREFIX's) lead to izhiscope-gfx and the font
mkdir -p "$work/alone" "$work/elsewhere2"
cp "$sp/bin/izhiscope" "$work/alone/"
cd "$work/elsewhere2" || exit 1
"$work/alone/izhiscope" --headless --seed 3 --duration 300 --export a.png >/dev/null 2>err.txt
check "izhiscope alone: finds PREFIX's libexec/izhiscope/izhiscope-gfx (compiled in)" sh -c "test -s a.png && cmp -s a.png '$work/elsewhere/g.png'"
cp "$sp/libexec/izhiscope/izhiscope-gfx" "$work/alone/gfx-alone"
"$work/alone/gfx-alone" --headless --seed 3 --duration 300 --export b.png >/dev/null 2>err.txt
check "izhiscope-gfx alone: finds PREFIX's share/izhiscope font (compiled in)" sh -c "test -s b.png && cmp -s b.png '$work/elsewhere/g.png'"
# the module installed for real under the prefix with a space: the library
# path written into it at install (no IZHISCOPE_LIB), its whole suite
spy="$sp/lib/python$pyver/dist-packages"
PYTHONPATH="$spy" /usr/bin/python3 -c "
import izhiscope
assert izhiscope._lib._name == '$sp/lib/libizhiscope.so.0', izhiscope._lib._name
" > py2.txt 2>&1
check "import izhiscope installed under '.../with space': loads the library at the path make install wrote ($(tail -n 1 py2.txt))" test $? = 0
(unset IZHISCOPE_LIB; PYTHONPATH="$spy" sh "$root/tests/e2e_python.sh" "$sp/bin/izhiscope") > e2e_python.txt 2>&1
rc=$?
grep -E '^  (ok|FAIL)|^e2e python' e2e_python.txt | grep -vE '^  ok   (run\(--seed|\.\.\. (trace|rate))'
check "tests/e2e_python.sh against the installed module and library: all passed" test "$rc" = 0
cd "$root" || exit 1
make --no-print-directory -s uninstall PREFIX="$sp" >/dev/null 2>&1
left=$(find "$sp" -type f 2>/dev/null | sed "s|$sp||")
check "make uninstall PREFIX='.../with space': no file left ($left)" test -z "$left"
echo "e2e install: $pass passed, $fail failed"
[ "$fail" = 0 ]
