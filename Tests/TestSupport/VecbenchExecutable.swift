import Foundation

/// The `vecbench` executable the tests re-run as a child (crash tests,
/// command-line regressions, configuration processes): `VECBENCH_BINARY`
/// when set, otherwise the one `swift build --build-tests` put beside the
/// test bundle (looking up to three directories up, for bundle layouts).
public enum VecbenchExecutable {
    public struct Missing: Error, CustomStringConvertible {
        public let looked: String
        public var description: String {
            "vecbench is not built next to the tests (\(looked)); run `swift build --build-tests` first, or set VECBENCH_BINARY"
        }
    }

    public static func path() throws -> String {
        if let override = ProcessInfo.processInfo.environment["VECBENCH_BINARY"] { return override }
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        let first = directory.appendingPathComponent("vecbench").path
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("vecbench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw Missing(looked: first)
    }
}
