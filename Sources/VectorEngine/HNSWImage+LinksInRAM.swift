import VectorCore
import VectorIndex

extension HNSWImage {
    /// The same graph with every region but the f32 vectors copied into
    /// fresh RAM: links, offsets, levels and labels are what a traversal
    /// over quantized codes touches on every hop, while the vectors (left on
    /// the mapping) are read only to rescore.
    func linksCopiedIntoRAM() -> HNSWImage {
        func copied(_ region: MemoryRegion) -> MemoryRegion {
            MemoryRegion.copying(UnsafeRawBufferPointer(start: region.base, count: region.count))
        }
        var image = self
        image.level0Links = copied(level0Links)
        if linkLayout == .compressed { image.level0Offsets = copied(level0Offsets) }
        image.levels = copied(levels)
        image.upperLinks = copied(upperLinks)
        image.labels = copied(labels)
        return image
    }
}
