import BenchModel
import Yams

extension WorkloadFile {
    /// The workload at every value of `sweep`: the value's node put into
    /// the document at its path, the `sweep:` key removed, and the whole
    /// document read again. Returns the first point with the sweep attached.
    static func readSweep(
        _ node: SchemaNode, root: SchemaNode, source: String, baseDirectory: String, checkDataFiles: Bool
    ) throws(WorkloadError) -> Workload {
        let specification = try SweepSpecification(node)
        var points: [Workload] = []
        for index in 0..<specification.count {
            var tree = try withoutSweep(root)
            for field in specification.fields {
                tree = try apply(field.valueNodes[index].node, at: field.segments[...], in: tree, field: field, walked: [])
            }
            do {
                points.append(try readWorkload(SchemaNode(node: tree, file: source, path: ""), baseDirectory: baseDirectory,
                                               checkDataFiles: checkDataFiles))
            } catch {
                throw located(error, fields: specification.fields, index: index)
            }
        }
        var workload = points[0]
        workload.sweep = WorkloadSweep(
            fields: specification.fields.map { WorkloadSweep.Field(path: $0.path, values: $0.values) }, points: points)
        return workload
    }

    /// A value's workload failed its checks: said at the sweep key when the
    /// path itself is unknown (the added key carries the sweep key's place),
    /// otherwise at the value's place in the sweep list, with the original
    /// field, message and place.
    static func located(_ error: WorkloadError, fields: [SweepSpecification.Field], index: Int) -> WorkloadError {
        func same(_ node: SchemaNode) -> Bool {
            error.line != nil && error.line == node.node.mark?.line && error.column == node.node.mark?.column
        }
        if let field = fields.first(where: { same($0.key) }) {
            return WorkloadError(file: error.file, line: error.line, column: error.column, fieldPath: field.path,
                                 message: "unknown path: "
                                    + (error.fieldPath == field.path ? "" : "\(error.fieldPath): ") + error.message)
        }
        let field = fields.first { same($0.valueNodes[index]) } ?? fields[0]
        let at = field.valueNodes[index].node.mark
        var message = "with \(field.path) = \(field.values[index]): "
        if !error.fieldPath.isEmpty { message += error.fieldPath + ": " }
        message += error.message
        if let line = error.line, line != at?.line || error.column != at?.column {
            message += " (line \(line)" + (error.column.map { ":\($0)" } ?? "") + ")"
        }
        return WorkloadError(file: error.file, line: at?.line, column: at?.column, fieldPath: field.path, message: message)
    }

    static func withoutSweep(_ root: SchemaNode) throws(WorkloadError) -> Node {
        guard case .mapping(let mapping) = root.node else { throw root.error("expected a mapping, got \(root.shape)") }
        let pairs = mapping.filter { $0.key.scalar?.string != "sweep" }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// `tree` with the node at `segments` replaced by `value`. A mapping
    /// key missing on the way is an error (a sweep never invents a phase or
    /// a variant); a missing last key is added, and the schema then says
    /// whether it exists. In a list, a segment names the element whose
    /// `name` it is (`phases.bursts`), or its 0-based index.
    static func apply(
        _ value: Node, at segments: ArraySlice<String>, in tree: Node, field: SweepSpecification.Field, walked: [String]
    ) throws(WorkloadError) -> Node {
        guard let segment = segments.first else {
            if case .scalar = tree { return value }
            let kind = if case .sequence = tree { "a list" } else { "a mapping" }
            throw field.key.error("\(walked.joined(separator: ".")) is \(kind), not one field; name a single value in it"
                + (tree.mapping.map { " (its keys: \($0.keys.compactMap(\.scalar?.string).joined(separator: ", ")))" } ?? ""))
        }
        let rest = segments.dropFirst()
        let here = walked + [segment]
        switch tree {
        case .mapping(let mapping):
            var pairs = mapping.map { ($0.key, $0.value) }
            if let index = pairs.firstIndex(where: { $0.0.scalar?.string == segment }) {
                pairs[index].1 = try apply(value, at: rest, in: pairs[index].1, field: field, walked: here)
            } else if rest.isEmpty {
                let keyMark = field.key.node.mark
                pairs.append((.scalar(Node.Scalar(segment, .implicit, .plain, keyMark)), value))
            } else {
                let keys = pairs.compactMap { $0.0.scalar?.string }
                let hint = SpellingSuggestion.closest(to: segment, among: keys).map { " (did you mean '\($0)'?)" }
                    ?? (keys.isEmpty ? "" : "; the file has: \(keys.joined(separator: ", "))")
                throw field.key.error("unknown path: \(here.joined(separator: ".")) is not in the file" + hint)
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            var nodes = Array(sequence)
            let names = nodes.map { $0.mapping?["name"]?.scalar?.string }
            let index = names.firstIndex(of: segment) ?? Int(segment).flatMap { nodes.indices.contains($0) ? $0 : nil }
            guard let index else {
                let known = names.compactMap { $0 }
                let hint = SpellingSuggestion.closest(to: segment, among: known).map { " (did you mean '\($0)'?)" }
                    ?? "; its elements: " + (known.isEmpty ? "0…\(nodes.count - 1)" : known.joined(separator: ", "))
                throw field.key.error("unknown path: \(walked.joined(separator: ".")) has no element named '\(segment)'" + hint)
            }
            nodes[index] = try apply(value, at: rest, in: nodes[index], field: field, walked: here)
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        default:
            throw field.key.error("unknown path: \(walked.joined(separator: ".")) is a single value; "
                + "\(field.path) cannot go further into it")
        }
    }
}
