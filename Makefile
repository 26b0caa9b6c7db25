# Synkti — build, test, run experiments, benchmark.
#
#   make experiments   the main job (installs what is missing, then runs)
#   make test          the test suite (what CI runs)
#   make bench         speed targets (release build; not part of CI)

SWIFT     ?= swift
SIZE      ?= default
RELEASE    = .build/release/synkti
SYSTEM_PACKAGES = libsqlite3-dev gnuplot-nox coinor-libclp-dev

.PHONY: all build test test-slurm experiments experiments-plan report figures bench bench-compare deps clean format help

all: build

help:
	@echo "make experiments   run Experiments/paper/ into Results/synkti.sqlite (SIZE=overnight: the large version)"
	@echo "make experiments-plan  runs and estimated time of each paper spec at SIZE (writes nothing)"
	@echo "make test          build and run every test"
	@echo "make report        rebuild Reports/<experiment>/ from the database (make figures: the same)"
	@echo "make test-slurm    start a one-node SLURM cluster and test sharded sweeps on it"
	@echo "make bench         benchmarks: simulator throughput, scale scenario, solver vs scipy"
	@echo "make bench-compare CMD=…   our whole process vs your command on SCENARIO, median of ROUNDS"
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

# The Swift runtime and Foundation linked in: the process starts in about
# half the time (synkti simulate of the headline scenario: 17 ms against
# 26 ms dynamically linked, median of 21 on the 2-core machine).
build:
	$(SWIFT) build -c release --product synkti --static-swift-stdlib

# --disable-xctest: every test is a swift-testing test; XCTest would only
# print "Executed 0 tests" twice before the real results.
test: deps
	$(SWIFT) test --disable-xctest

# The paper's experiment set, into one database. SIZE=overnight selects each
# spec's overnight block (more replicates, finer axes). --resume continues an
# interrupted sweep of the same spec and commit, else starts a new one.
DB        ?= Results/synkti.sqlite
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
PAPER_SPECS = Experiments/paper/headline.yaml Experiments/paper/migration.yaml Experiments/paper/policies.yaml \
  Experiments/paper/five-axis.yaml Experiments/paper/checkpointing.yaml Experiments/paper/cant-be-late.yaml \
  Experiments/paper/ross.yaml \
  Experiments/paper/multi-region-h100.yaml Experiments/paper/multi-region-v100.yaml \
  Experiments/paper/multi-region-deadline.yaml Experiments/paper/multi-region-regions.yaml \
  Experiments/paper/multi-region-checkpoint.yaml Experiments/paper/multi-region-v100-deadline.yaml \
  Experiments/paper/multi-region-v100-checkpoint.yaml Experiments/paper/multi-region-v100-regions.yaml \
  Experiments/paper/forecast.yaml Experiments/paper/forecast-h100.yaml \
  Experiments/paper/forecast-fleet.yaml Experiments/paper/forecast-fleet-h100.yaml \
  Experiments/paper/proactive-value.yaml \
  Experiments/paper/value-tuning-v100.yaml Experiments/paper/value-tuning-h100.yaml \
  Experiments/paper/chip-choice.yaml Experiments/paper/grace-period.yaml
# Experiment names: each paper spec's name is its file's base name.
EXPERIMENT_NAMES = $(basename $(notdir $(PAPER_SPECS)))
SIZE_FLAG = $(if $(filter-out default,$(SIZE)),--size $(SIZE),)
# Extra `synkti sweep` flags, e.g. SWEEP_FLAGS=--no-cache to recompute every run.
SWEEP_FLAGS ?=

experiments: deps build
	@mkdir -p Results
	@# One process for every spec: one catalog, one read of each trace, one lock.
	$(RELEASE) sweep $(PAPER_SPECS) --db $(DB) --jobs $(JOBS) --resume $(SIZE_FLAG) $(SWEEP_FLAGS)
	$(RELEASE) report --db $(DB)
	@echo "results in $(DB), reports in Reports/; export every experiment of this run (the latest sweep of each) with:"
	@echo "  for e in $(EXPERIMENT_NAMES); do $(RELEASE) export --db $(DB) --experiment \$$e --format csv > \$$e.csv; done"

# Runs and estimated time of every paper spec at SIZE, from each spec's
# dry run (a timed sample of cells); writes nothing.
experiments-plan: build
	@for spec in $(PAPER_SPECS); do \
	  printf '%-48s ' "$$spec"; \
	  $(RELEASE) sweep $$spec --dry-run --jobs $(JOBS) $(SIZE_FLAG) | \
	    awk '/^cells/ { runs = $$NF } /^estimate/ { for (i = 1; i <= NF; i++) if ($$i == "about") s = $$(i + 1) } \
	      END { printf "%8d runs %8d s\n", runs, s }'; \
	done | awk '{ print; r += $$2; t += $$4 } \
	  END { printf "total: %d runs, about %d min with $(JOBS) jobs (SIZE=$(SIZE))\n", r, t / 60 }'

# Rebuild every report (Markdown + figures) from the database.
report: build
	$(RELEASE) report --db $(DB)

# The paper's figures are the reports' figures (PNG + PDF, with .dat and .gp).
figures: report

# A real single-node SLURM cluster: array sweep + dependent merge, checked
# against a single-process sweep (installs slurm-wlm and munge if missing).
test-slurm: deps build
	bash deploy/slurm/test-cluster.sh

# The benchmarks' build plan is dropped first: SwiftPM (6.3) kept a stale
# plan of this package's targets after files were added to them, and ran
# the old code without an error.
bench: build
	rm -f Benchmarks/.build/release.yaml
	cd Benchmarks && $(SWIFT) run -c release synkti-bench all

# Synkti's whole process against any command on the same scenario,
# interleaved, median of ROUNDS: make bench-compare CMD="./my-sim …"
SCENARIO ?= Experiments/scale.yaml
ROUNDS ?= 5
bench-compare: build
	@test -n "$(CMD)" || { echo 'usage: make bench-compare CMD="your command" [SCENARIO=…] [ROUNDS=…]' >&2; exit 2; }
	python3 Benchmarks/scripts/bench_compare.py --cmd '$(CMD)' --scenario $(SCENARIO) --rounds $(ROUNDS) --synkti $(RELEASE)

format:
	swift format --in-place --recursive Sources Tests Benchmarks/Sources

clean:
	rm -rf .build Benchmarks/.build
