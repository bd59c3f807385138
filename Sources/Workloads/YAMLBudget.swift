import CYaml

/// Bounds what a workload document may make the YAML composer build, checked
/// on libyaml's event stream before Yams composes the node tree.
///
/// Why before: an alias is a reference, but Yams hashes a mapping's keys
/// (to find duplicates) by walking them in full, and composes nested
/// collections recursively. A few hundred bytes of anchors that each alias
/// the previous one ten times ("billion laughs"), used as a mapping key,
/// cost time exponential in the nesting; thousands of unclosed `[` exhaust
/// the stack. This scan is iterative and linear in the events: every alias
/// counts as the nodes it stands for, and the walk stops at the first node
/// past the budget, naming its line and column.
///
/// | bound | value | a real workload |
/// |---|---|---|
/// | document size | 1 MiB | a few KiB |
/// | nodes, aliases expanded | 200,000 | a few hundred |
/// | nesting depth | 64 | under 10 |
///
/// Syntax errors are left to Yams, which reports them with their position.
struct YAMLBudget {
    static let maximumDocumentBytes = 1 << 20
    static let maximumNodes = 200_000
    static let maximumDepth = 64

    var maximumNodes = YAMLBudget.maximumNodes
    var maximumDepth = YAMLBudget.maximumDepth

    /// Throws a located `WorkloadError` when `yaml` is larger, expands to
    /// more nodes or nests deeper than the budget allows.
    func check(_ yaml: String, source: String) throws(WorkloadError) {
        var text = yaml
        let size = text.utf8.count
        guard size <= YAMLBudget.maximumDocumentBytes else {
            throw WorkloadError(file: source, message: "the file holds \(size) bytes; a workload file may hold at most "
                + "\(YAMLBudget.maximumDocumentBytes) (1 MiB)")
        }
        let problem: (String, yaml_mark_t)? = text.withUTF8 { bytes in scan(bytes) }
        if let (message, mark) = problem {
            throw WorkloadError(file: source, line: mark.line + 1, column: mark.column + 1, message: message)
        }
    }

    /// The first problem and where, or nil (also on a syntax error).
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, yaml_mark_t)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var expandedSize: [String: Int] = [:]
        /// Open collections: node count when each began, and its anchor.
        var open: [(start: Int, anchor: String?)] = []
        var nodes = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                nodes += 1
                if let anchor = Self.text(event.data.scalar.anchor) { expandedSize[anchor] = 1 }
            case YAML_ALIAS_EVENT:
                let anchor = Self.text(event.data.alias.anchor) ?? ""
                nodes += expandedSize[anchor] ?? 1
                if nodes > maximumNodes {
                    return ("the alias *\(anchor) takes the document past \(maximumNodes) nodes once aliases are expanded "
                        + "(a workload needs a few hundred; aliases that repeat aliases grow exponentially)", mark)
                }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? Self.text(event.data.sequence_start.anchor) : Self.text(event.data.mapping_start.anchor)
                open.append((start: nodes, anchor: anchor))
                nodes += 1
                if open.count > maximumDepth {
                    return ("lists and mappings nest more than \(maximumDepth) deep", mark)
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let (start, anchor) = open.popLast(), let anchor { expandedSize[anchor] = nodes - start }
            default:
                break
            }
            if nodes > maximumNodes {
                return ("the document has more than \(maximumNodes) nodes (a workload needs a few hundred)", mark)
            }
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }
}
