"""Per-ef aggregation over rounds and QPS at equal recall, for
`make bench-ann`: pure functions of the round documents.
"""

from __future__ import annotations

import math
import statistics

TARGETS = (0.90, 0.95, 0.99)
GOAL_TARGETS = (0.95, 0.99)


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
