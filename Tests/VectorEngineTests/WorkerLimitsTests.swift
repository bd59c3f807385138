import Foundation
import Testing
import VectorCore
import VectorIndex
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// The worker server's resource limits: sizes bounded where a request is
/// decoded, frame bodies allocated as they arrive, and a bound on the
/// request bytes held over all connections.
@Suite("Worker limits")
struct WorkerLimitsTests {
    /// A search request body with raw k, ef and dimension fields.
    static func searchBody(k: Int64, ef: Int64, dimension: UInt32, floats: Int) -> [UInt8] {
        var writer = WorkerMessageWriter(message: "test", tag: WorkerProtocol.RequestKind.search.rawValue)
        try! writer.append(shortString: "c", field: "name")
        writer.append(k)
        writer.append(ef)
        writer.append(false)
        writer.append(UInt32(0))
        writer.append(dimension)
        writer.append(floats: Array(repeating: 0, count: floats))
        return Array(try! writer.frame()[4...])
    }

    /// The field a decode refused, or nil when it decoded.
    static func refusedField(_ body: [UInt8]) -> String? {
        do {
            _ = try WorkerRequest.decode(body: body)
            return nil
        } catch {
            guard case .invalidValue(_, let field, _) = error else { return "(\(error))" }
            return field
        }
    }

    static func createBody(_ configuration: CollectionConfiguration) -> [UInt8] {
        let json = String(decoding: try! JSONEncoder().encode(configuration), as: UTF8.self)
        return Array(try! WorkerRequest.createCollection(name: "c", configurationJSON: json).encodedFrame()[4...])
    }

    @Test("every size past its InputLimit is refused where the request is decoded, naming the field")
    func decodeBounds() throws {
        #expect(Self.refusedField(Self.searchBody(k: 10, ef: 64, dimension: 2, floats: 2)) == nil)
        #expect(Self.refusedField(Self.searchBody(k: 1 << 31, ef: 64, dimension: 2, floats: 2)) == "k")
        #expect(Self.refusedField(Self.searchBody(k: 10, ef: 1 << 31, dimension: 2, floats: 2)) == "ef")
        #expect(Self.refusedField(Self.searchBody(k: -1, ef: 64, dimension: 2, floats: 2)) == "k")
        #expect(Self.refusedField(Self.searchBody(k: 10, ef: .max, dimension: 2, floats: 2)) == "ef")
        #expect(Self.refusedField(Self.searchBody(k: 10, ef: 64, dimension: 70_000, floats: 70_000)) == "dimension")

        let tooMany = (0..<(InputLimit.batch.range.upperBound + 1)).map { Point(id: UInt64($0), vector: [1]) }
        #expect(Self.refusedField(Array(try WorkerRequest.upsert(collection: "c", points: tooMany).encodedFrame()[4...])) == "count")
        let wide = [Point(id: 1, vector: Array(repeating: 0, count: InputLimit.dimension.range.upperBound + 1))]
        #expect(Self.refusedField(Array(try WorkerRequest.upsert(collection: "c", points: wide).encodedFrame()[4...])) == "length")
        let ids = (0..<UInt64(InputLimit.batch.range.upperBound + 1)).map { $0 }
        #expect(Self.refusedField(Array(try WorkerRequest.delete(collection: "c", ids: ids).encodedFrame()[4...])) == "count")

        let valid = CollectionConfiguration(dimension: 8)
        #expect(Self.refusedField(Self.createBody(valid)) == nil)
        var configuration = valid
        configuration.hnsw.efConstruction = 1_000_000_000_000
        #expect(Self.refusedField(Self.createBody(configuration)) == "configuration.hnsw.efConstruction")
        configuration = valid
        configuration.hnsw = HNSWParameters(m: 100_000)
        #expect(Self.refusedField(Self.createBody(configuration)) == "configuration.hnsw.m")
        configuration = valid
        configuration.dimension = 0
        #expect(Self.refusedField(Self.createBody(configuration)) == "configuration.dimension")
        configuration = valid
        configuration.maximumBatchSize = 1 << 40
        #expect(Self.refusedField(Self.createBody(configuration)) == "configuration.maximumBatchSize")
        configuration = valid
        configuration.sealBuildThreads = 1 << 20
        #expect(Self.refusedField(Self.createBody(configuration)) == "configuration.sealBuildThreads")
        let notJSON = Array(try WorkerRequest.createCollection(name: "c", configurationJSON: "{").encodedFrame()[4...])
        #expect(Self.refusedField(notJSON) == "configuration")
    }

