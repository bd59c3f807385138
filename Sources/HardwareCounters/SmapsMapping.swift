import VectorCore

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

    /// Parses the whole smaps text into mappings (VectorCore's one smaps
    /// parser, `SmapsEntry`).
    public static func parseAll(_ text: String) -> [SmapsMapping] {
        SmapsEntry.parseAll(text).map { entry in
            let fields = entry.fields
            return SmapsMapping(
                start: entry.range.lowerBound, end: entry.range.upperBound, permissions: entry.permissions,
                offset: entry.offset, path: entry.path, rss: fields["Rss"] ?? 0, pss: fields["Pss"] ?? 0,
                anonymous: fields["Anonymous"] ?? 0, anonHugePages: fields["AnonHugePages"] ?? 0,
                filePmdMapped: fields["FilePmdMapped"], shmemPmdMapped: fields["ShmemPmdMapped"],
                thpEligible: entry.thpEligible, vmFlags: entry.vmFlags)
        }
    }
}
