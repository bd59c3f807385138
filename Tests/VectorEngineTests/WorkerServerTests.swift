import Foundation
import Synchronization
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// One real `vecbench serve` child per test (a pool of one worker), driven
/// through `WorkerClient` and compared with an embedded engine fed the same
/// operations.
@Suite("Worker server")
struct WorkerServerTests {
    /// Starts one worker under a fresh directory (`--fsync never`: these
    /// tests are about the protocol, not durability).
    static func startWorker(_ directory: TemporaryDirectory, arguments: [String] = [], timeout: Double = 60) throws -> WorkerPool {
        try WorkerPool.start(WorkerPoolConfiguration(
            executable: try CrashTests.vecbenchBinary(), root: directory.path + "/pool", workerCount: 1,
            serveArguments: ["--fsync", "never"] + arguments, requestTimeoutSeconds: timeout))
    }

    /// The client error of a call that must fail.
    static func failure<Result>(_ body: () throws -> Result) -> WorkerClientError? {
        do {
            let result = try body()
            Issue.record("expected a failure, got \(result)")
        } catch let error as WorkerClientError {
            return error
        } catch {
            Issue.record("expected a WorkerClientError, got \(error)")
        }
        return nil
    }

    @Test("create, upsert, search, get, count, delete through the socket equal the same calls on an embedded engine")
    func roundTripMatchesEmbedded() throws {
        let directory = TemporaryDirectory("worker")
        let pool = try Self.startWorker(directory)
        defer { pool.stop() }
        let client = pool.workers[0].client
        let embeddedEngine = try Engine.open(EngineFixtures.configuration(directory.path + "/embedded"))
        defer { try? embeddedEngine.close() }

        let configuration = EngineFixtures.collection(threshold: 200)
        try client.createCollection("docs", configuration: configuration)
        let embedded = try embeddedEngine.createCollection("docs", configuration: configuration)
        let remote = client.collection("docs")
        let points = EngineFixtures.points(0..<700)
        for start in stride(from: 0, to: points.count, by: 100) {
            let batch = Array(points[start..<start + 100])
            let remoteAck = try remote.upsert(batch)
            let embeddedAck = try embedded.upsert(batch)
            #expect(remoteAck == embeddedAck)
            // Seal at the same points on both sides, so the segments match.
            try client.waitForSeals()
            embeddedEngine.waitForSeals()
        }
        #expect(try remote.delete([3, 250, 9_999]) == (try embedded.delete([3, 250, 9_999])))
        #expect(try remote.count == embedded.count)
        #expect(try remote.count == 698)
        for query in EngineFixtures.points(5_000..<5_030, seed: 9) {
            let remoteHits = try remote.search(query.vector, k: 10, ef: 64)
            #expect(remoteHits.count == 10)
            #expect(remoteHits == (try embedded.search(query.vector, k: 10, ef: 64)))
        }
        for id: UInt64 in [0, 3, 17, 250, 699, 9_999] {
            let remoteValue = try remote.get(id), embeddedValue = embedded.get(id)
            #expect(remoteValue?.vector == embeddedValue?.vector && remoteValue?.version == embeddedValue?.version, "id \(id)")
        }
        #expect(try remote.get(17)?.vector == points[17].vector)
        let statistics = try remote.statistics()
        #expect(statistics.livePoints == 698)
        #expect(statistics.sealedSegments == embedded.statistics().sealedSegments)
        #expect(statistics.sealedSegments >= 2)
        #expect(try client.collectionNames() == ["docs"])
        #expect(try client.engineStatistics().collections == 1)
        #expect(client.serverProcessIdentifier == pool.processIdentifiers[0])
    }

