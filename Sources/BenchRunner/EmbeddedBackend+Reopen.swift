import VectorEngine

extension EmbeddedBackend {
    /// Closes the engine (every collection's WAL synced and closed, every
    /// mapping released) and opens it again from its data directory with the
    /// same configuration: what a restarted process finds. Called between
    /// phases, with no operation in flight.
    func reopen() throws {
        let configuration = engine.configuration
        try engine.close()
        engine = try Engine.open(configuration)
        if tenancy == .sharedCollection { shared = try engine.collection("shared") }
    }
}
