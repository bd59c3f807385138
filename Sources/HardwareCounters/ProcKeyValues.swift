/// The "Key:   value [kB]" lines of /proc files (smaps, smaps_rollup, io,
/// status). Values with a "kB" unit are converted to bytes so no reader has
/// to remember which fields are in which unit.
struct ProcKeyValues: Sendable, Equatable {
    private(set) var values: [String: UInt64] = [:]

    init() {}

    init(parsing text: some StringProtocol) {
        for line in text.split(separator: "\n") { add(line: line) }
    }

    /// Adds one line; returns false when it is not a key-value line.
    @discardableResult
    mutating func add(line: some StringProtocol) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon].trimmed
        guard !key.isEmpty, !key.contains(" ") else { return false }
        let fields = line[line.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true)
        guard let first = fields.first, let number = UInt64(first) else { return false }
        let isKilobytes = fields.count > 1 && fields[1] == "kB"
        values[key] = isKilobytes ? number * 1024 : number
        return true
    }

    subscript(key: String) -> UInt64? { values[key] }
}
