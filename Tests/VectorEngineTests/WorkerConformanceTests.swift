import Foundation
import Testing
@testable import VectorEngine

/// The adapter conformance suite, run against `vecbench serve` started as
/// an external command: vecbench's own worker must pass every check, and
/// the suite must be able to fail (a command that is not a worker).
@Suite("Worker conformance", .serialized)
struct WorkerConformanceTests {
    static func root() -> String {
        "/tmp/vb-conf-\(UUID().uuidString.prefix(8))"
    }

    @Test("vecbench serve, started as an external command, passes every check")
    func vecbenchServePasses() throws {
        let root = Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outcomes = WorkerConformance(command: [try CrashTests.vecbenchBinary(), "serve"], root: root).run()
        #expect(outcomes.count >= 20)
        for outcome in outcomes {
            #expect(outcome.status == .passed, "\(outcome)")
        }
        #expect(outcomes.map(\.name).contains("malformed: request before hello"))
        #expect(outcomes.last?.name == "shutdown")
    }

    @Test("a command that never listens fails at start, naming how it ended")
    func aNonWorkerFails() throws {
        let root = Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outcomes = WorkerConformance(command: ["/bin/sh", "-c", "echo not a worker >&2; exit 7"], root: root, timeoutSeconds: 10).run()
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.status == .failed)
        #expect(outcomes.first?.detail.contains("not a worker") == true, "\(outcomes)")
    }

    @Test("a worker that answers in its own pid is checked as itself; the adapter's arguments follow its command")
    func argumentsFollowTheCommand() throws {
        let root = Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let configuration = WorkerPoolConfiguration(executable: "/unused", root: root, workerCount: 1,
                                                    externalCommand: ["vecbench-missing-on-path", "--x"])
        #expect(configuration.leadingArguments == ["--x"])
        #expect(configuration.program == "vecbench-missing-on-path")
        #expect(throws: WorkerPoolError.self) { try WorkerPool.start(configuration) }
        let serve = WorkerPoolConfiguration(executable: "/bin/vecbench", root: root, workerCount: 1)
        #expect(serve.leadingArguments == ["serve"] && serve.program == "/bin/vecbench")
    }
}
