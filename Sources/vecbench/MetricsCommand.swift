import ArgumentParser
import BenchReport
import Foundation

/// `vecbench metrics`: every metric id the reports, `compare --metrics` and
/// thresholds files accept, with unit, better direction, class and meaning.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "List every metric id with its unit, better direction, class and meaning.",
        discussion: """
            Ids are what `compare --metrics` (globs allowed, e.g. 'search.*') and `check` thresholds files name. \
            Class: deterministic figures repeat exactly for a seed and are compared exactly; statistical ones \
            move with the machine and are compared over repetitions with their spread.
            """)

    @Flag(help: "JSON: an array of {id, title, unit, direction, class, meaning}.") var json = false

    func run() throws {
        print(Self.render(json: json), terminator: "")
    }

    static func render(json: Bool) -> String {
        let listing = MetricCatalog.listing
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(listing)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        var table = TextTable([("id", .left), ("unit", .left), ("better", .left), ("class", .left), ("meaning", .left)])
        for metric in listing {
            let better = switch metric.direction {
            case "lower is better": "lower"
            case "higher is better": "higher"
            default: "neither"
            }
            table.append([metric.id, metric.unit, better, metric.metricClass, metric.meaning])
        }
        return table.render()
    }
}
