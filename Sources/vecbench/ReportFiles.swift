import BenchReport
import Foundation
import VectorCore

/// File access for the report commands: read a result document (naming the
/// path when it is missing or unreadable), and write an output atomically
/// (temp → fsync → rename) or to standard output.
enum ReportFiles {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): no such file" }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func read(_ path: String) throws -> Data {
        guard exists(path) else { throw Missing(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError.unreadableDocument(source: path, detail: "cannot be read (permissions?)")
        }
        return data
    }

    static func document(_ path: String) throws -> ResultDocument {
        try ResultDocument.decode(read(path), source: path)
    }

    /// The file's name without directory and `.json`, as a column title.
    static func label(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }

    /// Writes `text` to `path`, or to standard output when `path` is nil or "-".
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let bytes = Array(text.utf8)
        try AtomicFileWriter.write(to: path) { writer in
            try bytes.withUnsafeBytes { try writer.append($0) }
        }
    }

    static func warn(_ command: String, _ message: String) {
        FileHandle.standardError.write(Data("vecbench \(command): \(message)\n".utf8))
    }
}
