extension TenantBackend {
    /// A backend that cannot close and reopen its tenants says so, so a
    /// `reopen: true` phase fails loudly instead of measuring a warm engine
    /// as a restarted one.
    func reopen() throws {
        throw RunnerError.workload("reopen: \(type(of: self)) cannot close and reopen its tenants")
    }
}
