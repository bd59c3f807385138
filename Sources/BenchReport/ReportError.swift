import BenchModel

/// Why a report, comparison, check or plan could not be produced. Every case
/// names the file (or option) it is about, so the message alone tells a CI
/// log reader what to fix.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not JSON, or not a document of the schema they claim.
    case unreadableDocument(source: String, detail: String)
    /// The document's `schema` field names a schema vecbench cannot read.
    case unknownSchema(source: String, schema: String)
    /// Two documents that must be of one kind are not (e.g. a run and an ann result).
    case mismatchedSchemas(first: String, second: String)
    /// A thresholds file that cannot be used, with the JSON path of the fault.
    case invalidThresholds(source: String, detail: String)
    /// A plan input that makes no sense (a negative tenant count, "12 parsecs" of RAM).
    case invalidPlanInput(option: String, detail: String)
    /// The document holds nothing the request can use.
    case nothingToReport(source: String, detail: String)

    public var description: String {
        switch self {
        case .unreadableDocument(let source, let detail):
            "\(source): not a vecbench result document: \(detail)"
        case .unknownSchema(let source, let schema):
            "\(source): unknown schema '\(schema)' (expected \(RunResult.schemaIdentifier) or \(AnnResult.schemaIdentifier))"
        case .mismatchedSchemas(let first, let second):
            "cannot compare \(first) with \(second): the documents are of different schemas"
        case .invalidThresholds(let source, let detail):
            "\(source): invalid thresholds: \(detail)"
        case .invalidPlanInput(let option, let detail):
            "\(option): \(detail)"
        case .nothingToReport(let source, let detail):
            "\(source): \(detail)"
        }
    }
}
