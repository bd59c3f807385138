import ArgumentParser
import BenchRunner
import VectorCore
import VectorIndex
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

extension AnnStorageOption {
    /// Parses `--quantization`, `--quantile`, `--sq-range`, `--oversampling`,
    /// `--rescore` and `--links`; options that only mean something with a
    /// quantization are refused without one, rather than ignored.
    static func vectors(
        quantization: String, quantile: Double?, range: String?, oversampling: Double?, rescore: Bool?, links: String
    ) throws -> (quantization: VectorQuantization?, options: QuantizedSearchOptions, links: LinkLayout) {
        guard let layout = LinkLayout(rawValue: links) else {
            throw ValidationError("--links must be plain or compressed, got '\(links)'")
        }
        var options = QuantizedSearchOptions()
        if let oversampling { options.oversampling = oversampling }
        if let rescore { options.rescore = rescore }
        let parsed: VectorQuantization?
        switch quantization {
        case "none", "f32":
            for (flag, given) in [("--quantile", quantile != nil), ("--sq-range", range != nil),
                                  ("--oversampling", oversampling != nil), ("--rescore/--no-rescore", rescore != nil)] where given {
                throw ValidationError("\(flag) needs --quantization sq8 or binary")
            }
            parsed = nil
        case "sq8", "scalar":
            let quantile = quantile ?? 0.99
            guard quantile.isFinite, quantile > 0.5, quantile <= 1 else {
                throw ValidationError("--quantile must be in (0.5, 1], got \(quantile)")
            }
            guard let rangeValue = ScalarQuantizer.Range(rawValue: range ?? "global") else {
                throw ValidationError("--sq-range must be global or per-dimension, got '\(range ?? "")'")
            }
            parsed = .scalar(quantile: quantile, range: rangeValue)
        case "binary":
            if quantile != nil || range != nil { throw ValidationError("--quantile and --sq-range apply to --quantization sq8, not binary") }
            parsed = .binary()
        default:
            throw ValidationError("--quantization must be none, sq8 or binary, got '\(quantization)'")
        }
        if parsed != nil {
            do { try options.validate() } catch { throw ValidationError("--oversampling: \(error.description)") }
        }
        return (parsed, options, layout)
    }
}
