import CLinuxShims
import Synchronization

/// The one funnel every syscall goes through: it retries `EINTR`, turns a
/// failure into a `SystemError` naming the operation and path, and (in debug
/// builds) lets tests inject errors such as ENOSPC or EIO into chosen
/// operations without touching the code under test.
public enum SystemCall {
    /// Runs `call`, which returns -1 and sets errno on failure (the libc
    /// convention), retrying on EINTR.
    @inlinable
    public static func run<Result: BinaryInteger>(
        _ operation: StaticString, path: String? = nil, _ call: () -> Result
    ) throws(SystemError) -> Result {
        while true {
            if let injected = FaultInjection.errno(for: operation, path: path) {
                throw SystemError(operation: operation.description, path: path, errno: injected)
            }
            let result = call()
            if result != -1 { return result }
            let code = vb_errno()
            if code == EINTR { continue }
            throw SystemError(operation: operation.description, path: path, errno: code)
        }
    }

    /// Runs `call`, which returns 0 on success or an errno value (the pthread /
    /// posix_fallocate convention).
    @inlinable
    public static func runReturningErrno(
        _ operation: StaticString, path: String? = nil, _ call: () -> Int32
    ) throws(SystemError) {
        while true {
            if let injected = FaultInjection.errno(for: operation, path: path) {
                throw SystemError(operation: operation.description, path: path, errno: injected)
            }
            let code = call()
            if code == 0 { return }
            if code == EINTR { continue }
            throw SystemError(operation: operation.description, path: path, errno: code)
        }
    }
}

/// Debug-only error injection for the syscall funnel. A rule names an
/// operation (as passed to `SystemCall.run`, e.g. "fdatasync"), optionally a
/// path suffix, the errno to return, and how many calls to let through first.
/// Release builds compile the check to nothing.
///
/// Rules are process-wide and test suites run in parallel, so each test
/// should key its rules on a path suffix inside its own temporary directory
/// and remove exactly the rules it installed (`remove(_:)` or `withRule`),
/// never `reset()` what other suites may be relying on.
public enum FaultInjection {
    public struct Rule: Sendable {
        public var operation: String
        public var pathSuffix: String?
        /// Matches only paths under this prefix (a test's own directory).
        public var pathPrefix: String?
        public var errno: Int32
        /// Calls that match but still succeed before the fault fires.
        public var skip: Int
        /// How many times the fault fires; nil for every later call.
        public var times: Int?

        public init(
            operation: String, pathSuffix: String? = nil, pathPrefix: String? = nil, errno: Int32, skip: Int = 0, times: Int? = nil
        ) {
            self.operation = operation
            self.pathSuffix = pathSuffix
            self.pathPrefix = pathPrefix
            self.errno = errno
            self.skip = skip
            self.times = times
        }
    }

    /// Identifies one installed rule, for `remove(_:)`.
    public struct Handle: Hashable, Sendable {
        let id: UInt64
    }

    struct Installed: Sendable {
        var handle: Handle
        var rule: Rule
        var fired = 0
    }

    static let rules = Mutex<(next: UInt64, installed: [Installed])>((0, []))
    @usableFromInline
    static let active = Atomic<Int>(0)

    /// Installs a rule (debug builds only; a no-op in release) and returns
    /// the handle that removes it.
    @discardableResult
    public static func install(_ rule: Rule) -> Handle {
        rules.withLock { state in
            state.next += 1
            let handle = Handle(id: state.next)
            #if DEBUG
            state.installed.append(Installed(handle: handle, rule: rule))
            active.store(state.installed.count, ordering: .releasing)
            #endif
            return handle
        }
    }

    /// Removes one rule; returns how many times it fired.
    @discardableResult
    public static func remove(_ handle: Handle) -> Int {
        rules.withLock { state in
            guard let index = state.installed.firstIndex(where: { $0.handle == handle }) else { return 0 }
            let fired = state.installed.remove(at: index).fired
            active.store(state.installed.count, ordering: .releasing)
            return fired
        }
    }

    /// Runs `body` with `rule` installed, removing it afterwards.
    public static func withRule<Result>(_ rule: Rule, _ body: () throws -> Result) rethrows -> Result {
        let handle = install(rule)
        defer { remove(handle) }
        return try body()
    }

    /// Removes every rule of every caller. For single-purpose processes
    /// (a crash-test child), not for tests that share a process.
    public static func reset() {
        rules.withLock { $0.installed.removeAll() }
        active.store(0, ordering: .releasing)
    }

    @inlinable
    static func errno(for operation: StaticString, path: String?) -> Int32? {
        #if DEBUG
        guard active.load(ordering: .acquiring) > 0 else { return nil }
        return fire(operation.description, path)
        #else
        return nil
        #endif
    }

    @usableFromInline @inline(never)
    static func fire(_ operation: String, _ path: String?) -> Int32? {
        rules.withLock { state in
            for index in state.installed.indices where state.installed[index].rule.operation == operation {
                var rule = state.installed[index].rule
                if let suffix = rule.pathSuffix, !(path ?? "").hasSuffix(suffix) { continue }
                if let prefix = rule.pathPrefix, !(path ?? "").hasPrefix(prefix) { continue }
                if rule.skip > 0 {
                    rule.skip -= 1
                    state.installed[index].rule = rule
                    return nil
                }
                if let remaining = rule.times {
                    if remaining == 0 { continue }
                    rule.times = remaining - 1
                }
                state.installed[index].rule = rule
                state.installed[index].fired += 1
                return rule.errno
            }
            return nil
        }
    }
}
