import BenchModel
import Foundation
import HardwareCounters
import MemoryModel
import VectorCore
import VectorIndex
import Workloads

/// Replays a measured phase's searches into the workload's memory models,
/// after the phase and apart from it: the timed operations never record.
///
/// The phase keeps a trace of its successful searches (thread, completion
/// order, tenant, query). Afterwards, once seals have settled, each
/// sampled search is searched again untimed through the engine's recording
/// overload, its addresses rebased (`SyntheticAddressMap`), and replayed
/// into every model: on core `thread mod cores`, in address space
/// `tenant mod processes`, in completion order. The whole trace is replayed
/// twice — a warm-up pass, then the counted one — so figures describe a
/// warm steady state, not first touches.
struct PhaseModeller {
    let specifications: [ModelSpecification]
    /// Address spaces when a model names no `processes`: 1 embedded, N for
    /// `workers: N`.
    var defaultProcesses = 1

    static let method = "after the phase, untimed: each sampled search searched again with its index accesses recorded "
        + "(addresses rebased to fixed synthetic ones), replayed in completion order on core thread mod cores and "
        + "address space tenant mod processes; a warm-up pass over the trace, then the counted pass; the engine state "
        + "is the phase's end, after seals settle"

    /// One `ModelledMemory` per specification: figures, or why there are none.
    func model(trace: [TracedSearch], backend: any TenantBackend, queries: [DenseMatrix<Float>], tenants: Int) -> [ModelledMemory] {
        func unavailable(_ reason: String) -> [ModelledMemory] {
            specifications.map { summary($0, selection: nil, cores: $0.cores ?? ProcessInfo.processInfo.activeProcessorCount,
                    spaces: $0.processes ?? defaultProcesses, unavailable: reason) }
        }
        guard let embedded = backend as? EmbeddedBackend else {
            return unavailable("not modelled: worker placement (the accesses happen inside the worker processes; "
                               + "run embedded with `processes:` to model tenants in many processes)")
        }
        guard !trace.isEmpty else { return unavailable("no search succeeded in the phase") }
        let start = MonotonicClock.nanoseconds()
        embedded.waitForSeals()
        var results: [ModelledMemory] = []
        var runs: [(index: Int, model: MemoryModel, processes: Int, selection: CPUSelection)] = []
        let ranges: [(name: String, range: Range<UInt>)]
        do {
            ranges = try embedded.indexArrayRanges(tenants: tenants)
        } catch {
            return unavailable("the index arrays could not be listed: \(error)")
        }
        let map = SyntheticAddressMap(ranges: ranges)
        let mappedSizes = specifications.contains { $0.pages == "mapped" } ? Self.mappedPageSizes(map.regions) : nil
        for (index, specification) in specifications.enumerated() {
            let cores = specification.cores ?? ProcessInfo.processInfo.activeProcessorCount
            let processes = specification.processes ?? defaultProcesses
            do {
                let selection = try CPUSelection.resolve(specification.cpu)
                guard let pcid = PCIDMode(rawValue: specification.pcid) else {
                    throw RunnerError.workload("unknown PCID mode '\(specification.pcid)'")
                }
                let model = try MemoryModel(cpu: selection.geometry, cores: cores, pcid: pcid, sample: specification.sample,
                                            defaultPageSize: specification.pages == "2m" ? .size2M : .size4K)
                for (r, region) in map.regions.enumerated() {
                    let size: PageSize = switch specification.pages {
                    case "2m": .size2M
                    case "4k": .size4K
                    default: mappedSizes?[r] ?? .size4K
                    }
                    try model.registerRegion(base: region.synthetic, length: region.real.count, pageSize: size)
                }
                runs.append((index, model, processes, selection))
            } catch {
                results.append(summary(specification, selection: nil, cores: cores, spaces: processes,
                                       unavailable: "the model could not be built: \(error)"))
            }
        }
        guard !runs.isEmpty else { return results }
        var recorder = SyntheticAccessLog(map: map)
        var replayNanoseconds: UInt64 = 0
        var replayedAccesses = 0
        var failure: String?
        passes: for pass in 0..<2 {
            if pass == 1 { for run in runs { run.model.resetStatistics() } }
            for (number, search) in trace.enumerated() {
                recorder.log.removeAll()
                if runs.contains(where: { $0.model.isSampled(operation: number) }) {
                    let query = queries[search.tenant].row(search.queryRow)
                    do {
                        _ = try embedded.search(tenant: search.tenant, query: query, k: search.k, ef: search.ef, accesses: &recorder)
                    } catch {
                        failure = "searching again for the model failed: \(error)"
                        break passes
                    }
                }
                let replayStart = MonotonicClock.nanoseconds()
                for run in runs {
                    do {
                        try MemoryModelBridge.replay(
                            recorder.log, operation: number, core: search.thread % run.model.cores,
                            addressSpace: search.tenant % run.processes, into: run.model)
                    } catch {
                        failure = "the model refused an operation: \(error)"
                        break passes
                    }
                    if pass == 1, run.model.isSampled(operation: number) { replayedAccesses += recorder.log.accesses.count }
                }
                replayNanoseconds += MonotonicClock.nanoseconds() - replayStart
            }
        }
        let overhead = Double(MonotonicClock.nanoseconds() - start) / 1e9
        for run in runs {
            let specification = specifications[run.index]
            if let failure {
                results.append(summary(specification, selection: run.selection, cores: run.model.cores, spaces: run.processes,
                                       unavailable: failure))
                continue
            }
            var result = summary(specification, selection: run.selection, cores: run.model.cores, spaces: run.processes,
                                 unavailable: nil)
            result.figures = Self.figures(run.model.statistics, overheadSeconds: overhead,
                                          replayRate: Double(replayedAccesses) / (Double(max(replayNanoseconds, 1)) / 1e9))
            if result.figures == nil { result.unavailable = "no sampled search was replayed (sample larger than the phase)" }
            results.append(result)
        }
        return results.sorted { a, b in
            (specifications.firstIndex { $0.name == a.name } ?? 0) < (specifications.firstIndex { $0.name == b.name } ?? 0)
        }
    }

