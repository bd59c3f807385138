/// The sweep a run document holds: the workload field it varied, by its
/// path in the workload file (`data.tenants.count`), and the values in the
/// order they ran. Every configuration record of the document carries the
/// value it ran with (`ConfigurationResult.sweepValue`).
public struct SweepSummary: Codable, Sendable, Equatable {
    public var path: String
    public var values: [SweepValue]

    public init(path: String, values: [SweepValue]) {
        self.path = path
        self.values = values
    }
}
