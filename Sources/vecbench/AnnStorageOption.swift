import ArgumentParser
import BenchRunner

/// Parses `--storage` / `--advice` / `--index-dir` into an `AnnStorage`.
enum AnnStorageOption {
    static func parse(storage: String, advice: String, directory: String?) throws -> AnnStorage {
        switch storage {
        case "ram": return .ram
        default: throw ValidationError("--storage must be ram or mmap, got '\(storage)'")
        }
    }
}
