import ArgumentParser
import BenchModel
import BenchReport
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a result document as Markdown, HTML, CSV or a console table.",
        discussion: """
            Reads a result document of `vecbench run` (vecbench.run/2; /1 documents are read too) or `vecbench ann` (vecbench.ann/1; a \
            smaller report), told apart by its schema field. md: a summary with one table per concern. html: one \
            self-contained page — inline CSS and SVG charts (latency CDFs, recall against latency and throughput, \
            the per-second timeline, counters, memory, WAL), no network, no script. csv: one row per configuration × \
            repetition × phase × operation kind, raw numbers (µs, bytes, per second) under a header row, a figure \
            that was not measured an empty cell with its reason in the *_status column beside it. text: the console table. \
            A counter that did not count reads "unavailable — reason", never 0.
            """)

    @Argument(help: "The result document (JSON).") var result: String
    @Option(help: "md, html, csv or text.") var format: String = "md"
    @Option(help: "Write here instead of standard output.") var out: String?

    func run() throws {
        guard let format = RunReport.Format(rawValue: format) else {
            throw ValidationError("--format must be md, html, csv or text, got '\(self.format)'")
        }
        let document = try ReportFiles.document(result)
        try ReportFiles.write(RunReport.render(document, as: format), to: out)
    }
}
