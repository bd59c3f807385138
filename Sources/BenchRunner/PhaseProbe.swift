import BenchModel
import HardwareCounters
import VectorCore

/// Counters and OS readings around one phase: opened on every thread of this
/// process before the phase's executor threads start (so `inherit` counts
/// them, and threads that already exist — seal pools, WAL flushers — are
/// counted too), enabled at `begin`, read as snapshot deltas, and attached
/// to worker processes too (summed). A counter that could not be opened or
/// read is reported with its reason — never as zero.
final class PhaseProbe {
    let events: [String]
    private let local: (any PhaseCounterSource)?
    private let workers: [any PhaseCounterSource]
    private let openFailure: String?
    private let osProbe: OSSnapshot.Probe
    private let workerProcessIDs: [Int32]
    private let dataPaths: [String]
    private var localStart: CounterSnapshot?
    private var workerStarts: [CounterSnapshot?] = []
    private var osStart: OSSnapshot?
    private var workerCPUStarts: [OSReading<ProcessCPUTime>] = []
    private var startNotes: [String] = []

    convenience init(events: [String], workerCounters: CounterSet?, workerProcessIDs: [Int32], dataPaths: [String]) {
        var failure: String?
        var local: ProcessThreadCounters?
        if !events.isEmpty {
            do {
                local = try ProcessThreadCounters(events: events)
            } catch {
                failure = "\(error)"
            }
        }
        let workers: [any PhaseCounterSource] = events.isEmpty ? [] : [workerCounters].compactMap { $0 }
        self.init(events: events, local: local, workers: workers, openFailure: failure,
                  workerProcessIDs: workerProcessIDs, dataPaths: dataPaths)
    }

    /// Around counter sources already opened (or that failed to open with
    /// `openFailure`).
    init(events: [String], local: (any PhaseCounterSource)?, workers: [any PhaseCounterSource], openFailure: String?,
         workerProcessIDs: [Int32], dataPaths: [String]) {
        self.events = events
        self.local = local
        self.workers = workers
        self.openFailure = openFailure
        self.workerProcessIDs = workerProcessIDs
        self.dataPaths = dataPaths
        osProbe = OSSnapshot.Probe(pid: nil, diskPaths: dataPaths)
    }

    func begin() {
        osStart = OSSnapshot.capture(osProbe)
        workerCPUStarts = workerProcessIDs.map { ProcessCPUTime.read(pid: $0) }
        startNotes = []
        if let local {
            do {
                try local.enable()
                localStart = try local.snapshot()
            } catch {
                localStart = nil
                startNotes.append("counters of this process not read at the start of the phase: \(error)")
            }
        }
        workerStarts = workers.enumerated().map { index, worker in
            do {
                try worker.enable()
                return try worker.snapshot()
            } catch {
                startNotes.append("counters of worker set \(index) not read at the start of the phase: \(error)")
                return nil
            }
        }
    }

