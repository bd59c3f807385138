/// How a counter set is opened.
public struct CounterOptions: Sendable, Equatable {
    /// What to do with a name libpfm4 cannot encode.
    public enum UnknownEventPolicy: Sendable, Equatable {
        /// Throw `CounterError.unknownEvent` — for names a person just typed.
        case reject
        /// Keep the event with status `unknownEvent` — for configured event
        /// lists that must run on machines whose PMU lacks some events.
        case report
    }

    /// How hardware and software groups are read.
    public enum GroupReadPolicy: Sendable, Equatable {
        /// One read per group (PERF_FORMAT_GROUP), falling back to one read
        /// per event where the kernel refuses group reads with inherit.
        case automatic
        /// One read per event, always (the fallback path, forced).
        case perEvent
    }

    public var scope: PrivilegeScope
    /// Count threads and processes the target starts after the set is opened.
    public var inherit: Bool
    public var unknownEvents: UnknownEventPolicy
    public var groupReads: GroupReadPolicy

    public init(
        scope: PrivilegeScope = .automatic, inherit: Bool = true, unknownEvents: UnknownEventPolicy = .reject,
        groupReads: GroupReadPolicy = .automatic
    ) {
        self.scope = scope
        self.inherit = inherit
        self.unknownEvents = unknownEvents
        self.groupReads = groupReads
    }
}
