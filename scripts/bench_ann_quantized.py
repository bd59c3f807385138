#!/usr/bin/env python3
"""sq8 against f32 and against faiss, on clustered and on real-text data (`make bench-ann`).

Benchmark tooling only (never part of the product). One run, interleaved:
each round runs every series once, the order rotating from round to round,
on each dataset:

  hnswlib        float32 HNSW (ann_hnswlib_worker.py)
  vecbench       float32 (`vecbench ann`)
  vecbench-sq8   `vecbench ann --quantization sq8 --oversampling X --rescore`
                 (int8 codes traversed with ef, the best k·X of the ef
                 candidates rescored in f32)
  faiss-sq8      faiss IndexHNSWSQ, QT_8bit codes, no rescoring (ann_faiss_worker.py)

All with the same M, ef_construction, build threads and single-thread
batch search. Datasets: the clustered set of bench_ann.py (l2), and the
real-text set of ann_text_data.py (package descriptions, TF-IDF + SVD,
inner product, exact duplicates kept).

Per series and dataset: per-ef medians over rounds, QPS at equal recall
(bench_ann's interpolation) per round and its median, and per-round ratios
(median with min–max) — a ratio is measured within one round, so the load
on a shared machine hits both sides alike. The 1-minute load average is
recorded with each round. Writes OUT/quantized.md and OUT/quantized.json.

Quick run:
  python3 scripts/bench_ann_quantized.py --vecbench .build/release/vecbench \\
      --out /tmp/bq --rounds 1 --count 10000 --datasets clustered
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
import bench_ann  # noqa: E402
from ann_curves import aggregate, median_or_none, qps_at_recall  # noqa: E402

REQUIREMENTS = {"numpy": "numpy", "hnswlib": "hnswlib", "faiss": "faiss-cpu", "sklearn": "scikit-learn"}
SERIES = ("hnswlib", "vecbench", "vecbench-sq8", "faiss-sq8")
TARGETS = (0.90, 0.95, 0.99)
RATIOS = (("vecbench-sq8", "vecbench", "sq8 / own f32"), ("vecbench-sq8", "faiss-sq8", "sq8 / faiss IndexHNSWSQ"),
          ("vecbench-sq8", "hnswlib", "sq8 / hnswlib f32"), ("vecbench", "hnswlib", "f32 / hnswlib f32"))
say = bench_ann.say


def ensure_text(args) -> dict:
    data = Path(args.text_data)
    paths = bench_ann.dataset_paths(data)
    want = {"text": True, "dimension": args.text_dimension, "queries": args.queries, "k": args.gt_k, "seed": args.seed}
    stamp = data / "params.json"
    current = json.loads(stamp.read_text()).get("params") if stamp.exists() else None
    if current != want or not all(p.exists() for p in paths.values()):
        say(f"making the text dataset in {data}")
        bench_ann.run_checked([sys.executable, str(SCRIPTS / "ann_text_data.py"), "--out", str(data),
                               "--dimension", str(args.text_dimension), "--queries", str(args.queries),
                               "--gt-k", str(args.gt_k), "--seed", str(args.seed)], "ann_text_data.py")
    info = json.loads(stamp.read_text())["info"]
    say(f"text dataset: {info['count']:,} × {info['dimension']}, {100 * info['duplicateShare']:.1f} % exact duplicates")
    return {"paths": paths, "metric": "ip", "info": info}


def ensure_clustered(args, vecbench: Path) -> dict:
    ns = argparse.Namespace(data=args.data, count=args.count, dimension=128, queries=args.queries, clusters=100,
                            seed=args.seed, metric="l2", gt_k=args.gt_k, threads=args.threads, k=args.k)
    paths = bench_ann.ensure_dataset(ns, vecbench)
    return {"paths": paths, "metric": "l2",
            "info": {"count": args.count, "dimension": 128, "queries": args.queries, "clusters": 100,
                     "source": "vecbench dataset generate", "metric": "l2"}}


def run_series(series: str, args, vecbench: Path, dataset: dict, efs, work: Path, tag: str, seed: int) -> dict:
    p, metric = dataset["paths"], dataset["metric"]
    out = work / f"{tag}-{series}.json"
    common = ["--base", str(p["base"]), "--queries", str(p["queries"]), "--groundtruth", str(p["groundtruth"]),
              "--metric", metric, "--m", str(args.m), "--ef-construction", str(args.ef_construction),
              "--ef", ",".join(map(str, efs)), "--k", str(args.k), "--threads", str(args.threads),
              "--repeat", str(args.repeat), "--json", str(out)]
    if series == "hnswlib":
        command = [sys.executable, str(SCRIPTS / "ann_hnswlib_worker.py"), *common, "--seed", str(seed),
                   "--index-path", str(work / "hnswlib.index")]
    elif series == "faiss-sq8":
        command = [sys.executable, str(SCRIPTS / "ann_faiss_worker.py"), *common]
    else:
        command = [str(vecbench), "ann", *common, "--seed", str(seed), "--quiet"]
        if series == "vecbench-sq8":
            command += ["--quantization", "sq8", "--quantile", str(args.quantile), "--sq-range", args.sq_range,
                        "--oversampling", str(args.oversampling), "--rescore"]
    bench_ann.run_checked(command, f"{series} ({tag})", work / f"{tag}-{series}.log")
    return json.loads(out.read_text())


def equal_recall_qps(doc_or_rows, target):
    rows = doc_or_rows["runs"] if isinstance(doc_or_rows, dict) else doc_or_rows
    return qps_at_recall([{"ef": r["ef"], "recall": r["recall"], "qps": r["qps"]} for r in rows], target)["qps"]


def summarise(name: str, dataset: dict, docs: dict, loads: list, efs) -> dict:
    rows = {s: aggregate(docs[s], efs, ()) for s in SERIES}
    at = {s: {str(t): equal_recall_qps(rows[s], t) for t in TARGETS} for s in SERIES}
    ratios = []
    for a, b, label in RATIOS:
        for t in TARGETS:
            per_round = [x / y for x, y in ((equal_recall_qps(da, t), equal_recall_qps(db, t))
                                            for da, db in zip(docs[a], docs[b])) if x and y]
            ratios.append({"series": a, "over": b, "label": label, "recall": t,
                           "ofMedians": at[a][str(t)] / at[b][str(t)] if at[a][str(t)] and at[b][str(t)] else None,
                           "median": median_or_none(per_round), "min": min(per_round, default=None),
                           "max": max(per_round, default=None), "rounds": len(per_round)})
    vectors = (docs["vecbench-sq8"][-1].get("vectors") or {}), (docs["vecbench"][-1].get("vectors") or {})
    recall_gap = [{"ef": h["ef"], "hnswlib": h["recall"], "vecbench": v["recall"], "gap": v["recall"] - h["recall"],
                   "sq8": q["recall"], "faiss": f["recall"]}
                  for h, v, q, f in zip(rows["hnswlib"], rows["vecbench"], rows["vecbench-sq8"], rows["faiss-sq8"])]
    return {"dataset": name, "info": dataset["info"], "metric": dataset["metric"], "rows": rows, "qpsAtRecall": at,
            "ratios": ratios, "recallPerEf": recall_gap, "loadAverages": loads,
            "memory": {"sq8": vectors[0], "f32": vectors[1],
                       "faissCodeBytes": docs["faiss-sq8"][-1]["build"].get("codeBytes")},
            "qpsSpread": {s: median_or_none([r["qpsSpread"] for r in rows[s]]) for s in SERIES},
            "buildSeconds": {s: median_or_none([d["build"].get("seconds") for d in docs[s]]) for s in SERIES}}


def main(argv) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--vecbench", required=True)
    p.add_argument("--data", default="data/bench-ann", help="the clustered dataset (shared with bench_ann.py)")
    p.add_argument("--text-data", default="data/bench-ann-text")
    p.add_argument("--out", default="reports/bench-ann")
    p.add_argument("--venv", default=str(bench_ann.ROOT / ".venv"))
    p.add_argument("--datasets", default="clustered,text")
    p.add_argument("--count", type=int, default=100_000, help="clustered base size")
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--text-dimension", type=int, default=128)
    p.add_argument("--gt-k", type=int, default=100)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=100)
    p.add_argument("--ef", default="10,12,16,20,24,32,40,48,64,96,128,192,256")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--graph-seed", type=int, default=100)
    p.add_argument("--oversampling", type=float, default=4.0)
    p.add_argument("--sq-range", choices=("global", "per-dimension"), default="per-dimension",
                   help="per-dimension, as faiss's QT_8bit")
    p.add_argument("--quantile", type=float, default=0.99)
    args = p.parse_args(argv)
    bench_ann.ensure_venv(Path(args.venv), argv, script=Path(__file__), requirements=REQUIREMENTS)
    import ann_quantized_report  # after the venv: nothing there needs it, but keep imports in one place

    vecbench = Path(args.vecbench)
    efs = sorted({int(x) for x in args.ef.split(",") if x.strip()})
    names = [n.strip() for n in args.datasets.split(",") if n.strip()]
    datasets = {}
    for name in names:
        if name == "clustered":
            datasets[name] = ensure_clustered(args, vecbench)
        elif name == "text":
            datasets[name] = ensure_text(args)
        else:
            raise bench_ann.BenchError(f"--datasets: unknown dataset {name!r} (clustered, text)")
    started, t0 = bench_ann.utc_now(), time.monotonic()
    context = bench_ann.machine_context()
    context["gitCommit"] = bench_ann.git_commit()
    work = Path(tempfile.mkdtemp(prefix="bench-ann-q-"))
    results = []
    for name, dataset in datasets.items():
        docs, loads = {s: [] for s in SERIES}, []
        for r in range(args.rounds):
            order = SERIES[r % len(SERIES):] + SERIES[:r % len(SERIES)]
            load = os.getloadavg()[0]
            loads.append(load)
            for series in order:
                tick = time.monotonic()
                doc = run_series(series, args, vecbench, dataset, efs, work, f"{name}-r{r}", args.graph_seed + r)
                docs[series].append(doc)
                top = max(doc["runs"], key=lambda x: x["ef"])
                say(f"{name} round {r + 1}/{args.rounds} {series:13s} load {load:4.1f}: ef {top['ef']} recall "
                    f"{top['recall']:.4f} at {top['qps']:,.0f} QPS ({time.monotonic() - tick:.0f} s)")
        results.append(summarise(name, dataset, docs, loads, efs))
    context["loadAverageEnd"] = list(os.getloadavg())
    versions = {"faiss": docs["faiss-sq8"][-1]["faissVersion"],
                "hnswlib": docs["hnswlib"][-1].get("hnswlibVersion")}
    summary = {"schema": "vecbench.bench-ann.quantized/1", "createdAt": started, "context": context,
               "versions": versions, "seconds": time.monotonic() - t0,
               "params": {k: v for k, v in vars(args).items() if k not in ("vecbench", "venv")} | {"efs": efs},
               "datasets": results}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    bench_ann.write_json(out / "quantized.json", summary)
    text = ann_quantized_report.markdown(summary)
    (out / "quantized.md").write_text(text)
    print(ann_quantized_report.console(summary))
    subprocess.run(["rm", "-rf", str(work)])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except bench_ann.BenchError as error:
        print(f"bench-ann: error: {error}", file=sys.stderr)
        sys.exit(1)
