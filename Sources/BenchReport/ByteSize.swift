import Foundation

/// Sizes as people write them on a command line: `256GiB`, `256G` (binary:
/// K, M, G, T and KiB… are powers of 1024), `256GB` (decimal: KB, MB, GB,
/// TB are powers of 1000), or a plain number of bytes. Case-insensitive;
/// a fraction is allowed (`1.5TiB`).
public enum ByteSize {
    public static func parse(_ text: String, option: String = "--node-ram") throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let number = Double(digits), number > 0, number.isFinite else {
            throw ReportError.invalidPlanInput(option: option, detail: "'\(text)' is not a size (e.g. 256GiB, 64G, 512GB, 1.5TiB)")
        }
        let kibi = 1024.0
        let binary: [String: Double] = ["": 1, "b": 1, "k": kibi, "kib": kibi, "m": kibi * kibi, "mib": kibi * kibi,
                                        "g": kibi * kibi * kibi, "gib": kibi * kibi * kibi,
                                        "t": kibi * kibi * kibi * kibi, "tib": kibi * kibi * kibi * kibi]
        let decimal: [String: Double] = ["kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12]
        guard let multiplier = binary[unit] ?? decimal[unit] else {
            throw ReportError.invalidPlanInput(option: option, detail: "unknown unit '\(unit)' in '\(text)' (B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)")
        }
        return number * multiplier
    }
}
