"""Dataset files and recall for the hnswlib comparison (scripts/bench_ann.py).

Benchmark tooling only: this module is never part of the vecbench product.
It needs numpy, so it is imported only under the benchmark's virtual
environment (.venv), after bench_ann.py has re-executed itself there.

File formats (TEXMEX, little-endian), one record per row:
  .fvecs  int32 dimension, then `dimension` float32
  .ivecs  int32 dimension, then `dimension` int32
"""

from __future__ import annotations

import os

import numpy as np

# big-ann-benchmarks counts a returned id as a hit when its true distance is
# within the k-th ground-truth distance; the epsilon absorbs float rounding
# between two implementations of the same metric.
TIE_RELATIVE_EPSILON = 1e-6


class DatasetError(Exception):
    pass


def read_vecs(path: str, dtype) -> np.ndarray:
    """Reads an .fvecs (dtype float32) or .ivecs (dtype int32) file."""
    try:
        raw = np.fromfile(path, dtype="<i4")
    except OSError as error:
        raise DatasetError(f"{path}: cannot read: {error}") from error
    if raw.size == 0:
        raise DatasetError(f"{path}: empty file")
    dim = int(raw[0])
    if dim <= 0:
        raise DatasetError(f"{path}: offset 0: dimension {dim} is not positive")
    if raw.size % (dim + 1) != 0:
        raise DatasetError(
            f"{path}: {os.path.getsize(path)} bytes is not a whole number of "
            f"{dim}-dimensional rows ({4 * (dim + 1)} bytes each): truncated?")
    rows = raw.reshape(-1, dim + 1)
    bad = np.nonzero(rows[:, 0] != dim)[0]
    if bad.size:
        row = int(bad[0])
        raise DatasetError(
            f"{path}: offset {row * 4 * (dim + 1)}: row {row} has dimension "
            f"{int(rows[row, 0])}, expected {dim}")
    body = np.ascontiguousarray(rows[:, 1:])
    return body.view(np.float32) if dtype == np.float32 else body


def read_header(path: str, row_bytes_per_dim: int = 4) -> tuple[int, int]:
    """(rows, dimension) from the first header and the file size, without loading it."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        head = handle.read(4)
    if len(head) < 4:
        raise DatasetError(f"{path}: empty file")
    dim = int(np.frombuffer(head, dtype="<i4")[0])
    row = 4 + row_bytes_per_dim * dim
    if dim <= 0 or size % row:
        raise DatasetError(f"{path}: size {size} does not fit rows of dimension {dim}")
    return size // row, dim


def distances(metric: str, base: np.ndarray, queries: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Distances (smaller is closer) from each query to base[ids[q, j]], in float64.

    l2 is squared Euclidean, ip is negated inner product, cosine is 1 - cos.
    Only the order matters for recall, so any monotone form of a metric works as
    long as ground truth and results are measured the same way."""
    vectors = base[ids].astype(np.float64)            # (nq, k, d)
    q = queries.astype(np.float64)[:, None, :]         # (nq, 1, d)
    if metric == "l2":
        return ((vectors - q) ** 2).sum(axis=-1)
    dots = (vectors * q).sum(axis=-1)
    if metric == "ip":
        return -dots
    if metric == "cosine":
        norms = np.linalg.norm(vectors, axis=-1) * np.linalg.norm(q, axis=-1)
        return 1.0 - dots / np.maximum(norms, 1e-30)
    raise ValueError(f"unknown metric {metric}")


def tie_aware_recall(metric: str, base, queries, gt_ids, results, k: int) -> float:
    """Recall@k as big-ann-benchmarks counts it: a returned id is a hit if it is
    among the ground truth's first k, or its true distance is no larger than the
    k-th ground-truth distance (plus a relative epsilon) -- a tie."""
    results = np.asarray(results)[:, :k]
    valid = results >= 0
    safe = np.where(valid, results, 0)
    truth = gt_ids[:, :k]
    in_truth = (safe[:, :, None] == truth[:, None, :]).any(axis=-1)
    kth = distances(metric, base, queries, truth[:, k - 1:k])[:, 0]
    threshold = kth + TIE_RELATIVE_EPSILON * np.abs(kth)
    tie = distances(metric, base, queries, safe) <= threshold[:, None]
    hits = (in_truth | tie) & valid
    # A result list never holds the same id twice, so hits per query <= k.
    return float(np.minimum(hits.sum(axis=1), k).sum()) / (results.shape[0] * k)


