import Foundation
import VectorCore
import Yams

/// One YAML node being read against the workload schema: the node (which
/// carries its line and column), the file it came from and its field path.
/// Every accessor either returns a checked value or throws a
/// `WorkloadError` that points at this node.
///
/// Why not `Decodable`: decoding loses node positions, and an error that
/// says "phases[1].mix" without the line is half an error.
struct SchemaNode {
    let node: Node
    let file: String
    let path: String

    func error(_ message: String) -> WorkloadError {
        WorkloadError(file: file, line: node.mark?.line, column: node.mark?.column, fieldPath: path, message: message)
    }

    func child(_ key: String, _ node: Node) -> SchemaNode {
        SchemaNode(node: node, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    func element(_ index: Int, _ node: Node) -> SchemaNode {
        SchemaNode(node: node, file: file, path: path + "[\(index)]")
    }

    // MARK: Scalars

    /// The text of an unquoted scalar (JSON numbers, booleans and null are
    /// unquoted too); nil for quoted scalars, mappings and lists.
    var plainText: String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }

    var isNull: Bool {
        guard let text = plainText else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// What the node is, for "expected …, got …" messages.
    var shape: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            guard let text = plainText else { return "the quoted string \"\(scalar.string)\"" }
            if isNull { return "an empty value (null)" }
            if Self.parseNumber(text) != nil { return "the number \(text)" }
            if text == "true" || text == "false" { return text }
            return "'\(text)'"
        }
    }

    /// Integers and decimals as written in YAML or JSON (`_` separators
    /// allowed: `1_000_000`); nil for anything else, including NaN and ±∞.
    static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let first = cleaned.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    func integer(atLeast lower: Int? = nil, atMost upper: Int? = nil) throws(WorkloadError) -> Int {
        guard let text = plainText, let value = Self.parseNumber(text) else {
            throw error("expected a whole number, got \(shape)")
        }
        guard value == value.rounded(), abs(value) < 9.0e18 else { throw error("expected a whole number, got \(text)") }
        let integer = Int(value)
        try checkRange(integer, lower, upper, shown: text)
        return integer
    }

    /// A whole number within one of the documented `InputLimit`s (and
    /// `atLeast` when the schema asks for more than the limit's minimum).
    func integer(within limit: InputLimit, atLeast lower: Int? = nil) throws(WorkloadError) -> Int {
        let value = try integer()
        guard limit.range.contains(value), value >= (lower ?? limit.range.lowerBound) else {
            throw error(Self.outOfRange(limit, lower: lower, shown: plainText ?? "\(value)"))
        }
        return value
    }

    /// "must be in 1…65536 (why), got 70000": the limit's range and reason.
    static func outOfRange(_ limit: InputLimit, lower: Int? = nil, shown: String) -> String {
        let low = max(lower ?? limit.range.lowerBound, limit.range.lowerBound)
        return "must be in \(low)…\(limit.range.upperBound) (\(limit.why)), got \(shown)"
    }

    /// A finite number; `above` is an exclusive lower bound (rates > 0).
    func number(above: Double? = nil, atLeast lower: Double? = nil, atMost upper: Double? = nil) throws(WorkloadError) -> Double {
        guard let text = plainText, let value = Self.parseNumber(text) else { throw error("expected a number, got \(shape)") }
        if let above, !(value > above) { throw error("must be > \(Self.format(above)), got \(text)") }
        try checkRange(value, lower, upper, shown: text)
        return value
    }

    private func checkRange<T: Comparable>(_ value: T, _ lower: T?, _ upper: T?, shown: String) throws(WorkloadError) {
        switch (lower, upper) {
        case let (lower?, upper?) where !(lower...upper).contains(value):
            throw error("must be in \(lower)...\(upper), got \(shown)")
        case let (lower?, nil) where value < lower:
            throw error("must be ≥ \(lower), got \(shown)")
        case let (nil, upper?) where value > upper:
            throw error("must be ≤ \(upper), got \(shown)")
        default:
            return
        }
    }

