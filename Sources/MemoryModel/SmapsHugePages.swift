/// Reads the huge-page coverage of mappings from the text of
/// `/proc/<pid>/smaps`. The model does not read files: the caller (the
/// runner, which already reads smaps) passes the text, and registers the
/// regions this returns.
public enum SmapsHugePages {
    /// One smaps mapping overlapping the asked-for range.
    public struct Mapping: Sendable, Equatable {
        public var range: Range<UInt>
        /// `AnonHugePages` + `ShmemPmdMapped` + `FilePmdMapped`, in bytes.
        public var hugeBytes: Int

        /// 2 MiB when huge pages back at least half of the mapping, else
        /// 4 KiB. smaps gives the amount, not where it lies, so a partly
        /// covered mapping is modelled at its majority page size.
        public var pageSize: PageSize {
            let bytes = Int(range.upperBound - range.lowerBound)
            return bytes > 0 && hugeBytes * 2 >= bytes ? .size2M : .size4K
        }
    }

    /// The mappings in `smaps` that overlap `range`, with their huge bytes.
    public static func mappings(in smaps: String, overlapping range: Range<UInt>) -> [Mapping] {
        var result: [Mapping] = []
        var current: Mapping?
        for line in smaps.split(separator: "\n", omittingEmptySubsequences: true) {
            if let header = header(line) {
                if let done = current { result.append(done) }
                current = header.overlaps(range) ? Mapping(range: header, hugeBytes: 0) : nil
                continue
            }
            guard current != nil else { continue }
            for field in ["AnonHugePages:", "ShmemPmdMapped:", "FilePmdMapped:"] where line.hasPrefix(field) {
                let value = line.dropFirst(field.count).split(separator: " ").first.flatMap { Int($0) } ?? 0
                current!.hugeBytes += value * 1024
            }
        }
        if let done = current { result.append(done) }
        return result
    }

    /// The address range of a mapping header ("start-end perms offset dev inode path").
    private static func header(_ line: Substring) -> Range<UInt>? {
        guard let space = line.firstIndex(of: " ") else { return nil }
        let bounds = line[..<space].split(separator: "-")
        guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), start < end
        else { return nil }
        return start..<end
    }
}

extension MemoryModel {
    /// Registers every smaps mapping overlapping `range` (clipped to it) at
    /// the page size its huge-page coverage gives.
    public func registerRegions(
        fromSmaps smaps: String, range: Range<UInt>, addressSpace: Int? = nil
    ) throws(MemoryModelError) {
        for mapping in SmapsHugePages.mappings(in: smaps, overlapping: range) {
            let lower = max(mapping.range.lowerBound, range.lowerBound)
            let upper = min(mapping.range.upperBound, range.upperBound)
            try registerRegion(base: lower, length: Int(upper - lower), pageSize: mapping.pageSize, addressSpace: addressSpace)
        }
    }
}
