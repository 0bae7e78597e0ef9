# izhiscope - build, test, measure, install.
#   make          build ./izhiscope
#   make run      install what is missing, build, launch
#   make test     install what is missing, build, run every test (also under
#                 ASan+UBSan and ThreadSanitizer)
#   make bench    measure speed and memory
#   make mpi      build build/mpi/izhiscope against MPI (mpirun -np P ...)
#   make install  PREFIX=/usr/local DESTDIR=

VERSION  = 0.1.0
PREFIX  ?= /usr/local
DATADIR  = $(PREFIX)/share/izhiscope
LIBEXECDIR = $(PREFIX)/libexec/izhiscope
MANDIR   = $(PREFIX)/share/man/man1
APPSDIR  = $(PREFIX)/share/applications
ICONDIR  = $(PREFIX)/share/icons/hicolor/scalable/apps
CC      ?= cc
OPT     ?= -O3
CFLAGS  ?=
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(CI),true)
WARN    += -Werror
endif
SDL_CFLAGS := $(shell pkg-config --cflags sdl2 SDL2_ttf libpng 2>/dev/null)
SDL_LIBS   := $(shell pkg-config --libs sdl2 SDL2_ttf libpng 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# The model's libraries beyond libm: FFTW3 for every spectrum, zlib for
# NumPy's compressed .npz (replay.c; libz is one small library, already
# loaded with libpng wherever a desktop is).
MODEL_CFLAGS := $(shell pkg-config --cflags fftw3 zlib 2>/dev/null)
MODEL_LIBS   := $(shell pkg-config --libs fftw3 zlib 2>/dev/null || echo -lfftw3 -lz)
# HDF5 for SONATA spike files: izhiscope-gfx only (sonata.c).
HDF5_CFLAGS := $(shell pkg-config --cflags hdf5 2>/dev/null || echo -I/usr/include/hdf5/serial)
HDF5_LIBS   := $(shell pkg-config --libs hdf5 2>/dev/null || echo -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5)
# cairo (and FreeType, for its text) for SVG and PDF figures: izhiscope-gfx only (vector.c).
CAIRO_CFLAGS := $(shell pkg-config --cflags cairo cairo-ft freetype2 2>/dev/null)
CAIRO_LIBS   := $(shell pkg-config --libs cairo cairo-ft freetype2 2>/dev/null || echo -lcairo -lfreetype)

# FFmpeg's libraries for videos (--video, O in the window): izhiscope-gfx
# only (video.c); the lean izhiscope hands --video over (gfx_none.c).
AV_CFLAGS := $(shell pkg-config --cflags libavcodec libavformat libavutil libswscale 2>/dev/null)
AV_LIBS   := $(shell pkg-config --libs libavcodec libavformat libavutil libswscale 2>/dev/null || echo -lavformat -lavcodec -lswscale -lavutil)

# B is the build folder; sanitizer builds use their own (see `test`).
B       ?= build
XFLAGS  ?=
ALL_CFLAGS = $(WARN) $(OPT) $(XFLAGS) $(CFLAGS) -Iinclude -D_REENTRANT \
             -DIZHISCOPE_VERSION='"$(VERSION)"' -DIZHISCOPE_DATADIR='"$(DATADIR)"' \
             -DIZHISCOPE_LIBEXECDIR='"$(LIBEXECDIR)"'

# The model: C11 + libm, no SDL anywhere in it.
MODEL_SRC = src/clock.c src/thread.c src/rng.c src/net.c src/net_kernel.c src/hist.c src/rhythm.c src/stats.c src/analysis.c src/replay.c src/escape.c \
            src/run_source.c
# The program around it. XC_SRC: the processes' exchange (exchange.h), one
# process in the plain build, MPI in `make mpi`.
XC_SRC   ?= src/exchange_single.c
APP_SRC   = src/cli.c src/keys.c src/outfile.c src/event.c src/record.c src/record_csv.c src/record_sonata.c src/ring.c src/run.c src/sim.c src/scope.c \
            src/app.c src/headless.c src/h5name.c src/schedule.c $(XC_SRC) \
            src/sweep.c src/sweep_measure.c src/sweep_run.c src/neuroncard.c
# What draws: linked into izhiscope-gfx (the window, --export) only. The
# lean izhiscope links none of SDL, SDL_ttf, libpng (gfx_none.c) and hands
# runs that draw to izhiscope-gfx: a short headless run starts in ~1/3 of
# the time (issue 11; make bench).
GFX_SRC   = src/view.c src/keys_sdl.c src/framestats.c src/help.c src/status.c src/savename.c src/bar.c src/uiscale.c src/draw.c src/text.c src/panels.c src/plot.c src/vector.c src/ui.c src/pngio.c src/figure.c src/window.c src/window_input.c src/window_draw.c src/window_save.c src/window_video.c src/sonata.c \
            src/testhook.c src/sweepfig.c src/map.c src/mappanel.c src/anapanel.c src/anasync.c src/video.c src/videorun.c src/resim.c
MAIN_SRC  = src/main.c
LEAN_SRC  = src/gfx_none.c
FULL_SRC  = src/gfx_linked.c

MODEL_OBJ = $(MODEL_SRC:src/%.c=$(B)/%.o)
APP_OBJ   = $(APP_SRC:src/%.c=$(B)/%.o)
GFX_OBJ   = $(GFX_SRC:src/%.c=$(B)/%.o)
MAIN_OBJ  = $(MAIN_SRC:src/%.c=$(B)/%.o)
LEAN_OBJ  = $(LEAN_SRC:src/%.c=$(B)/%.o)
FULL_OBJ  = $(FULL_SRC:src/%.c=$(B)/%.o)

MODEL_TESTS = test_rng test_net test_hist test_rhythm test_stats test_analysis test_model_stats test_replay
APP_TESTS   = test_app test_anapanel test_resim test_map test_cli test_keys test_outfile test_record test_plot test_panels test_ring test_run test_sim test_view test_savename test_uiscale test_neuroncard
TESTS       = $(MODEL_TESTS) $(APP_TESTS)

.PHONY: all run mpi docs check-docs test check test-plain-unit build-tests test-unit test-e2e test-e2e-headless test-e2e-window test-tsan-build test-tsan-rest test-tsan-window test-same-bits test-mpi test-install test-asan test-tsan bench bench-compare fuzz fuzz-one deps deps-test install uninstall clean FORCE

all: izhiscope

izhiscope: $(B)/izhiscope $(B)/izhiscope-gfx
	@if [ "$(B)" = build ]; then cp $(B)/izhiscope izhiscope; cp $(B)/izhiscope-gfx izhiscope-gfx; fi

$(B)/izhiscope: $(MAIN_OBJ) $(APP_OBJ) $(LEAN_OBJ) $(B)/libizhimodel.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(MODEL_LIBS) -lm -lpthread

$(B)/izhiscope-gfx: $(MAIN_OBJ) $(APP_OBJ) $(GFX_OBJ) $(FULL_OBJ) $(B)/libizhimodel.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(SDL_LIBS) $(HDF5_LIBS) $(CAIRO_LIBS) $(AV_LIBS) $(MODEL_LIBS) -lm -lpthread

$(B)/libizhimodel.a: $(MODEL_OBJ)
	$(AR) rcs $@ $^

# The model is compiled without SDL's flags: an SDL include there fails.
# -fno-trapping-math lets the compiler vectorise the v guard's compares; it
# changes no value (nothing here relies on floating-point traps).
$(MODEL_OBJ): $(B)/%.o: src/%.c | $(B)
	$(CC) $(ALL_CFLAGS) $(MODEL_CFLAGS) -fno-trapping-math -MMD -MP -c -o $@ $<

# The lean program's option parser and key table (--help lists the keys)
# are compiled without SDL's flags, as the model: an SDL include there fails
# (the table's key codes are its own; keys_sdl.c maps SDL's onto them).
PARSE_OBJ = $(B)/cli.o $(B)/keys.o
$(PARSE_OBJ): $(B)/%.o: src/%.c | $(B)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# (HDF5's include path: sonata.c's; only izhiscope-gfx links the library)
$(filter-out $(PARSE_OBJ),$(APP_OBJ)) $(GFX_OBJ) $(MAIN_OBJ) $(LEAN_OBJ) $(FULL_OBJ): $(B)/%.o: src/%.c | $(B)
	$(CC) $(ALL_CFLAGS) $(SDL_CFLAGS) $(HDF5_CFLAGS) $(CAIRO_CFLAGS) $(AV_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%.o: tests/test_%.c | $(B)
	$(CC) $(ALL_CFLAGS) $(SDL_CFLAGS) -MMD -MP -c -o $@ $<

$(MODEL_TESTS:%=$(B)/%): $(B)/%: $(B)/%.o $(B)/libizhimodel.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(MODEL_LIBS) -lm -lpthread

$(APP_TESTS:%=$(B)/%): $(B)/%: $(B)/%.o $(APP_OBJ) $(GFX_OBJ) $(FULL_OBJ) $(B)/libizhimodel.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(SDL_LIBS) $(HDF5_LIBS) $(CAIRO_LIBS) $(AV_LIBS) $(CMOCKA_LIBS) $(MODEL_LIBS) -lm -lpthread

# The PNG inspector of the end-to-end tests: plain build, it is not under test.
$(B)/pngtool: tests/pngtool.c | $(B)
	$(CC) $(WARN) -O2 $(SDL_CFLAGS) -o $@ $< $(SDL_LIBS)

# The fault injector the end-to-end tests preload (tests/fault.c).
$(B)/libfault.so: tests/fault.c | $(B)
	$(CC) $(WARN) -O2 -fPIC -shared $(SDL_CFLAGS) -o $@ $< -ldl

# The plain model re-run with a window session's recorded changes (tests/rerun.c).
$(B)/rerun: tests/rerun.c $(B)/libizhimodel.a | $(B)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(MODEL_LIBS) -lm -lpthread

# Closes a window as a window manager would (WM_DELETE_WINDOW).
$(B)/xclose: tests/xclose.c | $(B)
	$(CC) $(WARN) -O2 $$(pkg-config --cflags x11) -o $@ $< $$(pkg-config --libs x11)

$(B):
	mkdir -p $(B)

# The same program against MPI (OpenMPI: Debian's openmpi-bin and
# libopenmpi-dev, installed if missing). Only this build links MPI.
MPI_B = build/mpi
mpi:
	@sh scripts/deps.sh --mpi
	@$(MAKE) --no-print-directory -j$(JOBS) $(MPI_B)/izhiscope-gfx B=$(MPI_B) CC=mpicc XC_SRC=src/exchange_mpi.c
	@# one binary that draws: no hand-over between processes under mpirun
	@cp $(MPI_B)/izhiscope-gfx $(MPI_B)/izhiscope

-include $(wildcard $(B)/*.d)

deps:
	@sh scripts/deps.sh

deps-test:
	@sh scripts/deps.sh --test

# `make run ARGS="--seed 42 --theme paper"` passes options on.
ARGS ?=
run: deps
	@$(MAKE) --no-print-directory izhiscope
	./izhiscope $(ARGS)

# Every test: unit tests and end-to-end runs of the real binary, then the
# whole suite again under ASan+UBSan and under ThreadSanitizer, and the MPI,
# install and same-bits suites. They run in five lanes at once (plain, then
# install | same bits and MPI once the plain build is made | ASan+UBSan |
# ThreadSanitizer's unit, headless and video checks | its window checks
# once its build is made: scripts/lanes.sh says why); each
# suite's output is printed whole when it ends, and its wall time at the end
# (scripts/timed.sh, build/suite-times.txt).
T = sh scripts/timed.sh
# (install last, once MPI has ended too: its `make install PREFIX=...`
# compiles build/'s programs again with other paths in them, which the
# plain e2e and MPI checks must not see half-way: a fresh clone's run
# failed so)
LANE_PLAIN = plain-unit:test-plain-unit plain-e2e:test-e2e after:mpi install:test-install
# (after the plain build: they use its programs, and build their own
# beside it, build/portable and build/mpi)
LANE_MORE  = after:plain-unit same-bits:test-same-bits mpi:test-mpi
# Each suite's programs are built first on every core (JOBS), then its
# checks run one after the other.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# PART names a suite's parts in build/suite-times.txt (plain, asan, tsan).
PART ?= plain
test: deps-test
	@mkdir -p build; : > build/suite-times.txt
	@t0=$$(date +%s); MAKE="$(MAKE)" sh scripts/lanes.sh "$(LANE_PLAIN)" "$(LANE_MORE)" "asan:test-asan" \
	    "tsan-build:test-tsan-build tsan:test-tsan-rest" "after:tsan-build tsan-window:test-tsan-window"; rc=$$?; \
	    echo "make test: $$( [ $$rc = 0 ] && echo 'all suites passed' || echo 'FAILED' ) in $$(( $$(date +%s) - t0 )) s of wall time (the lanes at once); each suite's wall time (with its build):"; \
	    cat build/suite-times.txt; exit $$rc

test-plain-unit:
	@$(MAKE) --no-print-directory build-tests test-unit B=build PART=plain

# The quick tier, for working: the plain build's unit tests and the
# headless end-to-end checks (no window, no sanitizers, no MPI).
check: deps-test
	@mkdir -p build; : > build/suite-times.txt
	@$(T) plain-unit $(MAKE) --no-print-directory test-plain-unit
	@$(T) plain-e2e-headless $(MAKE) --no-print-directory test-e2e-headless B=build
	@cat build/suite-times.txt

# UNIT: the unit tests run. The statistical test of the model
# (test_model_stats) runs in the plain build only: the sanitizers find
# nothing in it that test_net's runs of the same code do not.
UNIT ?= $(TESTS)
# Every program a suite runs, built in parallel (make test calls it first).
build-tests:
	@$(T) "  $(PART) build" $(MAKE) --no-print-directory -j$(JOBS) $(UNIT:%=$(B)/%) $(B)/izhiscope $(B)/izhiscope-gfx $(B)/pngtool \
	    $(B)/xclose $(B)/libfault.so
test-unit: $(UNIT:%=$(B)/%)
	@$(T) "  $(PART) unit tests" sh tests/run_unit.sh $(B) $(UNIT)

test-e2e: test-e2e-headless test-e2e-window

test-e2e-window: $(B)/izhiscope $(B)/izhiscope-gfx $(B)/pngtool $(B)/xclose $(B)/libfault.so
	@FAULT_LIB=$(B)/libfault.so $(T) "  $(PART) e2e_window" sh tests/e2e_window.sh $(B)/izhiscope $(B)/pngtool

test-e2e-headless: $(B)/izhiscope $(B)/izhiscope-gfx $(B)/pngtool
	@$(T) "  $(PART) e2e_headless" sh tests/e2e_headless.sh $(B)/izhiscope $(B)/pngtool
	@$(T) "  $(PART) e2e_video" sh tests/e2e_video.sh $(B)/izhiscope $(B)/pngtool

# The AVX2 paths and the portable code must give the same bits.
test-same-bits:
	@$(MAKE) --no-print-directory -j$(JOBS) build/izhiscope
	@$(MAKE) --no-print-directory -j$(JOBS) build/portable/izhiscope B=build/portable XFLAGS=-DIZHI_NO_CLONES
	@sh tests/e2e_same_bits.sh build/izhiscope build/portable/izhiscope

# The MPI build: P = 1 ... 4 processes x 1, 2 threads give the plain
# build's spikes and trace, bit for bit (tests/e2e_mpi.sh).
test-mpi: mpi build/izhiscope build/rerun build/xclose
	@sh tests/e2e_mpi.sh build/izhiscope $(MPI_B)/izhiscope build/rerun

SAN_UNIT = $(filter-out test_model_stats,$(TESTS))
test-asan:
	@$(MAKE) --no-print-directory build-tests test-unit test-e2e PART=asan B=build/asan OPT="-O1 -g" E2E_SLOW=3 E2E_FPS=20 UNIT="$(SAN_UNIT)" \
	    XFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

# ThreadSanitizer reports races between threads: its e2e_headless runs the
# sections whose runs start threads (a network's workers, a sweep's pool;
# E2E_THREADS_ONLY=1), the others' runs are one thread (strace: no clone),
# where it can find nothing; e2e_video and e2e_window run whole.
# make test runs it as two lanes once its build is made: the window checks
# (latency more than CPU: they wait on frames and simulated time) beside
# the unit, headless and video checks.
TSAN_ARGS = PART=tsan B=build/tsan OPT="-O1 -g" E2E_SLOW=4 E2E_FPS=20 E2E_THREADS_ONLY=1 UNIT="$(SAN_UNIT)" \
	    XFLAGS="-fsanitize=thread"
test-tsan:
	@$(MAKE) --no-print-directory build-tests test-unit test-e2e $(TSAN_ARGS)
test-tsan-build:
	@$(MAKE) --no-print-directory build-tests $(TSAN_ARGS)
test-tsan-rest:
	@$(MAKE) --no-print-directory test-unit test-e2e-headless $(TSAN_ARGS)
test-tsan-window:
	@$(MAKE) --no-print-directory test-e2e-window $(TSAN_ARGS)

bench: deps-test
	@$(MAKE) --no-print-directory izhiscope build/xclose mpi
	@sh scripts/bench.sh ./izhiscope

# izhiscope against Brian2's C++ standalone mode (installs python3-brian if missing).
bench-compare: deps
	@$(MAKE) --no-print-directory izhiscope
	@sh scripts/bench_compare.sh ./izhiscope

# libFuzzer over the two readers of outside input, the command-line parser
# and the replay reader (not part of `make test`): each runs FUZZ_SECONDS,
# then what it found is merged into its committed corpus and the corpus's
# line coverage of the code under test is reported.
FUZZ_SECONDS ?= 120
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_COV = -g -O0 -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping
FUZZ_cli_SRC = tests/fuzz/fuzz_cli.c src/sweep.c src/rhythm.c src/cli.c src/keys.c src/outfile.c src/h5name.c src/escape.c src/clock.c src/thread.c src/net.c src/net_kernel.c src/rng.c
FUZZ_cli_COV = src/cli.c src/outfile.c src/sweep.c
FUZZ_replay_SRC = tests/fuzz/fuzz_replay.c src/replay.c src/escape.c
FUZZ_replay_COV = src/replay.c
fuzz:
	@sh scripts/deps.sh --fuzz
	@for h in cli replay; do $(MAKE) --no-print-directory fuzz-one H=$$h || exit 1; done

fuzz-one:
	@mkdir -p build/fuzz/new-$(H)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -Iinclude $(SDL_CFLAGS) -o build/fuzz/fuzz_$(H) $(FUZZ_$(H)_SRC) -lfftw3 -lz -lm -lpthread
	build/fuzz/fuzz_$(H) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 build/fuzz/new-$(H) tests/fuzz/corpus_$(H)
	build/fuzz/fuzz_$(H) -merge=1 tests/fuzz/corpus_$(H) build/fuzz/new-$(H)
	@# line coverage of the code under test by the corpus (clang's source coverage)
	$(FUZZ_CC) $(FUZZ_COV) -Iinclude $(SDL_CFLAGS) -o build/fuzz/fuzz_$(H)_cov $(FUZZ_$(H)_SRC) -lfftw3 -lz -lm -lpthread
	LLVM_PROFILE_FILE=build/fuzz/cov-$(H).profraw build/fuzz/fuzz_$(H)_cov -runs=0 tests/fuzz/corpus_$(H) >/dev/null 2>&1
	llvm-profdata merge -o build/fuzz/cov-$(H).profdata build/fuzz/cov-$(H).profraw
	llvm-cov report build/fuzz/fuzz_$(H)_cov -instr-profile=build/fuzz/cov-$(H).profdata $(FUZZ_$(H)_COV)

# Every image in docs/ again, from fixed seeds (scripts/docs.sh: headless
# exports, and the window under a private Xvfb saved with its own S).
docs: deps-test izhiscope
	@sh scripts/docs.sh ./izhiscope

# The documents alone (e2e_headless.sh checks the same): every relative link
# of README.md and docs/*.md resolves, and docs/cli.md's option list and key
# table are what scripts/cli_md.sh writes from --help now.
check-docs: $(B)/izhiscope
	@python3 scripts/check_links.py
	@sh scripts/cli_md.sh $(B)/izhiscope | cmp -s - docs/cli.md || \
	    { echo "docs/cli.md differs from --help: sh scripts/cli_md.sh -i $(B)/izhiscope"; exit 1; }
	@echo "check-docs: docs/cli.md is --help's"

# The manual page: OPTIONS, KEYS and EXIT STATUS from the program's --help
# (scripts/man.sh), so it cannot drift from the option and key tables.
$(B)/izhiscope.1: $(B)/izhiscope scripts/man.sh
	sh scripts/man.sh $(B)/izhiscope > $@.tmp && mv $@.tmp $@

# The folders compiled into app.o (IZHISCOPE_DATADIR, IZHISCOPE_LIBEXECDIR):
# the stamp is rewritten when PREFIX changes, so app.o and the programs are
# rebuilt for the prefix installed (they kept the first build's).
# (its temporary is the make's own: make test's lanes check it at once)
$(B)/prefix.stamp: FORCE | $(B)
	@t='$@.tmp.'$$$$; printf '%s\n' '$(DATADIR)' '$(LIBEXECDIR)' > "$$t"; \
	    if cmp -s "$$t" '$@'; then rm -f "$$t"; else mv "$$t" '$@'; fi
$(B)/app.o: $(B)/prefix.stamp
FORCE:

# Everything under PREFIX (DESTDIR for staging): the installed program finds
# its font and izhiscope-gfx relative to itself, so the tree can be moved.
# Paths are quoted (a PREFIX may hold a space). The desktop entry runs the
# installed program by its absolute path (a menu's PATH may not hold
# PREFIX/bin), with --menu (S and F save into ~/izhiscope) and the file
# opened with it (%f: izhiscope FILE replays it).
I = $(DESTDIR)$(PREFIX)
install: izhiscope build/izhiscope.1
	install -d "$(I)/bin" "$(DESTDIR)$(LIBEXECDIR)" "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(MANDIR)" \
	    "$(DESTDIR)$(APPSDIR)" "$(DESTDIR)$(ICONDIR)"
	install -m 755 izhiscope "$(I)/bin/izhiscope"
	install -m 755 izhiscope-gfx "$(DESTDIR)$(LIBEXECDIR)/izhiscope-gfx"
	install -m 644 assets/DejaVuSans.ttf assets/DejaVuSans-LICENSE.txt "$(DESTDIR)$(DATADIR)/"
	install -m 644 build/izhiscope.1 "$(DESTDIR)$(MANDIR)/izhiscope.1"
	sed 's|^Exec=izhiscope |Exec="$(PREFIX)/bin/izhiscope" |' assets/izhiscope.desktop > build/izhiscope.desktop
	install -m 644 build/izhiscope.desktop "$(DESTDIR)$(APPSDIR)/izhiscope.desktop"
	install -m 644 assets/izhiscope.svg "$(DESTDIR)$(ICONDIR)/izhiscope.svg"

uninstall:
	rm -f "$(I)/bin/izhiscope" "$(DESTDIR)$(LIBEXECDIR)/izhiscope-gfx" \
	      "$(DESTDIR)$(DATADIR)/DejaVuSans.ttf" "$(DESTDIR)$(DATADIR)/DejaVuSans-LICENSE.txt" \
	      "$(DESTDIR)$(MANDIR)/izhiscope.1" "$(DESTDIR)$(APPSDIR)/izhiscope.desktop" \
	      "$(DESTDIR)$(ICONDIR)/izhiscope.svg"
	-rmdir "$(DESTDIR)$(LIBEXECDIR)" "$(DESTDIR)$(DATADIR)" 2>/dev/null

# make install into a temporary DESTDIR, the installed program run from
# elsewhere (and moved), the desktop entry and the manual page validated,
# make uninstall leaving nothing (tests/e2e_install.sh).
test-install: izhiscope build/izhiscope.1
	@sh tests/e2e_install.sh

# ---- libizhiscope and the Python module (issue 21) -----------------------
# The library is the program's own objects (the model, the option parser,
# the sweep, the replay readers) plus src/izhiscope.c, the public face of
# include/izhiscope.h: libizhiscope.a holds the very objects the programs
# link; libizhiscope.so the same sources compiled -fPIC (build/pic), only
# izhi_* exported (src/libizhiscope.map). The lean izhiscope links none of
# it beyond what it linked before (no SDL, no HDF5).
LIB_SOMAJOR = 0
LIB_SONAME  = libizhiscope.so.$(LIB_SOMAJOR)
LIB_SOFILE  = libizhiscope.so.$(VERSION)
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# Where Debian's /usr/bin/python3 finds a module for PREFIX: /usr's
# dist-packages, else PREFIX/lib/python3.X/dist-packages (found for
# /usr/local; other prefixes: PYTHONPATH, docs/library.md).
PYTHON3 ?= /usr/bin/python3
PYVER  := $(shell $(PYTHON3) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo 3)
PYDIR  ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/lib/python3/dist-packages,$(PREFIX)/lib/python$(PYVER)/dist-packages)
LIB_SRC  = $(MODEL_SRC) src/sweep.c src/sweep_measure.c src/cli.c src/keys.c src/outfile.c src/h5name.c \
           src/sonata.c src/izhiscope.c
LIB_OBJ  = $(LIB_SRC:src/%.c=$(B)/%.o)
LIB_PIC_MODEL = $(MODEL_SRC:src/%.c=$(B)/pic/%.o)
LIB_PIC_REST  = $(filter-out $(LIB_PIC_MODEL),$(LIB_SRC:src/%.c=$(B)/pic/%.o))
LIB_LIBS = $(HDF5_LIBS) $(MODEL_LIBS) -lm -lpthread

.PHONY: lib install-lib uninstall-lib test-python
lib: $(B)/libizhiscope.a $(B)/$(LIB_SOFILE)

$(B)/libizhiscope.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/izhiscope.o: src/izhiscope.c | $(B)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/pic:
	mkdir -p $@
# the model's flags as in the programs' objects (the same bits), plus -fPIC
$(LIB_PIC_MODEL): $(B)/pic/%.o: src/%.c | $(B)/pic
	$(CC) $(ALL_CFLAGS) $(MODEL_CFLAGS) -fno-trapping-math -fPIC -MMD -MP -c -o $@ $<
$(LIB_PIC_REST): $(B)/pic/%.o: src/%.c | $(B)/pic
	$(CC) $(ALL_CFLAGS) $(HDF5_CFLAGS) -fPIC -MMD -MP -c -o $@ $<
-include $(wildcard $(B)/pic/*.d)

$(B)/$(LIB_SOFILE): $(LIB_PIC_MODEL) $(LIB_PIC_REST) src/libizhiscope.map
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--version-script=src/libizhiscope.map -Wl,-z,defs \
	    -o $@ $(LIB_PIC_MODEL) $(LIB_PIC_REST) $(LIB_LIBS)
	ln -sf $(LIB_SOFILE) $(B)/$(LIB_SONAME)
	ln -sf $(LIB_SOFILE) $(B)/libizhiscope.so

# The library's unit test (tests/test_lib.c), in every unit suite (ASan, TSan too).
TESTS += test_lib
$(B)/test_lib: $(B)/test_lib.o $(B)/libizhiscope.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(LIB_LIBS)

# The Python module against the build tree's library: the CLI's files bit
# for bit, the fuzz, the example (tests/e2e_python.sh; the plain build only:
# Debian's python3 does not load a sanitized library).
test-python: $(B)/izhiscope $(B)/$(LIB_SOFILE)
	@sh tests/e2e_python.sh $(B)/izhiscope $(B)/$(LIB_SOFILE)

build/izhiscope.pc: FORCE | build
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(subst $(PREFIX)/,$${prefix}/,$(LIBDIR))' \
	    'includedir=$(subst $(PREFIX)/,$${prefix}/,$(INCLUDEDIR))' '' \
	    'Name: izhiscope' 'Description: Izhikevich (2003) spiking network: the izhiscope model as a C library' \
	    'Version: $(VERSION)' 'Libs: -L$${libdir} -lizhiscope' \
	    'Libs.private: $(LIB_LIBS)' 'Cflags: -I$${includedir}' > $@

# The library, its header, its pkg-config file and the Python module (its
# library's installed path written into it: _libpath.py).
install: install-lib
install-lib: build/libizhiscope.a build/$(LIB_SOFILE) build/izhiscope.pc
	install -d "$(DESTDIR)$(LIBDIR)" "$(DESTDIR)$(INCLUDEDIR)" "$(DESTDIR)$(PKGCONFIGDIR)" "$(DESTDIR)$(PYDIR)/izhiscope"
	install -m 644 build/libizhiscope.a "$(DESTDIR)$(LIBDIR)/libizhiscope.a"
	install -m 755 build/$(LIB_SOFILE) "$(DESTDIR)$(LIBDIR)/$(LIB_SOFILE)"
	ln -sf $(LIB_SOFILE) "$(DESTDIR)$(LIBDIR)/$(LIB_SONAME)"
	ln -sf $(LIB_SOFILE) "$(DESTDIR)$(LIBDIR)/libizhiscope.so"
	install -m 644 include/izhiscope.h "$(DESTDIR)$(INCLUDEDIR)/izhiscope.h"
	install -m 644 build/izhiscope.pc "$(DESTDIR)$(PKGCONFIGDIR)/izhiscope.pc"
	install -m 644 python/izhiscope/__init__.py "$(DESTDIR)$(PYDIR)/izhiscope/__init__.py"
	printf '# written by make install: the library this module loads first\nLIB = %s\n' \
	    "$$($(PYTHON3) -c 'import sys; print(repr(sys.argv[1]))' '$(LIBDIR)/$(LIB_SONAME)')" > build/_libpath.py
	install -m 644 build/_libpath.py "$(DESTDIR)$(PYDIR)/izhiscope/_libpath.py"

uninstall: uninstall-lib
uninstall-lib:
	rm -f "$(DESTDIR)$(LIBDIR)/libizhiscope.a" "$(DESTDIR)$(LIBDIR)/$(LIB_SOFILE)" "$(DESTDIR)$(LIBDIR)/$(LIB_SONAME)" \
	      "$(DESTDIR)$(LIBDIR)/libizhiscope.so" "$(DESTDIR)$(INCLUDEDIR)/izhiscope.h" \
	      "$(DESTDIR)$(PKGCONFIGDIR)/izhiscope.pc" "$(DESTDIR)$(PYDIR)/izhiscope/__init__.py" \
	      "$(DESTDIR)$(PYDIR)/izhiscope/_libpath.py"
	rm -rf "$(DESTDIR)$(PYDIR)/izhiscope/__pycache__"
	-rmdir "$(DESTDIR)$(PYDIR)/izhiscope" 2>/dev/null
bench: lib
test-install: lib
# ---- end of libizhiscope ---------------------------------------------------

clean:
	rm -rf build izhiscope izhiscope-gfx
