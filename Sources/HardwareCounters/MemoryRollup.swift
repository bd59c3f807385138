import VectorCore

/// The process's memory from /proc/<pid>/smaps_rollup, in bytes: the sum
/// over every mapping, including how much is backed by huge pages.
public struct MemoryRollup: Codable, Sendable, Equatable {
    public var rss: UInt64
    public var pss: UInt64
    public var pssAnonymous: UInt64?
    public var pssFile: UInt64?
    public var sharedClean: UInt64
    public var sharedDirty: UInt64
    public var privateClean: UInt64
    public var privateDirty: UInt64
    public var anonymous: UInt64
    /// Anonymous memory mapped by transparent huge pages.
    public var anonHugePages: UInt64
    /// File pages (page cache) mapped by PMD-sized pages.
    public var filePmdMapped: UInt64?
    public var shmemPmdMapped: UInt64?
    public var swap: UInt64
    public var locked: UInt64?

    /// Parses smaps_rollup text; unavailable when the fields every kernel
    /// since 4.14 writes are missing.
    public static func parse(_ text: String) -> OSReading<MemoryRollup> {
        let fields = ProcKeyValues(parsing: text)
        let required = [
            "Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "Anonymous",
            "AnonHugePages", "Swap",
        ]
        let missing = required.filter { fields[$0] == nil }
        guard missing.isEmpty else {
            return .unavailable(reason: "smaps_rollup lacks \(missing.joined(separator: ", "))")
        }
        // Every required field was checked above.
        func field(_ key: String) -> UInt64 { fields[key] ?? 0 }
        return .available(
            MemoryRollup(
                rss: field("Rss"), pss: field("Pss"), pssAnonymous: fields["Pss_Anon"], pssFile: fields["Pss_File"],
                sharedClean: field("Shared_Clean"), sharedDirty: field("Shared_Dirty"),
                privateClean: field("Private_Clean"), privateDirty: field("Private_Dirty"),
                anonymous: field("Anonymous"), anonHugePages: field("AnonHugePages"),
                filePmdMapped: fields["FilePmdMapped"], shmemPmdMapped: fields["ShmemPmdMapped"],
                swap: field("Swap"), locked: fields["Locked"]))
    }

    /// Reads /proc/self/smaps_rollup (or another process's).
    public static func read(pid: Int32? = nil) -> OSReading<MemoryRollup> {
        let path = "/proc/\(pid.map(String.init) ?? "self")/smaps_rollup"
        return .reading(path, parse)
    }
}
