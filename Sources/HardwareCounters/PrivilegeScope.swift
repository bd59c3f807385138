/// Which privilege levels events count when their name does not say (a name
/// such as "cycles:u" always wins).
public enum PrivilegeScope: String, Codable, Sendable, CaseIterable {
    /// User and kernel when this process may count the kernel (root,
    /// CAP_PERFMON, or perf_event_paranoid ≤ 1), otherwise user only — the
    /// same choice perf stat makes.
    case automatic
    /// User space only (perf's ":u").
    case user
    /// User space and kernel (perf's default when permitted).
    case userAndKernel

    /// The scope actually used on this machine.
    public func resolved(in environment: PerfEventEnvironment) -> PrivilegeScope {
        switch self {
        case .automatic: environment.mayCountKernel ? .userAndKernel : .user
        case .user, .userAndKernel: self
        }
    }
}
