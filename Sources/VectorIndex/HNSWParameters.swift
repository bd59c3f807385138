import VectorCore

/// Construction parameters of an HNSW graph, in hnswlib's vocabulary.
public struct HNSWParameters: Sendable, Codable, Equatable {
    /// Links per node on levels ≥ 1.
    public var m: Int
    /// Links per node on level 0 (`2m` unless set).
    public var m0: Int
    /// Candidate list size while inserting.
    public var efConstruction: Int
    /// Seed of the level generator; the same seed and insertion order give the
    /// same levels.
    public var seed: UInt64

    public init(m: Int = 16, m0: Int? = nil, efConstruction: Int = 100, seed: UInt64 = 100) {
        self.m = m
        self.m0 = m0 ?? 2 * m
        self.efConstruction = efConstruction
        self.seed = seed
    }

    /// `mL = 1 / ln(m)`: the level multiplier of the HNSW paper.
    public var levelMultiplier: Double { 1 / _logHNSW(Double(max(m, 2))) }

    /// Refuses parameters no graph can be built with, naming the field.
    public func validate() throws(HNSWError) {
        guard (2...256).contains(m) else { throw .invalidParameter("m must be in 2...256, got \(m)") }
        guard (m...512).contains(m0) else { throw .invalidParameter("m0 must be in m...512, got \(m0)") }
        guard efConstruction >= 1 else { throw .invalidParameter("efConstruction must be ≥ 1, got \(efConstruction)") }
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _logHNSW(_ x: Double) -> Double { Glibc.log(x) }
#else
import Darwin
@usableFromInline func _logHNSW(_ x: Double) -> Double { Darwin.log(x) }
#endif
