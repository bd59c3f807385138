import BenchModel
import VectorCore
import Yams

/// The `sweep:` mapping as written, checked for shape before any value is
/// applied: each key a dotted field path, each value a non-empty list of
/// numbers or words (at most `InputLimit.sweepValues`), every list as long
/// as the first, and no value of the swept field twice (records are told
/// apart by it).
///
/// Keeps the nodes, not just the values: a value is applied by putting its
/// own node into the document tree, so a value of the wrong type fails the
/// field's ordinary check at the value's own line and column.
struct SweepSpecification {
    struct Field {
        let path: String
        /// The key node (where an unknown path is reported).
        let key: SchemaNode
        let segments: [String]
        let valueNodes: [SchemaNode]
        let values: [SweepValue]
    }

    let fields: [Field]

    var count: Int { fields[0].values.count }

    /// Top-level keys a sweep may not reach: they name the sweep itself or
    /// say nothing about what runs.
    static let unsweepable: Set<String> = ["sweep", "name", "description"]

    init(_ node: SchemaNode) throws(WorkloadError) {
        let example = "write e.g. {data.tenants.count: [1000, 5000]}"
        guard case .mapping = node.node else {
            throw node.error("expected a mapping of field path to a list of values (\(example)), got \(node.shape)")
        }
        let mapping = try SchemaMapping(node, acceptingAnyKey: ())
        guard !mapping.entries.isEmpty else { throw node.error("names no field to sweep (\(example))") }
        var fields: [Field] = []
        for entry in mapping.entries {
            let field = try Self.readField(entry, example: example)
            if let first = fields.first, field.values.count != first.values.count {
                throw entry.value.error("\(field.values.count) values, but the swept field \(first.path) has "
                    + "\(first.values.count): a path that follows the sweep needs one value per swept value")
            }
            guard !fields.contains(where: { $0.path == field.path }) else {
                throw entry.keyNode.error("the path \(field.path) is swept twice")
            }
            fields.append(field)
        }
        var seen: Set<SweepValue> = []
        for (value, valueNode) in zip(fields[0].values, fields[0].valueNodes) where !seen.insert(value).inserted {
            throw valueNode.error("the value \(value) is listed twice; each value of the swept field runs once")
        }
        self.fields = fields
    }

    private static func readField(_ entry: SchemaMapping.Entry, example: String) throws(WorkloadError) -> Field {
        let path = entry.key
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !segments.contains(where: \.isEmpty) else {
            throw entry.keyNode.error("'\(path)' is not a field path (\(example))")
        }
        if unsweepable.contains(segments[0]) {
            throw entry.keyNode.error("'\(segments[0])' cannot be swept")
        }
        let list = entry.value
        guard case .sequence = list.node else {
            throw list.error("expected a list of values to sweep \(path) over, got \(list.shape)")
        }
        let elements = try list.list()
        guard !elements.isEmpty else { throw list.error("an empty list: give at least one value to sweep \(path) over") }
        let limit = InputLimit.sweepValues
        guard limit.range.contains(elements.count) else {
            throw list.error("\(elements.count) values; at most \(limit.range.upperBound) (\(limit.why))")
        }
        var values: [SweepValue] = []
        for element in elements {
            values.append(try value(of: element))
        }
        return Field(path: path, key: entry.keyNode, segments: segments, valueNodes: elements, values: values)
    }

    /// A list element as a sweep value: plain whole numbers are integers,
    /// other plain numbers reals, anything else (quoted too) a word.
    static func value(of node: SchemaNode) throws(WorkloadError) -> SweepValue {
        guard case .scalar(let scalar) = node.node else {
            throw node.error("a sweep value is a number or a word, got \(node.shape)")
        }
        guard !node.isNull else { throw node.error("a sweep value is a number or a word, got \(node.shape)") }
        guard let text = node.plainText, let number = SchemaNode.parseNumber(text) else { return .text(scalar.string) }
        let integral = !text.contains(where: { ".eE".contains($0) }) && number == number.rounded() && abs(number) < 9.0e18
        return integral ? .integer(Int(number)) : .number(number)
    }
}

extension SchemaMapping {
    /// A mapping whose keys are free (the sweep's paths), checked only for
    /// being words.
    init(_ owner: SchemaNode, acceptingAnyKey: Void) throws(WorkloadError) {
        guard case .mapping(let mapping) = owner.node else { throw owner.error("expected a mapping, got \(owner.shape)") }
        let keys = Array(mapping.keys.compactMap { $0.scalar?.string })
        try self.init(owner, allowedKeys: keys)
    }
}
