"""Shared helpers for the Valgrind targets (bench-instructions, model-check):
the probe's fixed workload, the pinned cache geometry, and Valgrind output
parsing. The probe is .build-probe/release/VecbenchProbe (see Makefile)."""

import json
import os
import subprocess
import tempfile

# The fixed, seeded search workload. Changing any of these changes every
# count: the committed reports name them.
WORKLOAD = {
    "count": 8000, "dimension": 64, "clusters": 32, "queries": 200,
    "m": 12, "efConstruction": 40, "ef": 64, "k": 10, "seed": 42,
}

# skylake-sp's L1D (32 KiB, 8-way) and its LLC per-core share (1.375 MiB,
# 11-way) from MemoryModel's preset; I1 as Skylake's. Pinned so the counts
# do not depend on the host's caches (Valgrind would read them from CPUID).
I1 = "32768,8,64"
D1 = "32768,8,64"
LL = "1441792,11,64"


def probe_arguments(mode):
    w = WORKLOAD
    return [mode, "--count", str(w["count"]), "--dimension", str(w["dimension"]), "--clusters", str(w["clusters"]),
            "--queries", str(w["queries"]), "--m", str(w["m"]), "--ef-construction", str(w["efConstruction"]),
            "--ef", str(w["ef"]), "--k", str(w["k"]), "--seed", str(w["seed"])]


def environment():
    env = dict(os.environ)
    # Swift's Hasher is seeded per process; the probe's build uses a dictionary.
    env["SWIFT_DETERMINISTIC_HASHING"] = "1"
    return env


def valgrind_version():
    return subprocess.run(["valgrind", "--version"], capture_output=True, text=True, check=True).stdout.strip()


def run_valgrind(tool_arguments, probe, mode, extra=()):
    """Runs the probe under Valgrind; returns (probe stdout JSON, events dict of the totals)."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "out")
        command = ["valgrind", "--quiet", *tool_arguments, f"--I1={I1}", f"--D1={D1}", f"--LL={LL}",
                   ("--callgrind-out-file=" if "--tool=callgrind" in tool_arguments else "--cachegrind-out-file=") + out,
                   probe, *probe_arguments(mode), *extra]
        done = subprocess.run(command, capture_output=True, text=True, env=environment())
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
        printed = json.loads(done.stdout.strip().splitlines()[-1])
        with open(out) as handle:
            text = handle.read()
        return printed, totals(text), (per_function(text) if "--tool=cachegrind" in tool_arguments else {})


def totals(text):
    """The `events:` header and the `summary:`/`totals:` line of a cachegrind or callgrind output file."""
    events, values = None, None
    for line in text.splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("totals:") or (line.startswith("summary:") and values is None):
            values = [int(v) for v in line.split()[1:]]
    if events is None or values is None:
        raise SystemExit("no events/summary in the Valgrind output")
    values += [0] * (len(events) - len(values))
    return dict(zip(events, values))


def per_function(text):
    """Cost per function of a cachegrind output file (`fn=` blocks), by event name."""
    events, result, current = None, {}, None
    for line in text.splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("fn="):
            current = line[3:]
            result.setdefault(current, [0] * len(events))
        elif current and line[:1].isdigit() and events:
            parts = line.split()
            for i, value in enumerate(parts[1:1 + len(events)]):
                result[current][i] += int(value)
    return {name: dict(zip(events, values)) for name, values in result.items()} if events else {}


def git_commit():
    done = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or None


def write_json(path, document):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(document, handle, indent=2, sort_keys=True)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