    /// Counter measurements, OS summary and what the measurement wants said
    /// (counter groups split, snapshots that failed) for the phase;
    /// `operations` divides counters into per-operation figures.
    func end(operations: Int) -> (counters: [CounterMeasurement], os: OSSummary, notes: [String]) {
        let osEnd = OSSnapshot.capture(osProbe)
        var notes = (local?.notes ?? []) + workers.flatMap(\.notes) + startNotes
        var readings: [CounterDelta] = []
        var readFailure = openFailure
        if let local, let localStart {
            do { readings.append(local.delta(from: localStart, to: try local.snapshot())) } catch {
                readFailure = "\(error)"
                notes.append("counters of this process not read at the end of the phase: \(error)")
            }
        }
        for (index, (worker, start)) in zip(workers, workerStarts).enumerated() {
            guard let start else { continue }
            do { readings.append(worker.delta(from: start, to: try worker.snapshot())) } catch {
                notes.append("counters of worker set \(index) not read at the end of the phase: \(error)")
            }
        }
        let counters: [CounterMeasurement]
        if readings.isEmpty {
            let reason = readFailure ?? startNotes.first ?? "counters were not opened"
            counters = events.map { CounterMeasurement(name: $0, status: .notCounted, reason: reason, value: nil, perOperation: nil, runningPercent: nil) }
        } else {
            let total = readings.count == 1 ? readings[0] : CounterDelta.sum(readings)
            counters = total.values.map { value in
                CounterMeasurement(
                    name: value.name, status: CounterStatusCode(rawValue: value.status.code) ?? .notCounted, reason: value.status.reason, value: value.value,
                    perOperation: value.value.flatMap { operations > 0 ? $0 / Double(operations) : nil },
                    runningPercent: value.runningPercent)
            }
        }
        var os = Self.summary(OSDelta.delta(from: osStart ?? osEnd, to: osEnd))
        // Memory and CPU time of worker processes count: the runner alone
        // would hide exactly the cost of spreading tenants over processes.
        for (index, pid) in workerProcessIDs.enumerated() {
            let start = index < workerCPUStarts.count
                ? workerCPUStarts[index] : .unavailable(reason: "not read at the start of the phase")
            let used = start.combined(with: ProcessCPUTime.read(pid: pid), ProcessCPUTime.delta)
            os.userCPUMicros = Self.add(os.userCPUMicros ?? Reading(unavailable: "not read"), used.map { Double($0.userMicros) }, pid: pid)
            os.systemCPUMicros = Self.add(os.systemCPUMicros ?? Reading(unavailable: "not read"), used.map { Double($0.systemMicros) }, pid: pid)
            let memory = OSSnapshot.capture(OSSnapshot.Probe(pid: pid)).memory
            os.rssBytes = Self.add(os.rssBytes, memory.map { Double($0.rss) }, pid: pid)
            os.anonHugePageBytes = Self.add(os.anonHugePageBytes, memory.map { Double($0.anonHugePages) }, pid: pid)
        }
        addLevels(to: &os)
        return (counters, os, Self.unique(notes))
    }

    /// Open files and memory maps of this process and its workers, and the
    /// data directories' disk use, at the end of the phase.
    private func addLevels(to os: inout OSSummary) {
        let parts = [ProcessFootprint.read(parts: [.openFiles, .memoryMaps])]
            + workerProcessIDs.map { ProcessFootprint.read(pid: $0, parts: [.openFiles, .memoryMaps]) }
        let total = ProcessFootprint.sum(parts)
        let why = total.unavailable.first ?? "not read"
        os.openFiles = total.openFiles.map { Reading(value: Double($0)) } ?? Reading(unavailable: why)
        os.memoryMaps = total.memoryMaps.map { Reading(value: Double($0)) } ?? Reading(unavailable: why)
        do {
            let usage = try dataPaths.map { path throws(SystemError) in try DiskUsage.measure(path) }
            os.diskAllocatedBytes = Reading(value: Double(usage.reduce(0) { $0 + $1.allocatedBytes }))
            os.diskApparentBytes = Reading(value: Double(usage.reduce(0) { $0 + $1.apparentBytes }))
        } catch {
            os.diskAllocatedBytes = Reading(unavailable: "\(error)")
            os.diskApparentBytes = Reading(unavailable: "\(error)")
        }
    }

    /// Notes in first-seen order, each once (local and worker counter sets
    /// opened for the same events say the same thing).
    static func unique(_ notes: [String]) -> [String] {
        var seen = Set<String>()
        return notes.filter { seen.insert($0).inserted }
    }

    /// A sum stays a number only while every part is one.
    static func add(_ total: Reading, _ part: OSReading<Double>, pid: Int32) -> Reading {
        switch (total.value, part) {
        case (let value?, .available(let more)): return Reading(value: value + more)
        case (_, .unavailable(let reason)): return Reading(unavailable: "worker \(pid): \(reason)")
        case (nil, _): return total
        }
    }

    static func summary(_ reading: OSDelta) -> OSSummary {
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
            diskWriteWaitMilliseconds: read(disk) { $0.averageWriteWaitMillis },
            userCPUMicros: read(reading.usage) { Double($0.userMicros) },
            systemCPUMicros: read(reading.usage) { Double($0.systemMicros) })
    }
}
