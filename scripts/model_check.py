#!/usr/bin/env python3
"""make model-check: MemoryModel against Cachegrind on one fixed search
workload, D1 and LL misses, with skylake-sp's L1D and LLC-per-core geometry.

Cachegrind side (Valgrind 3.19's cachegrind cannot start or stop collection
from inside the program), by prefix subtraction:
  A = probe `search`: generate, build, warm-up query, flush, then the queries;
  B = probe `prefix`: the same program up to and including the flush.
The program is deterministic and B's execution is a prefix of A's, so A - B
is the queries alone. The flush (16 MiB written and read line by line after
the build) leaves no index data in the simulated D1 or LL, so the queries
start cold, as the model does.

What A - B still holds that is not index data: the query vectors (cold after
the flush), the candidate list and result arrays, the stack, Swift runtime
calls (retain/release, allocation of result arrays), and the difference in
the exit path. They are few misses (small, hot working set); the report
lists cachegrind's per-function misses so the remainder can be judged.

Model side: probe `model` (native, no Valgrind): the same build and
queries, each query's index accesses recorded by the search (vectors,
level-0 links, upper links, visited marks, labels) and replayed into a
one-core MemoryModel with the same D1 and LL (its L2 a single line that
never hits, so its LLC sees every L1D miss, as cachegrind's LL does).

Agreement ratio = model misses / cachegrind misses, for D1 and for LL.
Writes OUT/model-check.json and OUT/model-check.md."""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import valgrind_probe as vp  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--probe", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    tool = ["--tool=cachegrind", "--cache-sim=yes"]
    searched, a, a_functions = vp.run_valgrind(tool, args.probe, "search")
    _, b, b_functions = vp.run_valgrind(tool, args.probe, "prefix")

    def difference(key_groups):
        return {name: sum(a.get(k, 0) - b.get(k, 0) for k in keys) for name, keys in key_groups.items()}

    grind = difference({"instructions": ["Ir"], "dataAccesses": ["Dr", "Dw"], "d1Misses": ["D1mr", "D1mw"],
                        "llMisses": ["DLmr", "DLmw"]})
    functions = []
    for name in set(a_functions) | set(b_functions):
        fa, fb = a_functions.get(name, {}), b_functions.get(name, {})
        d1 = sum(fa.get(k, 0) - fb.get(k, 0) for k in ("D1mr", "D1mw"))
        ll = sum(fa.get(k, 0) - fb.get(k, 0) for k in ("DLmr", "DLmw"))
        if d1 or ll:
            functions.append({"function": name, "d1Misses": d1, "llMisses": ll})
    functions.sort(key=lambda f: -f["d1Misses"])

    # Without address randomisation: the model indexes sets by virtual
    # address, so a fixed layout makes its counts repeat (Valgrind's do).
    command = ["setarch", "x86_64", "-R", args.probe, *vp.probe_arguments("model"), "--d1", vp.D1, "--ll", vp.LL]
    model = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, env=vp.environment())
                       .stdout.strip().splitlines()[-1])
    if str(model["checksum"]) != str(searched["checksum"]):
        sys.exit(f"model-check: the model run answered differently ({model['checksum']} vs {searched['checksum']})")

    queries = vp.WORKLOAD["queries"]
    # The engine's search functions alone (VectorIndex.HNSWIndex): drops the
    # allocator, memcpy of results and the probe's loop, keeps the query reads.
    index_functions = [f for f in functions if "11VectorIndex9HNSWIndexC" in f["function"]]
    in_index = {"d1Misses": sum(f["d1Misses"] for f in index_functions),
                "llMisses": sum(f["llMisses"] for f in index_functions)}
    agreement = {"d1": model["d1Misses"] / grind["d1Misses"], "ll": model["llMisses"] / grind["llMisses"],
                 "d1SearchFunctions": model["d1Misses"] / in_index["d1Misses"],
                 "llSearchFunctions": model["llMisses"] / in_index["llMisses"]}
    document = {
        "schema": "vecbench.model-check/1",
        "valgrind": vp.valgrind_version(),
        "preset": "skylake-sp",
        "cache": {"d1": vp.D1, "ll": vp.LL},
        "workload": vp.WORKLOAD,
        "method": "cachegrind: run(search) - run(prefix), caches flushed before the queries; "
                  "model: recorded index accesses of the same queries, cold start",
        "cachegrind": grind,
        "cachegrindSearchFunctions": in_index,
        "model": {k: model[k] for k in ("accesses", "lines", "d1Misses", "llMisses", "byKind")},
        "agreement": agreement,
        "cachegrindTopFunctions": functions[:12],
        "gitCommit": vp.git_commit(),
    }
    vp.write_json(os.path.join(args.out, "model-check.json"), document)
    lines = [
        "# MemoryModel against Cachegrind", "",
        f"Workload (VecbenchProbe): {vp.WORKLOAD}.",
        f"Geometry (skylake-sp): D1 {vp.D1}, LL {vp.LL}. {document['valgrind']}.", "",
        "| | D1 misses | D1 misses/query | LL misses | LL misses/query |", "|---|---:|---:|---:|---:|",
        f"| cachegrind (search - prefix) | {grind['d1Misses']} | {grind['d1Misses'] / queries:.1f} | "
        f"{grind['llMisses']} | {grind['llMisses'] / queries:.1f} |",
        f"| MemoryModel (index accesses) | {model['d1Misses']} | {model['d1Misses'] / queries:.1f} | "
        f"{model['llMisses']} | {model['llMisses'] / queries:.1f} |",
        f"| **agreement (model / cachegrind)** | **{agreement['d1']:.3f}** | | **{agreement['ll']:.3f}** | |",
        f"| cachegrind, HNSWIndex functions only | {in_index['d1Misses']} | {in_index['d1Misses'] / queries:.1f} | "
        f"{in_index['llMisses']} | {in_index['llMisses'] / queries:.1f} |",
        f"| **agreement on those** | **{agreement['d1SearchFunctions']:.3f}** | | "
        f"**{agreement['llSearchFunctions']:.3f}** | |", "",
        f"Cachegrind counted {grind['dataAccesses']} data accesses and {grind['instructions']} instructions in the "
        f"queries; the model replayed {model['accesses']} recorded accesses ({model['lines']} line lookups).", "",
        "Model misses per access kind:", "", "| kind | accesses | D1 misses | LL misses |", "|---|---:|---:|---:|",
    ]
    for kind, counts in model["byKind"].items():
        if counts["accesses"]:
            lines.append(f"| {kind} | {counts['accesses']} | {counts['d1Misses']} | {counts['llMisses']} |")
    lines += ["", "Cachegrind misses per function (search - prefix; symbols, no debug info):", "",
              "| function | D1 misses | LL misses |", "|---|---:|---:|"]
    lines += [f"| `{f['function'][:90]}` | {f['d1Misses']} | {f['llMisses']} |" for f in functions[:12]]
    lines += ["", "Method: " + document["method"] + ".", ""]
    with open(os.path.join(args.out, "model-check.md"), "w") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
