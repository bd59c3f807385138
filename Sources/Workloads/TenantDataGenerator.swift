import Synchronization
import VectorCore

/// The vectors of every tenant: its initial points (local ids 0..<size),
/// its queries, and the points upserts add — all pure functions of the
/// workload's data specification and seed, the same for every
/// configuration. Vectors are as generated or read (cosine normalisation is
/// the engine's job).
///
/// A point's vector depends only on (tenant, local id), never on how the
/// points were batched, so a configuration that regroups upserts
/// (`upsertBatch` override) writes exactly the same data.
///
/// Clustered source: tenant t draws from its own `ClusteredDatasetGenerator`
/// (seeded from the workload seed and t, `clusters_per_tenant` clusters);
/// its initial points are the generator's first `size` base rows, its
/// queries the generator's query rows, and its upserted point with local id
/// i is base row i — what a generator with a larger count would have
/// produced, i.e. fresh draws from the same mixture.
///
/// File source (flat, or ann-benchmarks HDF5): see `FileSourceLayout`
/// (rows dealt in file order).
///
/// Thread-safe: the runner may call it from any number of threads.
public final class TenantDataGenerator: Sendable {
    public let data: DataSpecification
    public let seed: UInt64
    /// Initial points per tenant.
    public let sizes: [Int]
    private let file: FileRows?
    /// Per-tenant mixture models for upserted points, kept because building
    /// one costs clusters·(latent + 1)·dimension Gaussian draws.
    private let samplers = Mutex<[Int: ClusteredRowSampler]>([:])
    private let samplerCacheLimit: Int

    private struct FileRows: Sendable {
        let rows: DenseMatrix<Float>
        /// An HDF5 file's `test` matrix; nil when queries are rows of `rows`.
        let queries: DenseMatrix<Float>?
        let layout: FileSourceLayout
    }

    /// Reads the dataset file when the source is one (the whole file, once).
    public convenience init(workload: Workload) throws(WorkloadError) {
        try self.init(data: workload.data, seed: workload.seed, sizes: workload.tenantSizes, source: workload.source)
    }

    /// `source` names the workload file in errors.
    public init(data: DataSpecification, seed: UInt64, sizes: [Int], source: String = "workload") throws(WorkloadError) {
        precondition(sizes.count == data.tenants, "\(sizes.count) sizes for \(data.tenants) tenants")
        self.data = data
        self.seed = seed
        self.sizes = sizes
        if case .clustered(let clusters) = data.source {
            let floatsPerModel = clusters * data.dimension * (min(ClusteredDatasetGenerator.defaultLatent, data.dimension) + 1)
            samplerCacheLimit = max(16, (64 << 20) / max(1, floatsPerModel * 4))
        } else {
            samplerCacheLimit = 0
        }
        guard case .file(let path) = data.source else {
            file = nil
            return
        }
        if ANNBenchmarksDataset.isHDF5(path) {
            file = try Self.readHDF5(path, data: data, sizes: sizes, source: source)
            return
        }
        let rows: DenseMatrix<Float>
        do {
            rows = try DatasetReader.readFloats(path)
        } catch {
            throw WorkloadError(file: source, fieldPath: "data.source.file", message: "cannot read the dataset: \(error)")
        }
        guard rows.dimension == data.dimension else {
            throw WorkloadError(file: source, fieldPath: "data.source.file",
                                message: "\(path) has dimension \(rows.dimension), but data.dimension is \(data.dimension)")
        }
        let needed = FileSourceLayout.minimumRows(sizes: sizes, queriesPerTenant: data.queriesPerTenant, upserts: false)
        guard rows.count >= needed else {
            throw WorkloadError(file: source, fieldPath: "data.source.file",
                                message: "\(path) holds \(rows.count) rows; the tenants' points and queries need \(needed)")
        }
        file = FileRows(rows: rows, queries: nil,
                        layout: FileSourceLayout(sizes: sizes, queriesPerTenant: data.queriesPerTenant, rows: rows.count))
    }

