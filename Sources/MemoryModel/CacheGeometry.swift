/// One cache: `bytes` of 64-byte lines in `ways`-way sets. For the LLC,
/// `sharingCores` cores share one instance of `bytes`.
public struct CacheGeometry: Sendable, Equatable, Codable {
    public static let lineBytes = 64

    public var bytes: Int
    public var ways: Int
    public var sharingCores: Int

    public init(bytes: Int, ways: Int, sharingCores: Int = 1) {
        self.bytes = bytes
        self.ways = ways
        self.sharingCores = sharingCores
    }

    public var sets: Int { ways > 0 ? bytes / (Self.lineBytes * ways) : 0 }
}
