import BenchModel
import VectorCore

public enum PhaseLength: Sendable, Equatable, Codable {
    case seconds(Double)
    case operations(Int)
}
