import VectorIndex
import VectorStorage

/// Where one sealed segment's graph files and codes live, from its
/// collection's configuration (the table on `SealedSegmentFile`): the three
/// placements operators trade memory for recall and latency with — f32 in
/// RAM; codes and links in RAM with the f32 originals on a mapping read only
/// to rescore; everything on a mapping.
struct SegmentPlacement: Equatable {
    /// How the graph files are opened.
    var graphMode: SectionedFile.Mode
    /// How the codes files are opened.
    var codesMode: SectionedFile.Mode
    /// Copy a mapped graph's links, levels and labels into RAM, leaving only
    /// its f32 vectors on the mapping.
    var linksInRAM: Bool

    var graphs: StorageMode { graphMode.storage }
    var codes: StorageMode { codesMode.storage }

    init(_ configuration: CollectionConfiguration) {
        let mapped = SectionedFile.Mode.mapped(advice: configuration.advice, verifyChecksums: true)
        switch (configuration.storage, configuration.quantization) {
        case (.ram, _):
            (graphMode, codesMode, linksInRAM) = (.ram, .ram, false)
        case (.mmap, nil):
            (graphMode, codesMode, linksInRAM) = (mapped, .ram, false)
        case (.mmap, _?) where configuration.codesStorage == .ram:
            // The mapping then serves only rescoring reads: a handful of
            // scattered rows per search, which read-ahead would only waste.
            (graphMode, codesMode, linksInRAM) = (.mapped(advice: .random, verifyChecksums: true), .ram, true)
        case (.mmap, _?):
            (graphMode, codesMode, linksInRAM) = (mapped, mapped, false)
        }
    }
}

/// What opening a segment's graph and codes files produced.
struct SegmentFiles {
    var graphs: [HNSWIndex] = []
    /// Mapped graph files (kept for residency readings).
    var graphFiles: [HNSWIndexFile] = []
    /// Codes per graph, when the collection is quantized.
    var codes: [QuantizedVectors] = []
    /// Mapped codes files (kept for residency readings).
    var codeFiles: [QuantizedCodesFile] = []
    var footprint = SegmentFootprint()
}
