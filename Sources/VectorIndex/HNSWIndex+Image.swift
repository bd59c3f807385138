import VectorCore

extension HNSWIndex {
    /// The graph as plain regions, for writing to a file, with level-0 links
    /// in `links` layout. Regions already in the index's own form are
    /// borrowed (the image keeps this index alive); upper links are gathered
    /// into one fresh block in id order, and level-0 links converted into
    /// fresh blocks when the layout differs. Call it when no insert is running.
    public func image(links layout: LinkLayout = .plain) -> HNSWImage {
        let n = count
        let state = entry.withLock { $0 }
        var upperWords = 0
        for node in 0..<n { upperWords += Int(levels[node]) * upperStride }
        let gathered = HeapAllocation(byteCount: upperWords * 4)
        let target = gathered.pointer.bindMemory(to: UInt32.self, capacity: max(upperWords, 1))
        var offset = 0
        for node in 0..<n {
            let words = Int(levels[node]) * upperStride
            if words > 0 {
                (target + offset).update(from: upper[node]!, count: words)
                offset += words
            }
        }
        func borrowed(_ pointer: UnsafeRawPointer, _ bytes: Int) -> MemoryRegion {
            MemoryRegion(base: pointer, count: bytes, owner: self)
        }
        var level0Links: MemoryRegion, level0Offsets: MemoryRegion?
        switch (linkLayout, layout) {
        case (.plain, .plain):
            level0Links = borrowed(level0, n * level0Stride * 4)
            level0Offsets = nil
        case (.plain, .compressed):
            let (blocks, offsets) = CompressedLinks.encode(plain: level0, count: n, stride: level0Stride)
            level0Links = blocks.withUnsafeBytes { MemoryRegion.copying($0) }
            level0Offsets = offsets.withUnsafeBytes { MemoryRegion.copying($0) }
        case (.compressed, .compressed):
            level0Links = borrowed(level0, Int(compressedOffsets![n]))
            level0Offsets = borrowed(compressedOffsets!, (n + 1) * 8)
        case (.compressed, .plain):
            let plain = HeapAllocation(byteCount: n * level0Stride * 4)
            let slots = plain.pointer.bindMemory(to: UInt32.self, capacity: max(n * level0Stride, 1))
            let blocks = UnsafePointer(UnsafeRawPointer(level0).assumingMemoryBound(to: UInt8.self))
            for node in 0..<n {
                let slot = slots + node * level0Stride
                slot[0] = UInt32(CompressedLinks.decode(blocks + Int(compressedOffsets![node]), into: slot + 1))
            }
            level0Links = MemoryRegion(base: UnsafeRawPointer(plain.pointer), count: n * level0Stride * 4, owner: plain)
            level0Offsets = nil
        }
        return HNSWImage(
            dimension: dimension, metric: metric, parameters: parameters, count: n,
            entryPoint: n == 0 ? 0 : state.entryPoint, maxLevel: n == 0 ? -1 : state.maxLevel,
            vectors: borrowed(vectors, n * dimension * 4),
            level0Links: level0Links,
            levels: borrowed(levels, n),
            upperLinks: MemoryRegion(base: UnsafeRawPointer(gathered.pointer), count: upperWords * 4, owner: gathered),
            labels: borrowed(labels, n * 8),
            linkLayout: layout, level0Offsets: level0Offsets)
    }
}
