import VectorCore

extension MappedFile {
    /// What the kernel reports for this mapping right now: resident bytes,
    /// bytes mapped with 2 MiB entries, THP eligibility. Reads
    /// `/proc/self/smaps` (takes the mmap lock; a diagnostic, not for hot paths).
    public func residency() throws(StorageError) -> MappingResidency {
        guard let mapping else { return MappingResidency(residentBytes: 0, hugePageBytes: 0, thpEligible: nil, vmaCount: 0) }
        let smapsPath = "/proc/self/smaps"
        let bytes = try storageCall { () throws(SystemError) in
            let descriptor = try FileDescriptor.openForReading(smapsPath)
            return try descriptor.readToEnd()
        }
        let start = UInt(bitPattern: Int(bitPattern: mapping))
        let text = String(decoding: bytes, as: UTF8.self)
        guard let residency = MappingResidency.parse(smaps: text, range: start..<(start + UInt(mappingLength))) else {
            throw .invalidContent(path: smapsPath, "no VMA covers the mapping of \(path) at 0x\(String(start, radix: 16))")
        }
        return residency
    }
}
