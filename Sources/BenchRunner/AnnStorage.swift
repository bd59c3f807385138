import VectorIndex

/// Where the benchmarked index lives while it is searched.
public enum AnnStorage: Sendable {
    /// Searched in the memory it was built in.
    case ram

    var name: String {
        switch self {
        case .ram: return "ram"
        }
    }

    var adviceName: String? { nil }

    struct Placed {
        var index: HNSWIndex
        var bytes: Int
        var saveSeconds: Double?
        var openSeconds: Double?
    }

    func place(_ index: HNSWIndex, progress: AnnBenchmark.Progress) throws -> Placed {
        switch self {
        case .ram: return Placed(index: index, bytes: index.memoryBytes)
        }
    }
}
