#!/usr/bin/env python3
"""make bench-instructions: instructions and Valgrind's simulated D1/LL
misses per query of a fixed, seeded search workload, under callgrind.

Scope: `--toggle-collect=*searchAll*` collects only inside the probe's
measured search loop (ProbeWorkload.searchAll) (the build, the data generation, a warm-up
query and the cache flush run uncollected, though simulated, so the caches
are in the state the program left them). The probe runs twice on the same
binary; the counts must be equal, or this fails. Writes
OUT/instructions.json (schema vecbench.instructions/1,
BenchModel.InstructionCountResult) and OUT/summary.md."""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import valgrind_probe as vp  # noqa: E402

SCOPE = "*searchAll*"  # ProbeWorkload.searchAll, never inlined


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--probe", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()

    tool = ["--tool=callgrind", f"--toggle-collect={SCOPE}", "--cache-sim=yes"]
    runs = []
    for run in range(args.runs):
        printed, events, _ = vp.run_valgrind(tool, args.probe, "search")
        counts = {
            "instructions": events["Ir"],
            "dataAccesses": events.get("Dr", 0) + events.get("Dw", 0),
            "d1Misses": events.get("D1mr", 0) + events.get("D1mw", 0),
            "llMisses": events.get("DLmr", 0) + events.get("DLmw", 0),
            "checksum": str(printed["checksum"]),
        }
        print(f"run {run + 1}: {counts}", flush=True)
        runs.append(counts)
    queries = vp.WORKLOAD["queries"]
    first = runs[0]
    document = {
        "schema": "vecbench.instructions/1",
        "tool": f"{vp.valgrind_version()} {' '.join(tool[:1] + tool[2:])}",
        "scope": tool[1],
        "workload": vp.WORKLOAD,
        "cache": {"i1": vp.I1, "d1": vp.D1, "ll": vp.LL},
        "runs": runs,
        "perQuery": {key: first[key] / queries for key in ("instructions", "dataAccesses", "d1Misses", "llMisses")},
        "gitCommit": vp.git_commit(),
    }
    vp.write_json(os.path.join(args.out, "instructions.json"), document)
    agree = all(run == first for run in runs)
    lines = [
        "# Instructions per query (callgrind)", "",
        f"Workload: {vp.WORKLOAD}", f"Tool: `{document['tool']}`, scope `{document['scope']}`, "
        f"I1 {vp.I1}, D1 {vp.D1}, LL {vp.LL}.", "",
        "| run | instructions | Ir/query | data accesses/query | D1 misses/query | LL misses/query | checksum |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for number, run in enumerate(runs, 1):
        lines.append(f"| {number} | {run['instructions']} | {run['instructions'] / queries:.1f} | "
                     f"{run['dataAccesses'] / queries:.1f} | {run['d1Misses'] / queries:.2f} | "
                     f"{run['llMisses'] / queries:.2f} | {run['checksum']} |")
    lines += ["", f"Runs agree exactly: {'yes' if agree else 'NO'}.", ""]
    with open(os.path.join(args.out, "summary.md"), "w") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))
    if not agree:
        sys.exit("bench-instructions: the runs counted differently; the counts cannot be gated")


if __name__ == "__main__":
    main()
