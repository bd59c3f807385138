import VectorEngine

extension WorkerBackend {
    /// Stops every worker as `close` does (a shutdown request: each closes
    /// its engine, or an adapter its shards, and exits) and starts the pool
    /// again with the same configuration on the same data directories and
    /// placement, so each worker opens what it finds there — vecbench's
    /// engine and the adapters in `workloads/ADAPTERS.md` both do. A worker
    /// that did not stop cleanly fails the reopen: what it kept would not
    /// be what was acknowledged.
    ///
    /// Called between phases, on the thread that started the pool (its
    /// workers die with that thread), with no operation in flight.
    func reopen() throws {
        let configuration = pool.configuration
        let statuses = pool.stop()
        let unclean = statuses.enumerated().filter { $0.element != .exited(code: 0) }
        if !unclean.isEmpty {
            throw RunnerError.workload("reopen: workers did not stop cleanly: "
                + unclean.map { "worker \($0.offset): \($0.element)" }.joined(separator: "; "))
        }
        pool = try WorkerPool.start(configuration)
    }
}
