import VectorEngine

extension WorkerBackend {
    /// When an external engine's adapter does not have vecbench's engine
    /// statistics (`failure` is its answer to asking for them), asks for
    /// its own figures and adds them to `snapshot`; true when it did. A
    /// worker that is gone, or vecbench's own engine, is not an adapter
    /// without statistics: false, and the caller records it unreadable.
    func addAdapterFigures(worker index: Int, failure: any Error, to snapshot: inout EngineSnapshot) -> Bool {
        guard pool.configuration.externalCommand != nil,
              case WorkerPoolError.request(_, .remote) = failure,
              let statistics = try? pool.withWorker(at: index, { client throws(WorkerClientError) in try client.adapterStatistics() })
        else { return false }
        snapshot.addAdapter(statistics)
        return true
    }
}
