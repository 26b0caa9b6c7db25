# Synkti — build, test, run experiments, benchmark.
#
#   make experiments   the main job (installs what is missing, then runs)
#   make test          the test suite (what CI runs)
#   make bench         speed targets (release build; not part of CI)

SWIFT     ?= swift
SIZE      ?= default
RELEASE    = .build/release/synkti
SYSTEM_PACKAGES = libsqlite3-dev gnuplot-nox

.PHONY: all build test experiments bench deps clean format help

all: build

help:
	@echo "make experiments   run the experiment set into Results/ (SIZE=overnight for the large one)"
	@echo "make test          build and run every test"
	@echo "make bench         benchmarks: simulator throughput, scale scenario, solver vs scipy"
	@echo "make deps          install system packages ($(SYSTEM_PACKAGES)) if missing"
	@echo "make build         release build of the synkti CLI"
	@echo "make clean         remove build products"

# Installs missing system packages when we are root with apt-get; otherwise
# prints the exact command and stops.
deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "missing system packages:$$missing"; \
	  echo "install them with:  sudo apt-get install -y$$missing"; \
	  exit 1; \
	fi

build:
	$(SWIFT) build -c release --product synkti

test: deps
	$(SWIFT) test

# Until the sweep runner lands: the headline scenario under every built-in
# policy and migration strategy, one JSON metrics file per run.
experiments: deps build
	@mkdir -p Results/headline
	@for policy in greedy on-demand-fallback:2 on-demand-only uniform-progress; do \
	  for migration in naive best-fit optimal; do \
	    out=Results/headline/$$(echo $$policy | tr ':' '-')_$$migration.json; \
	    echo "== $$policy / $$migration -> $$out"; \
	    $(RELEASE) simulate --scenario Experiments/headline.yaml --seed 1 \
	      --policy $$policy --migration $$migration --set deadline_slack=2 --output $$out \
	      | sed -n '2,4p' || exit 1; \
	  done; \
	done
	@echo "metrics written to Results/headline/"

bench: build
	cd Benchmarks && $(SWIFT) run -c release synkti-bench all

format:
	swift format --in-place --recursive Sources Tests Benchmarks/Sources

clean:
	rm -rf .build Benchmarks/.build
