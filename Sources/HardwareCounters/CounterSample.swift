/// One counter in a snapshot.
public struct CounterSample: Codable, Sendable, Equatable {
    /// Cumulative since the counter was opened.
    public struct Raw: Codable, Sendable, Equatable {
        public var value: UInt64
        public var enabledNanos: UInt64
        public var runningNanos: UInt64

        public init(value: UInt64, enabledNanos: UInt64, runningNanos: UInt64) {
            self.value = value
            self.enabledNanos = enabledNanos
            self.runningNanos = runningNanos
        }
    }

    public var name: String
    /// nil when the name could not be encoded.
    public var encoding: EventEncoding?
    /// The perf_event group the counter was opened in; nil when not opened.
    public var group: Int?
    /// nil when the counter could not be opened; `failure` says why.
    public var raw: Raw?
    public var failure: CounterStatus?

    public init(name: String, encoding: EventEncoding?, group: Int?, raw: Raw?, failure: CounterStatus?) {
        self.name = name
        self.encoding = encoding
        self.group = group
        self.raw = raw
        self.failure = failure
    }
}
