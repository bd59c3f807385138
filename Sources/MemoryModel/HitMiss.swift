/// Hits and misses of one TLB array or cache level.
public struct HitMiss: Sendable, Equatable, Codable {
    public var hits: Int = 0
    public var misses: Int = 0

    public init(hits: Int = 0, misses: Int = 0) {
        self.hits = hits
        self.misses = misses
    }

    public var lookups: Int { hits + misses }
    /// Hits over lookups; nil with no lookups (never a silent zero).
    public var hitRate: Double? { lookups > 0 ? Double(hits) / Double(lookups) : nil }
    public var missRate: Double? { lookups > 0 ? Double(misses) / Double(lookups) : nil }

    static func += (lhs: inout HitMiss, rhs: HitMiss) {
        lhs.hits += rhs.hits
        lhs.misses += rhs.misses
    }
}
