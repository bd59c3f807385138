/// Huge-page coverage of a named region — an index file's mapping, an
/// arena — from the per-mapping lines of /proc/<pid>/smaps: how much of what
/// is resident is mapped by PMD-sized pages (AnonHugePages, FilePmdMapped,
/// ShmemPmdMapped), which is what TLB reach depends on.
public struct MappingCoverage: Codable, Sendable, Equatable {
    /// Which mappings make up the region.
    public enum Selector: Codable, Sendable, Equatable, CustomStringConvertible {
        /// Mappings overlapping [lower, upper).
        case addressRange(lower: UInt64, upper: UInt64)
        /// Mappings of this file (exact path) — a mapped index segment.
        case path(String)
        /// Mappings of every file under this directory — all of an engine's
        /// segments in one pass over smaps, however many there are.
        case pathPrefix(String)

        public var description: String {
            switch self {
            case .addressRange(let lower, let upper):
                "0x\(String(lower, radix: 16))-0x\(String(upper, radix: 16))"
            case .path(let path): path
            case .pathPrefix(let prefix): prefix + "/…"
            }
        }

        func matches(_ mapping: SmapsMapping) -> Bool {
            switch self {
            case .addressRange(let lower, let upper): mapping.start < upper && mapping.end > lower
            case .path(let path): mapping.path == path
            case .pathPrefix(let prefix): mapping.path?.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/") ?? false
            }
        }
    }

    public var selector: Selector
    public var mappings: [SmapsMapping]

    public var size: UInt64 { mappings.reduce(0) { $0 + $1.size } }
    public var rss: UInt64 { mappings.reduce(0) { $0 + $1.rss } }
    public var anonHugePages: UInt64 { mappings.reduce(0) { $0 + $1.anonHugePages } }
    public var filePmdMapped: UInt64 { mappings.reduce(0) { $0 + ($1.filePmdMapped ?? 0) } }
    public var hugeMapped: UInt64 { mappings.reduce(0) { $0 + $1.hugeMapped } }

    /// Share of resident bytes mapped by huge pages (0…1); nil when nothing
    /// is resident, since a 0/0 coverage is not "0 %".
    public var hugePageCoverage: Double? {
        rss == 0 ? nil : Double(hugeMapped) / Double(rss)
    }

    /// Selects mappings from smaps text; unavailable when none matches.
    public static func parse(_ text: String, selector: Selector) -> OSReading<MappingCoverage> {
        let matching = SmapsMapping.parseAll(text).filter(selector.matches)
        guard !matching.isEmpty else {
            return .unavailable(reason: "no mapping matches \(selector)")
        }
        return .available(MappingCoverage(selector: selector, mappings: matching))
    }

    /// Reads /proc/self/smaps (or another process's) for the region.
    public static func read(_ selector: Selector, pid: Int32? = nil) -> OSReading<MappingCoverage> {
        let path = "/proc/\(pid.map(String.init) ?? "self")/smaps"
        return .reading(path) { parse($0, selector: selector) }
    }
}