    @Test("a search with k or ef = 2^31 and a collection with efConstruction 1e12 are refused; the worker lives on")
    func hostileSizesDoNotCrashTheWorker() throws {
        let directory = TemporaryDirectory("worker")
        let pool = try WorkerServerTests.startWorker(directory)
        defer { pool.stop() }
        let client = pool.workers[0].client
        try client.createCollection("c", configuration: EngineFixtures.collection(threshold: 50))
        _ = try client.upsert(EngineFixtures.points(0..<120), into: "c")
        try client.waitForSeals()
        let query = EngineFixtures.points(500..<501)[0].vector
        for (k, ef, field) in [(1 << 31, 64, "k"), (10, 1 << 31, "ef"), (1 << 31, 1 << 31, "k")] {
            guard case .protocolViolation(_, _, let reason) = WorkerServerTests.failure({
                try client.search(query, k: k, ef: ef, in: "c")
            }) else {
                Issue.record("k \(k), ef \(ef) was not refused")
                continue
            }
            #expect(reason.contains("field '\(field)'"), "\(reason)")
        }
        var hostile = EngineFixtures.collection(threshold: 50)
        hostile.hnsw.efConstruction = 1_000_000_000_000
        guard case .protocolViolation(_, _, let reason) = WorkerServerTests.failure({
            try client.createCollection("hostile", configuration: hostile)
        }) else {
            Issue.record("efConstruction 1e12 was not refused")
            return
        }
        #expect(reason.contains("configuration.hnsw.efConstruction"), "\(reason)")
        // Nothing was created, so no seal and no restart can trip on it.
        #expect(try client.collectionNames() == ["c"])
        #expect(try client.search(query, k: 5, ef: 32, in: "c").count == 5)
        #expect(pool.workers[0].exitStatus == nil)
    }

    /// Resident memory of a process, from /proc.
    static func residentBytes(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kib << 10
    }

    @Test("connections that announce frames of nearly 256 MiB and send nothing cost the worker no memory")
    func announcedLengthAllocatesNothing() throws {
        let directory = TemporaryDirectory("worker")
        let pool = try WorkerServerTests.startWorker(directory)
        defer { pool.stop() }
        let worker = pool.workers[0]
        let before = try #require(Self.residentBytes(worker.processIdentifier))
        let hello = try WorkerRequest.currentHello.encodedFrame()
        let announced = UInt32(WorkerProtocol.defaultMaximumFrameBytes - 1)
        var hostile: [WorkerSocket] = []
        defer { for socket in hostile { socket.close() } }
        for _ in 0..<4 {
            let socket = try WorkerSocket.connect(to: worker.socketPath)
            try socket.setTimeouts(receiveSeconds: 30, sendSeconds: 30)
            try socket.sendFrame(hello)
            _ = try socket.receiveFrame(maximumBytes: 1 << 20)
            // The length field, then the kind byte, then nothing more.
            try socket.send(withUnsafeBytes(of: announced.littleEndian, Array.init) + [WorkerProtocol.RequestKind.upsert.rawValue])
            hostile.append(socket)
        }
        // The connection threads read their length fields concurrently with
        // these round trips: watch the worker's memory across them.
        var largest = before
        for _ in 0..<20 {
            try worker.client.ping()
            largest = max(largest, Self.residentBytes(worker.processIdentifier) ?? 0)
            usleep(25_000)
        }
        // Four announced bodies would be a gigabyte; a piece each is kilobytes.
        #expect(largest - before < 64 << 20, "resident memory grew from \(before) to \(largest) bytes")
        #expect(worker.exitStatus == nil)
    }

    /// A server in this process, to watch its buffer budget.
    final class InProcessServer {
        let server: WorkerServer
        let finished = DispatchSemaphore(value: 0)

