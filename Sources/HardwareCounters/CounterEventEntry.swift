
/// One event in the JSON of `vecbench counters` and `vecbench stat`: its
/// name, status, the reason whenever the value is not an exact count, and
/// the value (null when there is none — never a stand-in zero).
public struct CounterEventEntry: Codable, Sendable {
    public struct Encoding: Codable, Sendable {
        public var type: UInt32
        public var typeName: String
        public var config: String
        public var config1: String?
        public var config2: String?
        public var libpfm: String
        public var pmu: String
        public var privilege: String
    }

    public var name: String
    public var status: String
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

    public init(_ value: CounterValue, intervalNanos: UInt64) {
        name = value.name
        status = value.status.code
        reason = value.status.reason
        switch value.status {
        case .unsupported(let code, _): errno = code
        case .permissionDenied(let setting, _): paranoid = setting
        default: break
        }
        self.value = value.value
        rawValue = value.rawValue
        if let count = value.value, intervalNanos > 0 { perSecond = count / (Double(intervalNanos) / 1e9) }
        runningPercent = value.runningPercent
        enabledNanos = value.enabledNanos
        runningNanos = value.runningNanos
        group = value.group
        encoding = value.encoding.map(Self.describe)
    }

    public static func describe(_ encoding: EventEncoding) -> Encoding {
        Encoding(
            type: encoding.type, typeName: typeName(encoding.type), config: hex(encoding.config),
            config1: encoding.config1 == 0 ? nil : hex(encoding.config1),
            config2: encoding.config2 == 0 ? nil : hex(encoding.config2),
            libpfm: encoding.libpfmString, pmu: encoding.pmu, privilege: encoding.privilegeLevels)
    }

    public static func typeName(_ type: UInt32) -> String {
        switch type {
        case 0: "hardware"
        case 1: "software"
        case 2: "tracepoint"
        case 3: "hw-cache"
        case 4: "raw"
        case 5: "breakpoint"
        default: "pmu-\(type)"
        }
    }

    public static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
