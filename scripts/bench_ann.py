#!/usr/bin/env python3
"""vecbench vs hnswlib, side by side on the same files (`make bench-ann`).

Benchmark tooling only: Python is allowed here because it drives a peer
(hnswlib); nothing in the vecbench product depends on it.

  1. Creates .venv/ (git-ignored) if absent, pip-installs hnswlib and numpy
     into it when missing, and re-executes itself under the venv's python.
  2. Generates the dataset with `vecbench dataset generate` unless DATA already
     holds one made with the same parameters (DATA/params.json is the stamp),
     then spot-checks its ground truth against brute force.
  3. Runs R interleaved rounds, alternating which side goes first:
       hnswlib  scripts/ann_hnswlib_worker.py in its own process (build with
                --threads threads, save_index, single-thread batch knn_query
                per ef)
       vecbench `vecbench ann ... --json` (build, single-thread search per ef)
     Round r builds both graphs with seed GRAPH_SEED + r: a graph's recall
     at a given ef depends on its random levels by about ±0.01 at low ef
     (measured over 12 seeds here, the same for both libraries), so one
     seed per side would compare build luck, not speed. Per-ef QPS and
     recall are medians over rounds; build seconds the median of the
     builds; peak RSS the largest seen. Each round also runs vecbench with
     --huge-pages advise (transparent huge pages for the index arrays),
     reported apart: hnswlib has no such option, so the verdict is on
     4 KiB pages for both.
     Then the same-graph stage: vecbench builds one graph on one thread,
     scripts/ann_graph_export.py writes it as an hnswlib index, and both
     search that graph in interleaved rounds, so the QPS ratio per ef is
     search speed alone (recall must agree at every ef, or the run fails).
  4. Interpolates each side's (recall, log QPS) curve to get QPS at equal
     recall (0.90, 0.95, 0.99) and writes OUT/report.md, OUT/hnswlib.json,
     OUT/vecbench.json (the last vecbench document), OUT/summary.json.

Quick run (other data and out directories, so the committed report and the
full dataset stay as they are):
  python3 scripts/bench_ann.py --vecbench .build/release/vecbench \\
      --data data/bench-ann-small --out /tmp/bench-ann-small --count 10000 --queries 200
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ (not git-ignored)

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
REQUIREMENTS = {"hnswlib": "hnswlib", "numpy": "numpy"}  # import name -> PyPI name
DEFAULT_EFS = "10,12,16,20,24,32,40,48,64,80,96,128,160,200,256,320"
TARGETS = (0.90, 0.95, 0.99)
GOAL_TARGETS = (0.95, 0.99)
GOAL = "vecbench QPS ≥ hnswlib QPS at recall 0.95 and 0.99; build with 2 threads no slower"
BROKEN_RECALL = 0.5
VECBENCH_SCHEMA = "vecbench.ann/1"


class BenchError(Exception):
    """A failure that ends the run with a message and a non-zero exit."""


def say(message: str) -> None:
    print(f"bench-ann: {message}", flush=True)


# --------------------------------------------------------------------------
# 1. Virtual environment


def ensure_venv(venv: Path, argv: list[str]) -> None:
    """Makes sure we run under `venv` with the requirements importable; may exec."""
    python = venv / "bin" / "python"
    inside = Path(sys.prefix).resolve() == venv.resolve()
    if inside:
        missing = [mod for mod in REQUIREMENTS if not _importable(mod)]
        if missing:
            raise BenchError(f"running under {venv} but {', '.join(missing)} cannot be imported")
        return
    if os.environ.get("BENCH_ANN_REEXEC") == "1":
        raise BenchError(f"re-executed under {python} but sys.prefix is {sys.prefix}")
    if not python.exists():
        say(f"creating virtual environment {venv}")
        result = subprocess.run([sys.executable, "-m", "venv", str(venv)])
        if result.returncode != 0 or not python.exists():
            raise BenchError(
                f"`{sys.executable} -m venv {venv}` failed; on Debian/Ubuntu install python3-venv")
    probe = ("import importlib.util as u, sys; "
             f"print(' '.join(m for m in {list(REQUIREMENTS)!r} if u.find_spec(m) is None))")
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"{python} does not run (delete {venv} to recreate it): {result.stderr.strip()}")
    missing = result.stdout.split()
    if missing:
        packages = [REQUIREMENTS[m] for m in missing]
        # numpy first: hnswlib's source build needs it.
        packages.sort(key=lambda p: p != "numpy")
        say(f"installing {' '.join(packages)} into {venv} (hnswlib compiles from source, ~1 min)")
        for package in packages:
            pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                                  "--disable-pip-version-check", package])
            if pip.returncode != 0:
                raise BenchError(f"pip install {package} into {venv} failed (exit {pip.returncode})")
    env = dict(os.environ, BENCH_ANN_REEXEC="1")
    sys.stdout.flush()
    os.execve(str(python), [str(python), str(Path(__file__).resolve()), *argv], env)


def _importable(module: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(module) is not None


# --------------------------------------------------------------------------
# 2. Dataset


def dataset_paths(data: Path) -> dict[str, Path]:
    return {"base": data / "base.fvecs", "queries": data / "queries.fvecs",
            "groundtruth": data / "groundtruth.ivecs", "distances": data / "groundtruth.dist.fvecs"}


def ensure_dataset(args, vecbench: Path) -> dict[str, Path]:
    data = Path(args.data)
    paths = dataset_paths(data)
    params = {"count": args.count, "dimension": args.dimension, "queries": args.queries,
              "clusters": args.clusters, "seed": args.seed, "metric": args.metric,
              "k": args.gt_k}
    stamp = data / "params.json"
    current = None
    if stamp.exists():
        try:
            current = json.loads(stamp.read_text()).get("params")
        except (OSError, ValueError):
            current = None
    have_files = all(p.exists() for p in paths.values())
    if current == params and have_files and _sizes_match(paths, params):
        say(f"dataset {data} is up to date ({args.count} x {args.dimension}, {args.queries} queries)")
    else:
        reason = ("no stamp" if current is None else "parameters changed" if current != params
                  else "files missing or wrong size")
        say(f"generating dataset in {data} ({reason})")
        data.mkdir(parents=True, exist_ok=True)
        if stamp.exists():
            stamp.unlink()
        command = [str(vecbench), "dataset", "generate", "--out", str(data),
                   "--count", str(args.count), "--dimension", str(args.dimension),
                   "--queries", str(args.queries), "--clusters", str(args.clusters),
                   "--seed", str(args.seed), "--metric", args.metric, "--k", str(args.gt_k),
                   "--threads", str(args.threads)]
        started = time.monotonic()
        run_checked(command, "vecbench dataset generate")
        missing = [str(p) for p in paths.values() if not p.exists()]
        if missing:
            raise BenchError(f"`vecbench dataset generate` did not write {', '.join(missing)}")
        if not _sizes_match(paths, params):
            shapes = {k: read_header(p) for k, p in paths.items()}
            raise BenchError(f"generated files do not have the requested shape: {shapes}")
        stamp.write_text(json.dumps({"params": params, "command": shlex.join(command),
                                     "generatedAt": utc_now()}, indent=1) + "\n")
        say(f"dataset generated in {time.monotonic() - started:.1f} s")
    return paths


def read_header(path: Path) -> tuple[int, int] | None:
    """(rows, dimension) of an .fvecs/.ivecs file from its first header and
    size, or None when it is not a whole number of rows. No numpy here: the
    orchestrator stays small (see check_dataset)."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(4)
    if len(head) < 4:
        return None
    dim = struct.unpack("<i", head)[0]
    if dim <= 0 or size % (4 + 4 * dim):
        return None
    return size // (4 + 4 * dim), dim


