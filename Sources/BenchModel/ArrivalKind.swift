/// How a phase offers its operations.
public enum ArrivalKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    /// As fast as they are served, by a fixed number of threads.
    case closed
    /// At times an arrival process chose, whether or not the engine keeps up;
    /// latency is measured from those intended times.
    case open
}
