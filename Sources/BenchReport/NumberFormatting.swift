import Foundation

/// How every writer spells numbers, so a figure reads the same in the
/// console, Markdown and HTML. Output never depends on the locale (golden
/// files and CI diffs must be byte-stable).
enum NumberFormatting {
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "−∞") }
        let text = String(format: "%.\(decimals)f", value)
        // "-0.0" says nothing a reader can use.
        if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
        return text
    }

    /// Three significant figures, at least: 0.00123, 1.23, 12.3, 123, 12345.
    static func significant(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, 0) }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 100 { return grouped(value.rounded()) }
        if magnitude >= 10 { return fixed(value, 1) }
        if magnitude >= 1 { return fixed(value, 2) }
        if magnitude >= 0.01 { return fixed(value, 3) }
        if magnitude >= 0.001 { return fixed(value, 4) }
        return String(format: "%.2e", value)
    }

    /// A whole number with thin grouping: 1,234,567.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, 0) }
        let digits = String(format: "%.0f", abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 && digits != "0" ? "-" : "") + out
    }

    static func grouped(_ value: Int) -> String { grouped(Double(value)) }

    /// A latency given in microseconds, in the unit that keeps it short.
    static func latency(microseconds value: Double) -> String {
        guard value.isFinite else { return fixed(value, 0) }
        if value < 1000 { return "\(significant(value)) µs" }
        if value < 1_000_000 { return "\(significant(value / 1000)) ms" }
        return "\(significant(value / 1_000_000)) s"
    }

    /// A latency for an axis tick: as `latency`, without trailing zeros ("10 ms", "2.5 ms").
    static func latencyTick(_ microseconds: Double) -> String {
        let text = latency(microseconds: microseconds)
        guard let space = text.firstIndex(of: " ") else { return text }
        var number = String(text[..<space])
        if number.contains(".") {
            while number.hasSuffix("0") { number.removeLast() }
            if number.hasSuffix(".") { number.removeLast() }
        }
        return number + text[space...]
    }

    static func milliseconds(_ value: Double) -> String { latency(microseconds: value * 1000) }

    static func rate(_ perSecond: Double) -> String { "\(significant(perSecond))/s" }

    /// A fraction 0…1 as a percentage.
    static func percent(_ fraction: Double, decimals: Int = 1) -> String { fixed(fraction * 100, decimals) + " %" }

    /// A relative change, signed: "+12.3 %", "−4.0 %".
    static func signedPercent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return fraction > 0 ? "+∞ %" : (fraction < 0 ? "−∞ %" : "–") }
        let text = fixed(abs(fraction) * 100, 1)
        if text == "0.0" { return "±0.0 %" }
        return (fraction > 0 ? "+" : "−") + text + " %"
    }

    /// A signed absolute difference in the style of `format`.
    static func signed(_ delta: Double, _ format: (Double) -> String) -> String {
        if delta == 0 { return "±0" }
        return (delta > 0 ? "+" : "−") + format(abs(delta))
    }

    static func bytes(_ count: Double) -> String {
        guard count.isFinite else { return fixed(count, 0) }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = abs(count), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let sign = count < 0 ? "-" : ""
        return unit == 0 ? "\(sign)\(fixed(value, 0)) B" : "\(sign)\(significant(value)) \(units[unit])"
    }

    static func bytes(_ count: Int) -> String { bytes(Double(count)) }
}
