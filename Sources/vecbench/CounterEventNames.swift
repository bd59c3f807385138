import ArgumentParser
import HardwareCounters

/// Rejects names nobody knows before anything runs, with libpfm4's view of
/// why (the PMUs it searched), as perf does for a bad -e.
enum CounterEventNames {
    static func validate(_ names: [String]) throws {
        guard !names.isEmpty else { throw ValidationError("no events given") }
        let environment = PerfEventEnvironment.current()
        for name in names {
            do {
                _ = try EventEncoder.encode(name, scope: .automatic, environment: environment)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}
