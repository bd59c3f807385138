import CLinuxShims

/// How an index stores its level-0 link lists.
public enum LinkLayout: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Fixed slots of `m0 + 1` words, `[degree, ids…]` (hnswlib's layout);
    /// what an index built in RAM always has, since inserts rewrite lists.
    case plain
    /// Sorted, delta- and varint-encoded blocks (`CompressedLinks`); read-only.
    case compressed

    public var description: String { rawValue }
}
