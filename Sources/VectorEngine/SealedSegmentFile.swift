import Foundation
import VectorCore
import VectorIndex
import VectorStorage

/// Writes and reads a sealed segment's directory.
///
/// `points.vbs` is a sectioned file (content tag `VBSEGMNT`, version 2;
/// version 1 files, which have no `LAYOUT`, still open as plain links
/// without codes):
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
/// | `LAYOUT`   | UInt32 × 2              | level-0 links (0 plain, 1 compressed); codes (0 none, 1 `codes-<g>.vbs` per group) — version 2 |
///
/// Each `graph-<g>.vbs` is an `HNSWIndexFile` whose labels are positions,
/// its level-0 links in the collection's `links` layout. With a
/// quantization, each `codes-<g>.vbs` is a `QuantizedCodesFile` of that
/// graph's vectors in graph id order.
///
/// Placements on open (`SegmentPlacement`):
///
/// | storage | quantization, codes | graph file                     | codes          |
/// |---------|---------------------|--------------------------------|----------------|
/// | ram     | any                 | read into RAM                  | read into RAM  |
/// | mmap    | none                | mapped, collection's advice    | —              |
/// | mmap    | in RAM              | links, levels, labels copied into RAM; f32 vectors stay mapped, advised `random` (read only to rescore) | read into RAM |
/// | mmap    | mapped              | mapped, collection's advice    | mapped, same advice |
///
/// A segment written without codes (version 1, or before the collection
/// was quantized) is quantized on open from its f32 vectors, in RAM.
enum SealedSegmentFile {
    static let contentTag: FormatTag = "VBSEGMNT"
    static let version: UInt32 = 2
    static let readableVersions: ClosedRange<UInt32> = 1...2

