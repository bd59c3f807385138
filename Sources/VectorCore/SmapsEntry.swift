/// One mapping (VMA) of /proc/<pid>/smaps: its header line and its
/// "Key: value kB" fields in bytes. The one smaps parser: the OS readings
/// (HardwareCounters) and mapping residency (VectorStorage) both read it.
///
/// | line | example | kept as |
/// |---|---|---|
/// | header | `7f00-7f80 rw-p 00000000 00:00 0   /path` | `range`, `permissions`, `offset`, `path` |
/// | size field | `Rss:  120 kB` | `fields["Rss"]` (bytes) |
/// | count field | `THPeligible:  1` | `thpEligible` |
/// | flags | `VmFlags: rd wr mr mw me ac hg` | `vmFlags` |
public struct SmapsEntry: Sendable, Equatable {
    public var range: Range<UInt64>
    public var permissions: String
    public var offset: UInt64
    /// The mapped file or pseudo-path (`[heap]`); nil for anonymous memory.
    public var path: String?
    /// Every numeric field, "kB" values converted to bytes.
    public var fields: ProcKeyValues
    /// "THPeligible" (Linux 4.19+); nil when the kernel does not print it.
    public var thpEligible: Bool?
    /// The mapping's flags ("hg" = MADV_HUGEPAGE, "rr" = MADV_RANDOM, …).
    public var vmFlags: [String]

    /// Parses the whole smaps text; lines before the first header are ignored.
    public static func parseAll(_ text: String) -> [SmapsEntry] {
        var entries: [SmapsEntry] = []
        for line in text.split(separator: "\n") {
            if let header = parseHeader(line) {
                entries.append(header)
            } else if entries.isEmpty {
                continue
            } else if line.hasPrefix("VmFlags:") {
                entries[entries.count - 1].vmFlags = line.dropFirst("VmFlags:".count).split(separator: " ").map(String.init)
            } else if line.hasPrefix("THPeligible:") {
                entries[entries.count - 1].thpEligible = line.dropFirst("THPeligible:".count).contains("1")
            } else {
                entries[entries.count - 1].fields.add(line: line)
            }
        }
        return entries
    }

    /// "7f00-7f80 rw-p 00000000 00:00 0   [heap]" → an entry without fields;
    /// nil for any other line.
    static func parseHeader(_ line: Substring) -> SmapsEntry? {
        let parts = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard parts.count >= 5, let dash = parts[0].firstIndex(of: "-"),
              let start = UInt64(parts[0][..<dash], radix: 16),
              let end = UInt64(parts[0][parts[0].index(after: dash)...], radix: 16), start <= end,
              let offset = UInt64(parts[2], radix: 16), parts[3].contains(":")
        else { return nil }
        let path = parts.count > 5 ? String(parts[5].drop { $0 == " " }).trimmingTrailingSpaces : nil
        return SmapsEntry(range: start..<end, permissions: String(parts[1]), offset: offset,
                          path: path?.isEmpty == true ? nil : path, fields: ProcKeyValues(), thpEligible: nil, vmFlags: [])
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
