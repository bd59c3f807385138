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
            are medians over repetitions; "~" marks a difference within the spread of the repetitions.
            """)

    @Argument(help: "Result documents (JSON), the reference first.") var documents: [String]
    @Option(help: "text or md.") var format: String = "text"
    @Option(help: "document (a column per document) or configuration (a column per configuration); default: chosen from the documents.")
    var layout: String?
    @Option(help: "Only metrics matching these comma-separated ids or globs (e.g. 'search.*,recall,dtlb-misses').")
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
        let loaded = try documents.map { (label: ReportFiles.label($0), document: try ReportFiles.document($0)) }
        let filter = metrics.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let comparison = try RunComparison(loaded, layout: chosenLayout, metrics: filter)
        try ReportFiles.write(format == "md" ? comparison.markdown() : comparison.text(), to: out)
    }
}
