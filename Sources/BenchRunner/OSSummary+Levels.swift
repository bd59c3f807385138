import BenchModel
import VectorCore

extension OSSummary {
    /// Open files and memory maps of this process and the worker (or
    /// adapter) processes, the workers' own levels, and the data
    /// directories' disk use, allocated and apparent, at the end of a phase — each filled only when the probe
    /// left it out, so a probe that reads these levels itself wins.
    mutating func fillLevelsIfAbsent(processes: [Int32], dataPaths: [String]) {
        if workers == nil, !processes.isEmpty {
            let total = ProcessFootprint.sum(processes.map { ProcessFootprint.read(pid: $0) })
            let why = total.unavailable.first ?? "not read"
            func reading<T: BinaryInteger>(_ value: T?) -> Reading { value.map { Reading(value: Double($0)) } ?? Reading(unavailable: why) }
            workers = ProcessLevels(processes: processes.count, rssBytes: reading(total.rssBytes), openFiles: reading(total.openFiles),
                                    memoryMaps: reading(total.memoryMaps))
        }
        if openFiles == nil || memoryMaps == nil {
            let parts = [ProcessFootprint.read(parts: [.openFiles, .memoryMaps])]
                + processes.map { ProcessFootprint.read(pid: $0, parts: [.openFiles, .memoryMaps]) }
            let total = ProcessFootprint.sum(parts)
            let why = total.unavailable.first ?? "not read"
            if openFiles == nil { openFiles = total.openFiles.map { Reading(value: Double($0)) } ?? Reading(unavailable: why) }
            if memoryMaps == nil { memoryMaps = total.memoryMaps.map { Reading(value: Double($0)) } ?? Reading(unavailable: why) }
        }
        guard diskAllocatedBytes == nil || diskApparentBytes == nil else { return }
        do {
            let usage = try dataPaths.map { path throws(SystemError) in try DiskUsage.measure(path) }
            diskAllocatedBytes = Reading(value: Double(usage.reduce(0) { $0 + $1.allocatedBytes }))
            diskApparentBytes = Reading(value: Double(usage.reduce(0) { $0 + $1.apparentBytes }))
        } catch {
            diskAllocatedBytes = Reading(unavailable: "\(error)")
            diskApparentBytes = Reading(unavailable: "\(error)")
        }
    }
}
