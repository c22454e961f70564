# memfold -- build, test and benchmark.  `make` leaves ./memfold.
CC      ?= cc
FLEX    ?= flex
BISON   ?= bison
CFLAGS  ?= -O2 -g
WARN    = -Wall -Wextra -Werror
CPPFLAGS += -D_GNU_SOURCE -Iinclude -Isrc -Ibuild
SANITIZE ?=
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
# generated code is compiled with the same warnings, minus what flex trips
GENWARN = $(WARN) -Wno-unused-function -Wno-sign-compare

LIBSRC = src/lexstate.c src/build.c src/parse.c src/util.c src/header.c \
         src/checks.c src/validate.c src/fold.c src/emit_summary.c \
         src/emit_lines.c src/textout.c src/diag_print.c \
         src/decimal.c
LIBOBJ = $(LIBSRC:src/%.c=build/%.o) build/report.tab.o build/report.lex.o
CLISRC = src/main.c src/output.c
CLIOBJ = $(CLISRC:src/%.c=build/%.o)

all: memfold

build:
	mkdir -p build

build/report.tab.c build/report.tab.h: grammar/report.y | build
	$(BISON) -Wall -Werror -o build/report.tab.c --defines=build/report.tab.h $<

build/report.lex.c build/report.lex.h: grammar/report.l build/report.tab.h | build
	$(FLEX) -o build/report.lex.c --header-file=build/report.lex.h $<

build/report.tab.o: build/report.tab.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GENWARN) -c -o $@ $<
build/report.lex.o: build/report.lex.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GENWARN) -c -o $@ $<

build/%.o: src/%.c build/report.tab.h build/report.lex.h $(wildcard src/*.h) include/memfold.h | build
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c -o $@ $<

build/libmemfold.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $^

memfold: $(CLIOBJ) build/libmemfold.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLIOBJ) build/libmemfold.a

clean:
	rm -rf build memfold

.PHONY: all clean
