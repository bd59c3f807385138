/// The "Key:   value [kB]" lines of /proc files (smaps, smaps_rollup, io,
/// status). Values with a "kB" unit are converted to bytes so no reader has
/// to remember which fields are in which unit.
public struct ProcKeyValues: Sendable, Equatable {
    public private(set) var values: [String: UInt64] = [:]

    public init() {}

    public init(parsing text: some StringProtocol) {
        for line in text.split(separator: "\n") { add(line: line) }
    }

    /// Adds one line; returns false when it is not a key-value line.
    @discardableResult
    public mutating func add(line: some StringProtocol) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon].drop { $0 == " " || $0 == "\t" }
        guard !key.isEmpty, !key.contains(" "), !key.contains("\t") else { return false }
        let fields = line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = fields.first, let number = UInt64(first) else { return false }
        let isKilobytes = fields.count > 1 && fields[1] == "kB"
        values[String(key)] = isKilobytes ? number * 1024 : number
        return true
    }

    public subscript(key: String) -> UInt64? { values[key] }
}
