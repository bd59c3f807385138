#if canImport(Glibc)
import Glibc
#endif

/// Stall time accumulated over an interval.
public struct PressureStallDelta: Codable, Sendable, Equatable {
    public var resource: PressureStall.Resource
    public var someMicros: UInt64
    public var fullMicros: UInt64?

    public static func delta(from start: PressureStall, to end: PressureStall) -> PressureStallDelta {
        var full: UInt64?
        if let first = start.full, let last = end.full { full = last.totalMicros &- first.totalMicros }
        return PressureStallDelta(
            resource: end.resource, someMicros: end.some.totalMicros &- start.some.totalMicros, fullMicros: full)
    }
}
