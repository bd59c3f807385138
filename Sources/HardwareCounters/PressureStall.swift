#if canImport(Glibc)
import Glibc
#endif

/// Pressure stall information from /proc/pressure/<resource> (Linux 4.20+,
/// CONFIG_PSI): the share of time some (or all) runnable tasks were stalled
/// waiting for the resource.
public struct PressureStall: Codable, Sendable, Equatable {
    public enum Resource: String, Codable, Sendable, CaseIterable {
        case cpu, memory, io, irq
    }

    /// One "some" or "full" line.
    public struct Line: Codable, Sendable, Equatable {
        public var avg10: Double
        public var avg60: Double
        public var avg300: Double
        /// Cumulative stall time in microseconds; phases use its delta.
        public var totalMicros: UInt64
    }

    public var resource: Resource
    public var some: Line
    /// nil for cpu on kernels that do not report it (before 5.13).
    public var full: Line?

    public static func parse(_ text: String, resource: Resource) -> OSReading<PressureStall> {
        var some: Line?
        var full: Line?
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let kind = words.first else { continue }
            var values: [String: Substring] = [:]
            for word in words.dropFirst() {
                let pair = word.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { values[String(pair[0])] = pair[1] }
            }
            guard let avg10 = values["avg10"].flatMap({ Double($0) }),
                let avg60 = values["avg60"].flatMap({ Double($0) }),
                let avg300 = values["avg300"].flatMap({ Double($0) }),
                let total = values["total"].flatMap({ UInt64($0) })
            else { continue }
            let parsed = Line(avg10: avg10, avg60: avg60, avg300: avg300, totalMicros: total)
            if kind == "some" { some = parsed } else if kind == "full" { full = parsed }
        }
        guard let some else { return .unavailable(reason: "/proc/pressure/\(resource.rawValue) has no 'some' line") }
        return .available(PressureStall(resource: resource, some: some, full: full))
    }

    /// Reads one resource; unavailable (with the reason) on kernels without
    /// PSI or with it disabled (psi=0 on the command line).
    public static func read(_ resource: Resource) -> OSReading<PressureStall> {
        let path = "/proc/pressure/\(resource.rawValue)"
        do {
            return parse(try ProcFile.read(path), resource: resource)
        } catch {
            if error.errno == ENOENT {
                return .unavailable(reason: "\(path) absent: kernel without pressure stall information (CONFIG_PSI, 4.20+)")
            }
            if error.errno == EOPNOTSUPP {
                return .unavailable(reason: "\(path): pressure stall information disabled (psi=0)")
            }
            return .unavailable(reason: error.description)
        }
    }
}
