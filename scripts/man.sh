#!/bin/sh
# man.sh IZHISCOPE > izhiscope.1 - the manual page, its OPTIONS and KEYS
# taken from the program's own --help (one option table, one key table:
# src/cli.c, src/keys.c), the rest written here. `make` builds
# build/izhiscope.1 with it; `make install` installs that.
set -eu
bin=$1
version=$("$bin" --version | sed -n 's/^izhiscope \([^ ,]*\).*/\1/p')
help=$("$bin" --help)
# the date of the source (SOURCE_DATE_EPOCH, as reproducible builds set it), else today
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%d)

# roff-safe text: a backslash doubled, a leading dot or quote escaped, '-' kept
# as a minus for options
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

cat <<EOF
.TH IZHISCOPE 1 "$date" "izhiscope $version" "User Commands"
.SH NAME
izhiscope \\- watch a spiking network of 1000 cortical neurons sing, live
.SH SYNOPSIS
.B izhiscope
[\\fIOPTION\\fR]...
.br
.B izhiscope \\-\\-headless
[\\fIOPTION\\fR]...
.br
.B izhiscope
[\\fIOPTION\\fR]...
.I FILE
(the same as \\fB\\-\\-replay\\fR \\fIFILE\\fR)
.br
.B mpirun \\-np
.I P
.B izhiscope
[\\fIOPTION\\fR]...   (the MPI build, \\fBmake mpi\\fR)
.SH DESCRIPTION
izhiscope simulates the network of E. M. Izhikevich, "Simple Model of Spiking Neurons",
IEEE Trans. Neural Networks 14(6), 2003 (800 excitatory and 200 inhibitory neurons driven
by random thalamic input) and shows it live: a scrolling spike raster, the population
rate, a spectrogram, the membrane voltage of one neuron and the spectrum of the last
seconds with its alpha (~8 Hz) and gamma (~30 Hz) readouts. The noise can be changed,
the run paused, stepped, sped up, scrolled back and zoomed; the window is saved as PNG
and the paper's Fig. 3 as PNG, SVG or PDF. With \\fB\\-\\-headless\\fR it simulates without a window and
writes the spikes, the trace, the population rate, the figure and the rhythm
statistics. Runs made elsewhere (Brian2, NEST, earlier izhiscope runs) are replayed
with \\fB\\-\\-replay\\fR.
.PP
The model, both numerical schemes and every file format are specified in
\\fIdocs/model.md\\fR of the source.
.SH OPTIONS
EOF
# "  --opt ARG   text" lines up to the key list
printf '%s\n' "$help" | sed -n '/^Options:/,/^Keys in the window:/p' | sed '1d;$d' |
while IFS= read -r line; do
    [ -z "$line" ] && continue
    opt=$(printf '%s' "$line" | sed 's/^  \(--[^ ]*\( [A-Z][A-Z_]*\)\{0,1\}\) .*/\1/')
    text=$(printf '%s' "$line" | sed 's/^  --[^ ]*\( [A-Z][A-Z_]*\)\{0,1\} *//')
    name=${opt%% *}; arg=""
    [ "$name" != "$opt" ] && arg=${opt#* }
    printf '.TP\n\\fB%s\\fR' "$(printf '%s' "$name" | sed 's/-/\\-/g')"
    [ -n "$arg" ] && printf ' \\fI%s\\fR' "$arg"
    printf '\n%s\n' "$(printf '%s' "$text" | esc)"
done
echo ".SH KEYS"
echo "In the window (the control bar's buttons and sliders do the same):"
printf '%s\n' "$help" | sed -n '/^Keys in the window:/,/^Exit status:/p' | sed '1d;$d' |
while IFS= read -r line; do
    [ -z "$line" ] && continue
    key=$(printf '%s' "$line" | sed 's/^  \(.*[^ ]\)  \{2,\}.*/\1/')
    text=$(printf '%s' "$line" | sed 's/^  .*[^ ]  \{2,\}\([^ ].*\)/\1/')
    printf '.TP\n\\fB%s\\fR\n%s\n' "$(printf '%s' "$key" | esc)" "$(printf '%s' "$text" | esc)"
done
cat <<'EOF'
.SH FILES
.TP
\fBPREFIX/share/izhiscope/DejaVuSans.ttf\fR
The font of the window and the figures. Looked for in \fB$IZHISCOPE_ASSETS\fR (a folder), beside
the executable (\fIassets/\fR), in \fI../share/izhiscope\fR relative to it, then in the prefix
izhiscope was built for.
.TP
\fBPREFIX/libexec/izhiscope/izhiscope-gfx\fR
The part of izhiscope that draws and reads and writes HDF5: \fBizhiscope\fR itself links no
graphics or HDF5 library and hands every run that draws (the window, \fB\-\-export\fR) or
names a SONATA \fI.h5\fR file to it, with the same arguments. Looked for
beside the executable, in \fI../libexec/izhiscope\fR relative to it, then in the prefix.
.TP
\fBPREFIX/share/applications/izhiscope.desktop\fR, \fBPREFIX/share/icons/hicolor/scalable/apps/izhiscope.svg\fR
The menu entry and its icon.
.PP
Spikes can also be written and replayed as SONATA HDF5 spike reports (\fB\-\-spikes FILE.h5\fR).
Outputs are CSV files (spikes \fBt_ms,neuron\fR, trace \fBt_ms,v_mV\fR, rate
\fBt_ms,rate_e_hz,rate_i_hz\fR, events \fBt_ms,event,value\fR) that start with \fB# key: value\fR
lines holding the run's parameters, and PNG figures with the same parameters as text chunks,
or SVG and PDF figures (drawn by cairo, the same layout) with them in a comment and the
PDF's Subject.
.SH ENVIRONMENT
.TP
.B IZHISCOPE_ASSETS
A folder holding \fIDejaVuSans.ttf\fR, searched first.
.TP
.B DISPLAY
The X display of the window (without one, izhiscope says so and suggests \fB\-\-headless\fR).
.TP
.B IZHISCOPE_LIB
The Python module's library (see \fBLIBRARY AND PYTHON MODULE\fR), loaded first when set.
.SH LIBRARY AND PYTHON MODULE
The model is also a C library, \fIlibizhiscope\fR (shared and static), whose one
header \fIizhiscope.h\fR is its manual: a network built from the options above
(\fIIzhiParams\fR, the same names, ranges and messages), stepped \fIn\fR ms at a time
with its live parameters (noise, weights, currents, stimulus, traced neuron) changed
between steps, its spikes, trace, rates and every \fB\-\-stats\fR measure read back; a
sweep (\fB\-\-sweep\fR); a spike file read as \fB\-\-replay\fR reads it. Errors come back
as messages, nothing is printed. Build against it with
.B pkg-config \-\-cflags \-\-libs izhiscope
(\fIPREFIX/lib/pkgconfig/izhiscope.pc\fR).
.PP
Python (Debian's python3 with NumPy): \fBimport izhiscope\fR;
\fBizhiscope.run(seed=1, duration_ms=2000, noise_e=6.0)\fR returns the run's
\fIspike_times_ms\fR and \fIspike_ids\fR (NumPy arrays, in the \fB\-\-spikes\fR file's order,
the same bits), its trace, rates and \fImeasures\fR; \fBizhiscope.Network\fR steps with
parameters changed between steps; \fBizhiscope.sweep\fR and \fBizhiscope.read_spikes\fR.
Keywords are the long options with \(aq_\(aq for \(aq\-\(aq. \fBmake install\fR puts the module
where Debian's python3 finds it for \fI/usr\fR and \fI/usr/local\fR; for another prefix set
\fBPYTHONPATH\fR to \fIPREFIX/lib/python3.X/dist-packages\fR. The source's
\fIdocs/library.md\fR has the details.
.SH EXIT STATUS
EOF
printf '%s\n' "$help" | sed -n '/^Exit status:/,$p' | esc
cat <<'EOF'
.SH EXAMPLES
.TP
.B izhiscope
Open the window: the Fig. 3 network live, at real time, with a seed from the clock.
.TP
.B izhiscope \-\-headless \-\-seed 2003 \-\-export fig3.png
The paper's Fig. 3 as a PNG.
.TP
.B izhiscope \-\-headless \-\-seed 2003 \-\-export fig3.pdf
The same figure as a PDF: text as text, a rectangle a spike.
.TP
.B izhiscope \-\-headless \-\-seed 1 \-\-duration 10000 \-\-stats
Rates and rhythms (alpha, gamma) of 10 s.
.TP
.B izhiscope \-\-headless \-\-seed 1 \-\-neurons 100000 \-\-threads 2 \-\-spikes s.csv
A network of 100,000 neurons, 1000 inputs each, its spikes as CSV.
.TP
.B izhiscope \-\-replay brian2_spikes.csv
Replay a run made elsewhere in the window.
.TP
.B mpirun \-np 4 izhiscope \-\-headless \-\-neurons 1000000 \-\-spikes s.csv
One million neurons on four processes (the MPI build): the same spikes as one process.
.TP
.B python3 \-c \(aqimport izhiscope; print(izhiscope.run(seed=1).measures[\(dqgamma_hz\(dq])\(aq
The same network from Python: the frequency of its gamma rhythm.
.SH SEE ALSO
.BR mpirun (1),
.BR pkg-config (1)
.PP
E. M. Izhikevich, "Simple Model of Spiking Neurons", IEEE Transactions on Neural Networks
14(6):1569\(en1572, 2003.
EOF
