/// One mapping from /proc/<pid>/smaps with the sizes that tell how it is
/// backed, in bytes.
public struct SmapsMapping: Codable, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public var permissions: String
    public var offset: UInt64
    public var path: String?
    public var rss: UInt64
    public var pss: UInt64
    public var anonymous: UInt64
    public var anonHugePages: UInt64
    public var filePmdMapped: UInt64?
    public var shmemPmdMapped: UInt64?
    /// Whether the kernel would back this mapping with huge pages
    /// ("THPeligible", Linux 4.19+); nil on older kernels.
    public var thpEligible: Bool?
    /// The mapping's flags ("hg" = MADV_HUGEPAGE, "nh" = MADV_NOHUGEPAGE,
    /// "rr" = MADV_RANDOM, …).
    public var vmFlags: [String]

    public var size: UInt64 { end - start }

    /// Resident bytes mapped by PMD-sized (huge) pages of any kind.
    public var hugeMapped: UInt64 { anonHugePages + (filePmdMapped ?? 0) + (shmemPmdMapped ?? 0) }

    /// Parses the whole smaps text into mappings.
    public static func parseAll(_ text: String) -> [SmapsMapping] {
        var mappings: [SmapsMapping] = []
        var header: (start: UInt64, end: UInt64, permissions: String, offset: UInt64, path: String?)?
        var fields = ProcKeyValues()
        var flags: [String] = []
        var eligible: Bool?

        func finish() {
            guard let header else { return }
            mappings.append(
                SmapsMapping(
                    start: header.start, end: header.end, permissions: header.permissions, offset: header.offset,
                    path: header.path, rss: fields["Rss"] ?? 0, pss: fields["Pss"] ?? 0,
                    anonymous: fields["Anonymous"] ?? 0, anonHugePages: fields["AnonHugePages"] ?? 0,
                    filePmdMapped: fields["FilePmdMapped"], shmemPmdMapped: fields["ShmemPmdMapped"],
                    thpEligible: eligible, vmFlags: flags))
        }

        for line in text.split(separator: "\n") {
            if let parsed = parseHeader(line) {
                finish()
                header = parsed
                fields = ProcKeyValues()
                flags = []
                eligible = nil
            } else if line.hasPrefix("VmFlags:") {
                flags = line.dropFirst("VmFlags:".count).split(separator: " ").map(String.init)
            } else if line.hasPrefix("THPeligible:") {
                eligible = line.dropFirst("THPeligible:".count).trimmed == "1"
            } else {
                fields.add(line: line)
            }
        }
        finish()
        return mappings
    }

    /// "7f00-7f80 rw-p 00000000 00:00 0   [heap]" → range, permissions, offset, path.
    private static func parseHeader(
        _ line: Substring
    ) -> (start: UInt64, end: UInt64, permissions: String, offset: UInt64, path: String?)? {
        let parts = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard parts.count >= 5, let dash = parts[0].firstIndex(of: "-"),
            let start = UInt64(parts[0][..<dash], radix: 16),
            let end = UInt64(parts[0][parts[0].index(after: dash)...], radix: 16),
            let offset = UInt64(parts[2], radix: 16), parts[3].contains(":")
        else { return nil }
        let path = parts.count > 5 ? parts[5].trimmed : nil
        return (start, end, String(parts[1]), offset, path?.isEmpty == true ? nil : path)
    }
}
