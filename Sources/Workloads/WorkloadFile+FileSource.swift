import VectorCore

extension WorkloadFile {
    /// A file source must open, hold float or byte vectors of the
    /// workload's dimension, and have a row for every initial point and
    /// query (and at least one upsert row per tenant if anything upserts);
    /// see `FileSourceLayout` for how rows are dealt out. Only headers are
    /// read.
    static func checkFileSource(path: String, at node: SchemaNode, workload: Workload) throws(WorkloadError) {
        if ANNBenchmarksDataset.isHDF5(path) {
            try checkHDF5Source(path: path, at: node, workload: workload)
            return
        }
        let info: DatasetInfo
        do {
            info = try DatasetReader.info(path)
        } catch {
            throw node.error("cannot use the dataset file: \(error)")
        }
        guard info.format.elementKind != .int32 else {
            throw node.error("\(path) holds int32 values (\(info.format): neighbour ids, not vectors); use fvecs, fbin, bvecs, u8bin or an ann-benchmarks .hdf5")
        }
        guard info.dimension == workload.data.dimension else {
            throw node.error("\(path) has dimension \(info.dimension), but data.dimension is \(workload.data.dimension)")
        }
        let sizes = workload.tenantSizes
        let upserts = workload.phases.contains { $0.mix.upsert > 0 }
        let needed = FileSourceLayout.minimumRows(sizes: sizes, queriesPerTenant: workload.data.queriesPerTenant, upserts: upserts)
        guard info.count >= needed else {
            let parts = "\(sizes.reduce(0, +)) initial points + \(sizes.count) × \(workload.data.queriesPerTenant) queries"
                + (upserts ? " + one upsert row per tenant" : "")
            throw node.error("\(path) holds \(info.count) rows; the workload needs at least \(needed) (\(parts))")
        }
    }
}
