import VectorCore

extension MappedFile {
    /// What the kernel reports for this mapping right now: resident bytes,
    /// bytes mapped with 2 MiB entries, THP eligibility. Reads
    /// `/proc/self/smaps` (takes the mmap lock; a diagnostic, not for hot paths).
    public func residency() throws(StorageError) -> MappingResidency {
        guard let mapping else { return MappingResidency(residentBytes: 0, hugePageBytes: 0, thpEligible: nil, vmaCount: 0) }
        let start = UInt(bitPattern: Int(bitPattern: mapping))
        return try MappingResidency.read(range: start..<(start + UInt(mappingLength)), what: "the mapping of \(path)")
    }
}
