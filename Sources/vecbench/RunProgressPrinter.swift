import BenchRunner
import Foundation
import Synchronization

/// Shows runner progress on stderr: a redrawn status line on a terminal,
/// plain lines otherwise (CI logs). Without a terminal a phase prints a line
/// at a steady interval through its whole length, with elapsed/total time,
/// operations and the achieved rate, so a log never looks stalled.
final class RunProgressPrinter: Sendable {
    private let isTerminal: Bool
    /// Seconds between two progress lines of one phase in a log.
    private let logInterval: Double
    /// Elapsed seconds at which the current phase last printed a log line.
    private let lastLogged = Mutex<Double?>(nil)
    /// The quarter of the load last printed in a log.
    private let loadQuarter = Mutex<Int>(-1)
    private let write: @Sendable (String) -> Void

    init(isTerminal: Bool = isatty(STDERR_FILENO) == 1, logInterval: Double = 5,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.isTerminal = isTerminal
        self.logInterval = logInterval
        self.write = write
    }

    func handle(_ event: RunProgress) {
        switch event {
        case .configurationStarted(let name, let repetition, let index, let total):
            line("[\(index)/\(total)] configuration \(name)" + (repetition > 1 ? " (repetition \(repetition))" : ""))
        case .loading(let done, let total):
            let fraction = Double(done) / Double(max(total, 1))
            if isTerminal {
                write("\r\u{1B}[K  loading \(bar(fraction)) \(done)/\(total) points")
            } else if loadQuarter.withLock({ quarter in
                let now = Int(fraction * 4)
                defer { quarter = now }
                return now != quarter
            }) {
                write("  loading \(done)/\(total) points\n")
            }
        case .loaded(let points, let seconds):
            line(String(format: "  loaded %d points in %.1f s", points, seconds))
        case .phaseStarted(let name, let expected):
            lastLogged.withLock { $0 = nil }
            let text = "  phase \(name)" + (expected.map { String(format: " (%.0f s)", $0) } ?? "")
            if isTerminal { write("\r\u{1B}[K" + text) } else { write(text + "\n") }
        case .phaseProgress(let name, let completed, let elapsed, let expected):
            let rate = String(format: "%.0f/s", Double(completed) / max(elapsed, 1e-9))
            let time = String(format: "%.0f", elapsed) + (expected.map { String(format: "/%.0f", $0) } ?? "") + " s"
            if isTerminal {
                let fraction = expected.map { min(elapsed / $0, 1) }
                write("\r\u{1B}[K  phase \(name) \(fraction.map(bar) ?? "") \(time), \(completed) ops, \(rate)")
            } else if dueForLog(elapsed) {
                write("  phase \(name): \(time), \(completed) ops, \(rate)\n")
            }
        case .phaseFinished(let name, let operations, let seconds, let errors):
            line(String(format: "  phase %@: %d ops in %.1f s (%.0f/s)%@", name, operations, seconds,
                        Double(operations) / max(seconds, 1e-9), errors > 0 ? ", \(errors) errors" : ""))
        case .configurationFinished(let name, let failure):
            if let failure { line("  configuration \(name) FAILED: \(failure)") }
        }
    }

    private func bar(_ fraction: Double) -> String {
        let width = 24, filled = Int((fraction * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    /// A line that stays.
    private func line(_ text: String) {
        write((isTerminal ? "\r\u{1B}[K" : "") + text + "\n")
    }

    /// Whether a log line is due: every `logInterval` seconds of a phase.
    private func dueForLog(_ elapsed: Double) -> Bool {
        lastLogged.withLock { last in
            if let previous = last, elapsed - previous < logInterval { return false }
            last = elapsed
            return true
        }
    }
}
