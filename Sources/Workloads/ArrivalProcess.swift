import BenchModel
import VectorCore

/// When operations are issued.
public enum ArrivalProcess: Sendable, Equatable, Codable {
    /// `clients` workers each issue the next operation as soon as the last
    /// one finished (throughput-bound; latency = service time).
    case closedLoop(clients: Int)
    /// Open loop: exponential gaps at `rate` operations per second.
    case poisson(rate: Double)
    /// Open loop: Poisson at `burstRate` for `burstSeconds`, then at
    /// `idleRate` (may be 0) for `idleSeconds`, repeated.
    case onOff(burstRate: Double, burstSeconds: Double, idleRate: Double, idleSeconds: Double)
    /// Open loop: Poisson at each step's rate for its duration, in order.
    case steps([RateStep])

    public var isOpenLoop: Bool {
        if case .closedLoop = self { return false }
        return true
    }
}
