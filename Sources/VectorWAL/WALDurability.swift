/// How durable an acknowledged write is. Every acknowledgement carries one,
/// so a caller (and a benchmark report) never has to guess.
public enum WALDurability: String, Sendable, Codable, CaseIterable {
    /// fdatasync completed after the record was written (policy `always`).
    case synced
    /// Written to the file (page cache); synced within the policy's interval.
    case written
    /// Written to the file; never synced by the WAL (policy `never`).
    case unsynced
}
