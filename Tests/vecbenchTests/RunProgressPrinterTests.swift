import BenchRunner
import Synchronization
import Testing
@testable import vecbench

@Suite("Run progress without a terminal")
struct RunProgressPrinterTests {
    final class Sink: Sendable {
        let lines = Mutex<[String]>([])
        func write(_ text: String) { lines.withLock { $0.append(text) } }
    }

    @Test("a 15 s phase logs a line every 5 s through its whole length, with time, ops and rate")
    func steadyLines() {
        let sink = Sink()
        let printer = RunProgressPrinter(isTerminal: false, logInterval: 5, write: sink.write)
        printer.handle(.phaseStarted(name: "bursts", expectedSeconds: 15))
        for second in 1...15 {
            printer.handle(.phaseProgress(name: "bursts", completed: second * 100, elapsedSeconds: Double(second),
                                          expectedSeconds: 15))
        }
        let lines = sink.lines.withLock { $0 }
        #expect(lines.first == "  phase bursts (15 s)\n")
        let progress = lines.dropFirst()
        #expect(progress.count == 3, "\(lines)")
        #expect(progress.last == "  phase bursts: 11/15 s, 1100 ops, 100/s\n")
        #expect(!lines.contains { $0.contains("\u{1B}") }, "no terminal escapes in a log")
    }

    @Test("a new phase starts its own interval")
    func perPhase() {
        let sink = Sink()
        let printer = RunProgressPrinter(isTerminal: false, logInterval: 5, write: sink.write)
        printer.handle(.phaseProgress(name: "a", completed: 10, elapsedSeconds: 4, expectedSeconds: nil))
        printer.handle(.phaseStarted(name: "b", expectedSeconds: nil))
        printer.handle(.phaseProgress(name: "b", completed: 10, elapsedSeconds: 1, expectedSeconds: nil))
        #expect(sink.lines.withLock { $0 }.last == "  phase b: 1 s, 10 ops, 10/s\n")
    }
}
