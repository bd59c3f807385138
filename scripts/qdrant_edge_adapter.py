"""qdrant-edge behind the vecbench worker protocol: an external-engine adapter.

Benchmark tooling (a peer of ann_hnswlib_worker.py, never part of the
product). `vecbench run` starts one of these per worker slot when a
configuration names

    engine: {external: {command: [.venv/bin/python, scripts/qdrant_edge_adapter.py]}}

and speaks workloads/ADAPTERS.md to it over a Unix socket. Install the engine
with `make qdrant-edge` (pip-installs qdrant-edge-py 0.9.0 into .venv/).

Mapping (see also ADAPTERS.md, "qdrant-edge"):
  collection (graphPerTenant false)  -> one EdgeShard in <data>/<name>/shard
  collection (graphPerTenant true)   -> one EdgeShard with a keyword payload
                                        field "tenant" indexed is_tenant=true;
                                        a tenant's search filters on it
  hnsw.m, hnsw.efConstruction        -> HnswIndexConfig.m, ef_construct
                                        (--m / --payload-m override, so m=0
                                        with payload_m=16 can be asked for)
  search ef                          -> SearchParams.hnsw_ef
  indexingThreshold (points)         -> optimizers.indexing_threshold in KB of
                                        f32 vectors (points * dim * 4 / 1024)
  storage ram | mmap                 -> Memory.Cached vectors + Pinned graph |
                                        Memory.Cold vectors and graph
  waitForSeals                       -> EdgeShard.optimize() on every shard
                                        (qdrant-edge has no background optimizer)
  metric l2 | ip | cosine            -> Distance.Euclid (score squared) |
                                        Dot (1 - score) | Cosine (1 - score)
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import shutil
import signal
import socket
import struct
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ (not git-ignored)

try:
    import qdrant_edge as q
except ImportError:  # pragma: no cover - the message is the point
    sys.stderr.write(
        "qdrant_edge_adapter: the qdrant-edge-py package is not importable by "
        f"{sys.executable}.\n  Install it with `make qdrant-edge` (pip install "
        "qdrant-edge-py==0.9.0 into .venv/) and name .venv/bin/python in the "
        "workload's external command.\n")
    sys.exit(3)

MAGIC = b"VBWP"
VERSION = 1
MAX_FRAME = 256 << 20
ENGINE = "qdrant-edge 0.9.0"
TENANT_FIELD = "tenant"
# InputLimit bounds the decoder checks (Sources/VectorCore/InputLimit.swift).
LIMITS = {"k": (1, 10_000), "ef": (1, 65_536), "dimension": (1, 65_536), "batch": (1, 100_000)}
NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$")

OK, FAILED, PROTOCOL_ERROR = 0, 1, 2
DURABILITY_UNSYNCED = 2  # qdrant-edge acknowledges before any fsync


class ProtocolError(Exception):
    """Answered with status 2; the connection is closed after it."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class Failed(Exception):
    """Answered with status 1; the connection stays usable."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class Reader:
    def __init__(self, body: bytes, message: str):
        self.body, self.offset, self.message = body, 1, message

    def take(self, n: int, field: str) -> bytes:
        if self.offset + n > len(self.body):
            raise ProtocolError("malformedFrame", f"{self.message}: field '{field}' at byte {self.offset} needs {n} bytes, "
                                                  f"{len(self.body) - self.offset} left in the frame")
        chunk = self.body[self.offset:self.offset + n]
        self.offset += n
        return chunk

    def u8(self, f): return self.take(1, f)[0]
    def u16(self, f): return struct.unpack("<H", self.take(2, f))[0]
    def u32(self, f): return struct.unpack("<I", self.take(4, f))[0]
    def u64(self, f): return struct.unpack("<Q", self.take(8, f))[0]
    def i64(self, f): return struct.unpack("<q", self.take(8, f))[0]

    def boolean(self, f):
        value = self.u8(f)
        if value > 1:
            raise ProtocolError("malformedFrame", f"{self.message}: field '{f}': {value} is not a boolean")
        return value == 1

    def text(self, n, f):
        try:
            return self.take(n, f).decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("malformedFrame", f"{self.message}: field '{f}' is not valid UTF-8")

    def str16(self, f): return self.text(self.u16(f), f)
    def str32(self, f): return self.text(self.u32(f), f)

    def floats(self, n, f):
        return list(struct.unpack(f"<{n}f", self.take(4 * n, f)))

    def bounded(self, value, limit, f):
        low, high = LIMITS[limit]
        if not low <= value <= high:
            raise ProtocolError("malformedFrame", f"{self.message}: field '{f}': {value} is out of range: allowed {low}…{high}")
        return value

    def finish(self):
        if self.offset != len(self.body):
            raise ProtocolError("malformedFrame", f"{self.message}: {len(self.body) - self.offset} unexpected bytes after the last field")


def frame(status: int, payload: bytes = b"") -> bytes:
    return struct.pack("<IB", len(payload) + 1, status) + payload


def str16(text: str) -> bytes:
    data = text.encode()[:65535]
    return struct.pack("<H", len(data)) + data


def str32(text: str) -> bytes:
    data = text.encode()
    return struct.pack("<I", len(data)) + data


def error_frame(status: int, kind: str, message: str) -> bytes:
    return frame(status, str16(kind[:256]) + str32(message[: 1 << 20]))


class Shard:
    """One vecbench collection as one EdgeShard, with what the protocol needs
    that qdrant-edge does not keep (the collection configuration, an LSN)."""

    def __init__(self, name: str, directory: str, configuration: dict, options, create: bool):
        self.name, self.directory, self.configuration = name, directory, configuration
        self.lock = threading.Lock()
        self.lsn = 0
        self.dimension = int(configuration["dimension"])
        self.metric = configuration.get("metric", "l2")
        self.shared = bool(configuration.get("graphPerTenant", False))
        path = os.path.join(directory, "shard")
        if create:
            os.makedirs(directory, exist_ok=False)
            with open(os.path.join(directory, "vecbench-collection.json"), "w") as meta:
                json.dump(configuration, meta)
            self.shard = q.EdgeShard.create(path, self.edge_config(options))
            if self.shared:
                self.shard.update(q.UpdateOperation.create_field_index(TENANT_FIELD, q.KeywordIndexParams(is_tenant=True)))
        else:
            self.shard = q.EdgeShard.load(path)

    def edge_config(self, options) -> "q.EdgeConfig":
        c = self.configuration
        hnsw = c.get("hnsw", {})
        m = options.m if options.m is not None else int(hnsw.get("m", 16))
        payload_m = options.payload_m if options.payload_m is not None else (m if self.shared else None)
        ram = c.get("storage", "mmap") == "ram"
        distance = {"l2": q.Distance.Euclid, "ip": q.Distance.Dot, "cosine": q.Distance.Cosine}[self.metric]
        threshold_kb = max(1, (int(c.get("indexingThreshold", 20_000)) * self.dimension * 4 + 1023) // 1024)
        return q.EdgeConfig(
            vectors=q.EdgeVectorParams(size=self.dimension, distance=distance,
                                       memory=q.Memory.Cached if ram else q.Memory.Cold),
            hnsw_config=q.HnswIndexConfig(m=m, ef_construct=int(hnsw.get("efConstruction", 100)),
                                          full_scan_threshold=options.full_scan_threshold,
                                          max_indexing_threads=1, payload_m=payload_m,
                                          memory=q.Memory.Pinned if ram else q.Memory.Cold),
            optimizers=q.EdgeOptimizersConfig(indexing_threshold=threshold_kb),
            payload_memory=q.Memory.Cached if ram else q.Memory.Cold)

    def distance(self, score: float) -> float:
        return score * score if self.metric == "l2" else 1.0 - score


class Adapter:
    def __init__(self, data: str, options):
        self.data, self.options = data, options
        self.shards: dict[str, Shard] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        os.makedirs(data, exist_ok=True)
        for name in sorted(os.listdir(data)):  # reopen what a previous run left
            meta = os.path.join(data, name, "vecbench-collection.json")
            if os.path.exists(meta):
                with open(meta) as handle:
                    self.shards[name] = Shard(name, os.path.join(data, name), json.load(handle), options, create=False)

    def shard(self, name: str) -> Shard:
        with self.lock:
            shard = self.shards.get(name)
        if shard is None:
            raise Failed("unknownCollection", f"collection '{name}' does not exist")
        return shard

    # One request -> one ok payload; raises Failed / ProtocolError.
    def handle(self, kind: int, r: Reader) -> bytes:
        if kind == 2:  # ping
            r.finish(); return b""
        if kind == 3:  # createCollection
            name, text = r.str16("name"), r.str32("configuration")
            r.finish()
            try:
                configuration = json.loads(text)
                r.bounded(int(configuration["dimension"]), "dimension", "configuration.dimension")
            except (ValueError, KeyError, TypeError) as error:
                raise ProtocolError("malformedFrame", f"createCollection request: configuration does not decode: {error}")
            if not NAME.match(name):
                raise Failed("invalidName", f"collection name '{name}': use letters, digits, '.', '_' or '-'")
            with self.lock:
                if name in self.shards:
                    raise Failed("collectionExists", f"collection '{name}' already exists")
                try:
                    self.shards[name] = Shard(name, os.path.join(self.data, name), configuration, self.options, create=True)
                except Exception as error:  # qdrant's own words
                    raise Failed("invalidConfiguration", f"collection '{name}': qdrant-edge refused it: {error}")
            return b""
        if kind == 4:  # dropCollection
            name = r.str16("name"); r.finish()
            with self.lock:
                shard = self.shards.pop(name, None)
            if shard is None:
                raise Failed("unknownCollection", f"collection '{name}' does not exist")
            with shard.lock:
                shard.shard.close()
            shutil.rmtree(shard.directory, ignore_errors=True)
            return b""
        if kind == 5:  # listCollections
            r.finish()
            with self.lock:
                names = sorted(self.shards)
            return struct.pack("<I", len(names)) + b"".join(str16(n) for n in names)
        if kind == 6:
            return self.upsert(r)
        if kind == 7:  # delete
            name = r.str16("name")
            count = r.bounded(r.u32("count"), "batch", "count")
            ids = [r.u64("id") for _ in range(count)]
            r.finish()
            shard = self.shard(name)
            with shard.lock:
                shard.shard.update(q.UpdateOperation.delete_points(ids))
                shard.lsn += 1
                return struct.pack("<QQB", shard.lsn, shard.lsn, DURABILITY_UNSYNCED)
        if kind == 8:
            return self.search(r)
        if kind == 9:  # get: qdrant-edge's Record has no version
            r.str16("name"); r.u64("id"); r.finish()
            raise Failed("unavailable", "qdrant-edge records carry no point version; get is not offered")
        if kind == 10:  # count
            name = r.str16("name"); r.finish()
            shard = self.shard(name)
            with shard.lock:
                return struct.pack("<Q", shard.shard.count(q.CountRequest(exact=True)))
        if kind == 11:  # collectionStatistics
            r.str16("name"); r.boolean("include residency"); r.finish()
            raise Failed("unavailable", "qdrant-edge has no vecbench CollectionStatistics; ask adapterStatistics")
        if kind == 12:
            r.finish()
            raise Failed("unavailable", "qdrant-edge has no vecbench EngineStatistics; ask adapterStatistics")
        if kind == 13:  # waitForSeals -> optimize every shard
            r.finish()
            with self.lock:
                shards = list(self.shards.values())
            for shard in shards:
                with shard.lock:
                    shard.shard.optimize()
            return b""
        if kind == 14:  # shutdown
            r.finish(); self.stopping.set(); return b""
        if kind == 15:
            r.finish()
            raise Failed("unavailable", "qdrant-edge is configured per shard (EdgeConfig), not by a vecbench EngineConfiguration")
        if kind == 16:
            r.finish()
            return str32(json.dumps(self.statistics(), sort_keys=True))
        raise ProtocolError("unknownKind", f"unknown request kind {kind}")

    def upsert(self, r: Reader) -> bytes:
        name = r.str16("name")
        count = r.bounded(r.u32("count"), "batch", "count")
        flags = r.u8("flags")
        if flags & ~1:
            raise ProtocolError("malformedFrame", f"upsert request: field 'flags': unknown bits in {flags}")
        ids = [r.u64("id") for _ in range(count)]
        tenants = [None] * count
        if flags & 1:
            for index in range(count):
                has, tag = r.boolean("has tenant"), r.u32("tenant")
                tenants[index] = tag if has else None
        lengths = [r.bounded(r.u32("length"), "dimension", "length") for _ in range(count)]
        if sum(lengths) * 4 != len(r.body) - r.offset:
            raise ProtocolError("malformedFrame", "upsert request: field 'vectors': lengths and bytes disagree")
        vectors = [r.floats(n, "vector") for n in lengths]
        r.finish()
        shard = self.shard(name)
        if len(set(ids)) != count:
            raise Failed("duplicateID", f"collection '{name}': an id appears twice in one batch")
        for point_id, vector in zip(ids, vectors):
            if len(vector) != shard.dimension:
                raise Failed("invalidVector", f"collection '{name}': point {point_id} has {len(vector)} dimensions, "
                                              f"the collection {shard.dimension}")
        if shard.shared and any(tag is None for tag in tenants):
            raise Failed("invalidVector", f"collection '{name}' is shared: every point needs a tenant")
        points = [q.Point(point_id, vector, {TENANT_FIELD: str(tag)} if tag is not None else None)
                  for point_id, vector, tag in zip(ids, vectors, tenants)]
        with shard.lock:
            shard.shard.update(q.UpdateOperation.upsert_points(points))
            shard.lsn += 1
            return struct.pack("<QQB", shard.lsn, shard.lsn, DURABILITY_UNSYNCED)

    def search(self, r: Reader) -> bytes:
        name = r.str16("name")
        k = r.bounded(r.i64("k"), "k", "k")
        ef = r.bounded(r.i64("ef"), "ef", "ef")
        has_tenant, tenant = r.boolean("has tenant"), r.u32("tenant")
        dimension = r.bounded(r.u32("dimension"), "dimension", "dimension")
        query = r.floats(dimension, "query")
        r.finish()
        shard = self.shard(name)
        if dimension != shard.dimension:
            raise Failed("wrongQueryDimension", f"collection '{name}': query has {dimension} dimensions, the collection {shard.dimension}")
        condition = None
        if has_tenant:
            condition = q.Filter(must=[q.FieldCondition(key=TENANT_FIELD, match=q.MatchValue(str(tenant)))])
        request = q.SearchRequest(query=q.Query.Nearest(query), limit=k, filter=condition,
                                  params=q.SearchParams(hnsw_ef=ef), with_payload=False, with_vector=False)
        with shard.lock:
            hits = shard.shard.search(request)
        out = [struct.pack("<I", len(hits))]
        for hit in hits:
            out.append(struct.pack("<QfQ", int(hit.id), shard.distance(hit.score), int(hit.version)))
        return b"".join(out)

    def statistics(self) -> dict:
        with self.lock:
            shards = list(self.shards.values())
        segments = points = indexed = tenant_index_points = 0
        for shard in shards:
            with shard.lock:
                info = shard.shard.info()
            segments += info.segments_count
            points += info.points_count
            indexed += info.indexed_vectors_count
            field = info.payload_schema.get(TENANT_FIELD)
            tenant_index_points += field.points if field is not None else 0
        return {
            "engine": ENGINE,
            "figures": {"shards": len(shards), "segments": segments, "points": points,
                        "indexed_vectors": indexed, "tenant_index_points": tenant_index_points},
            "unavailable": {
                "fsyncs": "qdrant-edge does not count its fsyncs (read the OS figures of the adapter process)",
                "wal_bytes": "qdrant-edge does not expose its WAL position",
                "seals": "qdrant-edge optimizes only when asked (waitForSeals)",
            },
        }

    def close(self):
        with self.lock:
            for shard in self.shards.values():
                with shard.lock:
                    shard.shard.flush()
                    shard.shard.close()
            self.shards.clear()


def receive_exactly(connection: socket.socket, n: int) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        chunk = connection.recv(min(n - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def serve_connection(adapter: Adapter, connection: socket.socket, server: socket.socket):
    greeted = False
    with connection:
        while True:
            header = receive_exactly(connection, 4)
            if header is None:
                return
            (length,) = struct.unpack("<I", header)
            if length == 0:
                connection.sendall(error_frame(PROTOCOL_ERROR, "malformedFrame", "empty frame (length 0)"))
                return
            if length > MAX_FRAME:
                connection.sendall(error_frame(PROTOCOL_ERROR, "frameTooLarge",
                                               f"frame of {length} bytes exceeds the limit of {MAX_FRAME} bytes"))
                return
            body = receive_exactly(connection, length)
            if body is None:
                return
            kind = body[0]
            reader = Reader(body, f"request kind {kind}")
            try:
                if kind == 1:
                    magic, version = reader.take(4, "magic"), reader.u16("version")
                    reader.finish()
                    if magic != MAGIC or version != VERSION:
                        raise ProtocolError("versionMismatch", f"hello {magic!r} version {version}; this adapter speaks VBWP {VERSION}")
                    greeted = True
                    payload = MAGIC + struct.pack("<HII", VERSION, os.getpid(), MAX_FRAME)
                elif not greeted:
                    raise ProtocolError("helloRequired", f"request kind {kind} before hello: a connection must start with hello")
                else:
                    payload = adapter.handle(kind, reader)
                response = frame(OK, payload)
            except ProtocolError as error:
                connection.sendall(error_frame(PROTOCOL_ERROR, error.kind, str(error)))
                return
            except Failed as error:
                response = error_frame(FAILED, error.kind, str(error))
            except Exception as error:  # qdrant's own failure, in its words
                response = error_frame(FAILED, "error", f"qdrant-edge: {type(error).__name__}: {error}")
            connection.sendall(response)
            if adapter.stopping.is_set():
                try:
                    server.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return


def die_with_parent(parent: int | None):
    """The runner's WorkerParentLink, in Python: SIGKILL when the parent goes."""
    if parent is None:
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    if os.getppid() != parent:
        sys.exit(4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", default=os.environ.get("VECBENCH_SOCKET"))
    parser.add_argument("--data", default=os.environ.get("VECBENCH_DATA"))
    parser.add_argument("--parent-pid", type=int, default=None)
    parser.add_argument("--engine-json", default=None, help="read, not used: qdrant-edge has no vecbench engine")
    parser.add_argument("--m", type=int, default=None, help="HNSW m for every shard (0: no global graph)")
    parser.add_argument("--payload-m", type=int, default=None, help="m of the per-tenant graphs of a shared shard")
    parser.add_argument("--full-scan-threshold", type=int, default=10_000, help="KB; qdrant's default 10000")
    options = parser.parse_args()
    if not options.socket or not options.data:
        parser.error("--socket and --data are required (or VECBENCH_SOCKET / VECBENCH_DATA)")
    die_with_parent(options.parent_pid)
    adapter = Adapter(options.data, options)
    if os.path.exists(options.socket):
        os.unlink(options.socket)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(options.socket)
    server.listen(64)
    signal.signal(signal.SIGTERM, lambda *_: (adapter.stopping.set(), server.shutdown(socket.SHUT_RDWR)))
    threads = []
    while not adapter.stopping.is_set():
        try:
            connection, _ = server.accept()
        except OSError:
            break
        thread = threading.Thread(target=serve_connection, args=(adapter, connection, server), daemon=True)
        thread.start()
        threads.append(thread)
    server.close()
    try:
        os.unlink(options.socket)
    except OSError:
        pass
    adapter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
