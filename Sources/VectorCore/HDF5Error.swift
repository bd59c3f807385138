/// Why an HDF5 file (ann-benchmarks' format) could not be used. Every case
/// names the file, and the dataset or attribute inside it.
public enum HDF5Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// libhdf5 could not open the file (missing, unreadable, not HDF5).
    case unreadableFile(path: String)
    case missingDataset(path: String, dataset: String)
    /// A dataset whose rank or element class is not what the format says.
    case wrongShape(path: String, dataset: String, found: String, expected: String)
    /// Two datasets that must agree do not (train and test dimensions,
    /// test and neighbors rows).
    case inconsistent(path: String, detail: String)
    /// The `distance` attribute names no metric vecbench knows.
    case unknownDistance(path: String, value: String)
    case unreadable(path: String, item: String)
    /// Larger than one read may allocate.
    case tooLarge(path: String, dataset: String, elements: Int64)

    public var description: String {
        switch self {
        case .unreadableFile(let path):
            "\(path): not a readable HDF5 file"
        case .missingDataset(let path, let dataset):
            "\(path): no dataset '\(dataset)' (an ann-benchmarks file has train, test, neighbors and distances)"
        case .wrongShape(let path, let dataset, let found, let expected):
            "\(path): dataset '\(dataset)' is \(found), expected \(expected)"
        case .inconsistent(let path, let detail):
            "\(path): \(detail)"
        case .unknownDistance(let path, let value):
            "\(path): distance attribute '\(value)' is not one of euclidean, angular, dot (or l2, cosine, ip)"
        case .unreadable(let path, let item):
            "\(path): \(item) could not be read"
        case .tooLarge(let path, let dataset, let elements):
            "\(path): dataset '\(dataset)' holds \(elements) elements, more than one read may allocate"
        }
    }
}
