"""Writes `make bench-ann`'s report: report.md from the aggregated rounds,
and the JSON documents. Benchmark tooling only; bench_ann.py measures, this
module formats (the runner never formats, as in the product).
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

GOAL = "vecbench QPS ≥ hnswlib QPS at recall 0.95 and 0.99; build with 2 threads no slower"


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
