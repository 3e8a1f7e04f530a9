# gen-inc's own tasks. `make demo` and `make test` set everything up first.
.PHONY: all setup setup-test build test demo bench clean

PYTHON ?= python3
DEMO_DIR ?= demo-out

all: build

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

build: setup

test: setup-test
	npm test

demo: setup
	node dist/cli.js --python $(PYTHON) --out $(DEMO_DIR)
	bash scripts/demo.sh $(DEMO_DIR)

bench: setup
	npm run bench

clean:
	rm -rf dist $(DEMO_DIR) bench-out
