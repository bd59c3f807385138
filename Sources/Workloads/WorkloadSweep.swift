import BenchModel

/// A workload's `sweep:`: one field, named by its path in the workload file,
/// run at each of a list of values. `run` repeats the whole workload (every
/// configuration, every phase) once per value, into one result document.
///
/// ```yaml
/// sweep:
///   data.tenants.count: [1000, 5000, 20000, 50000]
///   data.tenants.sizes.zipf.total: [100000, 500000, 2000000, 5000000]
/// ```
///
/// The first path is the swept field, the axis reports draw curves
/// against. Further paths, each with a list of the same length, move in
/// step with it (here: the points grow with the tenants, so tenants stay
/// the same size along the curve).
///
/// Each value is applied to the parsed file and the whole file is read
/// again, so every check a workload gets applies to every swept value;
/// `points[i]` is the workload at `values[i]`, without a sweep of its own.
public struct WorkloadSweep: Sendable, Equatable {
    /// One swept path and its values, as written.
    public struct Field: Sendable, Equatable {
        public var path: String
        public var values: [SweepValue]

        public init(path: String, values: [SweepValue]) {
            self.path = path
            self.values = values
        }
    }

    /// The swept field first, then the fields that follow it.
    public var fields: [Field]
    /// The workload at each value, in order.
    public var points: [Workload]

    public init(fields: [Field], points: [Workload]) {
        self.fields = fields
        self.points = points
    }

    /// The swept field's path (`data.tenants.count`).
    public var path: String { fields[0].path }
    /// The swept field's values, in run order.
    public var values: [SweepValue] { fields[0].values }

    /// What the result document records.
    public var summary: SweepSummary { SweepSummary(path: path, values: values) }
}
