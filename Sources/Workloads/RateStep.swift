import BenchModel
import VectorCore

public struct RateStep: Sendable, Equatable, Codable {
    public var rate: Double
    public var seconds: Double
    public init(rate: Double, seconds: Double) {
        self.rate = rate
        self.seconds = seconds
    }
}
