/// Where an opened file's contents live: copied into RAM (`pread` into
/// aligned heap allocations) or read through a read-only file mapping.
/// A mapping additionally takes a `MemoryAdvice`.
public enum StorageMode: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case ram
    case mmap

    public var description: String { rawValue }

    /// Parses `ram`/`memory`/`heap` and `mmap`/`mapped`/`map`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "ram", "memory", "heap": self = .ram
        case "mmap", "mapped", "map": self = .mmap
        default: return nil
        }
    }
}
