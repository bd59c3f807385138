/// What a read-only file mapping tells the kernel about how it will be read
/// (`madvise(2)`). This is the advice half of a storage configuration; the
/// other half is `StorageMode` (`ram` or `mmap`) — `ram` is not an advice.
///
/// | advice       | madvise                                   | effect                                   |
/// |--------------|-------------------------------------------|------------------------------------------|
/// | `normal`     | `MADV_NORMAL`                             | default readahead                        |
/// | `random`     | `MADV_RANDOM`                             | no readahead: one page per fault         |
/// | `sequential` | `MADV_SEQUENTIAL`                         | aggressive readahead, early reclaim      |
/// | `willneed`   | `MADV_WILLNEED`, then `MADV_POPULATE_READ`| read and map every page now; falls back  |
/// |              | (Linux 5.14+)                             | to `MAP_POPULATE`, then touching pages   |
/// | `hugepage`   | `MADV_HUGEPAGE`                           | ask for 2 MiB mappings; on a file this   |
/// |              |                                           | needs large page-cache folios (see below)|
///
/// `hugepage` on a *file* mapping is a request, not a guarantee: older
/// kernels honour it only with `CONFIG_READ_ONLY_THP_FOR_FS` (khugepaged
/// collapses text-like read-only mappings later); newer ones map 2 MiB page
/// cache folios with one PMD when the file system allocates them (ext4, xfs
/// with large folios). Whether it happened is observable only afterwards:
/// `MappedFile.residency()` reports `FilePmdMapped` from `/proc/self/smaps`.
public enum MemoryAdvice: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case normal
    case random
    case sequential
    case willneed
    case hugepage

    public var description: String { rawValue }

    /// Parses what users type: the advice names, plus `populate` for
    /// `willneed`, `thp`/`huge` for `hugepage`, `default` for `normal`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "normal", "default": self = .normal
        case "random": self = .random
        case "sequential", "seq": self = .sequential
        case "willneed", "populate": self = .willneed
        case "hugepage", "huge", "thp": self = .hugepage
        default: return nil
        }
    }
}
