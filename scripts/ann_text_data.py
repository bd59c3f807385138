#!/usr/bin/env python3
"""A real-text ANN dataset that needs no download (`make bench-ann`).

Benchmark tooling only (never part of the product); runs under the bench
virtual environment (numpy, scikit-learn).

The documents are the package descriptions of this machine's apt cache
(`apt-cache dumpavail`: one paragraph per package version; the first
paragraph of each package name counts, its synopsis line and long
description joined). They become vectors by

  TF-IDF (sublinear tf, English stop words, terms in ≥ 2 documents)
  → truncated SVD to --dimension components (seeded)
  → each row scaled to unit length,

searched by inner product (cosine on unit vectors), as text embeddings are.
Packages with the same description (transitional packages, per-language
variants, …) give exact duplicate vectors: real data has them, and they are
kept. Documents whose TF-IDF row is empty are dropped (nothing to normalise).
--queries documents, drawn with --seed, are held out of the base, so no
query is its own nearest neighbour by construction.

Writes DIR/base.fvecs, DIR/queries.fvecs, DIR/groundtruth.ivecs (exact top
--gt-k by inner product, ties by lower id) with DIR/groundtruth.dist.fvecs
(distances 1 − dot, as hnswlib's and vecbench's `ip`), and DIR/params.json
with the parameters, the counts and the share of exact duplicates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True

import numpy as np


def descriptions() -> list[str]:
    """One text per package name, in the apt cache's order."""
    out = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, text=True, check=True).stdout
    seen, texts = set(), []
    for paragraph in out.split("\n\n"):
        name, lines, in_description = None, [], False
        for line in paragraph.splitlines():
            if line.startswith("Package:"):
                name = line.split(":", 1)[1].strip()
                in_description = False
            elif line.startswith("Description:") or line.startswith("Description-en:"):
                lines.append(line.split(":", 1)[1].strip())
                in_description = True
            elif in_description and line.startswith(" "):
                text = line.strip()
                if text != ".":
                    lines.append(text)
            else:
                in_description = False
        if name and lines and name not in seen:
            seen.add(name)
            texts.append(" ".join(lines))
    return texts


def write_vecs(path: Path, rows: np.ndarray, dtype) -> None:
    rows = np.ascontiguousarray(rows, dtype=dtype)
    n, d = rows.shape
    out = np.empty((n, d + 1), dtype="<i4")
    out[:, 0] = d
    out[:, 1:] = rows.view("<i4")
    tmp = path.with_suffix(path.suffix + ".tmp")
    out.tofile(tmp)
    tmp.replace(path)


def exact_top(base: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top k by inner product; equal scores by lower id (stable sort)."""
    ids = np.empty((len(queries), k), dtype=np.int32)
    dist = np.empty((len(queries), k), dtype=np.float32)
    for start in range(0, len(queries), 256):
        block = 1.0 - queries[start:start + 256] @ base.T
        order = np.argsort(block, axis=1, kind="stable")[:, :k]
        ids[start:start + 256] = order
        dist[start:start + 256] = np.take_along_axis(block, order, axis=1)
    return ids, dist


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="dataset directory")
    p.add_argument("--dimension", type=int, default=128)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--gt-k", type=int, default=100)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args(argv)
    if not 100 <= args.dimension <= 256:
        p.error("--dimension must be in 100…256")

    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    import sklearn

    started = time.monotonic()
    texts = descriptions()
    if len(texts) < args.queries * 5:
        raise SystemExit(f"apt-cache dumpavail gave only {len(texts)} descriptions (run apt-get update first)")
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2, dtype=np.float32)
    matrix = tfidf.fit_transform(texts)
    keep = np.asarray(matrix.getnnz(axis=1) > 0)
    matrix = matrix[keep]
    svd = TruncatedSVD(n_components=args.dimension, random_state=args.seed, algorithm="randomized", n_iter=7)
    vectors = svd.fit_transform(matrix).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1)
    vectors = vectors[norms > 0] / norms[norms > 0, None]

    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(vectors))
    queries = vectors[order[:args.queries]]
    base = vectors[np.sort(order[args.queries:])]
    _, first = np.unique(base, axis=0, return_index=True)
    duplicates = len(base) - len(first)
    ids, dist = exact_top(base, queries, args.gt_k)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_vecs(out / "base.fvecs", base, np.float32)
    write_vecs(out / "queries.fvecs", queries, np.float32)
    write_vecs(out / "groundtruth.ivecs", ids, np.int32)
    write_vecs(out / "groundtruth.dist.fvecs", dist, np.float32)
    info = {"source": "apt-cache dumpavail package descriptions", "documents": len(texts),
            "vocabulary": len(tfidf.vocabulary_), "count": int(len(base)), "queries": int(len(queries)),
            "dimension": args.dimension, "metric": "ip", "gtK": args.gt_k, "seed": args.seed,
            "exactDuplicatesInBase": int(duplicates), "duplicateShare": duplicates / len(base),
            "explainedVariance": float(svd.explained_variance_ratio_.sum()),
            "sklearnVersion": sklearn.__version__, "seconds": time.monotonic() - started}
    (out / "params.json").write_text(json.dumps({"params": {"text": True, "dimension": args.dimension,
                                                            "queries": args.queries, "k": args.gt_k,
                                                            "seed": args.seed}, "info": info}, indent=1) + "\n")
    print(f"text dataset: {len(base):,} × {args.dimension} from {len(texts):,} descriptions, "
          f"{duplicates:,} exact duplicates ({100 * duplicates / len(base):.1f} %), {len(queries)} queries, "
          f"SVD keeps {100 * info['explainedVariance']:.0f} % of the TF-IDF variance, {info['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