    /// An ann-benchmarks file: points from `train`, queries from `test`
    /// (see `FileSourceLayout`); the parser checked the shapes, this checks
    /// them again against what was read.
    private static func readHDF5(_ path: String, data: DataSpecification, sizes: [Int], source: String) throws(WorkloadError) -> FileRows {
        func fail(_ message: String) -> WorkloadError { WorkloadError(file: source, fieldPath: "data.source.file", message: message) }
        let train: DenseMatrix<Float>, test: DenseMatrix<Float>
        do {
            let file = try HDF5File(path: path)
            train = try file.floatMatrix("train")
            test = try file.floatMatrix("test")
        } catch {
            throw fail("cannot read the dataset: \(error)")
        }
        for (name, matrix) in [("train", train), ("test", test)] where matrix.dimension != data.dimension {
            throw fail("\(path): \(name) has dimension \(matrix.dimension), but data.dimension is \(data.dimension)")
        }
        let needed = FileSourceLayout.minimumRows(sizes: sizes, queriesPerTenant: data.queriesPerTenant, upserts: false,
                                                  separateQueries: true)
        guard train.count >= needed else { throw fail("\(path): train holds \(train.count) rows; the tenants' points need \(needed)") }
        let queries = sizes.count * data.queriesPerTenant
        guard test.count >= queries else { throw fail("\(path): test holds \(test.count) rows; the tenants' queries need \(queries)") }
        return FileRows(rows: train, queries: test, layout: FileSourceLayout(
            sizes: sizes, queriesPerTenant: data.queriesPerTenant, rows: train.count, separateQueries: true))
    }

    public var tenants: Int { sizes.count }
    public var totalInitialPoints: Int { sizes.reduce(0, +) }

    /// The seed of tenant `tenant`'s points (the `vectorSeed` of its upserts).
    public func tenantSeed(_ tenant: Int) -> UInt64 {
        Self.tenantSeed(workloadSeed: seed, tenant: tenant)
    }

    static func tenantSeed(workloadSeed: UInt64, tenant: Int) -> UInt64 {
        SeedDerivation.seed(workloadSeed, .tenantPoints, UInt64(tenant))
    }

    /// The tenant's generator (clustered source only): `count` its size.
    public func clusteredGenerator(tenant: Int, count: Int? = nil, queries: Int = 0) -> ClusteredDatasetGenerator? {
        guard case .clustered(let clusters) = data.source else { return nil }
        return ClusteredDatasetGenerator(count: count ?? sizes[tenant], dimension: data.dimension, clusters: clusters,
                                         queries: queries, seed: tenantSeed(tenant))
    }

    /// The tenant's initial points, local ids 0..<size in row order.
    public func baseVectors(tenant: Int, threads: Int = 1) -> DenseMatrix<Float> {
        if let file {
            return Self.copyRows(of: file.rows, count: sizes[tenant]) { file.layout.tenantStarts[tenant] + $0 }
        }
        return clusteredGenerator(tenant: tenant)!.generate(threads: threads).base
    }

    /// The tenant's `queries_per_tenant` queries; searches name one by index.
    public func queries(tenant: Int) -> DenseMatrix<Float> {
        if let file {
            return Self.copyRows(of: file.queries ?? file.rows, count: data.queriesPerTenant) {
                file.layout.queryRow(tenant: tenant, index: $0)
            }
        }
        return clusteredGenerator(tenant: tenant, count: 0, queries: data.queriesPerTenant)!.generate().queries
    }

    /// The vectors of the tenant's points `firstID..<firstID+count` (an
    /// upsert's points, or initial ones).
    public func vectors(tenant: Int, firstID: UInt64, count: Int) -> DenseMatrix<Float> {
        if let file {
            return Self.copyRows(of: file.rows, count: count) {
                file.layout.pointRow(tenant: tenant, localID: firstID + UInt64($0))
            }
        }
        return sampler(tenant: tenant).rows(firstID..<firstID + UInt64(count))
    }

    /// The vectors an upsert operation writes.
    public func vectors(for operation: Operation) -> DenseMatrix<Float> {
        precondition(operation.kind == .upsert, "vectors(for:) of a \(operation.kind) operation")
        return vectors(tenant: operation.tenant, firstID: operation.firstID, count: operation.count)
    }

    private func sampler(tenant: Int) -> ClusteredRowSampler {
        if let cached = samplers.withLock({ $0[tenant] }) { return cached }
        let built = ClusteredRowSampler(clusteredGenerator(tenant: tenant)!)
        samplers.withLock { cache in
            if cache.count >= samplerCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[tenant] = built
        }
        return built
    }

    private static func copyRows(of source: DenseMatrix<Float>, count: Int, row: (Int) -> Int) -> DenseMatrix<Float> {
        let dimension = source.dimension
        return DenseMatrix<Float>(count: count, dimension: dimension) { (destination: UnsafeMutableBufferPointer<Float>) in
            source.withUnsafeBufferPointer { rows in
                for index in 0..<count {
                    let from = row(index) * dimension
                    for d in 0..<dimension { destination[index * dimension + d] = rows[from + d] }
                }
            }
        }
    }
}

extension ClusteredDatasetGenerator {
    /// The generator's default latent dimension (for sizing caches).
    static var defaultLatent: Int {
        ClusteredDatasetGenerator(count: 0, dimension: 1, clusters: 1, queries: 0, seed: 0).latentDimension
    }
}
