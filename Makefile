# Stride: the two commands a user needs are `make run` and `make test`.
# Each first installs whatever is missing (scripts/setup.sh is idempotent).
# No built-in implicit rules: with every source a prerequisite of the app's binary, make's
# search for ways to remake each one took 0.2–0.5 s of a warm `make run`.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
SWIFT   ?= swift
ARGS    ?=
# Every release build of every rule uses the same flags (else switching rules rebuilds all).
# No DWARF: it cost ~20 of the ~220 CPU-seconds of a cold build; a crash still names its
# functions (the symbol table stays), only file:line is lost.
RELEASE := $(SWIFT) build -c release -debug-info-format none
export PATH := $(PATH):/opt/swift/usr/bin
# In a checkout with ../shared beside it (development, CI), MNIST is found there
# unless STRIDE_DATA says otherwise.
SHARED_DATA := $(wildcard $(CURDIR)/../shared/datasets/mnist)
ifneq ($(SHARED_DATA),)
export STRIDE_DATA ?= $(abspath $(CURDIR)/../shared/datasets)
endif

PREFIX  ?= /usr/local

.PHONY: setup run class test bench build release clean fuzz keras-fixtures install uninstall

setup:
	@bash scripts/setup.sh

setup-optional:
	@bash scripts/setup.sh --optional

## make release: every product, optimised.
release: setup
	$(RELEASE)

## make run: build the app alone (release; not stride-bench nor stride-fuzz) and start it.
## Pass options with ARGS="show sliding". Class mode is its own program (stride-class, which
## `stride class …` runs): built only when ARGS start with `class`, or by `make class`.
RUN_NEEDS := .build/release/stride
ifeq ($(firstword $(ARGS)),class)
RUN_NEEDS += .build/release/stride-class
endif
run: setup-optional $(RUN_NEEDS)
	./.build/release/stride $(ARGS)

## make class: build class mode (`stride class serve | join | export`) beside the app.
class: setup-optional .build/release/stride .build/release/stride-class
	@echo "class mode built: ./.build/release/stride class --help"

# The app is rebuilt only when the manifest, a source, a build plugin or a lesson (which a
# build plugin may embed) is newer than the binary: SwiftPM's own "nothing to do" check took
# 3–9 s on a busy 2-core machine, on every warm `make run`.
STRIDE_INPUTS := Package.swift $(wildcard Package.resolved) $(shell find Sources Plugins lessons -type f 2>/dev/null)
.build/release/stride: $(STRIDE_INPUTS)
	$(RELEASE) --product stride
	@touch $@

.build/release/stride-class: $(STRIDE_INPUTS)
	$(RELEASE) --product stride-class
	@touch $@

## make install PREFIX=~/.local: the binary to PREFIX/bin, the lessons to PREFIX/share/stride/lessons
## (the binary finds them there; it also carries a built-in copy, so a bare copy works too).
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/stride"
	install -m 755 .build/release/stride "$(DESTDIR)$(PREFIX)/bin/stride"
	install -m 755 .build/release/stride-class "$(DESTDIR)$(PREFIX)/bin/stride-class"
	rm -rf "$(DESTDIR)$(PREFIX)/share/stride/lessons"
	cp -R lessons "$(DESTDIR)$(PREFIX)/share/stride/lessons"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/stride, stride-class and $(DESTDIR)$(PREFIX)/share/stride/lessons"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/stride" "$(DESTDIR)$(PREFIX)/bin/stride-class"
	rm -rf "$(DESTDIR)$(PREFIX)/share/stride"

## make test: every test, including the end-to-end terminal tests in tmux.
# The class server's in-process tests (the ClassServerTests target: sockets and 40 students on Swift's
# cooperative threads) run on their own after the rest: with every suite at once on 2 cores, the
# blocking tmux tests starve the cooperative pool and their deadlines, not the server, fail.
test: setup
	$(SWIFT) build
	STRIDE_BIN=$(CURDIR)/.build/debug/stride $(SWIFT) test --skip ClassServerTests
	STRIDE_BIN=$(CURDIR)/.build/debug/stride $(SWIFT) test --skip-build --filter ClassServerTests
	bash scripts/check-example-patch.sh

## make bench: frame times, the machine's FLOP limit, where a training step's time goes,
## training samples/s, then side by side with Keras and PyTorch and one summary line
## (KERAS=0 / TORCH=0 skip a peer; each is installed into its own .venv-* on first use).
bench: setup
	$(RELEASE) --product stride-bench
	$(RELEASE) --product stride
	$(RELEASE) --product stride-class
	./.build/release/stride-bench
	./.build/release/stride-bench --class 200
	bash scripts/bench-peers.sh

## make fuzz: libFuzzer on every parser, FUZZ_SECONDS (600) each, PARALLEL (2) at a time.
fuzz: setup
	bash scripts/fuzz.sh

## make keras-fixtures: regenerate Tests/CNNTests/Fixtures/keras with Keras 3 (in .venv-keras).
keras-fixtures:
	@test -x .venv-keras/bin/python || { python3 -m venv .venv-keras && .venv-keras/bin/pip install -q "tensorflow-cpu==2.21.0"; }
	.venv-keras/bin/python bench/keras_fixtures.py $${STRIDE_DATA:-../shared/datasets}/mnist Tests/CNNTests/Fixtures/keras
	.venv-keras/bin/python scripts/keras_grad_fixtures.py Tests/CNNTests/Fixtures/keras/grads.json

clean:
	rm -rf .build
