import Foundation

/// A minimal external engine for the tests: a Python 3 (standard library
/// only) adapter that speaks the worker protocol, searches exactly, keeps
/// its collections in memory and writes them to `--data` when it shuts
/// down (reading them back when it starts), refuses vecbench's engine
/// statistics as `unavailable` and answers `adapterStatistics` with its own
/// figures — the shape of the qdrant-edge adapter without qdrant.
enum FakeAdapter {
    static let python = "/usr/bin/python3"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: python) }

    /// Writes the adapter into `directory`; the command that starts it.
    static func command(in directory: String) throws -> [String] {
        let path = directory + "/fake_adapter.py"
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        return [python, path]
    }

    static let source = #"""
import ctypes, json, os, signal, socket, struct, sys, threading
sys.dont_write_bytecode = True
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
SOCK, DATA = args["--socket"], args["--data"]
try:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)
except OSError:
    pass
os.makedirs(DATA, exist_ok=True)
STORE = os.path.join(DATA, "fake-store.json")
lock = threading.Lock()
stop = threading.Event()
collections = {}  # name -> {"dimension": d, "points": {id: [tenant, vector]}}
if os.path.exists(STORE):
    with open(STORE) as f:
        collections = {n: {"dimension": c["dimension"], "points": {int(k): v for k, v in c["points"].items()}}
                       for n, c in json.load(f).items()}
lsn = [0]

def s16(t):
    b = t.encode(); return struct.pack("<H", len(b)) + b
def s32(t):
    b = t.encode(); return struct.pack("<I", len(b)) + b
def frame(status, payload=b""):
    return struct.pack("<IB", len(payload) + 1, status) + payload
def failed(kind, message):
    return frame(1, s16(kind) + s32(message))

class R:
    def __init__(self, b): self.b, self.o = b, 1
    def take(self, n):
        c = self.b[self.o:self.o + n]; self.o += n; return c
    def u8(self): return self.take(1)[0]
    def u16(self): return struct.unpack("<H", self.take(2))[0]
    def u32(self): return struct.unpack("<I", self.take(4))[0]
    def u64(self): return struct.unpack("<Q", self.take(8))[0]
    def i64(self): return struct.unpack("<q", self.take(8))[0]
    def s16(self): return self.take(self.u16()).decode()
    def s32(self): return self.take(self.u32()).decode()
    def floats(self, n): return list(struct.unpack("<%df" % n, self.take(4 * n)))

def ack():
    lsn[0] += 1
    return frame(0, struct.pack("<QQB", lsn[0], lsn[0], 2))

def handle(kind, r):
    with lock:
        if kind == 2 or kind == 13: return frame(0)
        if kind == 3:
            name, conf = r.s16(), json.loads(r.s32())
            if name in collections: return failed("collectionExists", name)
            collections[name] = {"dimension": int(conf["dimension"]), "points": {}}
            return frame(0)
        if kind == 5:
            return frame(0, struct.pack("<I", len(collections)) + b"".join(s16(n) for n in sorted(collections)))
        if kind == 6:
            name, count, flags = r.s16(), r.u32(), r.u8()
            ids = [r.u64() for _ in range(count)]
            tenants = [None] * count
            if flags & 1:
                for i in range(count):
                    has, tag = r.u8(), r.u32(); tenants[i] = tag if has else None
            lengths = [r.u32() for _ in range(count)]
            points = collections[name]["points"]
            for j, n in enumerate(lengths): points[ids[j]] = [tenants[j], r.floats(n)]
            return ack()
        if kind == 7:
            name, count = r.s16(), r.u32()
            for _ in range(count): collections[name]["points"].pop(r.u64(), None)
            return ack()
        if kind == 8:
            name, k, ef, has, tenant, dim = r.s16(), r.i64(), r.i64(), r.u8(), r.u32(), r.u32()
            query = r.floats(dim)
            hits = sorted((sum((a - b) ** 2 for a, b in zip(query, v)), i)
                          for i, (t, v) in collections[name]["points"].items() if not has or t == tenant)[:k]
            return frame(0, struct.pack("<I", len(hits)) + b"".join(struct.pack("<QfQ", i, d, 1) for d, i in hits))
        if kind == 10:
            return frame(0, struct.pack("<Q", len(collections[r.s16()]["points"])))
        if kind == 14:
            stop.set(); return frame(0)
        if kind == 16:
            points = sum(len(c["points"]) for c in collections.values())
            return frame(0, s32(json.dumps({"engine": "fake 1", "figures": {"collections": len(collections), "points": points,
                                                                              "store_bytes": points * 4},
                                            "unavailable": {"fsyncs": "the fake keeps no WAL"}})))
        return failed("unavailable", "the fake adapter has no request kind %d" % kind)

def serve(conn, server):
    with conn:
        while True:
            head = conn.recv(4, socket.MSG_WAITALL)
            if len(head) < 4: return
            body = conn.recv(struct.unpack("<I", head)[0], socket.MSG_WAITALL)
            if body[0] == 1:
                out = frame(0, b"VBWP" + struct.pack("<HII", 1, os.getpid(), 64 << 20))
            else:
                out = handle(body[0], R(body))
            conn.sendall(out)
            if stop.is_set():
                try: server.shutdown(socket.SHUT_RDWR)
                except OSError: pass
                return

if os.path.exists(SOCK): os.unlink(SOCK)
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(SOCK); server.listen(16)
while not stop.is_set():
    try: conn, _ = server.accept()
    except OSError: break
    threading.Thread(target=serve, args=(conn, server), daemon=True).start()
server.close()
with open(STORE + ".tmp", "w") as f:
    json.dump(collections, f)
    f.flush(); os.fsync(f.fileno())
os.rename(STORE + ".tmp", STORE)
"""#
}
