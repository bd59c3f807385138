/// What an engine behind the worker protocol reports about itself in its
/// own terms (request kind 16, `adapterStatistics`): named figures such as
/// Qdrant's segment and indexed-point counts, and for each figure it cannot
/// give, why. JSON on the wire:
///
/// ```json
/// {"engine": "qdrant-edge 0.9.0",
///  "figures": {"segments": 3, "indexed_points": 200},
///  "unavailable": {"fsyncs": "qdrant-edge does not count its fsyncs"}}
/// ```
///
/// Figures are numbers (a count, bytes, or a level at the time of asking);
/// names are snake_case. An adapter never sends 0 for a figure it does not
/// know: it names it under `unavailable` with the reason.
public struct WorkerAdapterStatistics: Codable, Sendable, Equatable {
    /// The engine and its version, as the adapter names it.
    public var engine: String
    public var figures: [String: Double]
    public var unavailable: [String: String]

    public init(engine: String, figures: [String: Double], unavailable: [String: String] = [:]) {
        self.engine = engine
        self.figures = figures
        self.unavailable = unavailable
    }

    /// `engine: a=1 b=2; unavailable: c (why)` in key order, for notes.
    public var summary: String {
        let known = figures.keys.sorted().map { key in
            let value = figures[key]!
            return value == value.rounded() && abs(value) < 1e15 ? "\(key)=\(Int(value))" : "\(key)=\(value)"
        }
        let missing = unavailable.keys.sorted().map { "\($0) (\(unavailable[$0]!))" }
        return "\(engine): " + known.joined(separator: " ") + (missing.isEmpty ? "" : "; unavailable: " + missing.joined(separator: ", "))
    }
}
