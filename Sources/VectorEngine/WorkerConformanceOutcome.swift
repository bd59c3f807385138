/// One check of `WorkerConformance`: what was asked and how the worker did.
public struct WorkerConformanceOutcome: Sendable, Equatable, CustomStringConvertible {
    public enum Status: String, Sendable, Equatable {
        case passed
        case failed
        /// The worker answered "unavailable" for a figure an adapter may lack.
        case unavailable
    }

    public var name: String
    public var status: Status
    public var detail: String

    public init(name: String, status: Status, detail: String = "") {
        self.name = name
        self.status = status
        self.detail = detail
    }

    public var description: String {
        "\(status.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(name)" + (detail.isEmpty ? "" : ": \(detail)")
    }
}
