import Foundation
import VectorCore
import Yams

/// Reads workload files (`workloads/*.yaml`; JSON is accepted, being YAML)
/// into a checked `Workload`. The schema is documented in
/// `workloads/README.md`; every problem is reported as a `WorkloadError`
/// naming the file, the line and column, and the field path.
///
/// Nodes are walked by hand rather than decoded so that positions survive
/// to the error messages; unknown keys are errors, not silently ignored
/// (a misspelt `seal_concurency` must not quietly run the default).
public enum WorkloadFile {
    /// Reads, parses and validates the file at `path`. A dataset file named
    /// by the workload (`source: {file: …}`), when relative, is found
    /// relative to the workload file's directory, and must exist and be
    /// large enough.
    public static func load(path: String) throws(WorkloadError) -> Workload {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw WorkloadError(file: path, message: "no such workload file")
        }
        guard !isDirectory.boolValue else {
            throw WorkloadError(file: path, message: "is a directory, not a workload file; name one file in it "
                                + "(`vecbench workloads \(path)` lists them)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw WorkloadError(file: path, message: "cannot read the file as UTF-8 text: \(error.localizedDescription)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(yaml: text, source: path, baseDirectory: directory.isEmpty ? "." : directory)
    }

    /// Parses workload text. `source` names it in errors and becomes the
    /// default workload name (its file name without extension);
    /// `baseDirectory` resolves relative dataset paths; `checkDataFiles`
    /// false skips opening them (for tools that only inspect the schema).
    public static func parse(
        yaml: String, source: String, baseDirectory: String = ".", checkDataFiles: Bool = true
    ) throws(WorkloadError) -> Workload {
        let root = try compose(yaml: yaml, source: source)
        let top = try root.mapping(allowedKeys: topKeys)
        if let sweep = top.value("sweep") {
            return try readSweep(sweep, root: root, source: source, baseDirectory: baseDirectory, checkDataFiles: checkDataFiles)
        }
        return try readWorkload(root, baseDirectory: baseDirectory, checkDataFiles: checkDataFiles)
    }

    static let topKeys = ["name", "description", "seed", "data", "phases", "engine", "model", "sweep"]

    /// One workload from its root node (without `sweep:`).
    static func readWorkload(_ root: SchemaNode, baseDirectory: String, checkDataFiles: Bool) throws(WorkloadError) -> Workload {
        let source = root.file
        let top = try root.mapping(allowedKeys: topKeys.filter { $0 != "sweep" })
        let name = try top.value("name")?.string() ?? defaultName(source)
        let summary = try top.value("description")?.string() ?? ""
        let seed = try top.required("seed").integer(atLeast: 0)
        let dataNode = try top.required("data")
        let data = try readData(dataNode, baseDirectory: baseDirectory)
        let phases = try readPhases(try top.required("phases"), data: data)
        try checkVariantCount(top.value("engine"))
        let (base, variants) = try readEngine(top.value("engine"), metric: data.metric)
        var workload = Workload(name: name, source: source, seed: UInt64(seed), data: data, phases: phases,
                                base: base, variants: variants)
        workload.summary = summary
        workload.models = try readModels(top.value("model"))
        if checkDataFiles, case .file(let path) = data.source {
            try checkFileSource(path: path, at: try sourceNode(dataNode), workload: workload)
        }
        return workload
    }

    /// The document's root node, with YAML syntax errors turned into
    /// located `WorkloadError`s.
    static func compose(yaml: String, source: String) throws(WorkloadError) -> SchemaNode {
        try YAMLBudget().check(yaml, source: source)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, source: source)
        } catch {
            throw WorkloadError(file: source, message: "not valid YAML: \(error)")
        }
        guard let node else { throw WorkloadError(file: source, message: "the file is empty (expected a workload mapping)") }
        return SchemaNode(node: node, file: source, path: "")
    }

    static func syntaxError(_ error: YamlError, source: String) -> WorkloadError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return WorkloadError(file: source, line: mark.line, column: mark.column,
                                 message: "not valid YAML: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return WorkloadError(file: source, line: context.mark.line, column: context.mark.column,
                                 message: "key written twice in one mapping: \(duplicates.joined(separator: ", "))")
        default:
            return WorkloadError(file: source, message: "not valid YAML: \(error)")
        }
    }

    /// Refuses more variants than a run may have configurations before any
    /// of them is read: each becomes at least one separate run.
    static func checkVariantCount(_ engine: SchemaNode?) throws(WorkloadError) {
        guard let engine, case .mapping(let mapping) = engine.node else { return }
        for (keyNode, valueNode) in mapping where keyNode.string == "variants" {
            guard case .mapping(let variants) = valueNode else { return }
            let limit = InputLimit.configurations
            guard variants.count <= limit.range.upperBound else {
                throw engine.child("variants", valueNode).error(
                    "\(variants.count) variants; at most \(limit.range.upperBound) (\(limit.why))")
            }
        }
    }

    static func defaultName(_ source: String) -> String {
        let file = (source as NSString).lastPathComponent
        let stem = (file as NSString).deletingPathExtension
        return stem.isEmpty ? "workload" : stem
    }

    private static func sourceNode(_ dataNode: SchemaNode) throws(WorkloadError) -> SchemaNode {
        let data = try dataNode.mapping(allowedKeys: dataKeys)
        return data.value("source") ?? dataNode
    }
}