        init(_ directory: TemporaryDirectory, frameBytes: Int, bufferedBytes: Int) throws {
            server = try WorkerServer.start(
                socketPath: directory.path + "/s.sock", engine: EngineFixtures.configuration(directory.path + "/data"),
                maximumFrameBytes: frameBytes, maximumBufferedBytes: bufferedBytes)
            Thread { [server, finished] in
                try? server.run()
                finished.signal()
            }.start()
        }

        /// Waits (up to a generous bound) until `condition` holds.
        func wait(until condition: (WorkerBufferBudget) -> Bool) -> Bool {
            for _ in 0..<3_000 {
                if condition(server.bufferBudget) { return true }
                usleep(10_000)
            }
            return false
        }

        func stop() {
            server.requestShutdown()
            finished.wait()
        }
    }

    @Test("request bytes over all connections are bounded: the frame that would pass the bound is refused, the rest go on")
    func totalBufferBound() throws {
        let directory = TemporaryDirectory("worker")
        let limit = 1_000_000
        let host = try InProcessServer(directory, frameBytes: limit, bufferedBytes: limit)
        defer { host.stop() }
        let hello = try WorkerRequest.currentHello.encodedFrame()
        func greeted() throws -> WorkerSocket {
            let socket = try WorkerSocket.connect(to: host.server.socketPath)
            try socket.setTimeouts(receiveSeconds: 30, sendSeconds: 30)
            try socket.sendFrame(hello)
            _ = try socket.receiveFrame(maximumBytes: 1 << 20)
            return socket
        }
        let waiting = try greeted()
        defer { waiting.close() }
        let filling = try greeted()
        defer { filling.close() }
        // A frame as large as the whole budget, all but its last byte sent.
        var frame = withUnsafeBytes(of: UInt32(limit).littleEndian, Array.init) + [99]
        frame += Array(repeating: 0, count: limit - 2)
        try filling.send(frame)
        #expect(host.wait { $0.reserved == limit }, "the budget never filled: \(host.server.bufferBudget.reserved)")

        try waiting.sendFrame(try WorkerRequest.ping.encodedFrame())
        let body = try #require(try waiting.receiveFrame(maximumBytes: 1 << 20))
        guard case .protocolError(let kind, let message) = try WorkerResponse.decode(body: body, operation: "ping") else {
            Issue.record("a ping past the buffer bound was answered")
            return
        }
        #expect(kind == "bufferLimit", "\(message)")
        #expect(message.contains("--max-buffered-bytes"), "\(message)")

        // The large frame completes (as an unknown kind) and gives its bytes back.
        try filling.send([0])
        #expect(host.wait { $0.reserved == 0 }, "the budget was not released: \(host.server.bufferBudget.reserved)")
        let client = WorkerClient(socketPath: host.server.socketPath, timeoutSeconds: 30)
        try client.ping()
        client.close()
    }

    @Test("a frame body grows with the bytes that arrive, in pieces, and a peer that stops mid-frame is reported")
    func bodyGrowsAsItArrives() throws {
        let (sender, receiver) = try WorkerSocket.pair(label: "test")
        let budget = WorkerBufferBudget(limit: 1 << 30)
        let length = 300_000
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let thread = Thread {
            try? sender.send(withUnsafeBytes(of: UInt32(length).littleEndian, Array.init) + payload)
        }
        thread.start()
        let body = try #require(try receiver.receiveFrame(maximumBytes: 1 << 20, budget: budget))
        #expect(body == payload)
        #expect(budget.reserved == length)
        budget.release(body.count)

        try sender.send(withUnsafeBytes(of: UInt32(length).littleEndian, Array.init) + [1, 2, 3])
        sender.close()
        do {
            _ = try receiver.receiveFrame(maximumBytes: 1 << 20, budget: budget)
            Issue.record("a frame cut short was received")
        } catch {
            guard case .closedMidFrame(let received, let expected) = error else { Issue.record("unexpected \(error)"); return }
            #expect(received == 7 && expected == 4 + length)
        }
        #expect(budget.reserved == 0)
    }
}
