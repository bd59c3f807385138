import VectorCore

extension HNSWIndex {
    /// The graph as plain regions, for writing to a file. Vectors, level-0
    /// links, levels and labels are borrowed (the image keeps this index
    /// alive); upper links are gathered into one fresh block in id order.
    /// Call it when no insert is running.
    public func image() -> HNSWImage {
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
        return HNSWImage(
            dimension: dimension, metric: metric, parameters: parameters, count: n,
            entryPoint: n == 0 ? 0 : state.entryPoint, maxLevel: n == 0 ? -1 : state.maxLevel,
            vectors: borrowed(vectors, n * dimension * 4),
            level0Links: borrowed(level0, n * level0Stride * 4),
            levels: borrowed(levels, n),
            upperLinks: MemoryRegion(base: UnsafeRawPointer(gathered.pointer), count: upperWords * 4, owner: gathered),
            labels: borrowed(labels, n * 8))
    }
}
