/// LSNs a gap record consumes: no record carries them.
public struct WALSkippedRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Corrupt records dropped by this opening (`skip-corrupt`).
        case corruptSkippedNow = "corrupt-skipped-now"
        /// Corrupt records an earlier `skip-corrupt` opening dropped.
        case corruptSkippedEarlier = "corrupt-skipped-earlier"
        /// LSNs the log advanced past (they were applied elsewhere, e.g. in
        /// sealed segments, when the log was lost).
        case advanced
    }

    public var lsns: ClosedRange<UInt64>
    public var path: String
    /// Byte offset of the gap record (where the skipped bytes began).
    public var offset: Int
    public var reason: Reason
    /// What was wrong with the bytes, for ranges skipped now.
    public var detail: String?

    public var description: String {
        var text = "LSN \(lsns.lowerBound)...\(lsns.upperBound) \(reason.rawValue) at \(path) byte \(offset)"
        if let detail { text += " (\(detail))" }
        return text
    }
}