    func summary(
        _ specification: ModelSpecification, selection: CPUSelection?, cores: Int, spaces: Int, unavailable: String?
    ) -> ModelledMemory {
        ModelledMemory(
            name: specification.name, cpu: selection?.geometry.name ?? specification.cpu,
            cpuOrigin: selection?.origin.rawValue ?? "preset", pcid: specification.pcid, sample: specification.sample,
            cores: cores, addressSpaces: spaces, pages: specification.pages, unavailable: unavailable, figures: nil,
            method: Self.method)
    }

    static func figures(_ statistics: MemoryModelStatistics, overheadSeconds: Double, replayRate: Double) -> ModelledMemory.Figures? {
        guard statistics.operations > 0 else { return nil }
        let total = statistics.total
        let n = Double(statistics.operations)
        return ModelledMemory.Figures(
            operations: statistics.operations, accessesPerOperation: Double(total.accesses) / n,
            l1dTLBMissesPerOperation: Double(total.l1dTLB.misses) / n, pageWalksPerOperation: Double(total.pageWalks) / n,
            l1dMissesPerOperation: Double(total.l1d.misses) / n, llcMissesPerOperation: Double(total.llc.misses) / n,
            l1dTLBHitRate: total.l1dTLB.hitRate, stlbHitRate: total.stlb.hitRate, l1dHitRate: total.l1d.hitRate,
            llcHitRate: total.llc.hitRate, addressSpaceSwitches: statistics.addressSpaceSwitches,
            flushes: statistics.fullFlushes + statistics.pcidFlushes, overheadSeconds: overheadSeconds,
            replayAccessesPerSecond: replayRate)
    }

    /// The page size smaps shows under each region (2 MiB when huge pages
    /// back at least half of its mappings, as `MemoryModelBridge` decides),
    /// from one read of smaps; nil when smaps cannot be read.
    static func mappedPageSizes(_ regions: [SyntheticAddressMap.Region]) -> [PageSize]? {
        guard !regions.isEmpty else { return [] }
        guard case .available(let all) = MappingCoverage.read(.addressRange(lower: 0, upper: UInt64.max)) else { return nil }
        let mappings = all.mappings.sorted { $0.start < $1.start }
        return regions.map { region in
            var size: UInt64 = 0, huge: UInt64 = 0
            for mapping in mappings where mapping.start < UInt64(region.real.upperBound) && mapping.end > UInt64(region.real.lowerBound) {
                size += mapping.size
                huge += mapping.hugeMapped
            }
            return size > 0 && huge * 2 >= size ? .size2M : .size4K
        }
    }
}