    struct Contents {
        var number: UInt64
        var coveredLSN: UInt64
        var ids: [UInt64]
        var versions: [UInt64]
        var tenants: [UInt32]
        var tombstones: [(id: UInt64, version: UInt64)]
        var groupTenants: [UInt32]
        var graphs: [HNSWIndex]
        /// Level-0 link layout the graph files are written with.
        var links: LinkLayout = .plain
        /// Codes to write beside the graphs (trained on each graph's vectors).
        var quantization: VectorQuantization?
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
            _ = try HNSWIndexFile.save(graph.image(links: contents.links), to: staging + "/graph-\(group).vbs")
            if let quantization = contents.quantization {
                let codes = try QuantizedVectors(index: graph, quantization: quantization)
                try QuantizedCodesFile.save(codes, to: staging + "/codes-\(group).vbs")
            }
        }
        var writer = SectionedFileWriter(contentTag: contentTag, contentVersion: version)
        writer.append("META", bytes: bytes(of: [contents.number, contents.coveredLSN, UInt64(contents.ids.count), UInt64(contents.graphs.count)]))
        writer.append("IDS", bytes: bytes(of: contents.ids))
        writer.append("VERSIONS", bytes: bytes(of: contents.versions))
        writer.append("TENANTS", bytes: bytes(of: contents.tenants))
        writer.append("GROUPS", bytes: bytes(of: contents.groupTenants))
        writer.append("TOMBIDS", bytes: bytes(of: contents.tombstones.map(\.id)))
        writer.append("TOMBVERS", bytes: bytes(of: contents.tombstones.map(\.version)))
        writer.append("LAYOUT", bytes: bytes(of: [UInt32(contents.links == .plain ? 0 : 1), contents.quantization == nil ? 0 : 1]))
        _ = try writer.write(to: staging + "/points.vbs")
        // Every file inside is already durable (temp → fsync → rename →
        // fsync directory); now publish the directory itself.
        _ = try SystemCall.run("rename", path: final) { rename(staging, final) }
        try AtomicFileWriter.syncDirectory(parent)
        return final
    }

    /// Opens a segment directory with the placement its collection's
    /// configuration asks for (see the table above). In RAM the graphs (and
    /// codes) share one `SectionArena` of the segment's size, so a segment of
    /// many small tenant graphs can sit in huge pages.
    static func open(directory: String, configuration: CollectionConfiguration) throws -> SealedSegment {
        let points = try SectionedFile(path: directory + "/points.vbs", mode: .ram, expecting: contentTag,
                                       versions: readableVersions)
        let meta: [UInt64] = try values(points, "META")
        guard meta.count == 4 else { throw EngineError.corruptCollection(collection: directory, reason: "META holds \(meta.count) words, expected 4") }
        let ids: [UInt64] = try values(points, "IDS")
        let versions: [UInt64] = try values(points, "VERSIONS")
        let tenants: [UInt32] = try values(points, "TENANTS")
        let groups: [UInt32] = try values(points, "GROUPS")
        let tombIDs: [UInt64] = try values(points, "TOMBIDS")
        let tombVersions: [UInt64] = try values(points, "TOMBVERS")
        let layout: [UInt32] = points.contentVersion >= 2 ? try values(points, "LAYOUT") : [0, 0]
        let count = Int(meta[2])
        guard ids.count == count, versions.count == count, tenants.count == count, groups.count == Int(meta[3]),
              tombIDs.count == tombVersions.count else {
            throw EngineError.corruptCollection(collection: directory, reason: "points.vbs sections disagree on counts")
        }
        guard layout.count == 2, layout[0] <= 1, layout[1] <= 1 else {
            throw EngineError.corruptCollection(collection: directory, reason: "points.vbs LAYOUT holds \(layout), expected two words of 0 or 1")
        }
        let placement = SegmentPlacement(configuration)
        let graphPaths = (0..<groups.count).map { directory + "/graph-\($0).vbs" }
        let codePaths = layout[1] == 1 ? (0..<groups.count).map { directory + "/codes-\($0).vbs" } : nil
        var arena: SectionArena?
        if placement.graphs == .ram || placement.codes == .ram {
            // File sizes bound the sections; 64 bytes of alignment padding
            // for each of a file's sections.
            var bytes = 0
            let inRAM = (placement.graphs == .ram ? graphPaths : []) + (placement.codes == .ram ? codePaths ?? [] : [])
            for path in inRAM {
                let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
                bytes += size + 8 * 64
            }
            if bytes > 0 { arena = try SectionArena(byteCount: bytes, policy: configuration.hugePages ?? .system, owner: directory) }
        }
        var loaded = SegmentFiles()
        for (group, path) in graphPaths.enumerated() {
            let file = try HNSWIndexFile(path: path, mode: placement.graphMode, arena: arena)
            let image = placement.linksInRAM ? file.image.linksCopiedIntoRAM() : file.image
            let graph = try HNSWIndex(image: image)
            for node in 0..<graph.count where Int(graph.label(of: UInt32(node))) >= count {
                throw EngineError.corruptCollection(collection: directory, reason: "graph-\(group) labels position \(graph.label(of: UInt32(node))) past \(count) points")
            }
            loaded.graphs.append(graph)
            if placement.graphs == .mmap { loaded.graphFiles.append(file) }
            loaded.footprint.add(graph: image, fileBytes: file.file.fileSize, placement: placement)
            if let quantization = configuration.quantization {
                let codes: QuantizedVectors
                if let codePaths {
                    let codeFile = try QuantizedCodesFile(path: codePaths[group], mode: placement.codesMode, arena: arena)
                    codes = codeFile.vectors
                    guard codes.count == graph.count, codes.dimension == graph.dimension, codes.metric == graph.metric else {
                        throw EngineError.corruptCollection(collection: directory, reason: "codes-\(group) holds \(codes.count) × \(codes.dimension) "
                                                            + "\(codes.metric) rows for a graph of \(graph.count) × \(graph.dimension) \(graph.metric)")
                    }
                    if placement.codes == .mmap { loaded.codeFiles.append(codeFile) }
                    loaded.footprint.add(codes: codes.memoryBytes, fileBytes: codeFile.file.fileSize, inRAM: placement.codes == .ram)
                } else {
                    // Written before the collection was quantized: train
                    // on the graph's own vectors, codes in RAM.
                    codes = try QuantizedVectors(index: graph, quantization: quantization, hugePages: configuration.hugePages ?? .system)
                    loaded.footprint.add(codes: codes.memoryBytes, fileBytes: 0, inRAM: true)
                }
                loaded.codes.append(codes)
            }
        }
        return SealedSegment(
            number: meta[0], directory: directory, coveredLSN: meta[1], ids: ids, versions: versions, tenants: tenants,
            tombstones: Array(zip(tombIDs, tombVersions).map { (id: $0.0, version: $0.1) }),
            groupTenants: groups, files: loaded, quantizedSearch: configuration.quantizedSearch ?? .init(), arena: arena)
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
