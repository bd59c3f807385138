import Foundation

/// Number and table formatting shared by the counters and stat writers,
/// in perf stat's style: grouped digits, rates with K/M/G, reasons as
/// numbered footnotes so identical reasons print once.
enum CounterFormat {
    /// 1234567 → "1,234,567"; fractional values keep two decimals.
    static func grouped(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e18 {
            let digits = String(Int64(value).magnitude)
            var out = ""
            for (index, character) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
                out.append(character)
            }
            return (value < 0 ? "-" : "") + out
        }
        return String(format: "%.2f", value)
    }

    /// A rate per second with a metric prefix: "12.345 K/sec".
    static func rate(_ perSecond: Double) -> String {
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "K")]
        for (scale, prefix) in units where perSecond >= scale {
            return String(format: "%.3f ", perSecond / scale) + prefix + "/sec"
        }
        return String(format: "%.3f /sec", perSecond)
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f%%", value) }

    static func seconds(nanos: UInt64) -> String { String(format: "%.6f", Double(nanos) / 1e9) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Numbered footnotes: the same reason gets the same number.
    struct Footnotes {
        private(set) var reasons: [String] = []

        mutating func mark(_ reason: String?) -> String {
            guard let reason else { return "" }
            if let index = reasons.firstIndex(of: reason) { return "[\(index + 1)]" }
            reasons.append(reason)
            return "[\(reasons.count)]"
        }

        func render() -> String {
            reasons.enumerated().map { "  [\($0.offset + 1)] \($0.element)" }.joined(separator: "\n")
        }
    }
}