    @Test("engine errors come back with the engine's own message and kind; the connection keeps serving")
    func engineErrorsPropagate() throws {
        let directory = TemporaryDirectory("worker")
        let pool = try Self.startWorker(directory)
        defer { pool.stop() }
        let client = pool.workers[0].client
        let embeddedEngine = try Engine.open(EngineFixtures.configuration(directory.path + "/embedded"))
        defer { try? embeddedEngine.close() }
        try client.createCollection("c", configuration: EngineFixtures.collection())
        let embedded = try embeddedEngine.createCollection("c", configuration: EngineFixtures.collection())
        _ = try client.upsert(EngineFixtures.points(0..<5), into: "c")

        func expectRemote(_ error: WorkerClientError?, kind: String, message: String) {
            guard case .remote(let path, _, let actualKind, let actualMessage) = error else {
                Issue.record("expected a remote engine error, got \(String(describing: error))")
                return
            }
            #expect(actualKind == kind)
            #expect(actualMessage == message)
            #expect(path == pool.workers[0].socketPath)
        }
        func engineMessage(_ body: () throws -> Void) -> String {
            do { try body(); return "(no error)" } catch { return "\(error)" }
        }

        var wrongDimension = EngineFixtures.points(10..<13)
        wrongDimension[1].vector.removeLast()
        expectRemote(Self.failure { try client.upsert(wrongDimension, into: "c") }, kind: "invalidVector",
                     message: engineMessage { _ = try embedded.upsert(wrongDimension) })
        expectRemote(Self.failure { try client.search([1, 2, 3], k: 5, ef: 10, in: "c") }, kind: "wrongQueryDimension",
                     message: "c: query has dimension 3, collection has 8")
        // A size past its InputLimit never reaches the engine: the frame is refused naming the field.
        guard case .protocolViolation(_, "search", let reason) = Self.failure({
            try client.search(Array(repeating: 0, count: 8), k: 0, ef: 10, in: "c")
        }) else {
            Issue.record("k = 0 was not refused as a protocol violation")
            return
        }
        #expect(reason.contains("field 'k': 0 is out of range"), "\(reason)")
        expectRemote(Self.failure { try client.count(of: "nope") }, kind: "unknownCollection", message: "no collection named 'nope'")
        expectRemote(Self.failure { try client.createCollection("c", configuration: EngineFixtures.collection()) },
                     kind: "collectionExists", message: "collection 'c' already exists")
        var badTenant = EngineFixtures.points(20..<22)
        badTenant[0].tenant = Point.noTenant
        expectRemote(Self.failure { try client.upsert(badTenant, into: "c") }, kind: "reservedTenant",
                     message: engineMessage { _ = try embedded.upsert(badTenant) })
        // Nothing of the refused batches was applied, and the worker still serves.
        #expect(try client.count(of: "c") == 5)
        try client.ping()
    }

    @Test("an oversized or malformed frame gets a protocol error and a closed connection; the server keeps serving")
    func malformedFramesAreRefused() throws {
        let directory = TemporaryDirectory("worker")
        let limit = 4_096
        let pool = try Self.startWorker(directory, arguments: ["--max-frame-bytes", "\(limit)"])
        defer { pool.stop() }
        let client = pool.workers[0].client
        try client.createCollection("c", configuration: EngineFixtures.collection())
        let socketPath = pool.workers[0].socketPath
        let hello = try WorkerRequest.currentHello.encodedFrame()

        /// Sends `frames` on a fresh connection; the last response must be a
        /// protocol error of `kind`, followed by the server closing.
        func expectRefusal(_ frames: [[UInt8]], kind: String, _ label: String) throws {
            let socket = try WorkerSocket.connect(to: socketPath)
            defer { socket.close() }
            try socket.setTimeouts(receiveSeconds: 30, sendSeconds: 30)
            var last: WorkerResponse?
            for frame in frames {
                try socket.sendFrame(frame)
                guard let body = try socket.receiveFrame(maximumBytes: 1 << 20) else {
                    Issue.record("\(label): connection closed without a response")
                    return
                }
                last = try WorkerResponse.decode(body: body, operation: label)
            }
            guard case .protocolError(let actualKind, let message) = last else {
                Issue.record("\(label): expected a protocol error, got \(String(describing: last))")
                return
            }
            #expect(actualKind == kind, "\(label): \(message)")
            // Closed: end of stream, or a reset when the server left bytes unread.
            do {
                let next = try socket.receiveFrame(maximumBytes: 1 << 20)
                #expect(next == nil, "\(label): the server should close the connection")
            } catch {
                guard case .system(let failure) = error, failure.errno == ECONNRESET else {
                    Issue.record("\(label): \(error)")
                    return
                }
            }
        }

        // A length past the limit is refused before its body is read.
        try expectRefusal([hello, [0x00, 0x00, 0x10, 0x00]],
                          kind: "frameTooLarge", "oversized")
        var truncatedSearch = try WorkerRequest.search(collection: "c", query: [1, 2, 3, 4, 5, 6, 7, 8], k: 3, ef: 10, tenant: nil)
            .encodedFrame()
        truncatedSearch.removeLast(6)
        let length = UInt32(truncatedSearch.count - 4)
        truncatedSearch.replaceSubrange(0..<4, with: [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), 0, 0])
        try expectRefusal([hello, truncatedSearch], kind: "malformedFrame", "truncated search")
        try expectRefusal([hello, [1, 0, 0, 0, 99]], kind: "unknownKind", "unknown kind")
        try expectRefusal([try WorkerRequest.ping.encodedFrame()], kind: "helloRequired", "ping before hello")
        try expectRefusal([try WorkerRequest.hello(magic: Array("XXXX".utf8), version: 1).encodedFrame()],
                          kind: "versionMismatch", "bad magic")
        try expectRefusal([hello, [0, 0, 0, 0]], kind: "malformedFrame", "empty frame")

