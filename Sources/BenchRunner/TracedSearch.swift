/// A search that succeeded in a measured phase, as the memory model needs
/// it to search again untimed: which thread ran it, in which completion
/// order, for which tenant and query.
struct TracedSearch: Sendable, Equatable {
    /// 1-based position among the phase's completed operations.
    var order: Int
    /// The executor thread that ran it (the model's core is thread mod cores).
    var thread: Int
    var tenant: Int
    /// Row of the tenant's query matrix.
    var queryRow: Int
    var k: Int
    var ef: Int
}