def _sizes_match(paths, params) -> bool:
    try:
        base = read_header(paths["base"])
        queries = read_header(paths["queries"])
        gt = read_header(paths["groundtruth"])
        dist = read_header(paths["distances"])
    except OSError:
        return False
    if None in (base, queries, gt, dist):
        return False
    return (base == (params["count"], params["dimension"])
            and queries == (params["queries"], params["dimension"])
            and gt[0] == params["queries"] and gt[1] >= params["k"] and dist[0] == params["queries"])


def check_dataset(args, paths) -> None:
    """Brute-force spot check of the ground truth, in a child process: the
    check holds the dataset and a distance matrix, and on Linux a child's
    getrusage ru_maxrss starts at its parent's resident size, so an orchestrator
    that grew would inflate both sides' peak RSS."""
    command = [sys.executable, str(SCRIPTS / "ann_data.py"), "check",
               "--base", str(paths["base"]), "--queries", str(paths["queries"]),
               "--groundtruth", str(paths["groundtruth"]), "--distances", str(paths["distances"]),
               "--metric", args.metric, "--k", str(args.k)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stdout + result.stderr).strip()
        raise BenchError("dataset ground truth is wrong or unreadable (delete "
                         f"{args.data}/params.json to regenerate):\n  " + detail.replace("\n", "\n  "))
    say(result.stdout.strip())


# --------------------------------------------------------------------------
# 3. Rounds


