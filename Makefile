# vecbench — set-up and everyday commands. See README.md.
#
#   make run        install what is missing, build release, run workloads/default.yaml
#   make test       install what is missing, run the whole test suite
#   make bench-ann  vecbench vs hnswlib on a seeded 100k x 128 dataset; sq8 vs f32 vs faiss, clustered and real text
#   make bench-wal  WAL acknowledgements/s and p99 for 1/16/64 writers, per-collection vs shared vs naive
#   make bench-instructions  instructions and simulated D1/LL misses per query under callgrind (deterministic)
#   make model-check         MemoryModel's D1/LL misses against cachegrind on the same queries
#   make gate-calibrate  thresholds from this machine's spread over GATE_RUNS runs of GATE_WORKLOAD
#   make gate-ab    interleaved A/B of GATE_BASE (a git ref, built apart) against this tree, with the check verdict
#   make gate-ci    the gate as .ci/run uses it: an in-run A/A of this build (must pass) with the calibrated thresholds,
#                   then its deterministic costs against the committed baseline (make gate-baseline records it)
#   make gate-campaign  false alarms and detection power of the gate, 4 × 20 trials → reports/gate-campaign/README.md
#   make fuzz       each libFuzzer target for FUZZ_SECONDS (600); make fuzz-replay replays the seeds only
#
# Release builds target the host CPU (as hnswlib's pip build does with
# -march=native), so the SIMD kernels use AVX2/AVX-512 where the machine has it.

SWIFT      ?= swift
PYTHON     ?= python3
RELEASE    := -c release -Xswiftc -target-cpu -Xswiftc native -Xcc -march=native
BIN        := .build/release/vecbench
DATA       := data
REPORTS    := reports
APT_DEPS   := libpfm4-dev libhdf5-dev

.PHONY: all deps build release run test bench-ann bench-wal smoke report-screenshot clean fuzz fuzz-replay \
	deps-valgrind probe bench-instructions model-check gate-calibrate gate-ab gate-ci gate-baseline gate-campaign

all: release

