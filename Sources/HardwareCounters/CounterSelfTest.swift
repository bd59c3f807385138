import VectorCore

/// Proves the counters count before anyone trusts them: touching N fresh
/// pages must count at least N page faults, and N sleeps at least N/2
/// context switches. Also measures the requested events over the same work
/// (plus a pointer chase over more memory than the TLB reaches with 4 KiB pages,
/// so hardware events have misses to see), so
/// `vecbench counters` shows every event's status on this machine.
public struct CounterSelfTest: Sendable {
    /// One expectation and what was observed.
    public struct Check: Codable, Sendable, Equatable {
        public var event: String
        public var expectation: String
        /// nil when the event has no value; `status` says why.
        public var observed: Double?
        public var status: CounterStatus
        public var passed: Bool
    }

    public struct Report: Codable, Sendable, Equatable {
        public var pagesTouched: Int
        public var sleeps: Int
        public var checks: [Check]
        /// The requested events over the self-test's work.
        public var reading: CounterDelta
        public var notes: [String]

        public var passed: Bool { checks.allSatisfy(\.passed) }
    }

    public var pages: Int
    public var sleeps: Int
    public var chaseBytes: Int

    public init(pages: Int = 512, sleeps: Int = 20, chaseBytes: Int = 8 << 20) {
        self.pages = pages
        self.sleeps = sleeps
        self.chaseBytes = chaseBytes
    }

    /// Opens `events` and a private software check set on this thread, runs
    /// the work, and reports both.
    public func run(
        events: [String], options: CounterOptions = CounterOptions(),
        environment: PerfEventEnvironment = .current()
    ) throws -> Report {
        let requested = try CounterSet(events: events, target: .currentThread, options: options, environment: environment)
        var checkOptions = options
        checkOptions.unknownEvents = .reject
        let check = try CounterSet(
            events: ["page-faults", "context-switches"], target: .currentThread, options: checkOptions,
            environment: environment)
        let requestedStart = try requested.snapshot()
        try requested.enable()
        try check.enable()
        // Each expectation is checked over its own stretch of work, so the
        // observed count is comparable to what was done.
        let beforePages = try check.snapshot()
        try CounterWorkload.touchFreshPages(pages)
        let afterPages = try check.snapshot()
        CounterWorkload.sleepRepeatedly(sleeps)
        let afterSleeps = try check.snapshot()
        let sink = CounterWorkload.chasePointers(bytes: chaseBytes, steps: 1 << 18)
        try check.disable()
        try requested.disable()
        let reading = requested.delta(from: requestedStart, to: try requested.snapshot())
        withExtendedLifetime(sink) {}

        let faults = check.delta(from: beforePages, to: afterPages)["page-faults"]
        let switches = check.delta(from: afterPages, to: afterSleeps)["context-switches"]
        let checks = [
            Self.check(faults, expectation: "≥ \(pages) page faults for \(pages) fresh pages", atLeast: Double(pages)),
            Self.check(
                switches, expectation: "≥ \(sleeps / 2) context switches for \(sleeps) sleeps",
                atLeast: Double(sleeps / 2)),
        ]
        return Report(
            pagesTouched: pages, sleeps: sleeps, checks: checks, reading: reading,
            notes: requested.notes + check.notes)
    }

    private static func check(_ value: CounterValue?, expectation: String, atLeast minimum: Double) -> Check {
        guard let value else {
            return Check(
                event: "?", expectation: expectation, observed: nil,
                status: .notCounted(reason: "missing from the check set"), passed: false)
        }
        let observed = value.value
        return Check(
            event: value.name, expectation: expectation, observed: observed, status: value.status,
            passed: (observed ?? -1) >= minimum)
    }
}
