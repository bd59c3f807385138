import VectorCore
import VectorIndex

/// An HNSW graph (`HNSWImage`) saved as a `SectionedFile` with content tag
/// `HNSWINDX`, version 2 (version 1 files still open), and opened again into
/// RAM or as a mapping whose regions the index searches in place.
///
/// Sections, in file order (regions are the image's, byte for byte; the
/// element layout of each is documented on `HNSWImage`). Level-0 links are
/// either plain (`LINKS0`) or compressed (`LINKS0C` + `LINKS0O`, see
/// `CompressedLinks`), as `PARAMS` says; a file holds one or the other:
///
/// | kind      | contents                                   | length (bytes)            |
/// |-----------|--------------------------------------------|---------------------------|
/// | `PARAMS`  | the fixed fields below                     | 64                        |
/// | `VECTORS` | Float32 × dimension per node               | count × dimension × 4     |
/// | `LINKS0`  | plain: UInt32 [degree, ids…, pad] per node | count × (m0 + 1) × 4      |
/// | `LINKS0C` | compressed: varint blocks, one per node    | offsets[count]            |
/// | `LINKS0O` | compressed: UInt64 block offsets           | (count + 1) × 8           |
/// | `LEVELS`  | UInt8 top level per node                   | count                     |
/// | `LINKSUP` | UInt32 blocks of (m + 1), levels 1… per node| Σ levels × (m + 1) × 4   |
/// | `LABELS`  | UInt64 external id per node                | count × 8                 |
///
/// `PARAMS` (little-endian):
///
/// | offset | size | field                                          |
/// |--------|------|------------------------------------------------|
/// | 0      | 4    | dimension                                      |
/// | 4      | 4    | metric: 0 = l2, 1 = inner product, 2 = cosine  |
/// | 8      | 4    | m                                              |
/// | 12     | 4    | m0                                             |
/// | 16     | 4    | efConstruction                                 |
/// | 20     | 4    | entry point (internal id)                      |
/// | 24     | 8    | level generator seed                           |
/// | 32     | 8    | node count                                     |
/// | 40     | 4    | max level, signed (−1 when empty)              |
/// | 44     | 4    | level-0 link layout: 0 = plain, 1 = compressed (version 2; zero in version 1) |
/// | 48     | 16   | reserved, zero                                 |
///
/// Versions: 1 has plain links only (its offset 44 is reserved zero); 2
/// adds the layout field and the compressed sections. Both are read.
///
/// Every section length must equal what `PARAMS` (and `LEVELS`, for
/// `LINKSUP`) implies, and the loaded image passes `HNSWImage.validate()`
/// (links in range, degrees within m / m0, entry point at max level, every
/// compressed block decoded to its end) before it is returned, so search
/// never follows an id read from a damaged file. A damaged compressed block
/// is refused naming the file, the section and the byte offset in the file.
public struct HNSWIndexFile: Sendable {
    public static let contentTag: FormatTag = "HNSWINDX"
    public static let version: UInt32 = 2
    /// The versions this build opens.
    public static let readableVersions: ClosedRange<UInt32> = 1...2
    static let paramsSize = 64

    /// The graph; its regions point into `file` (RAM copies or the mapping).
    public let image: HNSWImage
    /// The container, with its mode, mapping and advice report.
    public let file: SectionedFile

    /// Saves `image` to `path` durably (temp → fsync → rename → fsync dir),
    /// after validating it. Returns the file size. `hugePageAlignment` puts
    /// sections ≥ 2 MiB on 2 MiB boundaries for `.hugepage` mappings.
    @discardableResult
    public static func save(_ image: HNSWImage, to path: String, hugePageAlignment: Bool = false) throws(StorageError) -> Int {
        assertLittleEndian()
        do { try image.validate() } catch { throw .invalidContent(path: path, "refusing to save: \(error)") }
        let sizes = try Sizes(image, path: path)
        var writer = SectionedFileWriter(contentTag: contentTag, contentVersion: version, hugePageAlignment: hugePageAlignment)
        writer.append("PARAMS", bytes: encodeParams(image))
        func prefix(_ region: MemoryRegion, _ bytes: Int) -> MemoryRegion {
            MemoryRegion(base: region.base, count: bytes, owner: region.owner)
        }
        writer.append("VECTORS", prefix(image.vectors, sizes.vectors))
        switch image.linkLayout {
        case .plain:
            writer.append("LINKS0", prefix(image.level0Links, sizes.level0Links))
        case .compressed:
            writer.append("LINKS0C", image.level0Links)
            writer.append("LINKS0O", prefix(image.level0Offsets, sizes.level0Offsets))
        }
        writer.append("LEVELS", prefix(image.levels, sizes.levels))
        writer.append("LINKSUP", prefix(image.upperLinks, sizes.upperLinks))
        writer.append("LABELS", prefix(image.labels, sizes.labels))
        return try writer.write(to: path)
    }

