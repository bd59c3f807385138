/// Why an ANN benchmark could not run, naming the file and what is wrong.
public enum AnnBenchmarkError: Error, Equatable, Sendable, CustomStringConvertible {
    case dimensionMismatch(base: String, baseDimension: Int, queries: String, queryDimension: Int)
    case groundTruthTooShort(path: String, rows: Int, queries: Int)
    case groundTruthTooNarrow(path: String, columns: Int, k: Int)
    case groundTruthIDOutOfRange(path: String, row: Int, column: Int, id: Int32, baseCount: Int)
    case emptyFile(path: String)
    case invalidOption(String)
    case recallTooLow(best: Double, minimum: Double)
    case groundTruthInconsistent(path: String, queriesBeaten: Int, queries: Int)
    /// An HDF5 file's `distance` attribute names another metric than `--metric`.
    case metricMismatch(path: String, fileMetric: String, asked: String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let base, let baseDimension, let queries, let queryDimension):
            return "\(queries): queries have dimension \(queryDimension) but \(base) has dimension \(baseDimension)"
        case .groundTruthTooShort(let path, let rows, let queries):
            return "\(path): ground truth has \(rows) rows for \(queries) queries"
        case .groundTruthTooNarrow(let path, let columns, let k):
            return "\(path): ground truth has \(columns) neighbours per query, fewer than k = \(k)"
        case .groundTruthIDOutOfRange(let path, let row, let column, let id, let baseCount):
            return "\(path): row \(row) column \(column) names id \(id), but the base has \(baseCount) vectors"
        case .emptyFile(let path):
            return "\(path): no vectors"
        case .invalidOption(let text):
            return text
        case .groundTruthInconsistent(let path, let beaten, let queries):
            return "\(path): for \(beaten) of \(queries) queries the index found a point nearer than the ground truth's "
                + "nearest neighbour; the ground truth was computed for other data or another metric"
        case .metricMismatch(let path, let fileMetric, let asked):
            return "\(path): its distance attribute means metric \(fileMetric), but --metric \(asked) was given "
                + "(leave --metric out to use the file's)"
        case .recallTooLow(let best, let minimum):
            return "best recall \(best) is below the required \(minimum): the index is broken or the ground truth does not match the data"
        }
    }
}
