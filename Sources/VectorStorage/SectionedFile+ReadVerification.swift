import VectorCore

extension SectionedFile {
    /// The largest buffer a mapped file's verification reads through.
    static let verificationBufferBytes = 1 << 16

    /// Verifies the section checksums of a mapped file by reading the file
    /// with pread through one small buffer, so that verifying at open does
    /// not fault the mapping's pages in: a process holding thousands of
    /// small mapped segments open and idle keeps only what searches touch
    /// resident. A sealed file is immutable, so the bytes read are the bytes
    /// mapped.
    static func verifyByReading(_ sections: [Section], path: String) throws(StorageError) {
        guard let largest = sections.map(\.length).max(), largest > 0 else { return }
        let descriptor = try storageCall { () throws(SystemError) in try FileDescriptor.openForReading(path) }
        defer { try? descriptor.close() }
        let buffer = HeapAllocation(byteCount: min(largest, verificationBufferBytes), zeroed: false)
        for section in sections {
            var crc = CRC32C()
            var done = 0
            while done < section.length {
                let request = min(section.length - done, buffer.byteCount)
                let got = try storageCall { () throws(SystemError) in
                    try descriptor.read(into: buffer.pointer, count: request, at: section.offset + done)
                }
                guard got == request else {
                    throw .sectionOutOfBounds(path: path, index: section.index, kind: section.kind.description,
                                              offset: section.offset, length: section.length,
                                              fileSize: section.offset + done + got)
                }
                crc.update(UnsafeRawBufferPointer(start: buffer.pointer, count: got))
                done += got
            }
            guard crc.value == section.checksum else {
                throw .sectionChecksum(path: path, index: section.index, kind: section.kind.description,
                                       stored: section.checksum, computed: crc.value)
            }
        }
    }
}