# Installs Debian packages only when absent; apt-get update runs only then.
deps:
	@missing=""; for p in $(APT_DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift toolchain not found on PATH" >&2; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE)

# The main job: workloads/default.yaml against its configurations on the
# embedded engine. The result goes to reports/<run-id>/ (result.json,
# summary.txt); reports/latest points at it, with a Markdown and an HTML
# report beside the JSON.
WORKLOAD ?= workloads/default.yaml
run: release
	@mkdir -p $(DATA) $(REPORTS)
	@status=0; $(BIN) run $(WORKLOAD) --out $(REPORTS) --scratch $(DATA)/runs || status=$$?; \
	if [ -f $(REPORTS)/latest/result.json ]; then \
	  $(BIN) report $(REPORTS)/latest/result.json --format md --out $(REPORTS)/latest/report.md && \
	  $(BIN) report $(REPORTS)/latest/result.json --format html --out $(REPORTS)/latest/report.html && \
	  echo "reports: $(REPORTS)/latest/ (summary.txt, report.md, report.html, result.json)"; \
	fi; exit $$status

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# Short end-to-end smoke of the main job, for .ci/run: the CI workload (an
# embedded and a two-worker-process configuration), then the ANN benchmark
# on a small generated dataset through a mapped index file.
smoke: release
	@mkdir -p $(DATA)
	$(BIN) run workloads/ci-smoke.yaml --out $(DATA)/smoke-runs --scratch $(DATA)/runs
	$(BIN) report $(DATA)/smoke-runs/latest/result.json --format html --out $(DATA)/smoke-runs/latest/report.html
	$(BIN) dataset generate --out $(DATA)/smoke --count 3000 --dimension 32 --queries 100 --clusters 16 --seed 7
	$(BIN) ann --base $(DATA)/smoke/base.fvecs --queries $(DATA)/smoke/queries.fvecs \
	  --groundtruth $(DATA)/smoke/groundtruth.ivecs --metric l2 --m 12 --ef-construction 80 \
	  --ef 16,64 --k 10 --threads 2 --storage mmap --min-recall 0.9 --json $(DATA)/smoke/ann.json

# Then sq8 against f32 and faiss IndexHNSWSQ, on the clustered set and on a
# real-text set made from this machine's apt package descriptions
# (scripts/ann_text_data.py; scikit-learn and faiss-cpu go into .venv).
bench-ann: release
	nice -n 10 $(PYTHON) scripts/bench_ann.py --vecbench $(BIN) --data $(DATA)/bench-ann --out $(REPORTS)/bench-ann
	nice -n 10 $(PYTHON) scripts/bench_ann_quantized.py --vecbench $(BIN) --data $(DATA)/bench-ann \
	  --text-data $(DATA)/bench-ann-text --out $(REPORTS)/bench-ann

# The WAL data lives under data/ (on the disk being measured), not /tmp.
bench-wal: release
	@mkdir -p $(DATA)/bench-wal
	$(BIN) bench-wal --data $(DATA)/bench-wal --out $(REPORTS)/bench-wal

# Valgrind targets. Valgrind 3.19 (Debian bookworm) cannot run `vecbench`
# (it gives up on DWARF 5 debug information and crashes in the Foundation
# libraries), so they run VecbenchProbe: a fixed, seeded search workload
# linking only VectorCore, VectorIndex and MemoryModel, built without debug
# information and for baseline x86-64 (Valgrind decodes no AVX-512; counts
# must not depend on the host CPU), in its own scratch directory.
PROBE_BUILD := $(SWIFT) build -c release --scratch-path .build-probe --product VecbenchProbe -Xswiftc -gnone -Xcc -g0
PROBE       := .build-probe/release/VecbenchProbe

deps-valgrind: deps
	@dpkg-query -W -f='$${Status}' valgrind 2>/dev/null | grep -q "install ok installed" || { \
	  echo "installing: valgrind"; SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind; }

probe: deps-valgrind
	$(PROBE_BUILD)

bench-instructions: probe
	nice -n 10 $(PYTHON) scripts/bench_instructions.py --probe $(PROBE) --out $(REPORTS)/bench-instructions

model-check: probe
	nice -n 10 $(PYTHON) scripts/model_check.py --probe $(PROBE) --out $(REPORTS)/model-check

# The HTML pages of the latest run (or fixtures on a fresh clone) in
# headless Chromium: the run report, a capacity plan from the same document
# and an ANN report. screenshot_report.sh takes a screenshot and fails on a
# console error or an empty chart; report_layout_check.py loads every page
# at a LAYOUT_WIDTH-px viewport and fails when the page or any element
# outside a scrolling box is wider than the viewport, when a chart's axis
# lies outside what its quantity can take (recall above 1), or when chart
# labels overlap. Screenshots land in reports/screenshot/.
RESULT       ?= $(firstword $(wildcard $(REPORTS)/latest/result.json) Tests/BenchReportTests/Fixtures/three-configurations.json)
ANN_RESULT   ?= Tests/BenchReportTests/Fixtures/ann-sweep.json
LAYOUT_WIDTH ?= 1280
SHOTS        := $(REPORTS)/screenshot
report-screenshot: release
	@mkdir -p $(SHOTS)
	$(BIN) report $(RESULT) --format html --out $(SHOTS)/report.html
	$(BIN) plan --from $(RESULT) --tenants 50000 --vectors-per-tenant 10000 --dim 768 --target-recall 0.9 \
	  --peak-qps 100000 --node-ram 256GiB --node-cores 32 --format html --out $(SHOTS)/plan.html
	$(BIN) report $(ANN_RESULT) --format html --out $(SHOTS)/ann.html
	scripts/screenshot_report.sh $(SHOTS)/report.html $(SHOTS)/report.png
	$(PYTHON) scripts/report_layout_check.py --width $(LAYOUT_WIDTH) --screenshot-dir $(SHOTS) \
	  $(SHOTS)/report.html $(SHOTS)/plan.html $(SHOTS)/ann.html

# Fuzzing (libFuzzer through `swift build --sanitize=fuzzer`; see
# Sources/FuzzSupport/FuzzHarness.swift). Each target runs FUZZ_SECONDS in
# fork mode, so one crash does not end the run: every crash, timeout and
# out-of-memory input lands in $(FUZZ_OUT)/<target>/ and the target fails
# at the end if there is any. New corpus entries go to $(FUZZ_OUT) too,
# never into the committed seeds (Tests/FuzzCorpus/<target>/, regenerated
# by scripts/fuzz_seeds.py). FUZZ_TARGETS picks a subset.
#   make fuzz FUZZ_SECONDS=60 FUZZ_TARGETS="workload results"
# fuzz-replay needs no libFuzzer: the normal build of each target replays
# the committed seeds (what CI runs; seconds in all).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= dataset wal sectioned-file worker-protocol workload results
FUZZ_OUT     ?= $(DATA)/fuzz
FUZZ_BUILD   := $(SWIFT) build --scratch-path .build-fuzz -c release --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING

fuzz: deps
	@for t in $(FUZZ_TARGETS); do $(FUZZ_BUILD) --product $$(scripts/fuzz_target.sh $$t) || exit 1; done
	@status=0; for t in $(FUZZ_TARGETS); do \
	  exe=.build-fuzz/release/$$(scripts/fuzz_target.sh $$t); mkdir -p $(FUZZ_OUT)/$$t/corpus $(FUZZ_OUT)/$$t/artifacts; \
	  echo "fuzz $$t: $(FUZZ_SECONDS)s"; \
	  nice -n 10 $$exe $(FUZZ_OUT)/$$t/corpus Tests/FuzzCorpus/$$t -max_total_time=$(FUZZ_SECONDS) \
	    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	    -artifact_prefix=$(FUZZ_OUT)/$$t/artifacts/ > $(FUZZ_OUT)/$$t/log.txt 2>&1; \
	  grep -E "^#[0-9]+: cov|DONE|INFO: fuzzed for" $(FUZZ_OUT)/$$t/log.txt | tail -1; \
	  if ls $(FUZZ_OUT)/$$t/artifacts/ | grep -q .; then echo "fuzz $$t: findings in $(FUZZ_OUT)/$$t/artifacts/"; status=1; fi; \
	done; exit $$status

FUZZ_REPLAY_BIN ?= .build/debug
fuzz-replay:
	$(SWIFT) build $(if $(findstring release,$(FUZZ_REPLAY_BIN)),-c release)
	@for t in $(FUZZ_TARGETS); do $(FUZZ_REPLAY_BIN)/$$(scripts/fuzz_target.sh $$t) Tests/FuzzCorpus/$$t || exit 1; done

clean:
	rm -rf .build $(DATA)

# qdrant-edge (Qdrant's shard engine) behind the worker protocol, through
# scripts/qdrant_edge_adapter.py: `make qdrant-edge` creates .venv/ if
# absent and pip-installs qdrant-edge-py there when it is not importable;
# adapter-check-qdrant runs the conformance suite against the adapter;
# run-qdrant-edge runs workloads/qdrant-edge.yaml (vecbench vs qdrant-edge).
QDRANT_EDGE := qdrant-edge-py==0.9.0
VENV_PY     := .venv/bin/python
.PHONY: qdrant-edge adapter-check-qdrant run-qdrant-edge
qdrant-edge:
	@[ -x $(VENV_PY) ] || $(PYTHON) -m venv .venv || { echo "cannot create .venv: on Debian/Ubuntu install python3-venv" >&2; exit 1; }
	@$(VENV_PY) -c "import qdrant_edge" 2>/dev/null || { echo "installing $(QDRANT_EDGE) into .venv/"; $(VENV_PY) -m pip install -q $(QDRANT_EDGE); }

adapter-check-qdrant: build qdrant-edge
	.build/debug/vecbench adapter-check --command $(VENV_PY) scripts/qdrant_edge_adapter.py

run-qdrant-edge: qdrant-edge
	$(MAKE) run WORKLOAD=workloads/qdrant-edge.yaml

# The CI gate (README, "The CI gate"). gate-calibrate runs this build
# GATE_CALIBRATE_RUNS times and writes workloads/thresholds/<workload>.json; gate-ab builds
# GATE_BASE from `git archive` (no worktree, no change to .git) and
# alternates runs of it and of this tree, ending with check's exit code.
GATE_WORKLOAD ?= workloads/ci-gate.yaml
GATE_RUNS     ?= 3
GATE_CALIBRATE_RUNS ?= 8
GATE_BASE     ?= main
GATE_NAME     := $(basename $(notdir $(GATE_WORKLOAD)))
GATE_THRESHOLDS := workloads/thresholds/$(GATE_NAME).json
gate-calibrate: release
	@mkdir -p $(DATA)
	uptime
	$(BIN) calibrate $(GATE_WORKLOAD) --runs $(GATE_CALIBRATE_RUNS) --out $(DATA)/calibrate/$(GATE_NAME) \
	  --scratch $(DATA)/runs --thresholds $(GATE_THRESHOLDS)

gate-ab: release
	@rm -rf $(DATA)/gate-base && mkdir -p $(DATA)/gate-base
	git archive $(GATE_BASE) | tar -x -C $(DATA)/gate-base
	cd $(DATA)/gate-base && $(SWIFT) build $(RELEASE)
	$(BIN) ab --baseline $(DATA)/gate-base/$(BIN) --candidate $(BIN) $(GATE_WORKLOAD) --runs $(GATE_RUNS) \
	  --out $(REPORTS)/ab --scratch $(DATA)/runs $(if $(wildcard workloads/thresholds/$(GATE_NAME).json),--thresholds workloads/thresholds/$(GATE_NAME).json,)

# .ci/run's gate: this build against itself, interleaved, judged with the
# committed calibrated thresholds. Identical code must pass (the campaign
# measures how often noise alone would fail it); a deterministic figure
# that moves between two runs of one build (a nondeterministic search)
# fails it too.
#
# Then the deterministic costs of those runs against the committed baseline
# (workloads/thresholds/<workload>.baseline.json, this machine): a change in
# the work a search does fails here until `make gate-baseline` records it.
GATE_BASELINE := workloads/thresholds/$(GATE_NAME).baseline.json
gate-ci: release
	@mkdir -p $(DATA)
	$(BIN) ab $(GATE_WORKLOAD) --runs $(GATE_RUNS) --out $(DATA)/gate-ci --scratch $(DATA)/runs \
	  --thresholds $(GATE_THRESHOLDS) --markdown $(DATA)/gate-ci/summary.md --junit $(DATA)/gate-ci/junit.xml
	$(BIN) check --only deterministic --baseline $(GATE_BASELINE) --current $(DATA)/gate-ci/candidate.json \
	  --thresholds $(GATE_THRESHOLDS) --junit $(DATA)/gate-ci/junit-deterministic.xml

# Records the committed baseline of the deterministic costs (review the diff:
# it says what the code now does differently).
gate-baseline: release
	@mkdir -p $(DATA)
	$(BIN) run $(GATE_WORKLOAD) --repeat $(GATE_RUNS) --out $(DATA)/gate-baseline --scratch $(DATA)/runs
	cp $(DATA)/gate-baseline/latest/result.json $(GATE_BASELINE)

# The gate's own acceptance test (issue #13): 20 A/A trials, 20 A/A with one
# core burned, 20 trials of a ~10 % slowdown from an engine setting, 20 of a
# ~2 % change in distance evaluations; the report states the load average of
# every trial. GATE_CAMPAIGN_ARGS passes e.g. --rejudge (checks only).
GATE_CAMPAIGN_TRIALS ?= 20
GATE_CAMPAIGN_ARGS   ?=
gate-campaign: release
	nice -n 10 $(PYTHON) scripts/gate_campaign.py --vecbench $(BIN) --workload $(GATE_WORKLOAD) \
	  --thresholds $(GATE_THRESHOLDS) --trials $(GATE_CAMPAIGN_TRIALS) --runs $(GATE_RUNS) \
	  --data $(DATA)/gate-campaign --scratch $(DATA)/runs --out $(REPORTS)/gate-campaign $(GATE_CAMPAIGN_ARGS)
