import ArgumentParser
import BenchReport
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Result documents side by side: absolute and relative differences and the better side per metric.",
        discussion: """
            With documents that share configuration names (the same workload at two commits), one table per \
            configuration with a column per document; with one document, or documents with no configuration in \
            common, the configurations side by side. Differences are against the first column; the better side \
            follows each metric's direction (lower latency, misses, faults; higher throughput and recall). Figures \
            are medians over repetitions; "~" marks a difference within the spread of the repetitions, and the better \
            side is named only when the verdict rule tells it from the runner-up ("?" when one run each leaves it \
            unconfirmed). Columns are titled by file name, or by run id or directory when the names repeat \
            (a/result.json b/result.json).
            """)

    @Argument(help: "Result documents (JSON), the reference first.") var documents: [String]
    @Option(help: "text or md.") var format: String = "text"
    @Option(help: "document (a column per document) or configuration (a column per configuration); default: chosen from the documents.")
    var layout: String?
    @Option(help: "Only metrics matching these comma-separated ids or globs (e.g. 'search.*,recall,dtlb-misses'); `vecbench metrics` lists the ids.")
    var metrics: String?
    @Option(help: "Write here instead of standard output.") var out: String?

    func run() throws {
        guard !documents.isEmpty else { throw ValidationError("give at least one result document") }
        guard format == "text" || format == "md" else { throw ValidationError("--format must be text or md, got '\(format)'") }
        var chosenLayout: RunComparison.Layout?
        if let layout {
            guard let parsed = RunComparison.Layout(rawValue: layout) else {
                throw ValidationError("--layout must be document or configuration, got '\(layout)'")
            }
            chosenLayout = parsed
        }
        let filter = metrics.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let filter {
            let unknown = MetricCatalog.unknownPatterns(filter)
            guard unknown.isEmpty else {
                throw ValidationError("--metrics: unknown metric \(unknown.map { "'\($0)'" }.joined(separator: ", ")); "
                    + "valid ids (globs allowed, see `vecbench metrics`): \(MetricCatalog.knownIDs.joined(separator: ", "))")
            }
        }
        let read = try documents.map { try ReportFiles.document($0) }
        let labels = DocumentLabels.unique(paths: documents, runIDs: read.map(DocumentLabels.runID))
        let loaded = zip(labels, read).map { (label: $0, document: $1) }
        let comparison = try RunComparison(loaded, layout: chosenLayout, metrics: filter)
        try ReportFiles.write(format == "md" ? comparison.markdown() : comparison.text(), to: out)
    }
}
