import CLibPfm
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Encodes event names the way perf and libpfm4 spell them — generic
/// ("dTLB-load-misses", "cycles"), software ("page-faults") and native PMU
/// events ("DTLB_LOAD_MISSES:WALK_COMPLETED") — into perf_event encodings
/// with `pfm_get_os_event_encoding(PFM_OS_PERF_EVENT_EXT)`.
public enum EventEncoder {
    /// libpfm4 is initialised once per process; its tables are global and
    /// it is not documented as thread-safe, so every call holds this lock.
    private static let library = Mutex<LibraryState>(LibraryState())

    private struct LibraryState {
        var initialization: Result<Void, CounterError>?
    }

    /// Encodes one event. Privilege levels come from `scope` unless the name
    /// carries its own modifiers (":u", ":k", "u=1").
    public static func encode(
        _ name: String, scope: PrivilegeScope, environment: PerfEventEnvironment
    ) throws(CounterError) -> EventEncoding {
        let trimmed = name.trimmed
        guard !trimmed.isEmpty else {
            throw .unknownEvent(name: name, reason: "empty event name")
        }
        let privilegeMask: Int32 =
            switch scope.resolved(in: environment) {
            case .userAndKernel: Int32(PFM_PLM3 | PFM_PLM0)
            default: Int32(PFM_PLM3)
            }
        let outcome: Result<EventEncoding, CounterError> = library.withLock { state in
            if case .failure(let error) = initialize(&state) { return .failure(error) }
            var raw = vb_pfm_encoding()
            let code = vb_pfm_encode(trimmed, privilegeMask, &raw)
            defer { free(raw.fstr) }
            guard code == PFM_SUCCESS else {
                return .failure(unknownEventError(name: trimmed, code: code, environment: environment))
            }
            let qualified = raw.fstr.map { String(cString: $0) } ?? trimmed
            return .success(
                EventEncoding(
                    name: trimmed, libpfmString: qualified, pmu: pmuName(raw.pmu),
                    type: raw.type, config: raw.config, config1: raw.config1, config2: raw.config2,
                    excludeUser: raw.exclude_user != 0, excludeKernel: raw.exclude_kernel != 0,
                    excludeHypervisor: raw.exclude_hv != 0, excludeGuest: raw.exclude_guest != 0,
                    excludeHost: raw.exclude_host != 0, preciseIP: raw.precise_ip))
        }
        return try outcome.get()
    }

    /// The PMUs libpfm4 detected on this machine (always including its
    /// generic "perf" PMU; a CPU model's PMU only where the CPU exposes one).
    public static func detectedPMUs() throws(CounterError) -> [DetectedPMU] {
        let outcome: Result<[DetectedPMU], CounterError> = library.withLock { state in
            if case .failure(let error) = initialize(&state) { return .failure(error) }
            return .success(presentPMUs())
        }
        return try outcome.get()
    }

    /// libpfm4's API version as "major.minor" (pfm_get_version reports the
    /// interface, 4.0 for every 4.x release, not the package version).
    public static var apiVersion: String {
        let version = pfm_get_version()
        return "\((version >> 16) & 0xffff).\(version & 0xffff)"
    }

    private static func initialize(_ state: inout LibraryState) -> Result<Void, CounterError> {
        if let done = state.initialization { return done }
        let code = pfm_initialize()
        let result: Result<Void, CounterError> =
            code == PFM_SUCCESS
            ? .success(())
            : .failure(.libraryUnavailable(reason: "pfm_initialize: \(String(cString: pfm_strerror(code)))"))
        state.initialization = result
        return result
    }

    private static func presentPMUs() -> [DetectedPMU] {
        var found: [DetectedPMU] = []
        for id in 0..<vb_pfm_pmu_max() {
            var info = vb_pfm_pmu()
            guard vb_pfm_pmu_info(id, &info) == PFM_SUCCESS, info.is_present != 0 else { continue }
            found.append(
                DetectedPMU(
                    name: info.name.map { String(cString: $0) } ?? "pmu\(id)",
                    description: info.desc.map { String(cString: $0) } ?? "",
                    kind: DetectedPMU.Kind(libpfmType: info.type),
                    eventCount: Int(info.nevents),
                    genericCounters: Int(info.num_counters),
                    fixedCounters: Int(info.num_fixed_counters)))
        }
        return found
    }

    private static func pmuName(_ id: Int32) -> String {
        var info = vb_pfm_pmu()
        guard id >= 0, vb_pfm_pmu_info(id, &info) == PFM_SUCCESS, let name = info.name else { return "unknown" }
        return String(cString: name)
    }

    /// A name libpfm4 cannot encode. The reason names the PMUs it looked in,
    /// so "DTLB_LOAD_MISSES:WALK_COMPLETED" on a VM reads as "no CPU PMU to
    /// look in", not as a typo.
    private static func unknownEventError(
        name: String, code: Int32, environment: PerfEventEnvironment
    ) -> CounterError {
        let pmus = presentPMUs()
        let searched = pmus.map(\.name).joined(separator: ", ")
        let libpfmText = String(cString: pfm_strerror(code))
        var reason: String
        switch code {
        case PFM_ERR_NOTFOUND:
            reason = "libpfm4 finds no such event in the PMUs it detected (\(searched))"
            if !pmus.contains(where: { $0.kind == .core }) {
                reason += "; libpfm4 detected no CPU-model PMU, so native events cannot be encoded here"
                if environment.cpuPMU == nil { reason += " (\(environment.noCPUPMUReason))" }
            }
        case PFM_ERR_UMASK, PFM_ERR_ATTR, PFM_ERR_ATTR_VAL, PFM_ERR_ATTR_SET, PFM_ERR_FEATCOMB:
            reason = "libpfm4 knows the event but not these modifiers or unit masks: \(libpfmText)"
        default:
            reason = "libpfm4: \(libpfmText)"
        }
        return .unknownEvent(name: name, reason: reason)
    }
}