    /// Opens an index file; see `SectionedFile.Mode` for RAM vs mapped and
    /// when section checksums are verified. In RAM mode the sections go into
    /// `arena` while it has room.
    public init(path: String, mode: SectionedFile.Mode = .ram, arena: SectionArena? = nil) throws(StorageError) {
        HNSWIndexFile.assertLittleEndian()
        let file = try SectionedFile(path: path, mode: mode, expecting: HNSWIndexFile.contentTag,
                                     versions: HNSWIndexFile.readableVersions, arena: arena)
        let params = try file.section("PARAMS")
        var image = try HNSWIndexFile.decodeParams(params, version: file.contentVersion, path: path)
        let vectors = try file.section("VECTORS")
        let levels = try file.section("LEVELS"), upper = try file.section("LINKSUP")
        let labels = try file.section("LABELS")
        let level0: SectionedFile.Section, offsets: SectionedFile.Section?
        switch image.linkLayout {
        case .plain: (level0, offsets) = (try file.section("LINKS0"), nil)
        case .compressed: (level0, offsets) = (try file.section("LINKS0C"), try file.section("LINKS0O"))
        }
        image.vectors = vectors.region
        image.level0Links = level0.region
        if let offsets { image.level0Offsets = offsets.region }
        image.levels = levels.region
        image.upperLinks = upper.region
        image.labels = labels.region
        let sizes = try Sizes(image, path: path)
        var expectations = [(vectors, sizes.vectors), (levels, sizes.levels), (upper, sizes.upperLinks), (labels, sizes.labels)]
        if let offsets { expectations.append((offsets, sizes.level0Offsets)) } else { expectations.append((level0, sizes.level0Links)) }
        for (section, expected) in expectations where section.length != expected {
            throw .invalidContent(path: path, "section \(section.index) (\(section.kind)) holds \(section.length) bytes, "
                                  + "the index parameters imply \(expected)")
        }
        do { try image.validate() } catch {
            if case .corruptLinks(let region, let node, let offset, let reason) = error {
                let section = region == .blocks ? level0 : offsets ?? level0
                throw .invalidContent(path: path, "section \(section.index) (\(section.kind)), file offset \(section.offset + offset) "
                                      + "(byte \(offset) of the section, node \(node)): corrupt compressed links: \(reason)")
            }
            throw .invalidContent(path: path, "\(error)")
        }
        self.image = image
        self.file = file
    }

    /// Opens an index file and returns just the graph (its regions keep the
    /// RAM copies or the mapping alive).
    public static func load(from path: String, mode: SectionedFile.Mode = .ram) throws(StorageError) -> HNSWImage {
        try HNSWIndexFile(path: path, mode: mode).image
    }

    private static func assertLittleEndian() {
        #if _endian(big)
        fatalError("HNSW index files are little-endian; big-endian hosts are not supported")
        #endif
    }
}

extension HNSWIndexFile {
    /// Byte sizes of the five regions implied by an image's header fields,
    /// with overflow checked (a damaged file must not trap).
    struct Sizes {
        var vectors, level0Links, level0Offsets, levels, upperLinks, labels: Int

        init(_ image: HNSWImage, path: String) throws(StorageError) {
            func product(_ factors: Int...) throws(StorageError) -> Int {
                var result = 1
                for factor in factors {
                    let (value, overflow) = result.multipliedReportingOverflow(by: factor)
                    guard !overflow, factor >= 0 else {
                        throw .invalidContent(path: path, "region size overflows: \(factors.map(String.init).joined(separator: " × "))")
                    }
                    result = value
                }
                return result
            }
            let count = image.count, parameters = image.parameters
            vectors = try product(count, image.dimension, 4)
            level0Links = try product(count, parameters.m0 + 1, 4)
            level0Offsets = try product(count + 1, 8)
            levels = count
            labels = try product(count, 8)
            guard image.levels.count >= count else {
                throw .invalidContent(path: path, "levels hold \(image.levels.count) bytes for \(count) nodes")
            }
            let levelBytes = image.levels.typed(UInt8.self)
            var levelSum = 0
            for node in 0..<count { levelSum += Int(levelBytes[node]) }
            withExtendedLifetime(image.levels) {}
            upperLinks = try product(levelSum, parameters.m + 1, 4)
        }
    }

