/// One TLB array: `entries` in `ways`-way sets, holding translations of the
/// listed page sizes. A fully associative array has `ways == entries`.
public struct TLBArrayGeometry: Sendable, Equatable, Codable {
    public var entries: Int
    public var ways: Int
    public var pageSizes: [PageSize]

    public init(entries: Int, ways: Int, pageSizes: [PageSize]) {
        self.entries = entries
        self.ways = ways
        self.pageSizes = pageSizes
    }

    public static func fullyAssociative(_ entries: Int, _ pageSizes: [PageSize]) -> TLBArrayGeometry {
        TLBArrayGeometry(entries: entries, ways: entries, pageSizes: pageSizes)
    }

    public var sets: Int { ways > 0 ? entries / ways : 0 }
}
