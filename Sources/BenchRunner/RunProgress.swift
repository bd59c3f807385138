/// What the runner is doing, for whoever shows progress (a bar on a
/// terminal, plain lines otherwise). The runner only reports; it never
/// formats.
public enum RunProgress: Sendable {
    case configurationStarted(name: String, repetition: Int, index: Int, of: Int)
    case loading(pointsDone: Int, pointsTotal: Int)
    case loaded(points: Int, seconds: Double)
    case phaseStarted(name: String, expectedSeconds: Double?)
    case phaseProgress(name: String, completed: Int, elapsedSeconds: Double, expectedSeconds: Double?)
    case phaseFinished(name: String, operations: Int, seconds: Double, errors: Int)
    case configurationFinished(name: String, failure: String?)
}
