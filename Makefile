# Stride: the two commands a user needs are `make run` and `make test`.
# Each first installs whatever is missing (scripts/setup.sh is idempotent).
SWIFT   ?= swift
ARGS    ?=
export PATH := $(PATH):/opt/swift/usr/bin
# In a checkout with ../shared beside it (development, CI), MNIST is found there
# unless STRIDE_DATA says otherwise.
SHARED_DATA := $(wildcard $(CURDIR)/../shared/datasets/mnist)
ifneq ($(SHARED_DATA),)
export STRIDE_DATA ?= $(abspath $(CURDIR)/../shared/datasets)
endif

PREFIX  ?= /usr/local

.PHONY: setup run test bench build release clean fuzz keras-fixtures install uninstall

setup:
	@bash scripts/setup.sh

setup-optional:
	@bash scripts/setup.sh --optional

release: setup
	$(SWIFT) build -c release

## make run: build (release) and start the app. Pass options with ARGS="show sliding".
run: setup-optional release
	./.build/release/stride $(ARGS)

## make install PREFIX=~/.local: the binary to PREFIX/bin, the lessons to PREFIX/share/stride/lessons
## (the binary finds them there; it also carries a built-in copy, so a bare copy works too).
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/stride"
	install -m 755 .build/release/stride "$(DESTDIR)$(PREFIX)/bin/stride"
	rm -rf "$(DESTDIR)$(PREFIX)/share/stride/lessons"
	cp -R lessons "$(DESTDIR)$(PREFIX)/share/stride/lessons"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/stride and $(DESTDIR)$(PREFIX)/share/stride/lessons"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/stride"
	rm -rf "$(DESTDIR)$(PREFIX)/share/stride"

## make test: every test, including the end-to-end terminal tests in tmux.
test: setup
	$(SWIFT) build
	STRIDE_BIN=$(CURDIR)/.build/debug/stride $(SWIFT) test
	bash scripts/check-example-patch.sh

## make bench: frame times, the machine's FLOP limit, where a training step's time goes,
## training samples/s, then side by side with Keras and PyTorch and one summary line
## (KERAS=0 / TORCH=0 skip a peer; each is installed into its own .venv-* on first use).
bench: setup release
	./.build/release/stride-bench
	bash scripts/bench-peers.sh

## make fuzz: libFuzzer on every parser, FUZZ_SECONDS (600) each, PARALLEL (2) at a time.
fuzz: setup
	bash scripts/fuzz.sh

## make keras-fixtures: regenerate Tests/CNNTests/Fixtures/keras with Keras 3 (in .venv-keras).
keras-fixtures:
	@test -x .venv-keras/bin/python || { python3 -m venv .venv-keras && .venv-keras/bin/pip install -q "tensorflow-cpu==2.21.0"; }
	.venv-keras/bin/python bench/keras_fixtures.py $${STRIDE_DATA:-../shared/datasets}/mnist Tests/CNNTests/Fixtures/keras

clean:
	rm -rf .build
