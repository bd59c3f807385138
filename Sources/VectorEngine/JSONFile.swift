import Foundation
import VectorCore

/// JSON written temp → fsync → rename → fsync directory.
enum JSONFile {
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(value)
        try AtomicFileWriter.write(to: path) { writer in
            try data.withUnsafeBytes { try writer.append($0) }
        }
    }
}
