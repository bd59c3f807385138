#!/usr/bin/env python3
"""Writes the fuzz corpus seeds under Tests/FuzzCorpus/ (see Makefile: fuzz).

Most seeds are built here byte by byte from the format tables on the
decoding types; the HNSW index, sealed segment and WAL segment seeds are
copied from files a vecbench binary writes (pass it with --vecbench), and
the workload and result seeds from files already in the repository.

    scripts/fuzz_seeds.py --vecbench .build/debug/vecbench
"""
import argparse, json, os, shutil, struct, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests", "FuzzCorpus")
FORMATS = ["fvecs", "ivecs", "bvecs", "fbin", "ibin", "u8bin"]  # DatasetFormat.allCases


def put(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def dataset_seeds():
    rows = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    def vecs(kind, rows):
        out = b""
        for row in rows:
            out += struct.pack("<i", len(row)) + b"".join(struct.pack("<" + kind, v) for v in row)
        return out
    def bins(kind, rows):
        return struct.pack("<II", len(rows), len(rows[0])) + b"".join(struct.pack("<" + kind, v) for r in rows for v in r)
    ints = [[int(v) for v in r] for r in rows]
    files = {
        "fvecs": vecs("f", rows), "ivecs": vecs("i", ints), "bvecs": vecs("B", ints),
        "fbin": bins("f", rows), "ibin": bins("i", ints), "u8bin": bins("B", ints),
    }
    for fmt, data in files.items():
        put("dataset", "valid-" + fmt, bytes([FORMATS.index(fmt)]) + data)
    put("dataset", "fvecs-limit-1", bytes([0x20]) + files["fvecs"])
    put("dataset", "fvecs-truncated-row", bytes([0]) + files["fvecs"][:-3])
    put("dataset", "fvecs-second-row-other-dimension", bytes([0]) + vecs("f", [[1.0, 2.0, 3.0], [1.0, 2.0]]))
    put("dataset", "fvecs-nan", bytes([0]) + vecs("f", [[1.0, float("nan"), 3.0]]))
    put("dataset", "fvecs-nan-allowed", bytes([8]) + vecs("f", [[1.0, float("nan"), 3.0]]))
    put("dataset", "fbin-count-mismatch", bytes([3]) + struct.pack("<II", 5, 3) + files["fbin"][8:])
    put("dataset", "fbin-huge-dimension", bytes([3]) + struct.pack("<II", 1, 0xFFFFFFFF))
    put("dataset", "ivecs-negative-dimension", bytes([1]) + struct.pack("<i", -4))
    put("dataset", "empty", bytes([0]))


def worker_seeds():
    def s16(text): b = text.encode(); return struct.pack("<H", len(b)) + b
    def s32(text): b = text.encode(); return struct.pack("<I", len(b)) + b
    q = struct.pack("<3f", 0.5, 1.0, 1.5)
    seeds = {
        "hello": bytes([1]) + b"VBWP" + struct.pack("<H", 1),
        "ping": bytes([2]),
        "create": bytes([3]) + s16("c") + s32('{"dimension":3,"metric":"l2"}'),
        "drop": bytes([4]) + s16("c"),
        "list": bytes([5]),
        "upsert-tenants": bytes([6]) + s16("c") + struct.pack("<IB", 2, 1) + struct.pack("<QQ", 1, 2)
            + struct.pack("<BIBI", 1, 7, 0, 0) + struct.pack("<II", 3, 3) + q + q,
        "upsert": bytes([6]) + s16("c") + struct.pack("<IB", 1, 0) + struct.pack("<Q", 9) + struct.pack("<I", 3) + q,
        "delete": bytes([7]) + s16("c") + struct.pack("<I", 2) + struct.pack("<QQ", 1, 2),
        "search": bytes([8]) + s16("c") + struct.pack("<qqBII", 10, 64, 1, 3, 3) + q,
        "search-huge-k": bytes([8]) + s16("c") + struct.pack("<qqBII", 2**31, 2**31, 0, 0, 3) + q,
        "get": bytes([9]) + s16("c") + struct.pack("<Q", 1),
        "count": bytes([10]) + s16("c"),
        "statistics": bytes([11]) + s16("c") + bytes([1]),
        "engine-statistics": bytes([12]), "wait": bytes([13]), "shutdown": bytes([14]),
        "upsert-count-past-end": bytes([6]) + s16("c") + struct.pack("<IB", 0xFFFFFFFF, 0),
    }
    for name, body in seeds.items():
        put("worker-protocol", name, body)


def trimmed(data):
    end = len(data.rstrip(b"\0"))
    return data[:(end + 7) // 8 * 8]


def binary_seeds(vecbench):
    with tempfile.TemporaryDirectory() as tmp:
        run = lambda *args: subprocess.run([vecbench, *args], cwd=tmp, check=True, capture_output=True)
        run("dataset", "generate", "--out", "ds", "--count", "40", "--dimension", "4", "--queries", "3",
            "--clusters", "2", "--seed", "1")
        run("ann", "--base", "ds/base.fvecs", "--queries", "ds/queries.fvecs", "--groundtruth", "ds/groundtruth.ivecs",
            "--m", "4", "--ef-construction", "16", "--ef", "8", "--k", "2", "--threads", "1", "--storage", "mmap",
            "--index-dir", "idx", "--quiet", "--repeat", "1")
        index = open(os.path.join(tmp, "idx", "index.vbs"), "rb").read()
        for selector, name in [(4, "hnsw-ram"), (5, "hnsw-mapped"), (6, "hnsw-mapped-unverified"), (0, "index-as-container"),
                               (12, "hnsw-ram-fix-crcs"), (13, "hnsw-mapped-fix-crcs")]:
            put("sectioned-file", name, bytes([selector]) + index)
        damaged = bytearray(index); damaged[64 + 32 + 8] ^= 0x40  # second table entry's offset
        put("sectioned-file", "hnsw-damaged-table", bytes([4]) + bytes(damaged))
        put("sectioned-file", "header-only", bytes([4]) + index[:64])
        run("load", "--data", "eng", "--base", "ds/base.fvecs", "--batch", "7", "--indexing-threshold", "20",
            "--collection", "c")
        segment = os.path.join(tmp, "eng", "collections", "c", "segments")
        for directory, _, names in os.walk(segment):
            for name in names:
                put("sectioned-file", "sealed-" + name, bytes([0]) + open(os.path.join(directory, name), "rb").read())
        wal = trimmed(open(os.path.join(tmp, "eng", "collections", "c", "wal", "00000000000000000001.wal"), "rb").read())
        put("wal", "segment", wal)
        put("wal", "segment-torn-tail", wal[:-5])
        flipped = bytearray(wal); flipped[-2] ^= 1
        put("wal", "segment-last-record-flipped", bytes(flipped))
        put("wal", "header-only", wal[:64])


def text_seeds():
    workloads = os.path.join(ROOT, "workloads")
    for name in sorted(os.listdir(workloads)):
        if name.endswith(".yaml"):
            shutil.copy(os.path.join(workloads, name), os.path.join(CORPUS, "workload", name))
    put("workload", "alias-key", b"a: &a [x, x]\nb: &b [*a, *a]\n*b : 1\n")
    put("workload", "json", json.dumps({"seed": 1, "data": {"dimension": 4, "tenants": {"count": 2, "sizes": {"fixed": 10}}},
                                         "phases": [{"duration": "1s", "arrival": {"closed": {"clients": 1}}}]}).encode())
    fixtures = os.path.join(ROOT, "Tests", "BenchReportTests", "Fixtures")
    for name in sorted(os.listdir(fixtures)):
        if name.endswith(".json"):
            shutil.copy(os.path.join(fixtures, name), os.path.join(CORPUS, "results", name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vecbench", required=True)
    args = parser.parse_args()
    for target in ["workload", "results"]:
        os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    dataset_seeds()
    worker_seeds()
    binary_seeds(os.path.abspath(args.vecbench))
    text_seeds()


if __name__ == "__main__":
    main()
