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

    @Test("the commit is read in a linked worktree too, whose .git is a file pointing into the main repository")
    func commitInWorktree() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vb-wt-\(UUID().uuidString)").path
        let main = root + "/main", linked = root + "/linked"
        try FileManager.default.createDirectory(atPath: main, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func git(_ arguments: String...) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", main, "-c", "user.email=t@t", "-c", "user.name=t"] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try git("init", "-q")
        try "a".write(toFile: main + "/file", atomically: true, encoding: .utf8)
        _ = try git("add", "file")
        _ = try git("commit", "-q", "-m", "one")
        _ = try git("worktree", "add", "-q", "-b", "side", linked)
        try "b".write(toFile: linked + "/file", atomically: true, encoding: .utf8)
        let head = try git("rev-parse", "HEAD")
        #expect(head.count == 40)
        #expect(RunContextProbe.gitCommit(from: main) == head)
        #expect(RunContextProbe.gitCommit(from: linked) == head, "the worktree's HEAD names the branch it was made on")
    }
}
