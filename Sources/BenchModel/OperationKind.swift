/// What an operation of a workload does. Stored as its raw spelling, the
/// same strings documents have always carried.
public enum OperationKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case search
    case upsert
    case delete

    /// search < upsert < delete: the order reports list them in.
    public static func < (lhs: OperationKind, rhs: OperationKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
