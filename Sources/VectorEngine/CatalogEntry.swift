import Foundation
import VectorCore

/// A collection as the engine's catalog knows it: `collection.json`.
struct CatalogEntry: Codable, Equatable {
    var name: String
    var number: UInt32
    var configuration: CollectionConfiguration

    static let reservedNames: Set<String> = ["wal", "engine", "tmp", "segments"]

    /// Names become directory names: 1–128 of letters, digits, `-`, `_`,
    /// `.`, not starting with `.` or `_` (kept for the engine's own files).
    static func validate(name: String) throws(EngineError) {
        guard (1...128).contains(name.utf8.count) else { throw .invalidName(name, reason: "must be 1 to 128 bytes long") }
        guard name.utf8.allSatisfy({ byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }) else { throw .invalidName(name, reason: "only letters, digits, '-', '_' and '.' are allowed") }
        guard !name.hasPrefix("."), !name.hasPrefix("_") else { throw .invalidName(name, reason: "names starting with '.' or '_' are reserved") }
        guard !reservedNames.contains(name.lowercased()) else { throw .invalidName(name, reason: "'\(name)' is reserved") }
    }

    func write(under collections: String) throws {
        let directory = collections + "/" + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try JSONFile.write(self, to: directory + "/collection.json")
    }

    static func readAll(under collections: String) throws -> [String: CatalogEntry] {
        var catalog: [String: CatalogEntry] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: collections) where !name.hasPrefix(".") {
            let path = collections + "/" + name + "/collection.json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            catalog[name] = try read(from: path, name: name)
        }
        return catalog
    }

    /// Reads one `collection.json`; a file that does not decode, names
    /// another collection or holds an invalid configuration is refused, naming the path.
    static func read(from path: String, name: String) throws -> CatalogEntry {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let entry: CatalogEntry
        do { entry = try JSONDecoder().decode(CatalogEntry.self, from: data) } catch {
            throw EngineError.corruptCollection(collection: name, reason: "unreadable \(path): \(error)")
        }
        guard entry.name == name else {
            throw EngineError.corruptCollection(collection: name, reason: "\(path) names collection '\(entry.name)'")
        }
        do { try entry.configuration.validate() } catch {
            throw EngineError.corruptCollection(collection: name, reason: "\(path): \(error)")
        }
        return entry
    }
}
