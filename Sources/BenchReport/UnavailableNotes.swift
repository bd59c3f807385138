/// Numbered reasons for cells that have no value, so a narrow console or
/// Markdown table can say "n/a [1]" and give the reason once underneath.
struct UnavailableNotes {
    private(set) var reasons: [String] = []

    /// The cell text for `value` formatted by `format`, or "n/a [n]".
    mutating func cell(_ value: MetricValue?, _ format: (Double) -> String) -> String {
        switch value {
        case .value(let number): return format(number)
        case .unavailable(let reason): return "n/a [\(number(for: reason))]"
        case nil: return "–"
        }
    }

    mutating func number(for reason: String) -> Int {
        if let existing = reasons.firstIndex(of: reason) { return existing + 1 }
        reasons.append(reason)
        return reasons.count
    }

    /// "[1] unavailable — reason" lines.
    func lines(prefix: String = "") -> String {
        reasons.enumerated().map { "\(prefix)[\($0.offset + 1)] unavailable — \($0.element)\n" }.joined()
    }
}
