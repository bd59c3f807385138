import BenchModel
import Foundation

/// A result document of either schema vecbench writes, told apart by its
/// `schema` field: `vecbench.run/2` (the workload runner; `/1` documents are
/// read and upgraded in memory) or `vecbench.ann/1` (`vecbench ann`). Every
/// command that reads results starts here.
public enum ResultDocument: Sendable, Equatable {
    case run(RunResult)
    case ann(AnnResult)

    /// Decodes `data`, read from `source` (a path, for messages).
    public static func decode(_ data: Data, source: String) throws -> ResultDocument {
        struct SchemaProbe: Decodable { var schema: String? }
        let schema: String
        do {
            schema = try JSONDecoder().decode(SchemaProbe.self, from: data).schema ?? "(none)"
        } catch {
            throw ReportError.unreadableDocument(source: source, detail: describe(error))
        }
        do {
            switch schema {
            case _ where RunResult.readableSchemas.contains(schema):
                var run = try JSONDecoder().decode(RunResult.self, from: data)
                run.schema = RunResult.schemaIdentifier
                return .run(run)
            case AnnResult.schemaIdentifier: return .ann(try JSONDecoder().decode(AnnResult.self, from: data))
            default: throw ReportError.unknownSchema(source: source, schema: schema)
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.unreadableDocument(source: source, detail: describe(error))
        }
    }

    public var context: RunContext {
        switch self {
        case .run(let run): run.context
        case .ann(let ann): ann.context
        }
    }

    /// The schema this document is held in: a `/1` run document is
    /// upgraded on decoding, so it reads as the current run schema.
    public var schema: String {
        switch self {
        case .run: RunResult.schemaIdentifier
        case .ann: AnnResult.schemaIdentifier
        }
    }

    /// The schema without its version (`vecbench.run`, `vecbench.ann`):
    /// what `compare` and `check` require two documents to share. Versions
    /// of one family are comparable, since decoding upgrades the older.
    public var family: String {
        String(schema.prefix { $0 != "/" })
    }

    /// Every measured figure of the document, repetitions gathered.
    public var measurements: MeasurementSet {
        switch self {
        case .run(let run): MeasurementSet(run: run)
        case .ann(let ann): MeasurementSet(ann: ann)
        }
    }

    /// A decoding error as a person reads it: what was wrong, and where (the
    /// coding path, e.g. `configurations[1].phases[0].seconds`).
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(top level)" : text)
        }
        switch decoding {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "\(context.debugDescription)\(underlying.map { " (\($0))" } ?? "") at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "null where \(type) was expected at \(path(context.codingPath))"
        @unknown default:
            return "\(decoding)"
        }
    }
}
