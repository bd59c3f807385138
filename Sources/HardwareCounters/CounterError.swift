import VectorCore

/// Why a counter set could not be built or read. Events the kernel refuses
/// are not errors — they become counters with a status — but a name nobody
/// knows (when the caller asked for strict names), a broken libpfm4, or a
/// failing read are.
public enum CounterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No PMU libpfm4 detected knows this event name.
    case unknownEvent(name: String, reason: String)
    /// libpfm4 could not be initialised.
    case libraryUnavailable(reason: String)
    /// A counter read returned fewer bytes or entries than its read format needs.
    case malformedRead(event: String, detail: String)
    /// A syscall failed (reading, enabling, opening files under /proc).
    case system(SystemError)

    public var description: String {
        switch self {
        case .unknownEvent(let name, let reason): "unknown event '\(name)': \(reason)"
        case .libraryUnavailable(let reason): "libpfm4 unavailable: \(reason)"
        case .malformedRead(let event, let detail): "malformed counter read for \(event): \(detail)"
        case .system(let error): error.description
        }
    }
}