    func string() throws(WorkloadError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected a string, got \(shape)") }
        return scalar.string
    }

    func boolean() throws(WorkloadError) -> Bool {
        switch plainText {
        case "true": return true
        case "false": return false
        default: throw error("expected true or false, got \(shape)")
        }
    }

    /// One of a fixed set of words (`storage: mmap`), with a suggestion
    /// when it is a near miss.
    func word(among choices: [String]) throws(WorkloadError) -> String {
        let text = try string()
        guard choices.contains(text) else {
            throw error("'\(text)' is not one of \(Self.list(choices))" + SpellingSuggestion.hint(for: text, among: choices))
        }
        return text
    }

    /// A length of time in seconds: a bare number (`2.5`) or a number with
    /// a unit, possibly several (`500ms`, `10s`, `1.5m`, `1h`, `1m30s`).
    func seconds(allowZero: Bool = false) throws(WorkloadError) -> Double {
        guard case .scalar = node, !isNull else { throw error("expected a duration (e.g. 10s, 500ms, 2m), got \(shape)") }
        let text = try string()
        guard let seconds = Self.parseDuration(text) else {
            throw error("'\(text)' is not a duration (write e.g. 10s, 500ms, 1.5m, 1h or 1m30s; a bare number is seconds)")
        }
        if allowZero ? seconds < 0 : seconds <= 0 { throw error("must be \(allowZero ? "≥ 0" : "> 0"), got \(text)") }
        // Phases are timed in nanoseconds: a length past the limit would
        // overflow (or trap) where it is converted.
        let limit = InputLimit.phaseSeconds
        guard seconds <= Double(limit.range.upperBound) else {
            throw error("must be at most \(limit.range.upperBound)s, 7 days (\(limit.why)), got \(text)")
        }
        return seconds
    }

    static func parseDuration(_ text: String) -> Double? {
        if let plain = parseNumber(text) { return plain }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        return total
    }

    // MARK: Collections

    func mapping(allowedKeys: [String]) throws(WorkloadError) -> SchemaMapping {
        try SchemaMapping(self, allowedKeys: allowedKeys)
    }

    func list() throws(WorkloadError) -> [SchemaNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, got \(shape)") }
        return sequence.enumerated().map { element($0.offset, $0.element) }
    }

    /// A tagged choice written as a single-key mapping (`{zipf: 1.1}`,
    /// `{closed: {clients: 4}}`) or, for the forms in `bareForms`, as a bare
    /// word (`uniform`). Returns the form and its value (nil for a bare word).
    func choice(of forms: [String], bareForms: Set<String> = []) throws(WorkloadError) -> (form: String, value: SchemaNode?) {
        let written = forms.map { bareForms.contains($0) ? $0 : "{\($0): …}" }
        if case .scalar = node, !isNull {
            let text = try string()
            if bareForms.contains(text) { return (text, nil) }
            if forms.contains(text) { throw error("'\(text)' needs settings: write {\(text): …}") }
            throw error("'\(text)' is not one of \(Self.list(written))" + SpellingSuggestion.hint(for: text, among: forms))
        }
        guard case .mapping = node else { throw error("expected one of \(Self.list(written)), got \(shape)") }
        let entries = try SchemaMapping(self, allowedKeys: forms)
        guard entries.entries.count == 1 else {
            if entries.entries.isEmpty { throw error("expected one of \(Self.list(written)), got an empty mapping") }
            throw error("give exactly one of \(Self.list(forms)), got \(Self.list(entries.entries.map(\.key)))")
        }
        let entry = entries.entries[0]
        return (entry.key, entry.value)
    }

    static func list(_ words: [String]) -> String {
        words.map { $0.hasPrefix("{") ? $0 : "'\($0)'" }.joined(separator: ", ")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
