/// The document of `vecbench counters`: the machine, the self-test that
/// proves counters count, and every requested event with its status.
public struct CountersDocument: Codable, Sendable, Equatable {
    /// One self-test expectation and what was observed.
    public struct Check: Codable, Sendable, Equatable {
        public var event: String
        public var expectation: String
        public var observed: Double?
        public var status: CounterStatusCode
        /// The status as a table prints it; nil in older documents.
        public var label: String?
        public var reason: String?
        public var passed: Bool

        public init(event: String, expectation: String, observed: Double?, status: CounterStatusCode, label: String?,
                    reason: String?, passed: Bool) {
            self.event = event
            self.expectation = expectation
            self.observed = observed
            self.status = status
            self.label = label
            self.reason = reason
            self.passed = passed
        }
    }

    public var libpfmAPIVersion: String
    public var environment: CounterEnvironment
    public var pmuSummary: String
    public var libpfmPMUs: [CounterPMU]
    /// The self-test's work: fresh pages touched and sleeps (nil in older documents).
    public var pagesTouched: Int?
    public var sleeps: Int?
    public var selfTestPassed: Bool
    public var selfTest: [Check]
    public var notes: [String]
    public var events: [CounterEventEntry]

    public init(libpfmAPIVersion: String, environment: CounterEnvironment, pmuSummary: String, libpfmPMUs: [CounterPMU],
                pagesTouched: Int?, sleeps: Int?, selfTestPassed: Bool, selfTest: [Check], notes: [String],
                events: [CounterEventEntry]) {
        self.libpfmAPIVersion = libpfmAPIVersion
        self.environment = environment
        self.pmuSummary = pmuSummary
        self.libpfmPMUs = libpfmPMUs
        self.pagesTouched = pagesTouched
        self.sleeps = sleeps
        self.selfTestPassed = selfTestPassed
        self.selfTest = selfTest
        self.notes = notes
        self.events = events
    }
}
