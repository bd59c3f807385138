#!/usr/bin/env python3
"""One faiss IndexHNSWSQ round for scripts/bench_ann_quantized.py.

Benchmark tooling only (never part of the product). The same timing rules
as ann_hnswlib_worker.py: build with --threads OpenMP threads (train the
8-bit scalar quantizer, then add), then per ef one untimed pass and
--repeat timed batch searches on one thread; QPS is the median pass.

IndexHNSWSQ keeps only the 8-bit codes (QT_8bit: a trained range per
dimension) and searches them without rescoring; its graph has M links on
upper levels and 2M on level 0, as hnswlib's and vecbench's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

sys.dont_write_bytecode = True

import numpy as np
import faiss

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ann_data  # noqa: E402
from ann_hnswlib_worker import proc_status_bytes  # noqa: E402

METRICS = {"l2": faiss.METRIC_L2, "ip": faiss.METRIC_INNER_PRODUCT}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("--base", "--queries", "--groundtruth", "--json"):
        parser.add_argument(name, required=True)
    parser.add_argument("--metric", choices=sorted(METRICS), default="l2")
    parser.add_argument("--m", type=int, required=True)
    parser.add_argument("--ef-construction", type=int, required=True)
    parser.add_argument("--ef", required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    efs = [int(x) for x in args.ef.split(",") if x]

    base = ann_data.read_vecs(args.base, np.float32)
    queries = ann_data.read_vecs(args.queries, np.float32)
    gt = ann_data.read_vecs(args.groundtruth, np.int32)
    n, dim = base.shape
    nq = len(queries)

    faiss.omp_set_num_threads(args.threads)
    index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, args.m, METRICS[args.metric])
    index.hnsw.efConstruction = args.ef_construction
    started = time.perf_counter()
    index.train(base)
    index.add(base)
    build_seconds = time.perf_counter() - started
    code_bytes = index.storage.sa_code_size() if hasattr(index.storage, "sa_code_size") else dim

    faiss.omp_set_num_threads(1)
    index.hnsw.efSearch = efs[0]
    index.search(queries, args.k)
    runs = []
    for ef in efs:
        index.hnsw.efSearch = ef
        passes, labels = [], None
        for _ in range(max(1, args.repeat)):
            t = time.perf_counter()
            _, labels = index.search(queries, args.k)
            passes.append(time.perf_counter() - t)
        qps = [nq / s for s in passes]
        recall = ann_data.tie_aware_recall(args.metric, base, queries, gt, labels, args.k)
        runs.append({"ef": ef, "recall": recall, "qps": statistics.median(qps), "qpsSamples": qps,
                     "meanLatencyMicroseconds": statistics.median(passes) / nq * 1e6})
    document = {
        "schema": "vecbench.faiss-round/1", "faissVersion": faiss.__version__, "index": "IndexHNSWSQ(QT_8bit)",
        "build": {"m": args.m, "efConstruction": args.ef_construction, "threads": args.threads,
                  "seconds": build_seconds, "codeBytes": int(code_bytes)},
        "k": args.k, "peakRSSBytes": proc_status_bytes("VmHWM"), "runs": runs,
    }
    tmp = args.json + ".tmp"
    with open(tmp, "w") as handle:
        json.dump(document, handle, indent=1)
    os.replace(tmp, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
