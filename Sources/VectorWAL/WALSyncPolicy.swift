/// When the WAL calls fdatasync, and so what an acknowledgement promises.
///
/// Spellings (`init(parsing:)`, `description`): `always`, `interval:MS`,
/// `never`, `naive`.
public enum WALSyncPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Group commit: a writer is acknowledged (`.synced`) only after an
    /// fdatasync that started after its record was written. Concurrent
    /// writers share one fdatasync: whoever finds no sync running becomes the
    /// leader and syncs everything written so far; the others sleep until it
    /// is done.
    case always
    /// A background flusher calls fdatasync every `milliseconds` when
    /// something was written since the last sync; acks say `.written`.
    case interval(milliseconds: Int)
    /// Never synced by the WAL except when a segment is sealed or the log is
    /// closed; acks say `.unsynced`.
    case never
    /// `always` without grouping: every append does its own write and
    /// fdatasync while holding the lock. Exists so the benchmark can show what
    /// group commit buys; acks say `.synced`.
    case naive

    /// What an acknowledgement under this policy promises.
    public var durability: WALDurability {
        switch self {
        case .always, .naive: .synced
        case .interval: .written
        case .never: .unsynced
        }
    }

    /// Parses `always`, `interval:MS` (MS ≥ 1), `never`, `naive`.
    public init?(parsing text: String) {
        switch text {
        case "always": self = .always
        case "never": self = .never
        case "naive": self = .naive
        default:
            guard text.hasPrefix("interval:"), let milliseconds = Int(text.dropFirst("interval:".count)),
                  milliseconds >= 1 else { return nil }
            self = .interval(milliseconds: milliseconds)
        }
    }

    public var description: String {
        switch self {
        case .always: "always"
        case .interval(let milliseconds): "interval:\(milliseconds)"
        case .never: "never"
        case .naive: "naive"
        }
    }
}
