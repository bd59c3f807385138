import CLinuxShims

/// The process's open-file limit (`RLIMIT_NOFILE`), read and raised through
/// the syscall funnel. A collection per tenant keeps files open per open
/// collection, so the limit decides how many tenants can be open at once:
/// the runner and every worker raise the soft limit to the hard one at
/// start, and a configuration that needs more than that is refused before
/// it loads (`OpenFileBudget`).
public struct OpenFileLimit: Sendable, Equatable, CustomStringConvertible {
    /// What the process may open now; nil means unlimited.
    public var soft: UInt64?
    /// What an unprivileged process may raise `soft` to; nil means unlimited.
    public var hard: UInt64?

    public init(soft: UInt64?, hard: UInt64?) {
        self.soft = soft
        self.hard = hard
    }

    public static func current() throws(SystemError) -> OpenFileLimit {
        var soft: UInt64 = 0, hard: UInt64 = 0
        _ = try SystemCall.run("getrlimit(RLIMIT_NOFILE)") { vb_get_open_file_limit(&soft, &hard) }
        return OpenFileLimit(soft: value(soft), hard: value(hard))
    }

    /// Raises the soft limit as far as the hard limit allows (a no-op when it
    /// is there already) and returns the limit now in force.
    @discardableResult
    public static func raiseSoftToHard() throws(SystemError) -> OpenFileLimit {
        var soft: UInt64 = 0, hard: UInt64 = 0
        _ = try SystemCall.run("getrlimit(RLIMIT_NOFILE)") { vb_get_open_file_limit(&soft, &hard) }
        if soft != hard {
            _ = try SystemCall.run("setrlimit(RLIMIT_NOFILE)") { vb_set_open_file_limit(hard, hard) }
        }
        return try current()
    }

    public var description: String {
        "RLIMIT_NOFILE soft \(soft.map(String.init) ?? "unlimited"), hard \(hard.map(String.init) ?? "unlimited")"
    }

    private static func value(_ raw: UInt64) -> UInt64? {
        raw == UInt64.max ? nil : raw
    }
}