def run_checked(command: list[str], what: str, log: Path | None = None) -> str:
    """Runs a command; returns stdout; raises BenchError with its tail on failure."""
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:
        raise BenchError(f"{what}: cannot start {command[0]}: {error}") from error
    if log is not None:
        log.write_text(f"$ {shlex.join(command)}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + "\n" + result.stderr).strip().splitlines()[-25:])
        how = (f"killed by signal {-result.returncode}" if result.returncode < 0
               else f"exit status {result.returncode}")
        raise BenchError(f"{what} failed ({how}):\n$ {shlex.join(command)}\n{tail}")
    return result.stdout


def run_hnswlib(args, paths, efs, work: Path, round_no: int) -> dict:
    out = work / f"hnswlib-round{round_no}.json"
    command = [sys.executable, str(SCRIPTS / "ann_hnswlib_worker.py"),
               "--base", str(paths["base"]), "--queries", str(paths["queries"]),
               "--groundtruth", str(paths["groundtruth"]), "--metric", args.metric,
               "--m", str(args.m), "--ef-construction", str(args.ef_construction),
               "--ef", ",".join(map(str, efs)), "--k", str(args.k), "--threads", str(args.threads),
               "--repeat", str(args.repeat), "--index-path", str(work / "hnswlib.index"),
               "--seed", str(args.graph_seed + round_no), "--json", str(out)]
    run_checked(command, f"hnswlib (round {round_no + 1})", work / f"hnswlib-round{round_no}.log")
    return json.loads(out.read_text())


def run_vecbench(args, vecbench: Path, paths, efs, work: Path, round_no: int, huge_pages: str = "system") -> dict:
    out = work / f"vecbench-{huge_pages}-round{round_no}.json"
    command = [str(vecbench), "ann", "--base", str(paths["base"]), "--queries", str(paths["queries"]),
               "--groundtruth", str(paths["groundtruth"]), "--metric", args.metric,
               "--m", str(args.m), "--ef-construction", str(args.ef_construction),
               "--ef", ",".join(map(str, efs)), "--k", str(args.k), "--threads", str(args.threads),
               "--repeat", str(args.repeat), "--seed", str(args.graph_seed + round_no),
               "--huge-pages", huge_pages, "--json", str(out)]
    run_checked(command, f"vecbench ann --huge-pages {huge_pages} (round {round_no + 1})",
                work / f"vecbench-{huge_pages}-round{round_no}.log")
    if not out.exists():
        raise BenchError(f"vecbench ann exited 0 but wrote no {out}")
    try:
        document = json.loads(out.read_text())
    except ValueError as error:
        raise BenchError(f"vecbench ann wrote invalid JSON to {out}: {error}") from error
    validate_vecbench(document, efs, args.k, out)
    return document


def same_graph_stage(args, vecbench: Path, paths, efs, work: Path) -> dict:
    """Both libraries search one graph. vecbench builds it on one thread (so
    the same seed gives the same graph every time) and writes it;
    ann_graph_export.py turns it into an hnswlib index file, which the
    hnswlib worker loads instead of building. Same graph and same search
    algorithm give the same recall per ef, so the QPS ratio per ef is search
    speed alone, free of the build-to-build recall variance."""
    import ann_graph_export  # numpy; importable once re-executed in the venv

    folder = work / "same-graph"
    folder.mkdir()
    seed = args.graph_seed
    common = [str(vecbench), "ann", "--base", str(paths["base"]), "--queries", str(paths["queries"]),
              "--groundtruth", str(paths["groundtruth"]), "--metric", args.metric,
              "--m", str(args.m), "--ef-construction", str(args.ef_construction),
              "--ef", ",".join(map(str, efs)), "--k", str(args.k), "--threads", "1", "--seed", str(seed)]
    run_checked(common + ["--repeat", "1", "--storage", "mmap", "--index-dir", str(folder),
                          "--json", str(folder / "export.json")],
                "vecbench ann (same-graph export)", folder / "export.log")
    graph_path = folder / "graph.hnswlib"
    header = ann_graph_export.export(str(folder / "index.vbs"), str(graph_path))
    (folder / "index.vbs").unlink()
    say(f"same graph: seed {seed}, {header['count']:,} nodes, max level {header['maxLevel']}, "
        f"exported for hnswlib")
    h_docs, v_docs = [], []
    for round_no in range(args.same_graph_rounds):
        order = ("hnswlib", "vecbench") if round_no % 2 == 0 else ("vecbench", "hnswlib")
        for side in order:
            out = folder / f"{side}-round{round_no}.json"
            if side == "hnswlib":
                command = [sys.executable, str(SCRIPTS / "ann_hnswlib_worker.py"),
                           "--base", str(paths["base"]), "--queries", str(paths["queries"]),
                           "--groundtruth", str(paths["groundtruth"]), "--metric", args.metric,
                           "--m", str(args.m), "--ef-construction", str(args.ef_construction),
                           "--ef", ",".join(map(str, efs)), "--k", str(args.k), "--threads", "1",
                           "--repeat", str(args.repeat), "--load-index", str(graph_path), "--json", str(out)]
            else:
                command = common + ["--repeat", str(args.repeat), "--json", str(out)]
            run_checked(command, f"{side} (same graph, round {round_no + 1})", folder / f"{side}-round{round_no}.log")
            (h_docs if side == "hnswlib" else v_docs).append(json.loads(out.read_text()))
    h_rows = aggregate(h_docs, efs, ())
    v_rows = aggregate(v_docs, efs, ())
    rows = [{"ef": h["ef"], "hnswlibRecall": h["recall"], "vecbenchRecall": v["recall"],
             "hnswlibQPS": h["qps"], "vecbenchQPS": v["qps"],
             "ratio": v["qps"] / h["qps"] if h["qps"] else None}
            for h, v in zip(h_rows, v_rows)]
    # The same graph must give the same answers; a gap means the export or
    # one of the searches is wrong, and the ratio would compare different work.
    disagreements = [r["ef"] for r in rows if abs(r["hnswlibRecall"] - r["vecbenchRecall"]) > 0.002]
    if disagreements:
        raise BenchError(f"same graph, different recall at ef {disagreements}: {rows}")
    ratios = [r["ratio"] for r in rows if r["ratio"]]
    return {"seed": seed, "rounds": args.same_graph_rounds, "rows": rows,
            "medianRatio": statistics.median(ratios) if ratios else None,
            "equalRecall": equal_recall(h_rows, v_rows, None)}


def validate_vecbench(doc: dict, efs: list[int], k: int, path: Path) -> None:
    def fail(why: str):
        raise BenchError(f"{path}: not a usable {VECBENCH_SCHEMA} document: {why}")
    if doc.get("schema") != VECBENCH_SCHEMA:
        fail(f"schema is {doc.get('schema')!r}")
    build = doc.get("build")
    if not isinstance(build, dict) or not isinstance(build.get("seconds"), (int, float)):
        fail("build.seconds missing")
    if doc.get("k") != k:
        fail(f"k is {doc.get('k')!r}, asked for {k}")
    runs = doc.get("runs")
    if not isinstance(runs, list):
        fail("runs missing")
    for run in runs:
        for key in ("ef", "recall", "qps"):
            if not isinstance(run.get(key), (int, float)):
                fail(f"a run lacks numeric {key!r}: {run}")
        if not 0 <= run["recall"] <= 1 or run["qps"] <= 0:
            fail(f"a run has recall outside 0…1 or QPS ≤ 0: {run}")
    got = sorted(int(r["ef"]) for r in runs)
    if got != sorted(efs):
        fail(f"runs cover ef {got}, asked for {sorted(efs)}")


def median_or_none(values):
    values = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(values) if values else None


def spread(values) -> float | None:
    """(max - min) / median: how far rounds disagree."""
    values = [v for v in values if isinstance(v, (int, float))]
    if len(values) < 2:
        return None
    mid = statistics.median(values)
    return (max(values) - min(values)) / mid if mid else None


def aggregate(docs: list[dict], efs: list[int], extra_keys: tuple[str, ...]) -> list[dict]:
    """Per-ef medians over rounds of QPS, recall and the listed optional keys."""
    rows = []
    for ef in efs:
        per_round = [next(r for r in d["runs"] if int(r["ef"]) == ef) for d in docs]
        row = {"ef": ef,
               "recall": median_or_none([r["recall"] for r in per_round]),
               "qps": median_or_none([r["qps"] for r in per_round]),
               "qpsRounds": [r["qps"] for r in per_round],
               "recallRounds": [r["recall"] for r in per_round],
               "qpsSpread": spread([r["qps"] for r in per_round])}
        for key in extra_keys:
            row[key] = median_or_none([r.get(key) for r in per_round])
        rows.append(row)
    return rows


# --------------------------------------------------------------------------
# 4. Equal recall


def qps_at_recall(rows: list[dict], target: float) -> dict:
    """Interpolates log QPS linearly in recall between the two ef points that
    bracket `target` (the first ef whose recall reaches it, and the one before)."""
    points = sorted((r["ef"], r["recall"], r["qps"]) for r in rows)
    best = max(points, key=lambda p: p[1])
    hit = next((i for i, p in enumerate(points) if p[1] >= target), None)
    if hit is None:
        return {"qps": None, "status": "not reached",
                "note": f"not reached (best {best[1]:.4f} at ef {best[0]})"}
    ef1, r1, q1 = points[hit]
    if hit == 0:
        return {"qps": q1, "status": "lower bound", "efRange": [ef1, ef1],
                "note": f"≥ (already {r1:.4f} at the lowest ef {ef1})"}
    ef0, r0, q0 = points[hit - 1]
    t = (target - r0) / (r1 - r0)
    qps = math.exp(math.log(q0) + t * (math.log(q1) - math.log(q0)))
    return {"qps": qps, "status": "interpolated", "efRange": [ef0, ef1],
            "note": f"ef {ef0}–{ef1}"}


def equal_recall(h_rows, v_rows, noise: float | None) -> list[dict]:
    table = []
    for target in TARGETS:
        h = qps_at_recall(h_rows, target)
        v = qps_at_recall(v_rows, target)
        ratio = v["qps"] / h["qps"] if h["qps"] and v["qps"] else None
        table.append({"target": target, "hnswlib": h, "vecbench": v, "ratio": ratio,
                      "verdict": verdict(target, h, v, ratio, noise)})
    return table


def verdict(target, h, v, ratio, noise: float | None = None) -> str:
    """`noise` is the relative half-width of round-to-round QPS spread; a ratio
    closer to 1 than that is flagged as not conclusive."""
    goal = target in GOAL_TARGETS
    if v["qps"] is None and h["qps"] is None:
        return "undecided: neither side reaches it — extend --ef"
    if v["qps"] is None:
        return "MISSES: vecbench never reaches this recall" if goal else "vecbench never reaches it"
    if h["qps"] is None:
        return "meets: hnswlib never reaches this recall" if goal else "hnswlib never reaches it"
    bound = " (a side is at its lowest ef: ratio is approximate)" if "lower bound" in (
        h["status"], v["status"]) else ""
    if goal and noise and abs(ratio - 1) < noise:
        bound += f" — within the ±{noise * 100:.0f}% round-to-round noise, not conclusive"
    if not goal:
        return f"no goal at {target:.2f}; vecbench at {ratio:.2f}× hnswlib{bound}"
    if ratio >= 1.0:
        return f"meets goal ({ratio:.2f}×){bound}"
    return f"MISSES goal: vecbench at {ratio:.2f}× hnswlib ({(1 - ratio) * 100:.0f}% short){bound}"


# --------------------------------------------------------------------------
# Context and output


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def machine_context() -> dict:
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    thp = None
    try:
        thp = Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text().strip()
    except OSError:
        pass
    return {"cpuModel": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
            "thp": thp, "python": platform.python_version(), "loadAverage": list(os.getloadavg())}


def git_commit() -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except OSError:
        pass
    return None


def busy_warning(context) -> list[str]:
    load = max(context["loadAverage"][0], context["loadAverageEnd"][0])
    cores = context["cores"] or 1
    if load <= 0.75 * cores:
        return []
    return [f"> **Busy machine:** 1-minute load average up to {load:.1f} on {cores} cores while "
            "measuring; other work shared the CPUs, so ratios within the QPS spread below are "
            "not conclusive. Re-run `make bench-ann` on an idle machine for a verdict.", ""]


def fmt(value, spec="{:,.0f}", missing="n/a") -> str:
    return spec.format(value) if isinstance(value, (int, float)) else missing


def fmt_bytes(value) -> str:
    if not isinstance(value, (int, float)):
        return "n/a"
    return f"{value / 2**20:,.1f} MiB"


def fmt_pct(value) -> str:
    return f"±{value * 50:.0f}%" if isinstance(value, (int, float)) else "—"


def equal_recall_lines(er, build) -> list[str]:
    lines = ["| recall@10 | hnswlib QPS | vecbench QPS | vecbench / hnswlib | verdict |",
             "|---:|---:|---:|---:|---|"]
    for row in er:
        h, v = row["hnswlib"], row["vecbench"]
        lines.append(f"| {row['target']:.2f} | {_cell(h)} | {_cell(v)} | "
                     f"{fmt(row['ratio'], '{:.2f}×')} | {row['verdict']} |")
    lines += ["", "| build (2 threads) | hnswlib s | vecbench s | hnswlib / vecbench | verdict |",
              "|---|---:|---:|---:|---|",
              f"| median of builds | {fmt(build['hnswlibSeconds'], '{:.2f}')} | "
              f"{fmt(build['vecbenchSeconds'], '{:.2f}')} | {fmt(build['ratio'], '{:.2f}×')} | "
              f"{build['verdict']} |"]
    return lines


def same_graph_lines(same) -> list[str]:
    if same is None:
        return []
    lines = ["### Same graph: search speed alone",
             "",
             f"Independent builds differ in recall per ef by about ±0.01 at low ef (random levels; "
             f"hnswlib's multi-threaded builds vary most), which moves the equal-recall ratios above "
             f"by several percent. Here both search one graph: vecbench built it on one thread with "
             f"seed {same['seed']}, `scripts/ann_graph_export.py` wrote it as an hnswlib index, and "
             f"hnswlib loaded it. Recall agrees at every ef (checked to 0.002), so the QPS ratio is "
             f"search speed alone — median over ef **{fmt(same['medianRatio'], '{:.2f}×')}**; "
             f"{same['rounds']} interleaved rounds, medians.",
             "",
             "| ef | recall (hnswlib / vecbench) | hnswlib QPS | vecbench QPS | vecbench / hnswlib |",
             "|---:|---:|---:|---:|---:|"]
    for r in same["rows"]:
        lines.append(f"| {r['ef']} | {r['hnswlibRecall']:.4f} / {r['vecbenchRecall']:.4f} | "
                     f"{r['hnswlibQPS']:,.0f} | {r['vecbenchQPS']:,.0f} | {fmt(r['ratio'], '{:.2f}×')} |")
    lines += ["", "| recall@10 | hnswlib QPS | vecbench QPS | vecbench / hnswlib |", "|---:|---:|---:|---:|"]
    for row in same["equalRecall"]:
        lines.append(f"| {row['target']:.2f} | {_cell(row['hnswlib'])} | {_cell(row['vecbench'])} | "
                     f"{fmt(row['ratio'], '{:.2f}×')} |")
    return lines + [""]


def huge_page_lines(thp) -> list[str]:
    """vecbench again with `--huge-pages advise`, against the same hnswlib rounds."""
    if thp is None:
        return []
    huge = [b for b in thp["hugePageBytes"] if isinstance(b, int)]
    resident = [b for b in thp["residentBytes"] if isinstance(b, int)]
    coverage = (f"{statistics.median(huge) / statistics.median(resident):.0%} of the index arrays' resident "
                f"bytes were in 2 MiB pages (median over rounds)" if huge and resident and
                statistics.median(resident) > 0 else "huge-page coverage unavailable")
    lines = ["### With transparent huge pages",
             "",
             "The same rounds, vecbench once more with `--huge-pages advise` (MADV_HUGEPAGE on the "
             f"vector and link arrays; {coverage}). hnswlib has no such option, so this is not the "
             "verdict above; it shows what 2 MiB pages are worth to a search on this machine.",
             "",
             "| recall@10 | hnswlib QPS | vecbench + THP QPS | vecbench + THP / hnswlib |",
             "|---:|---:|---:|---:|"]
    for row in thp["equalRecall"]:
        lines.append(f"| {row['target']:.2f} | {_cell(row['hnswlib'])} | {_cell(row['vecbench'])} | "
                     f"{fmt(row['ratio'], '{:.2f}×')} |")
    return lines + [""]


def _cell(side: dict) -> str:
    if side["qps"] is None:
        return side["note"]
    if side["status"] == "lower bound":
        return f"≥ {side['qps']:,.0f} (lowest ef {side['efRange'][0]})"
    return f"{side['qps']:,.0f} (ef {side['efRange'][0]}–{side['efRange'][1]})"


def write_report(out: Path, args, context, h_doc, v_last, h_rows, v_rows, er, build, memory,
                 started_at, elapsed, noise, thp, same) -> None:
    vc = v_last.get("context") or {}
    ds = v_last.get("dataset") or {}
    vb = v_last.get("build") or {}
    lines = [
        "# vecbench vs hnswlib — approximate nearest neighbours",
        "",
        f"Generated {started_at} by `make bench-ann` (`scripts/bench_ann.py`), "
        f"{elapsed / 60:.1f} min wall clock. Goal: {GOAL}.",
        "",
        "## Machine",
        "",
        "| CPU | cores | kernel | THP | load avg (1 min) start → end | Swift | vecbench commit | hnswlib | numpy | Python |",
        "|---|---:|---|---|---|---|---|---|---|---|",
        f"| {vc.get('cpuModel') or context['cpuModel']} | {vc.get('cores') or context['cores']} | "
        f"{vc.get('kernel') or context['kernel']} | {context['thp'] or 'n/a'} | "
        f"{context['loadAverage'][0]:.2f} → {context['loadAverageEnd'][0]:.2f} | "
        f"{vc.get('swiftVersion', 'n/a')} | {vc.get('gitCommit') or context['gitCommit']} | "
        f"{h_doc['hnswlibVersion']} | {h_doc['numpyVersion']} | {h_doc['python']} |",
        "",
        *busy_warning(context),
        "## Parameters",
        "",
        f"- Dataset: `vecbench dataset generate`, {args.count:,} × {args.dimension} float32, "
        f"{args.clusters} clusters, seed {args.seed}, {args.queries:,} queries, metric {args.metric}, "
        f"exact ground truth (top {args.gt_k}); files in `{args.data}`"
        + (f" (vecbench read {ds.get('count', '?'):,} × {ds.get('dimension', '?')})"
           if isinstance(ds.get("count"), int) else "") + ".",
        f"- Index: M = {args.m} (level 0: {vb.get('m0', 2 * args.m)}), ef_construction = "
        f"{args.ef_construction}, built with {args.threads} threads; round r builds both sides with "
        f"seed {args.graph_seed} + r (hnswlib `random_seed`, vecbench `--seed`), so each curve is a "
        f"median over {args.rounds} different graphs (one graph's recall at low ef varies by about "
        f"±0.01 with its random levels, for both libraries).",
        f"- Search: k = {args.k}, one thread, all queries per ef; recall@{args.k} tie-aware "
        f"(big-ann-benchmarks: a hit is an id in the ground truth's first {args.k} or at most the "
        f"{args.k}-th true distance, 1e-6 relative epsilon), computed by each side from the vectors.",
        f"- Noise control: {args.rounds} rounds, hnswlib and vecbench interleaved with alternating "
        f"order; within a round each ef is timed {args.repeat}× and the median pass counts "
        f"(hnswlib: {args.repeat} batch calls; vecbench: `--repeat {args.repeat}`). "
        f"QPS and recall are medians over rounds, build seconds the "
        f"median of the {args.rounds} builds per side. Round-to-round QPS spread (median over ef, "
        f"±half the max–min range): hnswlib {fmt_pct(noise['hnswlib'])}, vecbench {fmt_pct(noise['vecbench'])}.",
        "- hnswlib QPS is one `knn_query(all queries, num_threads=1)` C++ call per pass, so no "
        "Python per-query overhead; it has no per-query latencies, hence no p50/p99.",
        "",
        "## QPS at equal recall",
        "",
        "Each side's (recall, log QPS) curve is interpolated linearly between the two ef points "
        "that bracket the target.",
        "",
        *equal_recall_lines(er, build),
        "",
        *same_graph_lines(same),
        *huge_page_lines(thp),
        "| memory | hnswlib | vecbench |",
        "|---|---:|---:|",
        f"| peak RSS (whole process, incl. loaded dataset) | {fmt_bytes(memory['hnswlib']['peakRSSBytes'])} | "
        f"{fmt_bytes(memory['vecbench']['peakRSSBytes'])} |",
        f"| index bytes (hnswlib: `save_index` file; vecbench: `indexBytes`) | "
        f"{fmt_bytes(memory['hnswlib']['indexBytes'])} | {fmt_bytes(memory['vecbench']['indexBytes'])} |",
        f"| vectors indexed | {fmt(memory['hnswlib']['count'])} | {fmt(memory['vecbench']['count'])} |",
        "",
        "## Per ef",
        "",
        "QPS spread is ±half the max–min range over rounds relative to the median. "
        "Distance evaluations, visited nodes and distinct pages touched (vector + link regions) "
        "are vecbench's per-query means.",
        "",
        "| ef | hnswlib recall | hnswlib QPS | spread | vecbench recall | vecbench QPS | spread | "
        "p50 µs | p99 µs | dist. evals | visited | 4 KiB pages | 2 MiB pages |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for h, v in zip(h_rows, v_rows):
        lines.append(
            f"| {h['ef']} | {h['recall']:.4f} | {h['qps']:,.0f} | {fmt_pct(h['qpsSpread'])} | "
            f"{v['recall']:.4f} | {v['qps']:,.0f} | {fmt_pct(v['qpsSpread'])} | "
            f"{fmt(v.get('p50LatencyMicroseconds'), '{:,.1f}')} | "
            f"{fmt(v.get('p99LatencyMicroseconds'), '{:,.1f}')} | "
            f"{fmt(v.get('meanDistanceEvaluations'), '{:,.0f}')} | "
            f"{fmt(v.get('meanVisitedNodes'), '{:,.0f}')} | "
            f"{fmt(v.get('meanPagesTouched4K'), '{:,.0f}')} | "
            f"{fmt(v.get('meanPagesTouched2M'), '{:,.1f}')} |")
    lines += ["", "Raw documents: `hnswlib.json` (all rounds), `vecbench.json` (last round), "
              "`summary.json` (the ratios above).", ""]
    (out / "report.md").write_text("\n".join(lines))


def write_json(path: Path, document) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


# --------------------------------------------------------------------------


def parse_args(argv):
    p = argparse.ArgumentParser(description="vecbench vs hnswlib at equal recall (make bench-ann)",
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="Quick run" + __doc__.split("Quick run", 1)[1])
    p.add_argument("--vecbench", required=True, help="the vecbench executable")
    p.add_argument("--data", default="data/bench-ann", help="dataset directory (regenerated on parameter change)")
    p.add_argument("--out", default="reports/bench-ann", help="report directory")
    p.add_argument("--venv", default=str(ROOT / ".venv"))
    p.add_argument("--count", type=int, default=100_000)
    p.add_argument("--dimension", type=int, default=128)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--clusters", type=int, default=100)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--metric", choices=("l2", "ip", "cosine"), default="l2")
    p.add_argument("--gt-k", type=int, default=100, help="ground-truth neighbours per query")
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=100)
    p.add_argument("--ef", default=DEFAULT_EFS, help="comma-separated ef sweep, same for both sides")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--threads", type=int, default=2, help="build threads (search is single-threaded)")
    p.add_argument("--rounds", type=int, default=7, help="interleaved rounds per side")
    p.add_argument("--graph-seed", type=int, default=100,
                   help="round r builds both graphs with this seed + r")
    p.add_argument("--same-graph-rounds", type=int, default=3,
                   help="rounds of the same-graph stage (0 skips it)")
    p.add_argument("--no-huge-pages-series", dest="huge_pages_series", action="store_false",
                   help="skip the extra vecbench run with --huge-pages advise")
    p.add_argument("--repeat", type=int, default=3, help="timed passes per ef within a round")
    args = p.parse_args(argv)
    if args.k > args.gt_k:
        p.error("--k must not exceed --gt-k")
    if args.rounds < 1 or args.repeat < 1:
        p.error("--rounds and --repeat must be at least 1")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    ensure_venv(Path(args.venv), argv)
    sys.path.insert(0, str(SCRIPTS))

    started_at, t0 = utc_now(), time.monotonic()
    efs = sorted({int(x) for x in args.ef.split(",") if x.strip()})
    if not efs or min(efs) < args.k:
        raise BenchError(f"--ef must list values ≥ k={args.k}: got {args.ef}")
    vecbench = Path(args.vecbench)
    if not (vecbench.is_file() and os.access(vecbench, os.X_OK)):
        raise BenchError(f"{vecbench}: no vecbench executable there (build it: make release)")
    context = machine_context()
    context["gitCommit"] = git_commit()

    load = os.getloadavg()[0]
    if load > 0.75 * (context["cores"] or 1):
        say(f"warning: load average {load:.1f} on {context['cores']} cores — timings will be noisy")
    paths = ensure_dataset(args, vecbench)
    check_dataset(args, paths)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-ann-"))
    h_docs, v_docs, t_docs = [], [], []
    try:
        for round_no in range(args.rounds):
            order = ("hnswlib", "vecbench") if round_no % 2 == 0 else ("vecbench", "hnswlib")
            if args.huge_pages_series:
                order += ("vecbench+thp",)
            for side in order:
                tick = time.monotonic()
                if side == "hnswlib":
                    doc = run_hnswlib(args, paths, efs, work, round_no)
                    h_docs.append(doc)
                elif side == "vecbench":
                    doc = run_vecbench(args, vecbench, paths, efs, work, round_no)
                    v_docs.append(doc)
                else:
                    doc = run_vecbench(args, vecbench, paths, efs, work, round_no, huge_pages="advise")
                    t_docs.append(doc)
                top = max(doc["runs"], key=lambda r: r["ef"])
                say(f"round {round_no + 1}/{args.rounds} {side:12s}: build {doc['build']['seconds']:.2f} s, "
                    f"ef {top['ef']}: recall {top['recall']:.4f} at {top['qps']:,.0f} QPS "
                    f"({time.monotonic() - tick:.0f} s)")
                if top["recall"] < BROKEN_RECALL:
                    raise BenchError(
                        f"broken run: {side} reaches recall@{args.k} {top['recall']:.4f} < {BROKEN_RECALL} "
                        f"at the largest ef {top['ef']} (round {round_no + 1}); a working HNSW with "
                        f"M={args.m} is far above that — check the index or the ground truth")
        same = same_graph_stage(args, vecbench, paths, efs, work) if args.same_graph_rounds > 0 else None
    except BaseException:
        say(f"round logs kept in {work}")
        raise
    shutil.rmtree(work, ignore_errors=True)

    h_rows = aggregate(h_docs, efs, ("meanLatencyMicroseconds",))
    v_rows = aggregate(v_docs, efs, ("meanLatencyMicroseconds", "p50LatencyMicroseconds",
                                     "p99LatencyMicroseconds", "meanDistanceEvaluations",
                                     "meanVisitedNodes", "meanPagesTouched4K", "meanPagesTouched2M"))
    noise = {"hnswlib": median_or_none([r["qpsSpread"] for r in h_rows]),
             "vecbench": median_or_none([r["qpsSpread"] for r in v_rows])}
    halfwidth = max((x / 2 for x in noise.values() if x is not None), default=None)
    er = equal_recall(h_rows, v_rows, halfwidth)
    thp = None
    if t_docs:
        t_rows = aggregate(t_docs, efs, ("meanPagesTouched4K",))
        builds = [d.get("build") or {} for d in t_docs]
        thp = {"equalRecall": equal_recall(h_rows, t_rows, halfwidth), "rows": t_rows,
               "hugePageBytes": [b.get("mappedHugePageBytes") for b in builds],
               "residentBytes": [b.get("mappedResidentBytes") for b in builds]}
    h_build = statistics.median(d["build"]["seconds"] for d in h_docs)
    v_build = statistics.median(d["build"]["seconds"] for d in v_docs)
    build_ratio = h_build / v_build if v_build > 0 else None
    build = {"hnswlibSeconds": h_build, "vecbenchSeconds": v_build, "ratio": build_ratio,
             "hnswlibSecondsRounds": [d["build"]["seconds"] for d in h_docs],
             "vecbenchSecondsRounds": [d["build"]["seconds"] for d in v_docs],
             "verdict": ("meets goal" if build_ratio and build_ratio >= 1 else
                         f"MISSES goal: vecbench builds {1 / build_ratio:.2f}× slower"
                         if build_ratio else "n/a")}
    v_last = v_docs[-1]
    memory = {
        "hnswlib": {"peakRSSBytes": max(d["peakRSSBytes"] for d in h_docs),
                    "indexBytes": h_docs[-1]["build"]["indexFileBytes"],
                    "count": h_docs[-1]["build"]["currentCount"]},
        "vecbench": {"peakRSSBytes": max((d["peakRSSBytes"] for d in v_docs
                                          if isinstance(d.get("peakRSSBytes"), (int, float))),
                                         default=None),
                     "indexBytes": (v_last.get("build") or {}).get("indexBytes"),
                     "count": (v_last.get("dataset") or {}).get("count")},
    }
    context["loadAverageEnd"] = list(os.getloadavg())
    elapsed = time.monotonic() - t0

    params = {"count": args.count, "dimension": args.dimension, "queries": args.queries,
              "clusters": args.clusters, "seed": args.seed, "metric": args.metric, "m": args.m,
              "efConstruction": args.ef_construction, "k": args.k, "threads": args.threads,
              "efs": efs, "rounds": args.rounds, "repeat": args.repeat,
              "graphSeeds": [args.graph_seed + r for r in range(args.rounds)]}
    hnswlib_doc = {"schema": "vecbench.bench-ann.hnswlib/1", "context": context, "params": params,
                   "hnswlibVersion": h_docs[-1]["hnswlibVersion"], "numpyVersion": h_docs[-1]["numpyVersion"],
                   "build": {"m": args.m, "efConstruction": args.ef_construction,
                             "threads": args.threads, "randomSeeds": params["graphSeeds"], "seconds": h_build,
                             "secondsRounds": build["hnswlibSecondsRounds"],
                             "indexFileBytes": memory["hnswlib"]["indexBytes"],
                             "currentCount": memory["hnswlib"]["count"]},
                   "k": args.k, "peakRSSBytes": memory["hnswlib"]["peakRSSBytes"],
                   "runs": h_rows, "rounds": h_docs}
    summary = {"schema": "vecbench.bench-ann.summary/1", "createdAt": started_at,
               "goal": GOAL, "params": params, "context": context,
               "equalRecall": [{"recall": r["target"],
                                "hnswlibQPS": r["hnswlib"]["qps"], "hnswlibStatus": r["hnswlib"]["status"],
                                "vecbenchQPS": r["vecbench"]["qps"], "vecbenchStatus": r["vecbench"]["status"],
                                "ratioVecbenchOverHnswlib": r["ratio"], "verdict": r["verdict"]}
                               for r in er],
               "build": {"hnswlibSeconds": h_build, "vecbenchSeconds": v_build,
                         "ratioHnswlibOverVecbench": build_ratio, "verdict": build["verdict"]},
               "memory": memory, "qpsSpread": noise,
               "sameGraph": None if same is None else {
                   "seed": same["seed"], "rounds": same["rounds"], "medianRatioOverEf": same["medianRatio"],
                   "perEf": same["rows"],
                   "equalRecall": [{"recall": r["target"], "hnswlibQPS": r["hnswlib"]["qps"],
                                    "vecbenchQPS": r["vecbench"]["qps"],
                                    "ratioVecbenchOverHnswlib": r["ratio"]} for r in same["equalRecall"]]},
               "hugePages": None if thp is None else {
                   "equalRecall": [{"recall": r["target"], "hnswlibQPS": r["hnswlib"]["qps"],
                                    "vecbenchQPS": r["vecbench"]["qps"],
                                    "ratioVecbenchOverHnswlib": r["ratio"]} for r in thp["equalRecall"]],
                   "hugePageBytes": thp["hugePageBytes"], "residentBytes": thp["residentBytes"]},
               "goalMet": all(r["ratio"] is not None and r["ratio"] >= 1 or
                              (r["vecbench"]["qps"] is not None and r["hnswlib"]["qps"] is None)
                              for r in er if r["target"] in GOAL_TARGETS)
                          and bool(build_ratio and build_ratio >= 1)}
    write_json(out / "hnswlib.json", hnswlib_doc)
    write_json(out / "vecbench.json", v_last)
    write_json(out / "summary.json", summary)
    write_report(out, args, context, hnswlib_doc | {"python": h_docs[-1]["python"]}, v_last,
                 h_rows, v_rows, er, build, memory, started_at, elapsed, noise, thp, same)

    print()
    print(f"QPS at equal recall@{args.k} — {args.count:,} × {args.dimension} {args.metric}, "
          f"M={args.m}, ef_construction={args.ef_construction}, single-thread search, "
          f"medians of {args.rounds} rounds")
    print()
    print("\n".join(equal_recall_lines(er, build)))
    print()
    print(f"goal ({GOAL}): {'MET' if summary['goalMet'] else 'NOT MET'}")
    print(f"report: {out / 'report.md'}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as error:
        print(f"bench-ann: error: {error}", file=sys.stderr)
        sys.exit(1)
    except OSError as error:
        print(f"bench-ann: error: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("bench-ann: interrupted", file=sys.stderr)
        sys.exit(130)
