/// What a counter's number means — or why there is none. Every counter value
/// vecbench reports carries one; a reading without a value always says why,
/// so a report never shows a silent zero.
public enum CounterStatus: Sendable, Hashable {
    /// The counter ran for the whole interval it was enabled: the value is exact.
    case counted
    /// The PMU was multiplexed: the counter ran for `runningPercent` of the
    /// time it was enabled and the value was scaled up by enabled/running.
    case scaled(runningPercent: Double)
    /// The counter was open but never ran in the interval (running time 0), so
    /// there is no value, not even an estimate.
    case notCounted(reason: String)
    /// The kernel refused the event: `errno` from perf_event_open and what it
    /// means on this machine (e.g. no CPU PMU exposed to a virtual machine).
    case unsupported(errno: Int32, reason: String)
    /// perf_event_open was refused for lack of privilege; `paranoid` is
    /// /proc/sys/kernel/perf_event_paranoid when it could be read.
    case permissionDenied(paranoid: Int?, reason: String)
    /// Neither libpfm4 nor perf knows an event of this name on this machine.
    case unknownEvent(name: String, reason: String)

    /// True when the reading carries a number (exact or scaled).
    public var hasValue: Bool {
        switch self {
        case .counted, .scaled: true
        default: false
        }
    }

    /// A stable identifier for documents and scripts.
    public var code: String {
        switch self {
        case .counted: "counted"
        case .scaled: "scaled"
        case .notCounted: "not-counted"
        case .unsupported: "unsupported"
        case .permissionDenied: "permission-denied"
        case .unknownEvent: "unknown-event"
        }
    }

    /// The words a person reads in a table, as perf stat prints them.
    public var label: String {
        switch self {
        case .counted: "counted"
        case .scaled(let percent): "scaled (\(CounterStatus.formatPercent(percent)) running)"
        case .notCounted: "<not counted>"
        case .unsupported: "<not supported>"
        case .permissionDenied: "<permission denied>"
        case .unknownEvent: "<unknown event>"
        }
    }

    /// Why there is no exact value; nil for `counted`.
    public var reason: String? {
        switch self {
        case .counted: nil
        case .scaled(let percent):
            "PMU multiplexed: counted \(CounterStatus.formatPercent(percent)) of the enabled time, value scaled by enabled/running"
        case .notCounted(let reason): reason
        case .unsupported(_, let reason): reason
        case .permissionDenied(_, let reason): reason
        case .unknownEvent(_, let reason): reason
        }
    }

    static func formatPercent(_ percent: Double) -> String {
        let rounded = (percent * 100).rounded() / 100
        return "\(rounded)%"
    }
}

extension CounterStatus: Codable {
    private enum CodingKeys: String, CodingKey {
        case status, runningPercent, errno, paranoid, name, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .status)
        switch self {
        case .counted:
            break
        case .scaled(let percent):
            try container.encode(percent, forKey: .runningPercent)
        case .notCounted(let reason):
            try container.encode(reason, forKey: .reason)
        case .unsupported(let errno, let reason):
            try container.encode(errno, forKey: .errno)
            try container.encode(reason, forKey: .reason)
        case .permissionDenied(let paranoid, let reason):
            try container.encodeIfPresent(paranoid, forKey: .paranoid)
            try container.encode(reason, forKey: .reason)
        case .unknownEvent(let name, let reason):
            try container.encode(name, forKey: .name)
            try container.encode(reason, forKey: .reason)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .status)
        switch code {
        case "counted":
            self = .counted
        case "scaled":
            self = .scaled(runningPercent: try container.decode(Double.self, forKey: .runningPercent))
        case "not-counted":
            self = .notCounted(reason: try container.decode(String.self, forKey: .reason))
        case "unsupported":
            self = .unsupported(
                errno: try container.decode(Int32.self, forKey: .errno),
                reason: try container.decode(String.self, forKey: .reason))
        case "permission-denied":
            self = .permissionDenied(
                paranoid: try container.decodeIfPresent(Int.self, forKey: .paranoid),
                reason: try container.decode(String.self, forKey: .reason))
        case "unknown-event":
            self = .unknownEvent(
                name: try container.decode(String.self, forKey: .name),
                reason: try container.decode(String.self, forKey: .reason))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: container, debugDescription: "unknown counter status \(code)")
        }
    }
}
