import VectorCore

/// Tenancy levels at one instant: collections open over every engine and
/// file descriptors open in this process and its workers.
struct TenancySample: Sendable, Equatable {
    var tenantsOpen: Int?
    var openFiles: Int?

    /// Reads `backend` and the processes it runs in.
    static func read(_ backend: any TenantBackend) -> TenancySample {
        let processes = [ProcessFootprint.read(pid: nil, parts: .openFiles)]
            + backend.workerProcessIDs.map { ProcessFootprint.read(pid: $0, parts: .openFiles) }
        return TenancySample(tenantsOpen: backend.openCollections(), openFiles: ProcessFootprint.sum(processes).openFiles)
    }
}
