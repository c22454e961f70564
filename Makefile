# memfold -- build, test and benchmark.  `make` leaves ./memfold.
CC      ?= cc
FLEX    ?= flex
# Full tables, fast form (-CF), padded.  Measured on the scanner of one
# token per row: with the row acceptor, -CF is 1-3% faster than -Cf and
# -Cfe, the compressed default 6% slower; on the rules alone
# (MEMFOLD_NO_FAST=1) -Cf is 3% faster than -CF, -Cfe 5% slower, the
# default 1.5x slower.  flex 2.6.4's -CF scanner reads up to two entries
# past its transition table (a NUL, then 0xff): grammar/flexpad.awk pads
# that table with 256 zero entries and tests/flex-tables.py proves, in
# make check, on the scanners built, that no read leaves it.  (-Cfe needs
# no padding: FLEXFLAGS=-Cfe builds it.)  The scanners have no backing
# up, which keeps their inner loop short.
FLEXFLAGS ?= -CF
BISON   ?= bison
CFLAGS  ?= -O2 -g
# position-independent: the same objects make libmemfold.a and libmemfold.so
CFLAGS  += -fPIC -pthread
WARN    = -Wall -Wextra -Werror
CPPFLAGS += -D_GNU_SOURCE -Iinclude -Isrc -Ibuild
SANITIZE ?=
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
# generated code is compiled with the same warnings, minus what flex trips
GENWARN = $(WARN) -Wno-unused-function -Wno-sign-compare

