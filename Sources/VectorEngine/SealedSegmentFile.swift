import Foundation
import VectorCore
import VectorIndex
import VectorStorage

/// Writes and reads a sealed segment's directory.
///
/// `points.vbs` is a sectioned file (content tag `VBSEGMNT`, version 1):
///
/// | section    | element                 | count                               |
/// |------------|-------------------------|-------------------------------------|
/// | `META`     | UInt64 × 4              | number, covered LSN, points, groups |
/// | `IDS`      | UInt64                  | points: external id by position     |
/// | `VERSIONS` | UInt64                  | points: LSN of the write            |
/// | `TENANTS`  | UInt32                  | points: tenant tag (0xFFFFFFFF none)|
/// | `GROUPS`   | UInt32                  | groups: tenant tag of `graph-<g>`   |
/// | `TOMBIDS`  | UInt64                  | tombstones: deleted id              |
/// | `TOMBVERS` | UInt64                  | tombstones: LSN of the delete       |
///
/// Each `graph-<g>.vbs` is an `HNSWIndexFile` whose labels are positions.
enum SealedSegmentFile {
    static let contentTag: FormatTag = "VBSEGMNT"
    static let version: UInt32 = 1

    struct Contents {
        var number: UInt64
        var coveredLSN: UInt64
        var ids: [UInt64]
        var versions: [UInt64]
        var tenants: [UInt32]
        var tombstones: [(id: UInt64, version: UInt64)]
        var groupTenants: [UInt32]
        var graphs: [HNSWIndex]
    }

    static func directoryName(_ number: UInt64) -> String { String(format: "segment-%08llu", number) }

    /// Writes the segment under `parent` atomically and returns its directory.
    static func write(_ contents: Contents, under parent: String) throws -> String {
        let final = parent + "/" + directoryName(contents.number)
        let staging = final + ".tmp"
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: staging) { try fileManager.removeItem(atPath: staging) }
        try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for (group, graph) in contents.graphs.enumerated() {
            _ = try HNSWIndexFile.save(graph.image(), to: staging + "/graph-\(group).vbs")
        }
        var writer = SectionedFileWriter(contentTag: contentTag, contentVersion: version)
        writer.append("META", bytes: bytes(of: [contents.number, contents.coveredLSN, UInt64(contents.ids.count), UInt64(contents.graphs.count)]))
        writer.append("IDS", bytes: bytes(of: contents.ids))
        writer.append("VERSIONS", bytes: bytes(of: contents.versions))
        writer.append("TENANTS", bytes: bytes(of: contents.tenants))
        writer.append("GROUPS", bytes: bytes(of: contents.groupTenants))
        writer.append("TOMBIDS", bytes: bytes(of: contents.tombstones.map(\.id)))
        writer.append("TOMBVERS", bytes: bytes(of: contents.tombstones.map(\.version)))
        _ = try writer.write(to: staging + "/points.vbs")
        // Every file inside is already durable (temp → fsync → rename →
        // fsync directory); now publish the directory itself.
        _ = try SystemCall.run("rename", path: final) { rename(staging, final) }
        try AtomicFileWriter.syncDirectory(parent)
        return final
    }

    /// Opens a segment directory: points into RAM, graphs per `storage`. In
    /// RAM the graphs share one `SectionArena` of the segment's size, so a
    /// segment of many small tenant graphs can sit in huge pages.
    static func open(directory: String, storage: StorageMode, advice: MemoryAdvice,
                     hugePages: HugePagePolicy = .system) throws -> SealedSegment {
        let points = try SectionedFile(path: directory + "/points.vbs", mode: .ram, expecting: contentTag,
                                       versions: version...version)
        let meta: [UInt64] = try values(points, "META")
        guard meta.count == 4 else { throw EngineError.corruptCollection(collection: directory, reason: "META holds \(meta.count) words, expected 4") }
        let ids: [UInt64] = try values(points, "IDS")
        let versions: [UInt64] = try values(points, "VERSIONS")
        let tenants: [UInt32] = try values(points, "TENANTS")
        let groups: [UInt32] = try values(points, "GROUPS")
        let tombIDs: [UInt64] = try values(points, "TOMBIDS")
        let tombVersions: [UInt64] = try values(points, "TOMBVERS")
        let count = Int(meta[2])
        guard ids.count == count, versions.count == count, tenants.count == count, groups.count == Int(meta[3]),
              tombIDs.count == tombVersions.count else {
            throw EngineError.corruptCollection(collection: directory, reason: "points.vbs sections disagree on counts")
        }
        var graphs: [HNSWIndex] = [], files: [HNSWIndexFile] = []
        let graphPaths = (0..<groups.count).map { directory + "/graph-\($0).vbs" }
        var arena: SectionArena?
        if storage == .ram {
            // File sizes bound the sections; 64 bytes of alignment padding
            // for each of an index file's six sections.
            var bytes = 0
            for path in graphPaths {
                let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
                bytes += size + 6 * 64
            }
            arena = try SectionArena(byteCount: bytes, policy: hugePages, owner: directory)
        }
        for (group, path) in graphPaths.enumerated() {
            let mode: SectionedFile.Mode = storage == .mmap ? .mapped(advice: advice, verifyChecksums: true) : .ram
            let file = try HNSWIndexFile(path: path, mode: mode, arena: arena)
            let graph = try HNSWIndex(image: file.image)
            for node in 0..<graph.count where Int(graph.label(of: UInt32(node))) >= count {
                throw EngineError.corruptCollection(collection: directory, reason: "graph-\(group) labels position \(graph.label(of: UInt32(node))) past \(count) points")
            }
            graphs.append(graph)
            if storage == .mmap { files.append(file) }
        }
        return SealedSegment(
            number: meta[0], directory: directory, coveredLSN: meta[1], ids: ids, versions: versions, tenants: tenants,
            tombstones: Array(zip(tombIDs, tombVersions).map { (id: $0.0, version: $0.1) }),
            groupTenants: groups, graphs: graphs, graphFiles: files, arena: arena)
    }

    private static func bytes<T: FixedWidthInteger>(of values: [T]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    private static func values<T: FixedWidthInteger>(_ file: SectionedFile, _ kind: FormatTag) throws -> [T] {
        let region = try file.section(kind).region
        let count = region.count / MemoryLayout<T>.size
        return (0..<count).map { T(littleEndian: region.base.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
    }
}
