import BenchModel
import HardwareCounters

/// Counters and OS readings around one phase: opened before the phase's
/// executor threads start (so `inherit` counts them), read as snapshot
/// deltas, and attached to worker processes too (summed). A counter that
/// could not be opened or read is reported with its reason — never as zero.
final class PhaseProbe {
    let events: [String]
    private let local: CounterSet?
    private let workers: [CounterSet]
    private let openFailure: String?
    private let osProbe: OSSnapshot.Probe
    private let workerProcessIDs: [Int32]
    private var localStart: CounterSnapshot?
    private var workerStarts: [CounterSnapshot?] = []
    private var osStart: OSSnapshot?

    init(events: [String], workerCounters: CounterSet?, workerProcessIDs: [Int32], dataPaths: [String]) {
        self.events = events
        self.workerProcessIDs = workerProcessIDs
        osProbe = OSSnapshot.Probe(pid: nil, diskPaths: dataPaths)
        var failure: String?
        var local: CounterSet?
        var workers: [CounterSet] = []
        if !events.isEmpty {
            do {
                local = try CounterSet(events: events, target: .currentThread)
            } catch {
                failure = "\(error)"
            }
            if let workerCounters { workers.append(workerCounters) }
        }
        self.local = local
        self.workers = workers
        openFailure = failure
    }

    func begin() {
        osStart = OSSnapshot.capture(osProbe)
        localStart = try? local?.snapshot()
        workerStarts = workers.map { try? $0.snapshot() }
    }

    /// Counter measurements and OS summary for the phase; `operations`
    /// divides counters into per-operation figures.
    func end(operations: Int) -> (counters: [CounterMeasurement], os: OSSummary) {
        let osEnd = OSSnapshot.capture(osProbe)
        var readings: [CounterReading] = []
        var readFailure = openFailure
        if let local, let localStart {
            do { readings.append(local.delta(from: localStart, to: try local.snapshot())) } catch { readFailure = "\(error)" }
        }
        for (worker, start) in zip(workers, workerStarts) {
            guard let start else { continue }
            if let end = try? worker.snapshot() { readings.append(worker.delta(from: start, to: end)) }
        }
        let counters: [CounterMeasurement]
        if readings.isEmpty {
            let reason = readFailure ?? "counters were not opened"
            counters = events.map { CounterMeasurement(name: $0, status: .notCounted, reason: reason, value: nil, perOperation: nil, runningPercent: nil) }
        } else {
            let total = readings.count == 1 ? readings[0] : CounterReading.sum(readings)
            counters = total.values.map { value in
                CounterMeasurement(
                    name: value.name, status: CounterStatusCode(rawValue: value.status.code) ?? .notCounted, reason: value.status.reason, value: value.value,
                    perOperation: value.value.flatMap { operations > 0 ? $0 / Double(operations) : nil },
                    runningPercent: value.runningPercent)
            }
        }
        var os = Self.summary(OSPhaseReading.delta(from: osStart ?? osEnd, to: osEnd))
        // Memory of worker processes counts: the runner alone would hide
        // exactly the cost of spreading tenants over processes.
        for pid in workerProcessIDs {
            let memory = OSSnapshot.capture(OSSnapshot.Probe(pid: pid)).memory
            os.rssBytes = Self.add(os.rssBytes, memory.map { Double($0.rss) }, pid: pid)
            os.anonHugePageBytes = Self.add(os.anonHugePageBytes, memory.map { Double($0.anonHugePages) }, pid: pid)
        }
        return (counters, os)
    }

    /// A sum stays a number only while every part is one.
    static func add(_ total: Reading, _ part: OSReading<Double>, pid: Int32) -> Reading {
        switch (total.value, part) {
        case (let value?, .available(let more)): return Reading(value: value + more)
        case (_, .unavailable(let reason)): return Reading(unavailable: "worker \(pid): \(reason)")
        case (nil, _): return total
        }
    }

    static func summary(_ reading: OSPhaseReading) -> OSSummary {
        func read<T>(_ source: OSReading<T>, _ value: (T) -> Double?) -> Reading {
            switch source {
            case .available(let available):
                if let number = value(available) { return Reading(value: number) }
                return Reading(unavailable: "not reported by this kernel")
            case .unavailable(let reason):
                return Reading(unavailable: reason)
            }
        }
        let disk = reading.disks.first?.activity ?? .unavailable(reason: "no data directory device was probed")
        return OSSummary(
            rssBytes: read(reading.memoryAtEnd) { Double($0.rss) },
            anonHugePageBytes: read(reading.memoryAtEnd) { Double($0.anonHugePages) },
            minorFaults: read(reading.usage) { Double($0.minorFaults) },
            majorFaults: read(reading.usage) { Double($0.majorFaults) },
            voluntaryContextSwitches: read(reading.usage) { Double($0.voluntaryContextSwitches) },
            involuntaryContextSwitches: read(reading.usage) { Double($0.involuntaryContextSwitches) },
            readBytes: read(reading.io) { Double($0.readBytes) },
            writeBytes: read(reading.io) { Double($0.writeBytes) },
            diskWrites: read(disk) { Double($0.writes) },
            diskWriteWaitMilliseconds: read(disk) { $0.averageWriteWaitMillis })
    }
}
