import VectorCore

/// How much of a mapping is in memory and how it is mapped, from the
/// kernel's own accounting in `/proc/self/smaps` — the only honest answer to
/// "did `MADV_HUGEPAGE` apply to this file mapping?".
public struct MappingResidency: Sendable, Equatable, CustomStringConvertible {
    /// Bytes of the range currently mapped to physical pages (`Rss`).
    public var residentBytes: Int
    /// Bytes mapped by 2 MiB page-table entries (`FilePmdMapped`; for
    /// anonymous memory `AnonHugePages`).
    public var hugePageBytes: Int
    /// The kernel's `THPeligible` flag for the mapping: whether it may use
    /// transparent huge pages at all (nil when the kernel does not print it).
    public var thpEligible: Bool?
    /// Kernel VMAs the range spans (madvise on a sub-range splits them).
    public var vmaCount: Int

    public init(residentBytes: Int, hugePageBytes: Int, thpEligible: Bool?, vmaCount: Int) {
        self.residentBytes = residentBytes
        self.hugePageBytes = hugePageBytes
        self.thpEligible = thpEligible
        self.vmaCount = vmaCount
    }

    public var description: String {
        let eligible = thpEligible.map { $0 ? "THP-eligible" : "not THP-eligible" } ?? "THP eligibility unknown"
        return "\(residentBytes / 1024) KiB resident, \(hugePageBytes / 1024) KiB in 2 MiB mappings, \(eligible), \(vmaCount) VMA(s)"
    }

    /// Reads /proc/self/smaps (it takes the mmap lock: a diagnostic, not for
    /// hot paths) and sums the VMAs overlapping `range`; `what` names the
    /// memory in the error when no VMA covers it.
    static func read(range: Range<UInt>, what: String) throws(StorageError) -> MappingResidency {
        let smapsPath = "/proc/self/smaps"
        let bytes = try storageCall { () throws(SystemError) in
            let descriptor = try FileDescriptor.openForReading(smapsPath)
            return try descriptor.readToEnd()
        }
        guard let residency = parse(smaps: String(decoding: bytes, as: UTF8.self), range: range) else {
            throw .invalidContent(path: smapsPath, "no VMA covers \(what) at 0x\(String(range.lowerBound, radix: 16))")
        }
        return residency
    }

    /// Sums the smaps entries (VectorCore's one smaps parser) of every VMA
    /// overlapping `range` (addresses). Returns nil when no VMA overlaps.
    static func parse(smaps text: String, range: Range<UInt>) -> MappingResidency? {
        let wanted = UInt64(range.lowerBound)..<UInt64(range.upperBound)
        var result = MappingResidency(residentBytes: 0, hugePageBytes: 0, thpEligible: nil, vmaCount: 0)
        for entry in SmapsEntry.parseAll(text) where entry.range.overlaps(wanted) {
            result.vmaCount += 1
            result.residentBytes += Int(entry.fields["Rss"] ?? 0)
            result.hugePageBytes += Int((entry.fields["FilePmdMapped"] ?? 0) + (entry.fields["AnonHugePages"] ?? 0)
                                        + (entry.fields["ShmemPmdMapped"] ?? 0))
            if let eligible = entry.thpEligible { result.thpEligible = (result.thpEligible ?? false) || eligible }
        }
        return result.vmaCount == 0 ? nil : result
    }
}
