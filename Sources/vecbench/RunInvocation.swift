import ArgumentParser
import Foundation

/// One `vecbench run` of a given executable into an output directory of its
/// own, as `calibrate` and `ab` use it: a child process, so two builds (or
/// two runs of one) never share memory, and the document it leaves is read
/// back like any other.
struct RunInvocation {
    var executable: String
    var workload: String
    var out: String
    var scratch: String
    var repetitions: Int
    var extraArguments: [String] = []

    /// Runs it with stdout to `log` and stderr passed through; returns the
    /// result document's path. A failed configuration (exit 1) still leaves
    /// a document, which `check` reports; any other failure is an error.
    func run(label: String) throws -> String {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", workload, "--out", out, "--scratch", scratch, "--repeat", String(repetitions)] + extraArguments
        let logPath = out + "/run.log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        process.standardOutput = log
        ReportFiles.warn(label, "\(executable) \(process.arguments!.joined(separator: " "))")
        try process.run()
        process.waitUntilExit()
        let document = out + "/latest/result.json"
        guard process.terminationReason == .exit, process.terminationStatus == 0 || process.terminationStatus == 1,
              FileManager.default.fileExists(atPath: document) else {
            throw ValidationError("\(label): \(executable) run \(workload) ended with status \(process.terminationStatus) "
                + "and no \(document) (log: \(logPath))")
        }
        return document
    }
}
