import Yams

/// A YAML mapping whose keys have been checked against the keys the schema
/// allows there (an unknown key is an error with a "did you mean"), in the
/// order written.
struct SchemaMapping {
    struct Entry {
        let key: String
        let keyNode: SchemaNode
        let value: SchemaNode
    }

    let owner: SchemaNode
    let entries: [Entry]

    init(_ owner: SchemaNode, allowedKeys: [String]) throws(WorkloadError) {
        guard case .mapping(let mapping) = owner.node else { throw owner.error("expected a mapping, got \(owner.shape)") }
        self.owner = owner
        var entries: [Entry] = []
        for (keyNode, valueNode) in mapping {
            let keyPosition = SchemaNode(node: keyNode, file: owner.file, path: owner.path)
            guard case .scalar(let scalar) = keyNode else { throw keyPosition.error("a key must be a word, got \(keyPosition.shape)") }
            let key = scalar.string
            let value = owner.child(key, valueNode)
            let located = SchemaNode(node: keyNode, file: owner.file, path: value.path)
            guard allowedKeys.contains(key) else {
                let suggestion = SpellingSuggestion.closest(to: key, among: allowedKeys)
                let hint = suggestion.map { " (did you mean '\($0)'?)" }
                    ?? "; known keys here: \(allowedKeys.joined(separator: ", "))"
                throw located.error("unknown key '\(key)'" + hint)
            }
            entries.append(Entry(key: key, keyNode: located, value: value))
        }
        self.entries = entries
    }

    var keys: [String] { entries.map(\.key) }

    /// The value under `key`, or nil when absent. A key written with no
    /// value (`ef:`) is present and null; accessors reject it unless the
    /// schema gives null a meaning.
    func value(_ key: String) -> SchemaNode? {
        entries.first { $0.key == key }?.value
    }

    func required(_ key: String) throws(WorkloadError) -> SchemaNode {
        guard let value = value(key) else {
            let path = owner.path.isEmpty ? key : owner.path + "." + key
            throw WorkloadError(file: owner.file, line: owner.node.mark?.line, column: owner.node.mark?.column,
                                fieldPath: path, message: "required key '\(key)' is missing")
        }
        return value
    }
}
