import Foundation
import Testing
@testable import BenchRunner

@Suite("Run context")
struct RunContextProbeTests {
    @Test("the context records the command line, and a dirty flag only inside a git checkout")
    func commandLineAndDirtyFlag() throws {
        let context = RunContextProbe.current()
        #expect(context.commandLine == CommandLine.arguments)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("vb-nogit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(RunContextProbe.gitDirty(in: outside) == nil, "no checkout, no claim")
    }

    @Test("a checkout with a changed tracked file is dirty; a clean one is not")
    func dirtyCheckout() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vb-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory, "-c", "user.email=t@t", "-c", "user.name=t"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        try git("init", "-q")
        try "a".write(toFile: directory + "/file", atomically: true, encoding: .utf8)
        try git("add", "file")
        try git("commit", "-q", "-m", "one")
        #expect(RunContextProbe.gitDirty(in: directory) == false)
        try "b".write(toFile: directory + "/file", atomically: true, encoding: .utf8)
        #expect(RunContextProbe.gitDirty(in: directory) == true)
    }
}
