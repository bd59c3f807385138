import BenchModel
import HardwareCounters

extension CounterEventEntry {
    /// The document's record of one counter over an interval of `intervalNanos`.
    public init(_ value: CounterValue, intervalNanos: UInt64) {
        var errno: Int32?
        var paranoid: Int?
        switch value.status {
        case .unsupported(let code, _): errno = code
        case .permissionDenied(let setting, _): paranoid = setting
        default: break
        }
        let perSecond = value.value.flatMap { count in intervalNanos > 0 ? count / (Double(intervalNanos) / 1e9) : nil }
        self.init(
            name: value.name, status: CounterStatusCode(rawValue: value.status.code) ?? .notCounted,
            label: value.status.label, reason: value.status.reason, errno: errno, paranoid: paranoid,
            value: value.value, rawValue: value.rawValue, perSecond: perSecond, runningPercent: value.runningPercent,
            enabledNanos: value.enabledNanos, runningNanos: value.runningNanos, group: value.group,
            encoding: value.encoding.map(Self.describe))
    }

    static func describe(_ encoding: EventEncoding) -> Encoding {
        Encoding(
            type: encoding.type, typeName: typeName(encoding.type), config: hex(encoding.config),
            config1: encoding.config1 == 0 ? nil : hex(encoding.config1),
            config2: encoding.config2 == 0 ? nil : hex(encoding.config2),
            libpfm: encoding.libpfmString, pmu: encoding.pmu, privilege: encoding.privilegeLevels)
    }

    /// perf_event_attr.type as perf names it.
    static func typeName(_ type: UInt32) -> String {
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

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
