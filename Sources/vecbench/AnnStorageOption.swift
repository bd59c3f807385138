import ArgumentParser
import BenchRunner
import VectorStorage

/// Parses `--storage` / `--advice` / `--index-dir` into an `AnnStorage`.
enum AnnStorageOption {
    static func parse(storage: String, advice: String, directory: String?, hugePageAlignment: Bool) throws -> AnnStorage {
        guard let mode = StorageMode(parsing: storage) else {
            throw ValidationError("--storage must be ram or mmap, got '\(storage)'")
        }
        switch mode {
        case .ram:
            return .ram
        case .mmap:
            guard let parsed = MemoryAdvice(parsing: advice) else {
                throw ValidationError("--advice must be one of \(MemoryAdvice.allCases.map(\.rawValue).joined(separator: ", ")), got '\(advice)'")
            }
            return .mmap(advice: parsed, directory: directory, hugePageAlignment: hugePageAlignment || parsed == .hugepage)
        }
    }
}
