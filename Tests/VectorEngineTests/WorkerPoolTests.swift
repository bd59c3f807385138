import Foundation
import Testing
import VectorCore
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// Pools of real `vecbench serve` children: placement, isolation, restart,
/// and how a dead or stopped worker is reported (never a hang).
@Suite("Worker pool")
struct WorkerPoolTests {
    static func configuration(_ directory: TemporaryDirectory, workers: Int, placement: WorkerPlacementPolicy = .roundRobin,
                              arguments: [String] = ["--fsync", "never"], timeout: Double = 60) throws -> WorkerPoolConfiguration {
        WorkerPoolConfiguration(executable: try CrashTests.vecbenchBinary(), root: directory.path + "/pool", workerCount: workers,
                                placement: placement, serveArguments: arguments, requestTimeoutSeconds: timeout)
    }

    @Test("two workers, six tenants placed across them: each tenant's search sees only its own points; placement survives a restart")
    func tenantsAcrossWorkers() throws {
        let directory = TemporaryDirectory("pool")
        let tenants: [UInt32] = [11, 12, 13, 14, 15, 16]
        var owned: [UInt32: Set<UInt64>] = [:]
        do {
            let pool = try WorkerPool.start(try Self.configuration(directory, workers: 2))
            defer { pool.stop() }
            #expect(Set(pool.processIdentifiers).count == 2)
            #expect(!pool.processIdentifiers.contains(getpid()))
            for worker in pool.workers {
                try worker.client.createCollection("shared", configuration: EngineFixtures.collection(threshold: 200, perTenant: true))
            }
            for (position, tenant) in tenants.enumerated() {
                let points = EngineFixtures.points(position * 1_000..<position * 1_000 + 250, seed: UInt64(tenant), tenant: tenant)
                owned[tenant] = Set(points.map(\.id))
                _ = try pool.withWorker(forTenant: tenant) { client throws(WorkerClientError) in try client.upsert(points, into: "shared") }
            }
            #expect(pool.placedTenants.values.filter { $0 == 0 }.count == 3)
            #expect(pool.placedTenants.values.filter { $0 == 1 }.count == 3)
            for worker in pool.workers { try worker.client.waitForSeals() }
            // Each worker holds exactly its tenants' points: the data lives in separate processes.
            for (index, worker) in pool.workers.enumerated() {
                let expected = tenants.filter { pool.placedTenants[$0] == index }.count * 250
                #expect(try worker.client.count(of: "shared") == expected)
            }
            for (position, tenant) in tenants.enumerated() {
                let collection = try pool.collection("shared", forTenant: tenant)
                for query in EngineFixtures.points(90_000 + position * 10..<90_000 + position * 10 + 10, seed: 5) {
                    let hits = try collection.search(query.vector, k: 10, ef: 64, tenant: tenant)
                    #expect(hits.count == 10)
                    #expect(hits.allSatisfy { owned[tenant]!.contains($0.id) }, "tenant \(tenant) saw another tenant's points")
                }
            }
            #expect(pool.stop() == [.exited(code: 0), .exited(code: 0)])
        }
        // Same root, same size: every tenant is routed to the worker holding its data.
        let pool = try WorkerPool.start(try Self.configuration(directory, workers: 2))
        defer { pool.stop() }
        for tenant in tenants {
            let own = owned[tenant]!.min()!
            #expect(try pool.collection("shared", forTenant: tenant).get(own) != nil, "tenant \(tenant) lost after restart")
        }
        // Another size would strand tenants: refused.
        pool.stop()
        let resized = try Self.configuration(directory, workers: 3)
        do {
            _ = try WorkerPool.start(resized)
            Issue.record("a pool of another size started on the same placement")
        } catch {
            guard case .placement = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("hash placement is stable and spreads tenants")
    func hashPlacement() throws {
        var placement = WorkerPlacement(workerCount: 4, policy: .hash)
        let first = (0..<1_000).map { placement.place(UInt32($0)).worker }
        var again = WorkerPlacement(workerCount: 4, policy: .hash)
        #expect((0..<1_000).map { again.place(UInt32($0)).worker } == first)
        for worker in 0..<4 { #expect(first.filter { $0 == worker }.count > 150) }
    }

    @Test("a worker killed with SIGKILL is reported dead, with its signal, on the next request and on reconnect")
    func killedWorkerIsReported() throws {
        let directory = TemporaryDirectory("pool")
        let pool = try WorkerPool.start(try Self.configuration(directory, workers: 2))
        defer { pool.stop() }
        try pool.withWorker(at: 1) { client throws(WorkerClientError) in try client.ping() }
        pool.workers[1].signal(SIGKILL)
        // kill() only queues the signal: wait until the worker is gone for sure.
        #expect(pool.workers[1].waitForExit(upToSeconds: 60) == .signaled(signal: SIGKILL))
        // The pooled connection is dead: the next request fails at once.
        do {
            try pool.withWorker(at: 1) { client throws(WorkerClientError) in try client.ping() }
            Issue.record("a request to a killed worker succeeded")
        } catch {
            guard case .workerDied(let worker, let pid, let status, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(worker == 1 && pid == pool.processIdentifiers[1])
            #expect(status == .signaled(signal: SIGKILL))
        }
        // A fresh client finds nobody listening on the socket file left behind.
        let fresh = WorkerClient(socketPath: pool.workers[1].socketPath, timeoutSeconds: 60)
        guard case .unreachable(let path, let code) = WorkerServerTests.failure({ try fresh.ping() }) else {
            Issue.record("a fresh connection to a killed worker was not reported unreachable")
            return
        }
        #expect(path == pool.workers[1].socketPath && code == ECONNREFUSED)
        #expect(pool.deadWorkers().count == 1)
        // The other worker is unaffected.
        try pool.withWorker(at: 0) { client throws(WorkerClientError) in try client.ping() }
    }

    @Test("a stopped (SIGSTOP) worker is reported as timed out, not waited on forever")
    func stoppedWorkerTimesOut() throws {
        let directory = TemporaryDirectory("pool")
        let pool = try WorkerPool.start(try Self.configuration(directory, workers: 1, timeout: 0.5))
        defer { pool.stop() }
        let worker = pool.workers[0]
        try worker.client.ping()
        worker.signal(SIGSTOP)
        defer { worker.signal(SIGCONT) }
        #expect(Self.waitUntilStopped(worker.processIdentifier), "the worker never showed as stopped")
        guard case .timedOut(let path, let operation, _) = WorkerServerTests.failure({ try worker.client.ping() }) else {
            Issue.record("a request to a stopped worker did not time out")
            return
        }
        #expect(path == worker.socketPath && operation == "ping")
        worker.signal(SIGCONT)
        try worker.client.ping()
    }

    /// Waits (bounded) until /proc shows the process stopped ("T"), since
    /// kill() only queues SIGSTOP.
    static func waitUntilStopped(_ pid: Int32) -> Bool {
        for _ in 0..<6_000 {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "T" { return true }
            usleep(10_000)
        }
        return false
    }

    @Test("a worker that cannot start is reported with its exit status and first stderr lines")
    func startupFailureIsExplained() throws {
        let directory = TemporaryDirectory("pool")
        let misconfigured = try Self.configuration(directory, workers: 2, arguments: ["--fsync", "sometimes"])
        do {
            _ = try WorkerPool.start(misconfigured)
            Issue.record("a pool of misconfigured workers started")
        } catch {
            guard case .workerDied(let worker, _, let status, let lines) = error else { Issue.record("unexpected \(error)"); return }
            #expect(worker == 0)
            #expect(status != .exited(code: 0))
            #expect(lines.joined(separator: "\n").contains("--fsync"), "\(lines)")
        }
    }
}
