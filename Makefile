# vecbench — set-up and everyday commands. See README.md.
#
#   make run        install what is missing, build release, run the main job
#   make test       install what is missing, run the whole test suite
#   make bench-ann  vecbench vs hnswlib on a seeded 100k x 128 dataset
#   make bench-wal  WAL acknowledgements/s and p99 for 1/16/64 writers, per-collection vs shared vs naive
#
# Release builds target the host CPU (as hnswlib's pip build does with
# -march=native), so the SIMD kernels use AVX2/AVX-512 where the machine has it.

SWIFT      ?= swift
PYTHON     ?= python3
RELEASE    := -c release -Xswiftc -target-cpu -Xswiftc native -Xcc -march=native
BIN        := .build/release/vecbench
DATA       := data
REPORTS    := reports
APT_DEPS   := libpfm4-dev

.PHONY: all deps build release run test bench-ann bench-wal smoke clean

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

# The main job. Until the workload runner lands this is the ANN benchmark on a
# generated dataset; the report goes to reports/ann-<timestamp>/.
run: release
	@mkdir -p $(DATA) $(REPORTS)
	$(BIN) dataset generate --out $(DATA)/run-20k --count 20000 --dimension 96 --queries 500 --clusters 64 --seed 42
	@out=$(REPORTS)/ann-$$(date -u +%Y%m%dT%H%M%SZ); mkdir -p $$out; \
	$(BIN) ann --base $(DATA)/run-20k/base.fvecs --queries $(DATA)/run-20k/queries.fvecs \
	  --groundtruth $(DATA)/run-20k/groundtruth.ivecs --metric l2 --m 16 --ef-construction 100 \
	  --ef 16,32,64,128 --k 10 --threads 2 --json $$out/ann.json | tee $$out/ann.txt; \
	ln -sfn $$(basename $$out) $(REPORTS)/latest; echo "report: $$out"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Short end-to-end smoke of the main job, for .ci/run.
smoke: release
	@mkdir -p $(DATA)
	$(BIN) dataset generate --out $(DATA)/smoke --count 3000 --dimension 32 --queries 100 --clusters 16 --seed 7
	$(BIN) ann --base $(DATA)/smoke/base.fvecs --queries $(DATA)/smoke/queries.fvecs \
	  --groundtruth $(DATA)/smoke/groundtruth.ivecs --metric l2 --m 12 --ef-construction 80 \
	  --ef 16,64 --k 10 --threads 2 --storage mmap --min-recall 0.9 --json $(DATA)/smoke/ann.json

bench-ann: release
	$(PYTHON) scripts/bench_ann.py --vecbench $(BIN) --data $(DATA)/bench-ann --out $(REPORTS)/bench-ann

# The WAL data lives under data/ (on the disk being measured), not /tmp.
bench-wal: release
	@mkdir -p $(DATA)/bench-wal
	$(BIN) bench-wal --data $(DATA)/bench-wal --out $(REPORTS)/bench-wal

clean:
	rm -rf .build $(DATA)
