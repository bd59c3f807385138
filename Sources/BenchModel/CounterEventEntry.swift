/// One event in the documents of `vecbench counters` and `vecbench stat`:
/// its name, status, the reason whenever the value is not an exact count,
/// and the value (null when there is none — never a stand-in zero).
public struct CounterEventEntry: Codable, Sendable, Equatable {
    /// How the event was encoded for perf_event_open.
    public struct Encoding: Codable, Sendable, Equatable {
        public var type: UInt32
        public var typeName: String
        public var config: String
        public var config1: String?
        public var config2: String?
        public var libpfm: String
        public var pmu: String
        public var privilege: String

        public init(type: UInt32, typeName: String, config: String, config1: String?, config2: String?,
                    libpfm: String, pmu: String, privilege: String) {
            self.type = type
            self.typeName = typeName
            self.config = config
            self.config1 = config1
            self.config2 = config2
            self.libpfm = libpfm
            self.pmu = pmu
            self.privilege = privilege
        }
    }

    public var name: String
    public var status: CounterStatusCode
    /// The status as a table prints it ("counted", "scaled (62.5% running)",
    /// "<not supported>"); nil in documents written before it was kept.
    public var label: String?
    public var reason: String?
    public var errno: Int32?
    public var paranoid: Int?
    public var value: Double?
    public var rawValue: UInt64?
    public var perSecond: Double?
    public var runningPercent: Double?
    public var enabledNanos: UInt64
    public var runningNanos: UInt64
    public var group: Int?
    public var encoding: Encoding?

    public init(name: String, status: CounterStatusCode, label: String?, reason: String?, errno: Int32?, paranoid: Int?,
                value: Double?, rawValue: UInt64?, perSecond: Double?, runningPercent: Double?, enabledNanos: UInt64,
                runningNanos: UInt64, group: Int?, encoding: Encoding?) {
        self.name = name
        self.status = status
        self.label = label
        self.reason = reason
        self.errno = errno
        self.paranoid = paranoid
        self.value = value
        self.rawValue = rawValue
        self.perSecond = perSecond
        self.runningPercent = runningPercent
        self.enabledNanos = enabledNanos
        self.runningNanos = runningNanos
        self.group = group
        self.encoding = encoding
    }
}
