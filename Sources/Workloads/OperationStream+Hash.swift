/// A stable digest of operations: FNV-1a 64 over a canonical
/// little-endian encoding of every field, as 16 hex digits. The same seed
/// and workload give the same digest on every machine and Swift version
/// (the generators avoid the standard library's random algorithms), so
/// tests and result documents can state which stream was run.
///
/// Encoding per operation, each as UInt64 LE: sequence, has-intended-start
/// (0/1), intended start (0 if none), kind, tenant, query index, k, ef,
/// first id, count, number of delete ids, each delete id, vector seed.
public struct OperationDigest: Sendable {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func add(_ value: UInt64) {
        var value = value
        for _ in 0..<8 {
            state ^= value & 0xFF
            state &*= 0x0000_0100_0000_01B3
            value >>= 8
        }
    }

    public mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01B3
        }
    }

    public mutating func add(_ operation: Operation) {
        add(UInt64(operation.sequence))
        add(operation.intendedStart == nil ? 0 : 1)
        add(operation.intendedStart ?? 0)
        add(UInt64(operation.kind.rawValue))
        add(UInt64(operation.tenant))
        add(UInt64(operation.queryIndex))
        add(UInt64(operation.k))
        add(UInt64(operation.ef))
        add(operation.firstID)
        add(UInt64(operation.count))
        add(UInt64(operation.deleteIDs.count))
        for id in operation.deleteIDs { add(id) }
        add(operation.vectorSeed)
    }

    public var value: UInt64 { state }

    /// 16 lowercase hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension OperationStream {
    /// The digest of the first `limit` operations (fewer if the stream is
    /// shorter).
    public func streamHash(limit: Int) -> String {
        Self.hash(self, limit: limit)
    }

    public static func hash<Operations: Sequence<Operation>>(_ operations: Operations, limit: Int = .max) -> String {
        var digest = OperationDigest()
        for operation in operations.prefix(limit) { digest.add(operation) }
        return digest.hex
    }
}

extension Workload {
    /// One digest for the whole workload's traffic: the tenant sizes and
    /// the first `operationsPerPhase` operations of every phase (at the
    /// phases' own batch sizes). Two runs with equal digests replayed the
    /// same data and operations.
    public func streamHash(operationsPerPhase: Int = 10_000) -> String {
        var digest = OperationDigest()
        digest.add("vecbench-operation-stream-v1")
        let sizes = tenantSizes
        digest.add(UInt64(sizes.count))
        for size in sizes { digest.add(UInt64(size)) }
        for index in phases.indices {
            digest.add(OperationStream(workload: self, phase: index, tenantSizes: sizes).streamHash(limit: operationsPerPhase))
        }
        return digest.hex
    }
}
