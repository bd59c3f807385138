import BenchRunner
import Foundation
import Synchronization

/// Shows runner progress on stderr: a redrawn status line on a terminal,
/// plain lines otherwise (CI logs).
final class RunProgressPrinter: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastLine = Mutex<String>("")

    func handle(_ event: RunProgress) {
        switch event {
        case .configurationStarted(let name, let repetition, let index, let total):
            line("[\(index)/\(total)] configuration \(name)" + (repetition > 1 ? " (repetition \(repetition))" : ""))
        case .loading(let done, let total):
            status("  loading \(bar(Double(done) / Double(max(total, 1)))) \(done)/\(total) points")
        case .loaded(let points, let seconds):
            line(String(format: "  loaded %d points in %.1f s", points, seconds))
        case .phaseStarted(let name, let expected):
            status("  phase \(name)" + (expected.map { String(format: " (%.0f s)", $0) } ?? ""))
        case .phaseProgress(let name, let completed, let elapsed, let expected):
            let fraction = expected.map { min(elapsed / $0, 1) }
            status("  phase \(name) \(fraction.map(bar) ?? "") \(completed) ops, \(String(format: "%.0f", elapsed)) s")
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
        lastLine.withLock { $0 = "" }
    }

    /// A line a terminal redraws in place; elsewhere printed only when it
    /// changes phase or at most every few seconds, so logs stay readable.
    private func status(_ text: String) {
        if isTerminal {
            write("\r\u{1B}[K" + text)
        } else {
            let printed = lastLine.withLock { last -> Bool in
                let key = String(text.prefix(24))
                if last == key { return false }
                last = key
                return true
            }
            if printed { write(text + "\n") }
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
