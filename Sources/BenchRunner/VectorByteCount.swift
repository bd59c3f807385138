import VectorEngine

/// Vectors an engine holds and the bytes they take in RAM and on disk,
/// summed over collections; nil once any collection could not tell (a
/// worker built before it was counted), so a sum never silently covers
/// only some of them.
struct VectorByteCount: Sendable, Equatable {
    var vectors = 0
    var bytesInRAM = 0
    var bytesOnDisk = 0

    /// `total` plus every collection's figures, or nil when any lacks them.
    static func adding(_ collections: [CollectionStatistics], to total: VectorByteCount?) -> VectorByteCount? {
        guard var total else { return nil }
        for collection in collections {
            guard let vectors = collection.vectors, let ram = collection.vectorBytesInRAM,
                  let disk = collection.vectorBytesOnDisk else { return nil }
            total.vectors += vectors
            total.bytesInRAM += ram
            total.bytesOnDisk += disk
        }
        return total
    }
}