        // The client refuses to send past the limit the worker announced.
        let big = EngineFixtures.points(0..<200)
        guard case .requestTooLarge(_, _, let bytes, let announced) = Self.failure({ try client.upsert(big, into: "c") }) else {
            Issue.record("an upsert past the frame limit was not refused by the client")
            return
        }
        #expect(bytes > limit && announced == limit)
        // Through all of that, the worker kept serving.
        _ = try client.upsert(EngineFixtures.points(0..<10), into: "c")
        #expect(try client.count(of: "c") == 10)
    }

    @Test("many threads through one client: a connection each, served concurrently")
    func concurrentClients() throws {
        let directory = TemporaryDirectory("worker")
        let pool = try Self.startWorker(directory)
        defer { pool.stop() }
        let client = pool.workers[0].client
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            do {
                let name = "t\(thread)"
                try client.createCollection(name, configuration: EngineFixtures.collection(threshold: 10_000))
                let points = EngineFixtures.points(thread * 1_000..<thread * 1_000 + 300, seed: UInt64(thread))
                for start in stride(from: 0, to: 300, by: 50) {
                    _ = try client.upsert(Array(points[start..<start + 50]), into: name)
                    let hit = try client.search(points[start].vector, k: 1, ef: 16, in: name)
                    if hit.first?.id != points[start].id { failures.withLock { $0.append("\(name): own point not found") } }
                }
                if try client.count(of: name) != 300 { failures.withLock { $0.append("\(name): wrong count") } }
            } catch {
                failures.withLock { $0.append("thread \(thread): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try client.engineStatistics().collections == 4)
    }

    @Test("a shutdown request and SIGTERM both stop the worker cleanly: exit 0, socket removed, data durable")
    func cleanShutdown() throws {
        let directory = TemporaryDirectory("worker")
        for useSignal in [false, true] {
            let pool = try Self.startWorker(directory)
            let worker = pool.workers[0]
            if !useSignal {
                try worker.client.createCollection("c", configuration: EngineFixtures.collection(threshold: 150))
            }
            _ = try worker.client.upsert(EngineFixtures.points(useSignal ? 200..<400 : 0..<200), into: "c")
            if useSignal {
                worker.signal(SIGTERM)
            } else {
                try worker.client.shutdown()
            }
            #expect(worker.waitForExit(upToSeconds: 60) == .exited(code: 0), "\(worker.standardErrorHead())")
            #expect(!FileManager.default.fileExists(atPath: worker.socketPath))
            pool.stop()
        }
        // Everything written before both stops is there (written, not synced: the engine was closed cleanly).
        let engine = try Engine.open(EngineFixtures.configuration(directory.path + "/pool/worker-0"))
        defer { try? engine.close() }
        let collection = try engine.collection("c")
        #expect(collection.count == 400)
        #expect(collection.get(321)?.vector == EngineFixtures.points(200..<400)[121].vector)
    }

    @Test("a second server on a live socket refuses to start; a stale socket file is taken over")
    func socketOwnership() throws {
        let directory = TemporaryDirectory("worker")
        let pool = try Self.startWorker(directory)
        let socketPath = pool.workers[0].socketPath
        let second = Process()
        second.executableURL = URL(fileURLWithPath: try CrashTests.vecbenchBinary())
        second.arguments = ["serve", "--socket", socketPath, "--data", directory.path + "/second"]
        let standardError = Pipe()
        second.standardError = standardError
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        second.waitUntilExit()
        let text = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus != 0)
        #expect(text.contains("another worker server is live on \(socketPath)"), "\(text)")
        try pool.workers[0].client.ping()

        // Killed, the worker leaves its socket file behind; the next one removes it and serves.
        pool.workers[0].signal(SIGKILL)
        pool.workers[0].waitForExit(upToSeconds: 60)
        #expect(FileManager.default.fileExists(atPath: socketPath))
        pool.stop()
        let restarted = try Self.startWorker(directory)
        defer { restarted.stop() }
        try restarted.workers[0].client.ping()
    }
}
