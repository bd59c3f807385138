#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// Runs a command with counters attached, like `perf stat`: the counters are
/// opened on this thread with inherit + enable_on_exec, the command is
/// spawned with posix_spawn, and the kernel enables the inherited counters
/// in the child at exec — so the count covers the command (and everything it
/// starts) from its first instruction, and nothing of vecbench itself.
public struct CommandProfiler: Sendable {
    /// How the command ended.
    public enum Termination: Codable, Sendable, Equatable {
        case exited(code: Int32)
        case signaled(signal: Int32)

        /// The exit status a shell would report (128 + signal when killed).
        public var shellStatus: Int32 {
            switch self {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        }
    }

    public struct Profile: Codable, Sendable, Equatable {
        public var command: [String]
        public var termination: Termination
        /// Wall time from spawn to reaping.
        public var elapsedNanos: UInt64
        public var reading: CounterDelta
        /// User and system CPU time of the command as getrusage(CHILDREN)
        /// accounts it.
        public var usage: OSReading<ResourceUsage>
        public var notes: [String]
    }

    public var events: [String]
    public var options: CounterOptions

    public init(events: [String], options: CounterOptions = CounterOptions()) {
        self.events = events
        self.options = options
    }

    /// Opens the counters (throwing for unknown names when the options say
    /// so), runs `command` to completion with inherited stdio, and reads the
    /// counters after reaping it. SIGINT and SIGQUIT are ignored here while
    /// the command runs (it gets the default disposition), so Ctrl-C stops
    /// the command and the counts are still printed — as perf stat does.
    public func run(
        _ command: [String], environment: PerfEventEnvironment = .current()
    ) throws -> Profile {
        precondition(!command.isEmpty, "a command to run")
        let set = try CounterSet(
            events: events, target: .commandsSpawnedAfterwards, options: options, environment: environment)
        let usageBefore = ResourceUsage.read(.children)
        let start = try set.snapshot()

        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        let began = MonotonicClock.nanos()
        let pid = try spawn(command)
        var status: Int32 = 0
        _ = try SystemCall.run("waitpid", path: command[0]) { waitpid(pid, &status, 0) }
        let elapsed = MonotonicClock.nanos() - began

        let end = try set.snapshot()
        try set.disable()
        let usageAfter = ResourceUsage.read(.children)
        return Profile(
            command: command, termination: Self.termination(status), elapsedNanos: elapsed,
            reading: CounterDelta.delta(from: start, to: end),
            usage: usageBefore.combined(with: usageAfter, ResourceUsage.delta), notes: set.notes)
    }

    /// posix_spawnp with SIGINT/SIGQUIT reset to default and an empty signal
    /// mask in the child.
    private func spawn(_ command: [String]) throws(SystemError) -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The command starts with no signals blocked, whatever mask the
        // calling thread runs with (runtimes block signals in their threads).
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        try SystemCall.runReturningErrno("posix_spawn", path: command[0]) {
            arguments.withUnsafeBufferPointer { argv in
                posix_spawnp(&pid, command[0], nil, &attributes, argv.baseAddress!, environ)
            }
        }
        return pid
    }

    /// Decodes a waitpid status (the W* macros are not visible to Swift).
    static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        if signal == 0 { return .exited(code: (status >> 8) & 0xff) }
        return .signaled(signal: signal)
    }
}
