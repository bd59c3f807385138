import Foundation
import VectorIndex
import VectorStorage

/// Where the benchmarked index lives while it is searched.
public enum AnnStorage: Sendable {
    /// Searched in the memory it was built in.
    case ram
    /// Saved to an index file in `directory` (a fresh temporary directory
    /// when nil, removed afterwards), then opened read-only as a file mapping
    /// with `advice` and searched there.
    case mmap(advice: MemoryAdvice, directory: String?, hugePageAlignment: Bool)

    var name: String {
        switch self {
        case .ram: return "ram"
        case .mmap: return "mmap"
        }
    }

    var adviceName: String? {
        switch self {
        case .ram: return nil
        case .mmap(let advice, _, _): return advice.rawValue
        }
    }

    /// The index to search, and what placing it cost.
    final class Placed {
        let index: HNSWIndex
        let bytes: Int
        let saveSeconds: Double?
        let openSeconds: Double?
        /// The open index file (mmap only), kept for residency readings.
        let file: HNSWIndexFile?
        private let cleanup: (@Sendable () -> Void)?

        init(index: HNSWIndex, bytes: Int, saveSeconds: Double? = nil, openSeconds: Double? = nil,
             file: HNSWIndexFile? = nil, cleanup: (@Sendable () -> Void)? = nil) {
            self.index = index
            self.bytes = bytes
            self.saveSeconds = saveSeconds
            self.openSeconds = openSeconds
            self.file = file
            self.cleanup = cleanup
        }

        deinit { cleanup?() }
    }

    /// The index as searched: with `links` `compressed`, level-0 lists are
    /// re-encoded (in RAM over the built arrays, or in the file written).
    func place(_ index: HNSWIndex, links: LinkLayout = .plain, progress: AnnBenchmark.Progress) throws -> Placed {
        switch self {
        case .ram:
            guard links == .compressed else { return Placed(index: index, bytes: index.memoryBytes) }
            let compressed = try HNSWIndex(image: index.image(links: .compressed))
            return Placed(index: compressed, bytes: compressed.memoryBytes)
        case .mmap(let advice, let directory, let hugePageAlignment):
            let fileManager = FileManager.default
            let folder: String
            var cleanup: (@Sendable () -> Void)?
            if let directory {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                folder = directory
            } else {
                let temporary = fileManager.temporaryDirectory.appendingPathComponent("vecbench-ann-\(getpid())").path
                try fileManager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
                folder = temporary
                cleanup = { try? FileManager.default.removeItem(atPath: temporary) }
            }
            let path = folder + "/index.vbs"
            let saveStart = MonotonicClock.nanoseconds()
            let bytes = try HNSWIndexFile.save(index.image(links: links), to: path, hugePageAlignment: hugePageAlignment)
            let saveSeconds = Double(MonotonicClock.nanoseconds() - saveStart) / 1e9
            let openStart = MonotonicClock.nanoseconds()
            let file = try HNSWIndexFile(path: path, mode: .mapped(advice: advice, verifyChecksums: true))
            let mapped = try HNSWIndex(image: file.image)
            let openSeconds = Double(MonotonicClock.nanoseconds() - openStart) / 1e9
            progress(String(format: "index file %@: %d bytes, written in %.2f s, mapped (%@) in %.3f s",
                            path, bytes, saveSeconds, advice.rawValue, openSeconds))
            return Placed(index: mapped, bytes: bytes, saveSeconds: saveSeconds, openSeconds: openSeconds,
                          file: file, cleanup: cleanup)
        }
    }
}
