/// How a merged run document came about when `vecbench ab` wrote it: its
/// repetitions alternated with those of another document (A B A B …), so
/// repetition k of the baseline and repetition k of the candidate ran back
/// to back on one machine. `check` pairs them: the ratio within a pair
/// cancels whatever drift hit both (another build starting, a thermal or
/// co-tenant change), which a comparison of two independent sets of runs
/// counts as noise.
///
/// Absent from documents of one `run`, and from `ab` documents before it.
public struct RunInterleaving: Codable, Sendable, Equatable {
    public enum Side: String, Codable, Sendable {
        case baseline, candidate
    }

    /// Shared by the two documents of one `ab` invocation, and by nothing
    /// else: two documents pair only when their sessions match.
    public var session: String
    public var side: Side
    /// Pairs run (repetitions per configuration on each side).
    public var pairs: Int

    public init(session: String, side: Side, pairs: Int) {
        self.session = session
        self.side = side
        self.pairs = pairs
    }
}
