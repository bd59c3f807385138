import CLinuxShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
        /// Matches only paths containing this (e.g. `/segments/segment-`).
        public var pathContains: String?
        /// Instead of failing the call, the process kills itself with
        /// SIGKILL before making it: a crash at a named point (crash tests run
        /// the binary as a child; see `installFromEnvironment`).
        public var kill: Bool

        public init(
            operation: String, pathSuffix: String? = nil, pathPrefix: String? = nil, errno: Int32, skip: Int = 0, times: Int? = nil,
            pathContains: String? = nil, kill: Bool = false
        ) {
            self.operation = operation
            self.pathSuffix = pathSuffix
            self.pathPrefix = pathPrefix
            self.errno = errno
            self.skip = skip
            self.times = times
            self.pathContains = pathContains
            self.kill = kill
        }

        /// Parses `operation[:path-fragment][#skip]=kill|<errno>`: the call
        /// `operation` on a path containing `path-fragment` (ending with it,
        /// if the fragment ends in `$`), after letting
        /// `skip` matching calls through (e.g. `rename:/segments/segment-#1=kill`
        /// dies at the second segment publish). nil if malformed.
        public init?(parsing text: String) {
            guard let equals = text.lastIndex(of: "=") else { return nil }
            var target = String(text[..<equals])
            let action = String(text[text.index(after: equals)...])
            var skip = 0
            if let hash = target.lastIndex(of: "#") {
                guard let count = Int(target[target.index(after: hash)...]), count >= 0 else { return nil }
                skip = count
                target = String(target[..<hash])
            }
            var fragment: String?
            if let colon = target.firstIndex(of: ":") {
                fragment = String(target[target.index(after: colon)...])
                target = String(target[..<colon])
            }
            guard !target.isEmpty else { return nil }
            // A fragment ending in `$` must end the path.
            var suffix: String?
            if let text = fragment, text.hasSuffix("$") {
                suffix = String(text.dropLast())
                fragment = nil
            }
            if action == "kill" {
                self.init(operation: target, pathSuffix: suffix, errno: 0, skip: skip, pathContains: fragment, kill: true)
            } else if let code = Int32(action), code > 0 {
                self.init(operation: target, pathSuffix: suffix, errno: code, skip: skip, pathContains: fragment)
            } else {
                return nil
            }
        }
    }

    /// The environment variable `installFromEnvironment` reads: rules in
    /// `Rule(parsing:)` form, separated by `;`.
    public static let environmentVariable = "VECBENCH_FAULT_INJECTION"

    /// Installs the rules named in `VECBENCH_FAULT_INJECTION` (debug builds
    /// only; release builds ignore it). For crash tests that run the binary
    /// as a child and want it to die at a named point. Returns how many
    /// rules were installed; a malformed rule is an error naming it.
    @discardableResult
    public static func installFromEnvironment() throws(SystemError) -> Int {
        #if DEBUG
        guard let value = getenv(environmentVariable) else { return 0 }
        var count = 0
        for text in String(cString: value).split(separator: ";") {
            guard let rule = Rule(parsing: String(text)) else {
                throw SystemError(operation: "\(environmentVariable)=\(text)", path: nil, errno: EINVAL)
            }
            install(rule)
            count += 1
        }
        return count
        #else
        return 0
        #endif
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
                if let fragment = rule.pathContains, !(path ?? "").contains(fragment) { continue }
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
                if rule.kill { Glibc.kill(getpid(), SIGKILL) }
                return rule.errno
            }
            return nil
        }
    }
}
