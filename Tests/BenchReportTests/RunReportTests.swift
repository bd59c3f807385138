import BenchModel
import Foundation
import Testing
@testable import BenchReport

@Suite("Run report writers")
struct RunReportTests {
    static let three = RunFixtures.threeConfigurations()
    static let vm = RunFixtures.repeatedOnVirtualMachine()

    @Test("console, Markdown, CSV and HTML match their golden files", arguments: RunReport.Format.allCases)
    func golden(format: RunReport.Format) throws {
        let suffix = format == .text ? "txt" : format.rawValue
        try GoldenFile.check(RunReport.render(.run(Self.three), as: format), "three-configurations.\(suffix)")
        try GoldenFile.check(RunReport.render(.run(Self.vm), as: format), "virtual-machine.\(suffix)")
    }

    @Test("an ANN document gets the smaller report in every format", arguments: RunReport.Format.allCases)
    func annGolden(format: RunReport.Format) throws {
        let suffix = format == .text ? "txt" : format.rawValue
        try GoldenFile.check(RunReport.render(.ann(AnnFixtures.sweep), as: format), "ann-sweep.\(suffix)")
    }

    @Test("the JSON fixtures decode to the documents the tests build, schema told apart by its field")
    func jsonFixtures() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        for (name, document) in [("three-configurations.json", ResultDocument.run(Self.three)),
                                 ("virtual-machine.json", .run(Self.vm)), ("ann-sweep.json", .ann(AnnFixtures.sweep))] {
            let data: Data
            switch document {
            case .run(let run): data = try encoder.encode(run)
            case .ann(let ann): data = try encoder.encode(ann)
            }
            try GoldenFile.check(String(decoding: data, as: UTF8.self) + "\n", name, folder: "Fixtures")
            let stored = try Data(contentsOf: GoldenFile.url("Fixtures", name))
            #expect(try ResultDocument.decode(stored, source: name) == document)
        }
    }

    @Test("unavailable counters read 'unavailable — reason' or n/a with the reason, never 0")
    func unavailableNeverZero() {
        let text = RunReport.text(Self.vm)
        let steady = text.split(separator: "\n").first { $0.hasPrefix("shared-process  steady") && $0.contains("n/a") }
        #expect(steady?.contains("n/a [1]") == true)
        #expect(text.contains("[1] unavailable — \(RunFixtures.vmReason)"))

        let markdown = RunReport.markdown(Self.vm)
        let costRows = markdown.split(separator: "\n").filter { $0.hasPrefix("| shared-process | steady | 1,512") }
        #expect(costRows.count == 1)
        #expect(costRows.first?.contains("| n/a [1] | n/a [1] |") == true)
        #expect(markdown.contains("[1] unavailable — \(RunFixtures.vmReason)"))
        #expect(!markdown.contains("| unavailable — "), "a reason is given once under its table, not in every cell")

        let csv = RunReport.csv(Self.vm).split(separator: "\n").map { RunCSVParser.fields(String($0)) }
        let header = csv[0]
        let dTLB = header.firstIndex(of: "dtlb_load_misses_per_op")!, status = header.firstIndex(of: "dtlb_status")!
        for row in csv.dropFirst() {
            #expect(row[dTLB] == "", "an unavailable counter leaves its cell empty")
            #expect(row[status] == "unavailable: \(RunFixtures.vmReason)")
        }

        let html = RunReport.html(Self.vm)
        #expect(html.contains("unavailable — no CPU PMU exposed"))
        #expect(!html.contains(">0/op<"))
    }

    @Test("a counted counter is a number in every writer")
    func countedIsNumber() {
        #expect(RunReport.text(Self.three).contains("shared-process  steady         1,850          420"))
        let csv = RunReport.csv(Self.three)
        #expect(csv.contains(",1850,value,420,value,"))
    }

    @Test("the failed configuration is named with its reason and left out of the figures")
    func failedConfiguration() {
        let reason = "transparent huge pages are [never] on this kernel"
        #expect(RunReport.text(Self.three).contains("FAILED huge-pages (1 of 1 run): madvise"))
        #expect(RunReport.markdown(Self.three).contains("| huge-pages | 0 | **failed** (1 of 1)"))
        #expect(RunReport.html(Self.three).contains("huge-pages failed:</b> madvise"))
        let rows = RunReport.csv(Self.three).split(separator: "\n").filter { $0.contains(",huge-pages,") }
        #expect(rows.count == 1)
        #expect(rows.first?.contains(",failed,") == true && rows.first?.contains(reason) == true)
    }

    @Test("engine figures that leave out a worker say so in the text, Markdown and HTML")
    func incompleteEngineFigures() throws {
        var run = Self.three
        let reason = "worker 3 (pid 4242): statistics request timed out"
        let phase = try #require(run.configurations[1].phases.firstIndex { !$0.warmup })
        run.configurations[1].phases[phase].engine?.incomplete = reason
        let name = run.configurations[1].name, phaseName = run.configurations[1].phases[phase].name
        #expect(RunReport.text(run).contains("engine figures of \(name) are incomplete (run 1, \(phaseName): \(reason))"))
        #expect(RunReport.markdown(run).contains("- \(name): engine figures incomplete (run 1, \(phaseName): \(reason))"))
        #expect(RunReport.html(run).contains("engine figures incomplete (run 1, \(phaseName): \(reason))"))
        // Complete figures carry no such note.
        #expect(!RunReport.text(Self.three).contains("incomplete"))
    }

    @Test("the HTML page is self-contained: no script, no external reference, one chart per concern")
    func htmlSelfContained() {
        let html = RunReport.html(Self.three)
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        let external = html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/2000/svg") }
        #expect(external.isEmpty, "only the SVG namespace may name a URL")
        #expect(html.components(separatedBy: "<svg class=\"chart").count - 1 == 21)
        for anchor in ["overview", "summary", "latency", "recall", "timeline", "counters", "memory", "wal"] {
            #expect(html.contains("<section id=\"\(anchor)\">"))
        }
        #expect(html.contains("steady: search latency by percentile"))
        #expect(html.contains("completed operations per second"))
    }

    @Test("repetitions are reported as their median")
    func medians() {
        let document = RunFixtures.repeatedOnVirtualMachine(jitters: [1.0, 1.5, 1.1])
        let set = MeasurementSet(run: document)
        let p50 = set.entry(.init(configuration: "shared-process", phase: "steady"), "search.p50")
        #expect(p50?.samples.count == 3)
        #expect(p50?.value == .value(310 * 1.1))
        #expect(set.repetitions["shared-process"] == 3)
    }

    @Test("a vecbench.run/1 document decodes: settings parsed from text, search costs per segment search only")
    func legacyRunDocument() throws {
        let stored = try Data(contentsOf: GoldenFile.url("Fixtures", "legacy-run-1.json"))
        guard case .run(let run) = try ResultDocument.decode(stored, source: "legacy-run-1.json") else {
            Issue.record("not a run document")
            return
        }
        let settings = run.configurations[0].settings
        #expect(settings.fsync == .interval(milliseconds: 50) && settings.placement == .embedded && settings.ef == 64)
        #expect(run.configurations[1].settings.placement == .workers(8))
        #expect(settings.walSegmentMiB == 16, "documents before wal_segment_mib ran with 16 MiB segments")
        let search = try #require(run.configurations[0].phases[1].search)
        #expect(search.perQuery == nil && search.queries == nil, "a /1 document never knew its queries")
        #expect(search.segmentSearches == 20_000 && search.perSegmentSearch.distanceEvaluations == 1_512)
        // The per-query metrics say why they are missing instead of showing the per-segment figure.
        let values = MetricCatalog.values(of: run.configurations[0].phases[1])
        let distance = values.first { $0.0 == MetricCatalog.distanceEvaluations }?.1
        #expect(distance?.number == nil && distance?.unavailableReason?.contains("per segment search") == true)
    }

    @Test("a document of another schema, or not JSON, is an error naming the file and field")
    func unreadable() {
        #expect(throws: ReportError.unknownSchema(source: "x.json", schema: "vecbench.other/9")) {
            try ResultDocument.decode(Data(#"{"schema": "vecbench.other/9"}"#.utf8), source: "x.json")
        }
        do {
            _ = try ResultDocument.decode(Data(#"{"schema": "vecbench.run/2", "runID": "r"}"#.utf8), source: "y.json")
            Issue.record("a run document without context decoded")
        } catch {
            #expect("\(error)".hasPrefix("y.json: not a vecbench result document: missing field"))
        }
    }
}

/// Splits one CSV line (RFC 4180 quoting), for reading the writer's output back.
enum RunCSVParser {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { field.append(character) }
            } else if character == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
                previousQuote = false
            } else if character == "," {
                fields.append(field)
                field = ""
                previousQuote = false
            } else {
                field.append(character)
                previousQuote = false
            }
        }
        fields.append(field)
        return fields
    }
}