# The library, one folder per stage family (see ARCHITECTURE.md): core/ is
# shared by both pipelines, report/ and dat/ hold the same stages for
# memory_profiler's reports and mprof's .dat files, compare/ and plot/ work
# on their results; cli/ is the command line, built on the public API.
LIBDIRS = core report dat compare plot read
LIBSRC = $(sort $(foreach d,$(LIBDIRS),$(wildcard src/$(d)/*.c)))
CLISRC = $(sort $(wildcard src/cli/*.c))
# Objects are named by folder and file (report_build.o, dat_build.o): an
# archive keeps members by base name.
objname = $(foreach s,$(1),build/obj/$(subst /,_,$(patsubst src/%.c,%,$(s))).o)
GENOBJ = build/obj/report.tab.o build/obj/report.lex.o build/obj/dat.tab.o build/obj/dat.lex.o
LIBOBJ = $(call objname,$(LIBSRC)) $(GENOBJ)
GEN_H = build/report.tab.h build/report.lex.h build/dat.tab.h build/dat.lex.h
CLIOBJ = $(call objname,$(CLISRC))
HEADERS = $(wildcard src/*/*.h) $(wildcard include/*.h)
AR      ?= ar
RANLIB  ?= ranlib
INSTALL ?= install
# As the GNU coding standards have them: programs (the command and the
# shared library) through INSTALL_PROGRAM, other files through INSTALL_DATA;
# `make install-strip` installs the programs with `install -s`.
INSTALL_PROGRAM ?= $(INSTALL)
INSTALL_DATA ?= $(INSTALL) -m 644

all: memfold

build build/obj:
	mkdir -p $@

# Objects depend on the flags they were built with: switching SANITIZE
# (or CFLAGS) rebuilds everything.
build/flags: FORCE | build
	@echo '$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(FLEX) $(FLEXFLAGS)' | cmp -s - $@ \
	    || echo '$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(FLEX) $(FLEXFLAGS)' >$@
FORCE:

build/report.tab.c build/report.tab.h &: grammar/report.y | build
	$(BISON) -Wall -Werror -o build/report.tab.c --defines=build/report.tab.h $<

# flex's output goes through flexpad.awk (a scanner of other -C tables comes
# out as it went in); if that fails, no scanner is left behind.
flexpad = awk -f grammar/flexpad.awk $(1) >$(1).pad && mv $(1).pad $(1) || { rm -f $(1) $(1).pad; exit 1; }
build/report.lex.c build/report.lex.h &: grammar/report.l grammar/flexpad.awk build/report.tab.h build/flags
	$(FLEX) $(FLEXFLAGS) -o build/report.lex.c --header-file=build/report.lex.h $<
	$(call flexpad,build/report.lex.c)

# The .dat grammar (mprof's time series), the same way.
build/dat.tab.c build/dat.tab.h &: grammar/dat.y | build
	$(BISON) -Wall -Werror -o build/dat.tab.c --defines=build/dat.tab.h $<

build/dat.lex.c build/dat.lex.h &: grammar/dat.l grammar/flexpad.awk build/dat.tab.h build/flags
	$(FLEX) $(FLEXFLAGS) -o build/dat.lex.c --header-file=build/dat.lex.h $<
	$(call flexpad,build/dat.lex.c)

$(GENOBJ): build/obj/%.o: build/%.c build/flags $(HEADERS) | build/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LIBFLAGS) $(GENWARN) -c -o $@ $<

# One rule per folder: src/report/build.c -> build/obj/report_build.o.
define objrule
build/obj/$(1)_%.o: src/$(1)/%.c $$(GEN_H) $$(HEADERS) build/flags | build/obj
	$$(CC) $$(CPPFLAGS) $$(CFLAGS) $$(LIBFLAGS) $$(WARN) -c -o $$@ $$<
endef
$(foreach d,$(LIBDIRS) cli,$(eval $(call objrule,$(d))))

# The boundary: library objects export only what the public headers mark
# MF_API.  The .so is linked from them as they are; for the archive they
# are first linked into one object whose hidden symbols are then made
# local, so that a static client sees no internal name either (xmalloc,
# json_write_string, the scanners' yy*...).  Unit tests that call internal
# functions link $(LIBOBJ) instead.
$(LIBOBJ): LIBFLAGS = -fvisibility=hidden
OBJCOPY ?= objcopy
build/obj/libmemfold.o: $(LIBOBJ)
	$(LD) -r -o $@ $^
	$(OBJCOPY) --localize-hidden $@

build/libmemfold.a: build/obj/libmemfold.o
	rm -f $@
	$(AR) rc $@ $^
	$(RANLIB) $@

# The version is said in one place: include/memfold.h.
VERSION := $(shell sed -n 's/^\#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME = libmemfold.so.$(SOMAJOR)

build/libmemfold.so.$(VERSION): $(LIBOBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LIBS)

lib: build/libmemfold.a build/libmemfold.so.$(VERSION)

LIBS = -ljansson -lz -lm -pthread

memfold: $(CLIOBJ) build/libmemfold.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLIOBJ) build/libmemfold.a $(LIBS)

# ---- tests -----------------------------------------------------------------
UNIT = $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

build/tests/%: tests/unit/%.c tests/unit/harness.h $(LIBOBJ)
	@mkdir -p build/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -Itests/unit -o $@ $< $(LIBOBJ) $(LIBS)

# Every test; the last line reads "N passed, N failed, N skipped".  It
# installs nothing: what is missing is named (make deps installs it).
# MEMFOLD=PATH runs the command tests against another binary.
# The differential test of the scan modes (tests/fuzz/fuzz_scan.c) as a
# command over files, for tests/t/scan-modes.sh.
build/tests/scan_modes: tests/fuzz/fuzz_scan.c $(LIBOBJ)
	@mkdir -p build/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -DSCAN_MAIN -o $@ $< $(LIBOBJ) $(LIBS)

check: check-deps memfold $(UNIT) build/tests/scan_modes check-backup
	@SANITIZE=$(SANITIZE) tests/run.sh

# A test of the tests: the runner fails a crashing, a short and a hanging
# test; the command tests fail a memfold that does nothing and one that
# crashes (at most 5% of their checks may still pass).
check-the-checks: check-deps memfold
	@bash tests/check-the-checks.sh

# Rewrite golden/ from the current build, for review with git diff.
golden: memfold
	tests/golden.sh --update

# ---- the main job on a bundled real report ---------------------------------
demo: deps memfold
	@echo '$$ ./memfold summary tests/corpus/basic_calls.log'
	@./memfold summary tests/corpus/basic_calls.log
	@echo
	@echo '$$ ./memfold lines -f csv tests/corpus/negative.log'
	@./memfold lines -f csv tests/corpus/negative.log
	@echo
	@echo '$$ ./memfold check tests/corpus/basic_calls.log && echo ok'
	@./memfold check tests/corpus/basic_calls.log && echo ok
	@echo
	@echo '$$ ./memfold diff --metric rise --max-increase 10% tests/corpus/gate/classes_old.log tests/corpus/gate/classes_new.log'
	@./memfold diff --metric rise --max-increase 10% tests/corpus/gate/classes_old.log \
	    tests/corpus/gate/classes_new.log || echo "exit status $$? (1: the gate failed)"

# What the build and the tests need (Debian packages).  `make deps`
# installs what is missing with apt-get (as root); DEB_EXTRA adds more (CI
# adds valgrind and clang).  `make check-deps` only says what is missing.
DEB_BUILD = flex bison gcc make zlib1g-dev libjansson-dev
DEB_TEST = jq sqlite3 python3 python3-memory-profiler time pkg-config groff-base \
           libxml2-utils bsdutils util-linux \
           python3-junitparser cmark-gfm python3-prometheus-client pre-commit python3-yaml \
           librsvg2-bin zsh fish
# The Python package's tests (tests/t/python.sh) run when these are there
# and are skipped, saying so, when they are not: make deps installs them,
# make check does not require them.
DEB_PYTHON = python3-dev python3-setuptools python3-venv python3-wheel-whl python3-pytest \
             python3-pandas
DEB_EXTRA ?=
DEB_ALL = $(DEB_BUILD) $(DEB_TEST) $(DEB_EXTRA)
MISSING = missing=; for p in $(DEB_ALL) $(DEB_PY_WANTED); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done
deps: DEB_PY_WANTED = $(DEB_PYTHON)
deps:
	@$(MISSING); \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        echo "installing:$$missing"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	            apt-get install -y -qq $$missing >/dev/null || exit 1; \
	    else echo "memfold needs:$$missing (as root: apt-get install$$missing)"; exit 1; fi; \
	fi
# The packages, as README.md lists them (tests/t/readme.sh compares).
deps-list:
	@echo 'build: $(DEB_BUILD)'
	@echo 'test:  $(DEB_TEST)'
	@echo 'python: $(DEB_PYTHON)'
check-deps:
	@if ! command -v dpkg >/dev/null; then \
	    echo "check-deps: no dpkg; make sure these Debian packages' tools are installed: $(DEB_ALL)"; \
	else $(MISSING); \
	    if [ -n "$$missing" ]; then \
	        echo "make check needs these Debian packages:$$missing"; \
	        echo "install them with 'make deps' as root, or: apt-get install$$missing"; exit 1; fi; \
	fi

# Neither scanner may back up (flex -b): a test of the grammars' design.
check-backup: | build
	@for l in grammar/*.l; do (cd build && $(FLEX) -b $(FLEXFLAGS) -o /dev/null ../$$l && \
	    grep -q '^No backing up' lex.backup) || { echo "$$l backs up"; exit 1; }; done

# ---- install ---------------------------------------------------------------
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  = $(PREFIX)/bin
LIBDIR  = $(PREFIX)/lib
INCDIR  = $(PREFIX)/include
MANDIR  = $(PREFIX)/share/man/man1
PCDIR   = $(LIBDIR)/pkgconfig
COMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR  = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# The prefix is part of the file: a change of PREFIX (or LIBDIR, INCDIR)
# rewrites it, as build/flags does for the compiler flags.
build/pcdirs: FORCE | build
	@echo '$(PREFIX) $(LIBDIR) $(INCDIR)' | cmp -s - $@ || echo '$(PREFIX) $(LIBDIR) $(INCDIR)' >$@

build/memfold.pc: Makefile include/memfold.h build/pcdirs | build
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCDIR)' '' \
	    'Name: memfold' \
	    'Description: read, check and sum up the reports of Python'"'"'s memory_profiler' \
	    'Version: $(VERSION)' 'Requires.private: jansson zlib' \
	    'Libs: -L$${libdir} -lmemfold' 'Libs.private: -lm' 'Cflags: -I$${includedir}' >$@

install: memfold lib build/memfold.pc
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(MANDIR) $(DESTDIR)$(PCDIR) $(DESTDIR)$(COMPDIR) $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	$(INSTALL_PROGRAM) -m 755 memfold $(DESTDIR)$(BINDIR)/memfold
	$(INSTALL_DATA) build/libmemfold.a $(DESTDIR)$(LIBDIR)/libmemfold.a
	$(INSTALL_PROGRAM) -m 755 build/libmemfold.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmemfold.so.$(VERSION)
	ln -sf libmemfold.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libmemfold.so
	$(INSTALL_DATA) include/memfold.h include/memfold_dat.h $(DESTDIR)$(INCDIR)/
	$(INSTALL_DATA) man/memfold.1 $(DESTDIR)$(MANDIR)/memfold.1
	$(INSTALL_DATA) build/memfold.pc $(DESTDIR)$(PCDIR)/memfold.pc
	$(INSTALL_DATA) src/cli/completion.bash $(DESTDIR)$(COMPDIR)/memfold
	$(INSTALL_DATA) src/cli/completion.zsh $(DESTDIR)$(ZSHDIR)/_memfold
	$(INSTALL_DATA) src/cli/completion.fish $(DESTDIR)$(FISHDIR)/memfold.fish

# The same, with the symbol tables and debugging information stripped from
# the command and the shared library (the archive keeps its symbols: a
# static client links against them).
install-strip:
	$(MAKE) INSTALL_PROGRAM='$(INSTALL_PROGRAM) -s' install

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/memfold $(DESTDIR)$(LIBDIR)/libmemfold.a \
	    $(DESTDIR)$(LIBDIR)/libmemfold.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libmemfold.so $(DESTDIR)$(INCDIR)/memfold.h \
	    $(DESTDIR)$(INCDIR)/memfold_dat.h $(DESTDIR)$(MANDIR)/memfold.1 \
	    $(DESTDIR)$(PCDIR)/memfold.pc $(DESTDIR)$(COMPDIR)/memfold \
	    $(DESTDIR)$(ZSHDIR)/_memfold $(DESTDIR)$(FISHDIR)/memfold.fish
.PHONY: install install-strip uninstall lib

clean:
	rm -rf build memfold python/build python/memfold.egg-info python/memfold/_memfold*.so

.PHONY: all clean check check-the-checks check-backup golden demo deps deps-list check-deps FORCE

# Throughput (MB/s) and peak memory of memfold (at -j1 and its default job
# count) and of its peers, their ratios, and the shapes' growth (shapes.sh),
# all measured in one run on a generated report of BENCH_MB MB (default
# 200); it prints measurements only and asserts nothing.
bench: memfold
	bash tests/bench/bench.sh $(BENCH_MB)
# Time at two sizes of the shapes that were quadratic; fails at a ratio >= 2.5
# (the same section `make bench` prints, as a check of growth).
bench-shapes: memfold
	bash tests/bench/shapes.sh
.PHONY: bench bench-shapes

# ---- fuzzing (clang's libFuzzer) --------------------------------------------
# make fuzz FUZZ_SECONDS=N runs each harness for N seconds over a corpus seeded
# from the test inputs, with a dictionary of the formats' tokens.  The
# harnesses link the commands (cmd_*.c, all of the CLI but main.c) too: they
# drive plot, diff and the reading commands as the CLI runs them.
FUZZ_SECONDS ?= 60
FUZZCC ?= clang
FUZZFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_GEN = build/report.tab.c build/report.lex.c build/dat.tab.c build/dat.lex.c
FUZZ_CLI = $(filter-out src/cli/main.c,$(CLISRC))
FUZZ_HARNESSES = report scan dat plot diff merge

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIBSRC) $(FUZZ_CLI) $(FUZZ_GEN) $(HEADERS) $(wildcard tests/fuzz/*.h)
	@mkdir -p build/fuzz
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -o $@ $< $(LIBSRC) $(FUZZ_CLI) $(FUZZ_GEN) $(LIBS)

fuzz: memfold $(FUZZ_HARNESSES:%=build/fuzz/fuzz_%)
	bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)
.PHONY: fuzz

# Every command over the corpus under valgrind: no errors, no leaks.
valgrind: memfold
	bash tests/valgrind.sh
.PHONY: valgrind
