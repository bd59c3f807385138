import VectorCore

extension WorkloadFile {
    /// An ann-benchmarks HDF5 file as a data source: `train` must hold the
    /// tenants' points (and one upsert row per tenant if anything upserts),
    /// `test` a query per tenant and `queries_per_tenant`, both float
    /// matrices of the workload's dimension; a `distance` attribute, when
    /// present, must name the workload's metric. See `FileSourceLayout`.
    /// Only shapes and attributes are read here, never the vectors.
    static func checkHDF5Source(path: String, at node: SchemaNode, workload: Workload) throws(WorkloadError) {
        do {
            let file = try HDF5File(path: path)
            let dimension = workload.data.dimension
            if let pointType = try file.stringAttribute("point_type"), pointType != "float" {
                throw node.error("\(path): point_type '\(pointType)' is not supported (only float)")
            }
            if let distance = try file.stringAttribute("distance") {
                guard let metric = ANNBenchmarksDataset.metric(distance: distance) else {
                    throw node.error(HDF5Error.unknownDistance(path: path, value: distance).description)
                }
                guard metric == workload.data.metric else {
                    throw node.error("\(path) is a '\(distance)' dataset (\(metric)), but data.metric is \(workload.data.metric)")
                }
            }
            let sizes = workload.tenantSizes
            let upserts = workload.phases.contains { $0.mix.upsert > 0 }
            let train = try shape(file, "train", dimension: dimension, at: node)
            let needed = FileSourceLayout.minimumRows(sizes: sizes, queriesPerTenant: workload.data.queriesPerTenant,
                                                      upserts: upserts, separateQueries: true)
            guard train >= needed else {
                let parts = "\(sizes.reduce(0, +)) initial points" + (upserts ? " + one upsert row per tenant" : "")
                throw node.error("\(path): train holds \(train) rows; the workload needs at least \(needed) (\(parts))")
            }
            let test = try shape(file, "test", dimension: dimension, at: node)
            let queries = sizes.count * workload.data.queriesPerTenant
            guard test >= queries else {
                throw node.error("\(path): test holds \(test) rows; the workload needs \(queries) queries "
                    + "(\(sizes.count) tenants × \(workload.data.queriesPerTenant) queries_per_tenant)")
            }
        } catch let error as WorkloadError {
            throw error
        } catch let error as HDF5Error {
            throw node.error("cannot use the dataset file: \(error)")
        } catch {
            throw node.error("cannot use the dataset file: \(error)")
        }
    }

    /// Rows of a float matrix `name` of `dimension` columns.
    private static func shape(_ file: HDF5File, _ name: String, dimension: Int, at node: SchemaNode) throws -> Int {
        guard let shape = try file.matrixShape(name) else { throw HDF5Error.missingDataset(path: file.path, dataset: name) }
        guard shape.isFloat else {
            throw HDF5Error.wrongShape(path: file.path, dataset: name, found: "integer elements", expected: "float vectors")
        }
        guard shape.columns == dimension else {
            throw node.error("\(file.path): \(name) has dimension \(shape.columns), but data.dimension is \(dimension)")
        }
        return shape.rows
    }
}
