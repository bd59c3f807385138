import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// Injected write and sync failures (debug builds: the syscall funnel's
/// fault injection). Rules are keyed on this test's own directory.
@Suite("Engine failures")
struct FailureTests {
    @Test("a failed fdatasync or pwrite fails the write, makes the collection read-only, and loses nothing acknowledged",
          arguments: [("fdatasync", EIO), ("pwrite", ENOSPC)])
    func writeFailure(operation: String, code: Int32) throws {
        #if DEBUG
        let directory = TemporaryDirectory("fault")
        var acknowledged: [Point] = []
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path, sync: .always))
            let c = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 10_000))
            for batch in 0..<5 {
                let points = EngineFixtures.points(batch * 10..<batch * 10 + 10)
                _ = try c.upsert(points)
                acknowledged += points
            }
            let rule = FaultInjection.install(.init(operation: operation, pathPrefix: directory.path, errno: code, times: 1))
            defer { FaultInjection.remove(rule) }
            do {
                _ = try c.upsert(EngineFixtures.points(100..<110))
                Issue.record("the write was acknowledged despite the injected \(operation) failure")
            } catch {
                guard case .wal = error else { Issue.record("unexpected \(error)"); return }
            }
            // Read-only now: writes refused with the cause, searches still served.
            do {
                _ = try c.upsert(EngineFixtures.points(200..<201))
                Issue.record("a write after the failure was accepted")
            } catch {
                guard case .readOnly(let name, _) = error else { Issue.record("unexpected \(error)"); return }
                #expect(name == "c")
            }
            #expect(c.statistics().readOnlyCause != nil)
            #expect(try c.search(acknowledged[0].vector, k: 1, ef: 10).first?.id == acknowledged[0].id)
            try? engine.close()
        }
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, sync: .always))
        let c = try engine.collection("c")
        for point in acknowledged { #expect(c.get(point.id)?.vector == point.vector) }
        #expect(c.get(200) == nil)
        // Writable again after reopening.
        _ = try c.upsert(EngineFixtures.points(300..<301))
        try engine.close()
        #endif
    }
}
