/// Why a workload file could not be used: which file, where in it (line and
/// column, 1-based, when the problem has a place) and which field, by its
/// path from the document root (`phases[1].mix.search`).
///
/// The description reads like a compiler diagnostic, so editors and
/// terminals can jump to it:
///
///     workloads/x.yaml:14:7: phases[1].mix: search + upsert + delete must sum to 1 (got 1.2)
public struct WorkloadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted path of the field (`data.tenants.count`, `engine.variants.fast.m`);
    /// empty when the problem is the file as a whole.
    public var fieldPath: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, fieldPath: String = "", message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.fieldPath = fieldPath
        self.message = message
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if !fieldPath.isEmpty { text += fieldPath + ": " }
        return text + message
    }
}
