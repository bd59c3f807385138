import BenchModel
import VectorCore
import VectorEngine
import VectorIndex
import VectorStorage
import VectorWAL
import Workloads

/// Why a run or a configuration could not go on.
public enum RunnerError: Error, CustomStringConvertible, Sendable {
    case invalidSetting(String, String)
    case brokenIndex(String)
    case workload(String)

    public var description: String {
        switch self {
        case .invalidSetting(let key, let value): return "engine setting \(key): '\(value)' is not valid"
        case .brokenIndex(let text): return text
        case .workload(let text): return text
        }
    }
}