def check_ground_truth(metric: str, base, queries, gt_ids, gt_dist_path: str | None,
                       k: int, sample: int = 100) -> list[str]:
    """Spot-checks the ground truth file against brute force on the first
    `sample` queries; returns problems found (empty when it is right)."""
    problems: list[str] = []
    n = min(sample, queries.shape[0])
    q = queries[:n]
    if gt_ids.shape[1] < k:
        return [f"ground truth has {gt_ids.shape[1]} neighbours per query, need k={k}"]
    if gt_ids.min() < 0 or gt_ids.max() >= base.shape[0]:
        return [f"ground truth ids outside 0..{base.shape[0] - 1}"]
    mine = _brute_force_kth(metric, base, q, k)
    theirs = distances(metric, base, q, gt_ids[:n, k - 1:k])[:, 0]
    scale = np.maximum(np.abs(mine), 1e-12)
    off = np.nonzero(np.abs(theirs - mine) > 1e-4 * scale)[0]
    if off.size:
        i = int(off[0])
        problems.append(
            f"ground truth is not exact: query {i}: its {k}-th neighbour is at "
            f"{theirs[i]:.6g}, brute force finds {mine[i]:.6g} ({off.size}/{n} sampled queries differ)")
    if gt_dist_path and os.path.exists(gt_dist_path):
        stored = read_vecs(gt_dist_path, np.float32)
        if stored.shape[0] != gt_ids.shape[0] or stored.shape[1] < k:
            problems.append(f"{gt_dist_path}: shape {stored.shape} does not match ids {gt_ids.shape}")
        else:
            mine_k = distances(metric, base, q, gt_ids[:n, :k])
            s = stored[:n, :k].astype(np.float64)
            ok = False
            # squared or plain L2; ip/cosine as 1 - dot, 1 - cos, or -dot.
            for form in (s, s ** 2, s - 1, -s, 1 - s):
                if np.allclose(form, mine_k, rtol=1e-3, atol=1e-4):
                    ok = True
                    break
            if not ok:
                problems.append(f"{gt_dist_path}: stored distances do not match the vectors "
                                f"(e.g. {float(s[0, 0]):.6g} vs computed {float(mine_k[0, 0]):.6g})")
    return problems


def _brute_force_kth(metric: str, base, q, k: int) -> np.ndarray:
    b = base.astype(np.float32)
    qq = q.astype(np.float32)
    if metric == "l2":
        d = (qq ** 2).sum(1)[:, None] - 2 * qq @ b.T + (b ** 2).sum(1)[None, :]
    elif metric == "ip":
        d = -(qq @ b.T)
    else:
        bn = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-30)
        qn = qq / np.maximum(np.linalg.norm(qq, axis=1, keepdims=True), 1e-30)
        d = 1 - qn @ bn.T
    # Shortlist with float32 algebra, then rank the shortlist exactly.
    shortlist = np.argpartition(d, min(k + 20, d.shape[1] - 1), axis=1)[:, :k + 20]
    exact = distances(metric, base, q, shortlist)
    return np.sort(exact, axis=1)[:, k - 1]


def main(argv=None) -> int:
    """`python ann_data.py check ...`: the ground-truth spot check as its own
    process, so the orchestrator never grows (a child's getrusage ru_maxrss
    starts from its parent's resident size)."""
    import argparse
    parser = argparse.ArgumentParser(description="spot-check a dataset's ground truth")
    parser.add_argument("command", choices=["check"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--groundtruth", required=True)
    parser.add_argument("--distances")
    parser.add_argument("--metric", default="l2")
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--sample", type=int, default=100)
    args = parser.parse_args(argv)
    try:
        base = read_vecs(args.base, np.float32)
        queries = read_vecs(args.queries, np.float32)
        gt = read_vecs(args.groundtruth, np.int32)
        if queries.shape[1] != base.shape[1]:
            raise DatasetError(f"{args.queries}: dimension {queries.shape[1]}, base has {base.shape[1]}")
        if gt.shape[0] != queries.shape[0]:
            raise DatasetError(f"{args.groundtruth}: {gt.shape[0]} rows for {queries.shape[0]} queries")
        problems = check_ground_truth(args.metric, base, queries, gt, args.distances, args.k, args.sample)
    except DatasetError as error:
        problems = [str(error)]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"ground truth spot-checked against brute force on {min(args.sample, queries.shape[0])} queries")
    return 1 if problems else 0


if __name__ == "__main__":
    import sys
    sys.dont_write_bytecode = True
    sys.exit(main())
