/// How two vectors are compared. Every metric is expressed as a distance:
/// smaller is closer, so one search loop serves all three.
///
/// | metric        | distance                | stored vectors      |
/// |---------------|-------------------------|---------------------|
/// | `l2`          | Σ (aᵢ − bᵢ)²            | as given            |
/// | `innerProduct`| 1 − Σ aᵢ·bᵢ             | as given            |
/// | `cosine`      | 1 − Σ aᵢ·bᵢ             | normalised on insert|
///
/// The `1 −` offset matches hnswlib, so distances printed by both agree.
public enum Metric: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case l2
    case innerProduct = "ip"
    case cosine

    public var description: String { rawValue }

    /// Whether vectors (stored and query) are normalised to unit length first.
    public var normalizesVectors: Bool { self == .cosine }

    /// Parses the spellings users type: `l2`, `euclidean`, `ip`, `dot`, `cosine`, `angular`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "l2", "euclidean", "sql2": self = .l2
        case "ip", "dot", "inner-product", "innerproduct": self = .innerProduct
        case "cosine", "angular", "cos": self = .cosine
        default: return nil
        }
    }
}
