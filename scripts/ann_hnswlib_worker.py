"""One hnswlib round for scripts/bench_ann.py: build, save, sweep ef, write JSON.

Benchmark tooling only (never part of the product). Runs as its own process
under .venv so that its peak RSS is hnswlib's alone (plus the Python
interpreter, numpy and the loaded dataset -- the same files vecbench loads).

Timing rules, matched to `vecbench ann`:
  build   add_items(all vectors, num_threads=--threads), wall clock
  search  per ef: set_ef(ef); knn_query(all queries, k, num_threads=1) as one
          batch, repeated --repeat times; QPS = queries / seconds of a pass,
          and the round's QPS is the median pass -- the same rule as
          `vecbench ann --repeat` (the caller then takes the median over
          rounds). One C++ call per pass, so no Python per-query overhead is
          in the time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ (not git-ignored)

import numpy as np
import hnswlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ann_data  # noqa: E402

SPACES = {"l2": "l2", "ip": "ip", "cosine": "cosine"}


def proc_status_bytes(field: str) -> int | None:
    """A kB field of /proc/self/status (VmRSS, VmHWM) in bytes."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def vm_rss_bytes() -> int | None:
    return proc_status_bytes("VmRSS")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--groundtruth", required=True)
    parser.add_argument("--metric", choices=sorted(SPACES), default="l2")
    parser.add_argument("--m", type=int, required=True)
    parser.add_argument("--ef-construction", type=int, required=True)
    parser.add_argument("--ef", required=True, help="comma-separated list")
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True, help="build threads")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=100, help="hnswlib random_seed")
    parser.add_argument("--index-path", help="where save_index writes (deleted after)")
    parser.add_argument("--load-index", help="search this hnswlib index file instead of building one "
                        "(the same-graph stage: a vecbench graph exported by ann_graph_export.py)")
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    efs = [int(x) for x in args.ef.split(",") if x]

    base = ann_data.read_vecs(args.base, np.float32)
    queries = ann_data.read_vecs(args.queries, np.float32)
    gt = ann_data.read_vecs(args.groundtruth, np.int32)
    n, dim = base.shape
    nq = queries.shape[0]
    if queries.shape[1] != dim:
        raise SystemExit(f"queries have dimension {queries.shape[1]}, base {dim}")
    if gt.shape[0] != nq or gt.shape[1] < args.k:
        raise SystemExit(f"ground truth is {gt.shape}, need {nq} rows of at least k={args.k}")
    rss_loaded = vm_rss_bytes()

    index = hnswlib.Index(space=SPACES[args.metric], dim=dim)
    if args.load_index:
        index.load_index(args.load_index, max_elements=n)
        build_seconds = None
        index_file_bytes = os.path.getsize(args.load_index)
        rss_built = vm_rss_bytes()
    else:
        if not args.index_path:
            raise SystemExit("--index-path is needed when building")
        index.init_index(max_elements=n, M=args.m, ef_construction=args.ef_construction,
                         random_seed=args.seed)
        ids = np.arange(n, dtype=np.int64)
        started = time.perf_counter()
        index.add_items(base, ids, num_threads=args.threads)
        build_seconds = time.perf_counter() - started
        rss_built = vm_rss_bytes()
        index.save_index(args.index_path)
        index_file_bytes = os.path.getsize(args.index_path)
        os.remove(args.index_path)

    # One untimed pass first, so the first ef's timing does not pay for cold
    # caches and page faults of the freshly built graph.
    index.set_ef(efs[0])
    index.knn_query(queries, k=args.k, num_threads=1)

    runs = []
    for ef in efs:
        index.set_ef(ef)
        passes = []
        labels = None
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            labels, _ = index.knn_query(queries, k=args.k, num_threads=1)
            passes.append(time.perf_counter() - started)
        qps_passes = [nq / s for s in passes]
        recall = ann_data.tie_aware_recall(args.metric, base, queries, gt, labels, args.k)
        runs.append({
            "ef": ef,
            "recall": recall,
            "qps": statistics.median(qps_passes),
            "qpsSamples": qps_passes,
            "meanLatencyMicroseconds": statistics.median(passes) / nq * 1e6,
        })

    # Peak RSS is VmHWM, this address space's high-water mark. getrusage's
    # ru_maxrss is kept across fork+exec on Linux, so a child reports at least
    # its parent's resident size; it is recorded too, for comparison.
    ru_maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    peak = proc_status_bytes("VmHWM") or ru_maxrss
    document = {
        "schema": "vecbench.hnswlib-round/1",
        "hnswlibVersion": getattr(hnswlib, "__version__", None) or _dist_version("hnswlib"),
        "numpyVersion": np.__version__,
        "python": sys.version.split()[0],
        "dataset": {"base": args.base, "queries": args.queries, "groundtruth": args.groundtruth,
                    "count": n, "dimension": dim, "queryCount": nq, "metric": args.metric},
        "build": {"m": args.m, "efConstruction": args.ef_construction, "threads": args.threads,
                  "randomSeed": args.seed, "seconds": build_seconds,
                  "currentCount": index.get_current_count(), "indexFileBytes": index_file_bytes},
        "k": args.k, "repeat": args.repeat, "searchThreads": 1,
        "peakRSSBytes": peak, "ruMaxRSSBytes": ru_maxrss, "rssAfterLoadBytes": rss_loaded, "rssAfterBuildBytes": rss_built,
        "runs": runs,
    }
    tmp = args.json + ".tmp"
    with open(tmp, "w") as handle:
        json.dump(document, handle, indent=1)
    os.replace(tmp, args.json)
    return 0


def _dist_version(name: str) -> str | None:
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:  # noqa: BLE001 - version is informative only
        return None


if __name__ == "__main__":
    sys.exit(main())
