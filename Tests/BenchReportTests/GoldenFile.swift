import Foundation
import Testing

/// Golden files live in `Tests/BenchReportTests/Golden/`, found from this
/// source file's path (no bundle resources needed). A mismatch fails with
/// the first differing line; run the tests with `VECBENCH_UPDATE_GOLDEN=1`
/// to rewrite the files, then review the diff in git.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static var updating: Bool { ProcessInfo.processInfo.environment["VECBENCH_UPDATE_GOLDEN"] == "1" }

    static func url(_ folder: String, _ name: String) -> URL {
        directory.appendingPathComponent(folder).appendingPathComponent(name)
    }

    /// Expects `actual` to equal `Golden/<name>` byte for byte.
    static func check(_ actual: String, _ name: String, folder: String = "Golden",
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url(folder, name)
        if updating {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(Comment(rawValue: "missing golden file \(folder)/\(name): run with VECBENCH_UPDATE_GOLDEN=1"),
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
        let common = min(expectedLines.count, actualLines.count)
        let index = (0..<common).first { expectedLines[$0] != actualLines[$0] } ?? common
        let want = index < expectedLines.count ? expectedLines[index] : "(end of file)"
        let got = index < actualLines.count ? actualLines[index] : "(end of file)"
        let message = "\(folder)/\(name) differs at line \(index + 1):\n  golden: \(want)\n  actual: \(got)\n"
            + "(VECBENCH_UPDATE_GOLDEN=1 rewrites it)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
