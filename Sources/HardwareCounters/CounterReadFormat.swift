/// Decoding of what read(2) returns from a perf_event fd, for the two read
/// formats vecbench uses. Pure functions over u64 words, so the arithmetic
/// is testable on synthetic buffers.
///
/// Group format (PERF_FORMAT_GROUP | TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING | ID),
/// read from the leader:
///
/// | word        | meaning                                   |
/// |-------------|-------------------------------------------|
/// | 0           | nr: number of events in the group         |
/// | 1           | time_enabled (ns), shared by the group    |
/// | 2           | time_running (ns), shared by the group    |
/// | 3 + 2i      | value of event i                          |
/// | 4 + 2i      | id of event i (PERF_EVENT_IOC_ID)         |
///
/// Single format (TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING | ID), read from
/// each fd — the fallback when a kernel refuses group reads with inherit:
///
/// | word | meaning      |
/// |------|--------------|
/// | 0    | value        |
/// | 1    | time_enabled |
/// | 2    | time_running |
/// | 3    | id           |
public enum CounterReadFormat {
    /// One event's raw reading: the count and the times it was enabled and
    /// actually on the PMU, all cumulative since open.
    public struct Entry: Sendable, Equatable {
        public var id: UInt64
        public var value: UInt64
        public var enabledNanos: UInt64
        public var runningNanos: UInt64

        public init(id: UInt64, value: UInt64, enabledNanos: UInt64, runningNanos: UInt64) {
            self.id = id
            self.value = value
            self.enabledNanos = enabledNanos
            self.runningNanos = runningNanos
        }
    }

    /// Words needed to read a group of `members` events.
    public static func groupWordCount(members: Int) -> Int { 3 + 2 * members }

    /// Words in a single-event read.
    public static let singleWordCount = 4

    /// Decodes a group read of `wordCount` valid words.
    public static func parseGroup(_ words: some Collection<UInt64>, event: String) throws(CounterError) -> [Entry] {
        let words = Array(words)
        guard words.count >= 3 else {
            throw .malformedRead(event: event, detail: "group read of \(words.count) words, need at least 3")
        }
        let count = words[0]
        guard count <= UInt64((words.count - 3) / 2), words.count >= groupWordCount(members: Int(count)) else {
            throw .malformedRead(
                event: event, detail: "group read says \(count) events but carries \(words.count) words")
        }
        let enabled = words[1]
        let running = words[2]
        return (0..<Int(count)).map { index in
            Entry(id: words[4 + 2 * index], value: words[3 + 2 * index], enabledNanos: enabled, runningNanos: running)
        }
    }

    /// Decodes a single-event read.
    public static func parseSingle(_ words: some Collection<UInt64>, event: String) throws(CounterError) -> Entry {
        let words = Array(words)
        guard words.count >= singleWordCount else {
            throw .malformedRead(event: event, detail: "read of \(words.count) words, need \(singleWordCount)")
        }
        return Entry(id: words[3], value: words[0], enabledNanos: words[1], runningNanos: words[2])
    }
}
