import BenchModel

/// Column titles for documents given to `compare`: short, and different
/// from each other. The standard layout (`a/result.json b/result.json`)
/// gives every file the same name, so the name alone cannot be the title.
public enum DocumentLabels {
    /// The first of these that tells every document apart: file names
    /// without `.json`; run ids; parent directory names; the paths as
    /// given (numbered when a path repeats).
    public static func unique(paths: [String], runIDs: [String?]) -> [String] {
        precondition(paths.count == runIDs.count, "\(paths.count) paths for \(runIDs.count) run ids")
        let stems = paths.map(stem)
        if distinct(stems) { return stems }
        let ids = runIDs.compactMap { $0 }
        if ids.count == paths.count, distinct(ids) { return ids }
        let parents = paths.map(parent)
        if parents.allSatisfy({ !$0.isEmpty }), distinct(parents) { return parents }
        if distinct(paths) { return paths }
        var seen: [String: Int] = [:]
        return paths.map { path in
            seen[path, default: 0] += 1
            return seen[path]! == 1 ? path : "\(path) #\(seen[path]!)"
        }
    }

    public static func runID(_ document: ResultDocument) -> String? {
        if case .run(let run) = document { return run.runID }
        return nil
    }

    static func distinct(_ labels: [String]) -> Bool { Set(labels).count == labels.count }

    static func components(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }

    static func stem(_ path: String) -> String {
        let name = components(path).last.map(String.init) ?? path
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }

    static func parent(_ path: String) -> String {
        let parts = components(path)
        return parts.count >= 2 ? String(parts[parts.count - 2]) : ""
    }
}
