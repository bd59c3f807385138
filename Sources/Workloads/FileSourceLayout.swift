/// How the rows of a dataset file (`source: {file: …}`) are dealt out, in
/// file order. A flat file (fvecs, fbin, bvecs, u8bin) holds everything:
///
/// | rows                                  | hold                                         |
/// |---------------------------------------|----------------------------------------------|
/// | 0 ..< S (S = Σ tenant sizes)          | tenant 0's initial points, then tenant 1's, … |
/// | S ..< S + T·Q (Q queries per tenant)  | tenant 0's queries, then tenant 1's, …       |
/// | S + T·Q ..< rows                      | the upsert pool: T equal slices of L rows    |
///
/// An ann-benchmarks HDF5 file (`.hdf5`, `.h5`) keeps its queries apart,
/// so they come from its `test` dataset and the rest from `train`
/// (`separateQueries`):
///
/// | dataset, rows            | hold                                          |
/// |--------------------------|-----------------------------------------------|
/// | `train` 0 ..< S          | tenant 0's initial points, then tenant 1's, …  |
/// | `train` S ..< rows       | the upsert pool: T equal slices of L rows     |
/// | `test` 0 ..< T·Q         | tenant 0's queries, then tenant 1's, …        |
///
/// Tenant t's upserted point with local id i takes row
/// `poolStart + t·L + (i − size_t) mod L`: consecutive upserts take
/// consecutive rows and wrap around (reusing vectors under new ids) once a
/// tenant has upserted more than L points. Give the file enough rows to
/// avoid wrapping: the parser insists only on one pool row per tenant when
/// some phase upserts.
struct FileSourceLayout: Sendable, Equatable {
    let sizes: [Int]
    let tenantStarts: [Int]
    let queriesPerTenant: Int
    let queryStart: Int
    let poolStart: Int
    let poolPerTenant: Int

    /// `rows`: the rows of the file (of `train` when `separateQueries`);
    /// with `separateQueries` query rows index the separate query matrix.
    init(sizes: [Int], queriesPerTenant: Int, rows: Int, separateQueries: Bool = false) {
        self.sizes = sizes
        var starts: [Int] = []
        starts.reserveCapacity(sizes.count)
        var next = 0
        for size in sizes {
            starts.append(next)
            next += size
        }
        tenantStarts = starts
        self.queriesPerTenant = queriesPerTenant
        queryStart = separateQueries ? 0 : next
        poolStart = separateQueries ? next : next + sizes.count * queriesPerTenant
        poolPerTenant = sizes.isEmpty ? 0 : max(0, rows - poolStart) / sizes.count
    }

    /// Rows a file needs: every initial point and query, plus one pool row
    /// per tenant when anything is upserted.
    /// With `separateQueries`, the rows `train` needs (the queries' are
    /// `sizes.count · queriesPerTenant` rows of `test`).
    static func minimumRows(sizes: [Int], queriesPerTenant: Int, upserts: Bool, separateQueries: Bool = false) -> Int {
        sizes.reduce(0, +) + (separateQueries ? 0 : sizes.count * queriesPerTenant) + (upserts ? sizes.count : 0)
    }

    func queryRow(tenant: Int, index: Int) -> Int {
        queryStart + tenant * queriesPerTenant + index
    }

    /// The row holding tenant `tenant`'s point `localID` (initial or upserted).
    func pointRow(tenant: Int, localID: UInt64) -> Int {
        let size = UInt64(sizes[tenant])
        if localID < size { return tenantStarts[tenant] + Int(localID) }
        precondition(poolPerTenant > 0, "the dataset file has no upsert pool rows (validated at parse time)")
        return poolStart + tenant * poolPerTenant + Int((localID - size) % UInt64(poolPerTenant))
    }
}
