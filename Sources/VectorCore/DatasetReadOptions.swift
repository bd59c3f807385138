/// How strictly, and how much of, a dataset file is read.
public struct DatasetReadOptions: Sendable, Equatable {
    /// Read at most this many rows from the start of the file; nil for all.
    /// Problems after the last row read are not looked for.
    public var limit: Int?
    /// Accept NaN and ±infinity in float files. Off by default: a non-finite
    /// component poisons every distance computed against it.
    public var allowNonFinite: Bool
    /// Largest dimension accepted. A header beyond it is far more likely to
    /// be garbage (a wrong format, a corrupt file) than a real dataset, and
    /// refusing it avoids a multi-gigabyte allocation driven by one bad word.
    public var maximumDimension: Int

    public static let defaultMaximumDimension = 1 << 16

    public init(limit: Int? = nil, allowNonFinite: Bool = false, maximumDimension: Int = DatasetReadOptions.defaultMaximumDimension) {
        self.limit = limit
        self.allowNonFinite = allowNonFinite
        self.maximumDimension = maximumDimension
    }
}
