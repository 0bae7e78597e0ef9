#!/bin/sh
# e2e_install.sh - `make install` into a temporary DESTDIR with a prefix
# that does not exist on this machine: the installed izhiscope, run from
# another folder, finds izhiscope-gfx and its font relative to itself (also
# after the tree is moved elsewhere); the desktop entry passes
# desktop-file-validate, the manual page mandoc's lint and man -l, and lists
# every option of --help; make uninstall removes every file it installed.
# Then a prefix with a space, installed for real: quoted paths, the folders
# compiled in following PREFIX, the desktop entry's absolute Exec.
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
check "man -l renders it (NAME, OPTIONS, KEYS, FILES, EXIT STATUS, EXAMPLES)" \
    sh -c "for s in NAME OPTIONS KEYS FILES 'EXIT STATUS' EXAMPLES; do grep -q \"^\$s\" man.txt || exit 1; done"
"$root/build/izhiscope" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p' > opts.txt
missing=$(while read -r o; do grep -q -- "^       $o" man.txt || echo "$o"; done < opts.txt)
check "every option of --help is in the manual page ($(wc -l < opts.txt) options)" test -z "$missing"
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
cd "$root" || exit 1
make --no-print-directory -s uninstall PREFIX="$sp" >/dev/null 2>&1
left=$(find "$sp" -type f 2>/dev/null | sed "s|$sp||")
check "make uninstall PREFIX='.../with space': no file left ($left)" test -z "$left"
echo "e2e install: $pass passed, $fail failed"
[ "$fail" = 0 ]