    static func encodeParams(_ image: HNSWImage) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: paramsSize)
        let metricCode: UInt32 = switch image.metric {
        case .l2: 0
        case .innerProduct: 1
        case .cosine: 2
        }
        bytes.storeLE(UInt32(image.dimension), at: 0)
        bytes.storeLE(metricCode, at: 4)
        bytes.storeLE(UInt32(image.parameters.m), at: 8)
        bytes.storeLE(UInt32(image.parameters.m0), at: 12)
        bytes.storeLE(UInt32(image.parameters.efConstruction), at: 16)
        bytes.storeLE(image.entryPoint, at: 20)
        bytes.storeLE(image.parameters.seed, at: 24)
        bytes.storeLE(UInt64(image.count), at: 32)
        bytes.storeLE(Int32(image.maxLevel), at: 40)
        bytes.storeLE(UInt32(image.linkLayout == .plain ? 0 : 1), at: 44)
        return bytes
    }

    /// The image header fields from `PARAMS`; regions are left empty.
    static func decodeParams(_ section: SectionedFile.Section, version: UInt32, path: String) throws(StorageError) -> HNSWImage {
        guard section.length == paramsSize else {
            throw .invalidContent(path: path, "section \(section.index) (PARAMS) holds \(section.length) bytes, expected \(paramsSize)")
        }
        let bytes = UnsafeRawBufferPointer(start: section.region.base, count: section.length)
        let metric: Metric
        switch bytes.loadLE(at: 4, as: UInt32.self) {
        case 0: metric = .l2
        case 1: metric = .innerProduct
        case 2: metric = .cosine
        case let code: throw .invalidContent(path: path, "PARAMS: unknown metric code \(code)")
        }
        let parameters = HNSWParameters(
            m: Int(bytes.loadLE(at: 8, as: UInt32.self)), m0: Int(bytes.loadLE(at: 12, as: UInt32.self)),
            efConstruction: Int(bytes.loadLE(at: 16, as: UInt32.self)), seed: bytes.loadLE(at: 24, as: UInt64.self))
        do { try parameters.validate() } catch { throw .invalidContent(path: path, "PARAMS: \(error)") }
        let dimension = Int(bytes.loadLE(at: 0, as: UInt32.self))
        let rawCount = bytes.loadLE(at: 32, as: UInt64.self)
        let maxLevel = Int(bytes.loadLE(at: 40, as: Int32.self))
        guard rawCount <= UInt64(UInt32.max) else { throw .invalidContent(path: path, "PARAMS: node count \(rawCount) exceeds 2³² − 1") }
        let count = Int(rawCount)
        guard dimension >= 1 else { throw .invalidContent(path: path, "PARAMS: dimension \(dimension)") }
        guard count == 0 ? maxLevel == -1 : (0...255).contains(maxLevel) else {
            throw .invalidContent(path: path, "PARAMS: max level \(maxLevel) with \(count) nodes")
        }
        let linkLayout: LinkLayout
        switch bytes.loadLE(at: 44, as: UInt32.self) {
        case 0: linkLayout = .plain
        case 1 where version >= 2: linkLayout = .compressed
        case let code: throw .invalidContent(path: path, "PARAMS: unknown link layout code \(code) in a version \(version) file")
        }
        withExtendedLifetime(section.region) {}
        let empty = MemoryRegion.copying(UnsafeRawBufferPointer(start: nil, count: 0))
        return HNSWImage(
            dimension: dimension, metric: metric, parameters: parameters, count: count,
            entryPoint: bytes.loadLE(at: 20, as: UInt32.self), maxLevel: maxLevel,
            vectors: empty, level0Links: empty, levels: empty, upperLinks: empty, labels: empty,
            linkLayout: linkLayout, level0Offsets: empty)
    }
}
