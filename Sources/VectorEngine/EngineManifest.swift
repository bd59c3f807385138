import Foundation
import VectorCore

/// `engine.json`: what must not change between openings of a data
/// directory, and the next collection number (never reused, so a dropped
/// collection's records in a shared WAL cannot be mistaken for a new one's).
struct EngineManifest: Codable, Equatable {
    static let currentFormat = 1
    var format = EngineManifest.currentFormat
    var walScope: WALScope
    var nextCollectionNumber: UInt32

    init(walScope: WALScope, nextCollectionNumber: UInt32) {
        self.walScope = walScope
        self.nextCollectionNumber = nextCollectionNumber
    }

    static func read(from path: String) throws -> EngineManifest {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let manifest: EngineManifest
        do { manifest = try JSONDecoder().decode(EngineManifest.self, from: data) } catch {
            throw EngineError.corruptCollection(collection: path, reason: "unreadable engine manifest: \(error)")
        }
        guard manifest.format == currentFormat else {
            throw EngineError.corruptCollection(collection: path, reason: "engine format \(manifest.format), this vecbench reads \(currentFormat)")
        }
        return manifest
    }

    func write(to path: String) throws {
        try JSONFile.write(self, to: path)
    }
}
