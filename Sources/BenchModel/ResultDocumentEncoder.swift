import Foundation

/// The one way a document vecbench writes (run, ann, bench-wal, counters,
/// stat) becomes JSON: pretty-printed, keys sorted so that two documents
/// diff line by line, paths without escaped slashes.
public enum ResultDocumentEncoder {
    public static func encode(_ document: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
