#!/usr/bin/env python3
"""Compares the level-0 graphs vecbench and hnswlib build from one dataset.

Benchmark tooling only (never part of the product); runs under the bench
virtual environment (numpy, hnswlib). Both indexes are built with the same
M, ef_construction, build threads and level seed; then, per library:

  recall@k per ef       tie-aware (ann_data.tie_aware_recall), the same rule
                        as `vecbench ann` and the hnswlib worker
  zero in-degree        level-0 nodes no other node links to: a search can
                        reach them only as its entry point
  duplicate nodes       of those, how many have an exact duplicate vector
  degree histogram      mean out-degree, and how many lists are full

vecbench writes its index with `--storage mmap --index-dir` and
ann_graph_export.py reads it; hnswlib's `save_index` file is read with the
layout documented there. Nodes are compared by label (the base row), since
the internal ids of a threaded build differ between runs.

Usage:
  .venv/bin/python scripts/ann_graph_diagnose.py --vecbench .build/release/vecbench \\
      --data data/bench-ann-text --metric ip --threads 1
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ann_data  # noqa: E402
import ann_graph_export  # noqa: E402


def read_hnswlib_level0(path: str) -> tuple[np.ndarray, np.ndarray]:
    """Level-0 lists [count, m0 ids] per internal id, and the labels."""
    data = open(path, "rb").read()
    offset_level0, _max, count, element, label_offset, _offset_data = struct.unpack_from("<6Q", data, 0)
    _max_level, _entry = struct.unpack_from("<iI", data, 48)
    _m, m0, _m_ = struct.unpack_from("<3Q", data, 56)
    header = 96
    raw = np.frombuffer(data, dtype=np.uint8, count=count * element, offset=header).reshape(count, element)
    links = raw[:, offset_level0:offset_level0 + 4 * (m0 + 1)].copy().view(np.uint32)
    links[:, 0] &= 0xFFFF  # the count is the low 16 bits (hnswlib's getListCount)
    labels = raw[:, label_offset:label_offset + 8].copy().view(np.uint64)[:, 0]
    return links, labels


def graph_stats(links: np.ndarray, labels: np.ndarray, duplicate_rows: np.ndarray) -> dict:
    """In-degree figures of level 0, reported by label."""
    count, width = links.shape
    degree = links[:, 0].astype(np.int64)
    mask = np.arange(1, width)[None, :] <= degree[:, None]
    targets = links[:, 1:][mask]
    indegree = np.bincount(targets, minlength=count)
    zero = np.flatnonzero(indegree == 0)
    zero_rows = labels[zero].astype(np.int64)
    return {"count": int(count), "meanOutDegree": float(degree.mean()), "fullLists": int((degree == width - 1).sum()),
            "zeroInDegree": int(len(zero)), "zeroInDegreeDuplicates": int(duplicate_rows[zero_rows].sum()),
            "zeroInDegreeRows": sorted(zero_rows.tolist())[:50]}


def duplicate_mask(base: np.ndarray) -> np.ndarray:
    """True for every row whose vector occurs more than once."""
    _, inverse, counts = np.unique(base, axis=0, return_inverse=True, return_counts=True)
    return counts[inverse.reshape(-1)] > 1


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vecbench", required=True)
    p.add_argument("--data", required=True, help="directory with base.fvecs, queries.fvecs, groundtruth.ivecs")
    p.add_argument("--metric", default="ip")
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=100)
    p.add_argument("--ef", default="16,32,64,96,128,192,256")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=100)
    p.add_argument("--skip-hnswlib", action="store_true")
    p.add_argument("--json", help="also write the figures here")
    p.add_argument("--keep", help="keep both index files in this directory (index.vbs, hnswlib.index)")
    args = p.parse_args(argv)
    import hnswlib

    data = Path(args.data)
    base = ann_data.read_vecs(str(data / "base.fvecs"), np.float32)
    queries = ann_data.read_vecs(str(data / "queries.fvecs"), np.float32)
    gt = ann_data.read_vecs(str(data / "groundtruth.ivecs"), np.int32)
    efs = [int(x) for x in args.ef.split(",") if x]
    duplicates = duplicate_mask(base)
    result = {"count": len(base), "duplicateRows": int(duplicates.sum()), "params": vars(args)}

    with tempfile.TemporaryDirectory(prefix="ann-diagnose-") as scratch:
        work = Path(args.keep or scratch)
        work.mkdir(parents=True, exist_ok=True)
        command = [args.vecbench, "ann", "--base", str(data / "base.fvecs"), "--queries", str(data / "queries.fvecs"),
                   "--groundtruth", str(data / "groundtruth.ivecs"), "--metric", args.metric, "--m", str(args.m),
                   "--ef-construction", str(args.ef_construction), "--ef", args.ef, "--k", str(args.k),
                   "--threads", str(args.threads), "--seed", str(args.seed), "--repeat", "1",
                   "--storage", "mmap", "--index-dir", str(work), "--json", str(work / "vecbench.json"), "--quiet"]
        subprocess.run(command, check=True)
        doc = json.loads((work / "vecbench.json").read_text())
        graph = ann_graph_export.read_vecbench_index(str(work / "index.vbs"))
        result["vecbench"] = graph_stats(graph["links0"], graph["labels"], duplicates)
        result["vecbench"]["recall"] = {r["ef"]: r["recall"] for r in doc["runs"]}
        result["vecbench"]["distancesPerQuery"] = {r["ef"]: r.get("distanceEvaluationsPerQuery") for r in doc["runs"]}

        if not args.skip_hnswlib:
            index = hnswlib.Index(space=args.metric, dim=base.shape[1])
            index.init_index(max_elements=len(base), M=args.m, ef_construction=args.ef_construction,
                             random_seed=args.seed)
            index.add_items(base, np.arange(len(base)), num_threads=args.threads)
            recall = {}
            for ef in efs:
                index.set_ef(ef)
                labels, _ = index.knn_query(queries, k=args.k, num_threads=1)
                recall[ef] = ann_data.tie_aware_recall(args.metric, base, queries, gt, labels, args.k)
            index.save_index(str(work / "hnswlib.index"))
            links, labels = read_hnswlib_level0(str(work / "hnswlib.index"))
            result["hnswlib"] = graph_stats(links, labels, duplicates)
            result["hnswlib"]["recall"] = recall

    print(f"{result['count']:,} nodes, {result['duplicateRows']:,} in duplicate groups; "
          f"M {args.m}, ef_construction {args.ef_construction}, {args.threads} build thread(s), seed {args.seed}")
    names = [n for n in ("vecbench", "hnswlib") if n in result]
    for name in names:
        s = result[name]
        print(f"{name:9s} zero in-degree {s['zeroInDegree']:4d} (duplicates {s['zeroInDegreeDuplicates']:4d}), "
              f"mean out-degree {s['meanOutDegree']:.2f}, full lists {s['fullLists']:,}")
    print("ef     " + "  ".join(f"{n:>9s}" for n in names) + ("      gap" if len(names) == 2 else ""))
    for ef in efs:
        values = [result[n]["recall"][ef] for n in names]
        gap = f"  {values[0] - values[1]:+.4f}" if len(values) == 2 else ""
        print(f"{ef:<6d} " + "  ".join(f"{v:9.4f}" for v in values) + gap)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
