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
public enum FaultInjection {
    public struct Rule: Sendable {
        public var operation: String
        public var pathSuffix: String?
        public var errno: Int32
        /// Calls that match but still succeed before the fault fires.
        public var skip: Int
        /// How many times the fault fires; nil for every later call.
        public var times: Int?

        public init(operation: String, pathSuffix: String? = nil, errno: Int32, skip: Int = 0, times: Int? = nil) {
            self.operation = operation
            self.pathSuffix = pathSuffix
            self.errno = errno
            self.skip = skip
            self.times = times
        }
    }

    @usableFromInline
    static let rules = Mutex<[Rule]>([])
    @usableFromInline
    static let active = Atomic<Bool>(false)

    /// Installs a rule (debug builds only; a no-op in release).
    public static func install(_ rule: Rule) {
        #if DEBUG
        rules.withLock { $0.append(rule) }
        active.store(true, ordering: .releasing)
        #endif
    }

    public static func reset() {
        rules.withLock { $0.removeAll() }
        active.store(false, ordering: .releasing)
    }

    @inlinable
    static func errno(for operation: StaticString, path: String?) -> Int32? {
        #if DEBUG
        guard active.load(ordering: .acquiring) else { return nil }
        return fire(operation.description, path)
        #else
        return nil
        #endif
    }

    @usableFromInline @inline(never)
    static func fire(_ operation: String, _ path: String?) -> Int32? {
        rules.withLock { rules in
            for index in rules.indices where rules[index].operation == operation {
                if let suffix = rules[index].pathSuffix, !(path ?? "").hasSuffix(suffix) { continue }
                if rules[index].skip > 0 { rules[index].skip -= 1; return nil }
                if let remaining = rules[index].times {
                    if remaining == 0 { continue }
                    rules[index].times = remaining - 1
                }
                return rules[index].errno
            }
            return nil
        }
    }
}
