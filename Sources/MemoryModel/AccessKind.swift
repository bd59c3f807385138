/// What an access reads, so the model can report misses per kind. The
/// cases mirror the engine's access kinds one to one (the runner bridges
/// them; this target may not import the engine).
public enum AccessKind: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case vector = 0
    case level0Links
    case upperLinks
    case visitedMark
    case label
    /// Anything else the caller wants counted apart.
    case other

    public var description: String {
        switch self {
        case .vector: return "vector"
        case .level0Links: return "level-0 links"
        case .upperLinks: return "upper links"
        case .visitedMark: return "visited mark"
        case .label: return "label"
        case .other: return "other"
        }
    }
}
