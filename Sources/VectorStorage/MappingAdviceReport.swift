import VectorCore

/// What applying a `MemoryAdvice` to a mapping actually did — which calls
/// succeeded, which fell back, and what the kernel refused — so a benchmark
/// report can say which configuration really ran.
public struct MappingAdviceReport: Sendable, Equatable, CustomStringConvertible {
    /// How `willneed` got every page read and mapped.
    public enum PopulateMethod: String, Sendable, Codable, Equatable {
        /// `madvise(MADV_POPULATE_READ)` (Linux 5.14+): synchronous, mapped.
        case madvisePopulateRead = "MADV_POPULATE_READ"
        /// Re-mapping the range with `MAP_POPULATE`.
        case mapPopulate = "MAP_POPULATE"
        /// Reading one byte of every page.
        case touchedPages = "touched pages"
    }

    /// The kernel's answer to `MADV_HUGEPAGE`.
    public enum HugePageAdvice: Sendable, Equatable {
        /// The call succeeded. On a file mapping this only marks the range as
        /// eligible; see `MappedFile.residency()` for what got PMD-mapped.
        case accepted
        /// The call failed with this errno (EINVAL: kernel without THP).
        case refused(errno: Int32)
    }

    public var advice: MemoryAdvice
    /// Set for `willneed`.
    public var populate: PopulateMethod?
    /// Set for `hugepage`.
    public var hugePage: HugePageAdvice?
    /// Steps that failed before a fallback worked, e.g.
    /// "madvise(MADV_POPULATE_READ): Invalid argument (errno 22)".
    public var fallbacks: [String]

    public init(advice: MemoryAdvice, populate: PopulateMethod? = nil, hugePage: HugePageAdvice? = nil, fallbacks: [String] = []) {
        self.advice = advice
        self.populate = populate
        self.hugePage = hugePage
        self.fallbacks = fallbacks
    }

    public var description: String {
        var text = advice.rawValue
        if let populate { text += ", populated by \(populate.rawValue)" }
        switch hugePage {
        case .accepted: text += ", MADV_HUGEPAGE accepted"
        case .refused(let code): text += ", MADV_HUGEPAGE refused (\(SystemError(operation: "madvise", errno: code).reason))"
        case nil: break
        }
        if !fallbacks.isEmpty { text += " [fell back after: \(fallbacks.joined(separator: "; "))]" }
        return text
    }
}
