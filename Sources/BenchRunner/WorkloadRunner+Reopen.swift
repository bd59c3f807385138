import Foundation

extension WorkloadRunner {
    /// Closes and reopens every tenant of `backend` (a `reopen: true`
    /// phase); the note the phase carries about it, with how long it took.
    func reopenTenants(_ backend: any TenantBackend) throws -> String {
        let start = MonotonicClock.nanoseconds()
        try backend.reopen()
        let seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        return String(format: "every tenant was closed and reopened from disk before this phase (%.2f s)", seconds)
    }
}
