import Foundation
import Synchronization
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

/// Evicted collections close outside the engine's open lock, and a
/// collection is never open twice: an open of a name whose close is still
/// running waits for it.
@Suite("Engine closing outside the open lock")
struct EngineClosingTests {
    /// A hang guard, not a timing assertion: what a step may take on a
    /// loaded machine before the test calls it stuck.
    static let patience = DispatchTime.now() + .seconds(120)

    @Test("while an evicted collection closes, other tenants open; reopening it waits for the close")
    func reopenWaitsForClose() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, sync: .always, maximumOpen: 2))
        try engine.createCollections(["a", "b", "c", "d"], configuration: EngineFixtures.collection(threshold: 10_000))
        let a = try engine.collection("a")
        _ = try a.upsert(EngineFixtures.points(0..<5))
        _ = try engine.collection("b")

        let closingA = DispatchSemaphore(value: 0), releaseA = DispatchSemaphore(value: 0)
        let waitingForA = DispatchSemaphore(value: 0)
        engine.hooks.withLock { hooks in
            hooks.closing = { name in
                if name == "a" {
                    closingA.signal()
                    releaseA.wait()
                }
            }
            hooks.waitingForClose = { name in if name == "a" { waitingForA.signal() } }
        }
        // Opening c evicts a (least recently used); its close blocks in the hook.
        let openedC = DispatchSemaphore(value: 0)
        Thread { _ = try? engine.collection("c"); openedC.signal() }.start()
        #expect(closingA.wait(timeout: Self.patience) == .success)
        #expect(engine.state.withLock { $0.closing["a"] } != nil)
        // Meanwhile another tenant opens (it evicts b, which closes at once):
        // the open lock is not held by a's close.
        let openedD = DispatchSemaphore(value: 0)
        Thread { _ = try? engine.collection("d"); openedD.signal() }.start()
        #expect(openedD.wait(timeout: Self.patience) == .success)
        // Reopening a waits for its close.
        let reopened = Mutex<Collection?>(nil)
        let reopenedA = DispatchSemaphore(value: 0)
        Thread {
            let collection = try? engine.collection("a")
            reopened.withLock { $0 = collection }
            reopenedA.signal()
        }.start()
        #expect(waitingForA.wait(timeout: Self.patience) == .success)
        #expect(reopened.withLock { $0 } == nil)
        #expect(engine.state.withLock { $0.open["a"] } == nil)
        releaseA.signal()
        #expect(openedC.wait(timeout: Self.patience) == .success)
        #expect(reopenedA.wait(timeout: Self.patience) == .success)
        let again = try #require(reopened.withLock { $0 })
        #expect(again !== a)
        #expect(a.lock.withReadLock { a.isClosed })
        #expect(again.count == 5)
        engine.hooks.withLock { $0 = Engine.Hooks() }
        try engine.close()
    }

    @Test("threads opening, writing and searching 8 tenants under a bound of 2 never open one twice")
    func noDoubleOpen() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, sync: .never, maximumOpen: 2))
        let names = (0..<8).map { "t\($0)" }
        try engine.createCollections(names, configuration: EngineFixtures.collection(threshold: 10_000))
        let instances = Mutex<[String: [Collection]]>([:])
        let unexpected = Mutex<[String]>([])
        let written = Atomic<Int>(0)
        let group = DispatchGroup()
        for thread in 0..<6 {
            group.enter()
            Thread {
                defer { group.leave() }
                var generator = SeededGenerator(seed: UInt64(thread + 1))
                for step in 0..<300 {
                    let name = names[Int(generator.next() % UInt64(names.count))]
                    do {
                        let collection = try engine.collection(name)
                        instances.withLock { all in
                            if !(all[name] ?? []).contains(where: { $0 === collection }) { all[name, default: []].append(collection) }
                        }
                        if step % 3 == 0 {
                            let id = thread * 1_000 + step
                            _ = try collection.upsert(EngineFixtures.points(id..<id + 1))
                            written.add(1, ordering: .relaxed)
                        } else {
                            _ = try collection.search([Float](repeating: 0, count: 8), k: 3, ef: 16)
                        }
                    } catch EngineError.closed {
                        // Evicted between lookup and use: the caller asks again.
                    } catch EngineError.wal(_, .closed) {
                        // The same, caught by the WAL as the close ran.
                    } catch {
                        // A second open of a name would fail on its WAL's lock.
                        unexpected.withLock { $0.append("\(name): \(error)") }
                    }
                }
            }.start()
        }
        #expect(group.wait(timeout: Self.patience) == .success)
        #expect(unexpected.withLock { $0 }.isEmpty, "\(unexpected.withLock { $0 })")
        // At most one instance of each name is still open, and it is the engine's.
        let open = engine.state.withLock { $0.open }
        #expect(engine.state.withLock { $0.closing.isEmpty })
        #expect(open.count <= 2)
        for (name, all) in instances.withLock({ $0 }) {
            let live = all.filter { collection in !collection.lock.withReadLock { collection.isClosed } }
            #expect(live.count <= 1, "\(name): \(live.count) instances open")
            if let survivor = live.first { #expect(open[name] === survivor) }
        }
        let totals = try #require(engine.statistics().collectionWALs)
        #expect(totals.logsOpened - totals.logsClosed == UInt64(open.count))
        #expect(totals.appendCalls == UInt64(written.load(ordering: .relaxed)))
        try engine.close()
    }
}
