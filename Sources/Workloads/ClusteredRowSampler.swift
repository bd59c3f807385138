import VectorCore

/// Any row of a tenant's `ClusteredDatasetGenerator` by index, without
/// generating the rows before it: upserted points are rows size, size+1, …
/// of the tenant's own generator, exactly what a larger `count` would have
/// produced. A thin name over VectorCore's `RowSampler`, kept so the
/// workload code reads in its own terms.
struct ClusteredRowSampler: Sendable {
    enum Stream {
        case base, queries
    }

    private let sampler: ClusteredDatasetGenerator.RowSampler

    init(_ generator: ClusteredDatasetGenerator) {
        sampler = generator.rowSampler()
    }

    /// Rows `rows` of `stream` (base by default), as a matrix.
    func rows(_ rows: Range<UInt64>, stream: Stream = .base) -> DenseMatrix<Float> {
        sampler.rows(rows, queries: stream == .queries)
    }
}
