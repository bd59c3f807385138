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

from ann_curves import GOAL_TARGETS, aggregate, equal_recall, median_or_none  # noqa: E402
from ann_report import GOAL, equal_recall_lines, write_json, write_report  # noqa: E402 (after the bytecode switch)

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
REQUIREMENTS = {"hnswlib": "hnswlib", "numpy": "numpy"}  # import name -> PyPI name
DEFAULT_EFS = "10,12,16,20,24,32,40,48,64,80,96,128,160,200,256,320"
BROKEN_RECALL = 0.5
VECBENCH_SCHEMA = "vecbench.ann/1"


class BenchError(Exception):
    """A failure that ends the run with a message and a non-zero exit."""


def say(message: str) -> None:
    print(f"bench-ann: {message}", flush=True)


# --------------------------------------------------------------------------
# 1. Virtual environment


def ensure_venv(venv: Path, argv: list[str], script: Path = Path(__file__), requirements: dict | None = None) -> None:
    """Makes sure `script` runs under `venv` with `requirements` (import name
    -> PyPI name; default REQUIREMENTS) importable; may exec."""
    requirements = requirements or REQUIREMENTS
    python = venv / "bin" / "python"
    inside = Path(sys.prefix).resolve() == venv.resolve()
    if inside:
        missing = [mod for mod in requirements if not _importable(mod)]
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
             f"print(' '.join(m for m in {list(requirements)!r} if u.find_spec(m) is None))")
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"{python} does not run (delete {venv} to recreate it): {result.stderr.strip()}")
    missing = result.stdout.split()
    if missing:
        packages = [requirements[m] for m in missing]
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
    os.execve(str(python), [str(python), str(script.resolve()), *argv], env)


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
