/// The transparent huge page policy from /sys/kernel/mm/transparent_hugepage:
/// whether anonymous memory gets huge pages always, only where madvised, or
/// never, and how hard the kernel works to find them.
public struct TransparentHugePageSettings: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable {
        case always, madvise, never
    }

    public var enabled: Mode
    /// The defrag policy ("always", "defer", "defer+madvise", "madvise", "never").
    public var defrag: String?
    /// Size of a PMD huge page in bytes (hpage_pmd_size).
    public var hugePageBytes: UInt64?

    /// The selected word of a sysfs choice file: "always [madvise] never" → "madvise".
    static func selected(in text: String) -> String? {
        guard let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") else { return nil }
        return String(text[text.index(after: open)..<close])
    }

    public static func parse(enabled: String, defrag: String?, hugePageSize: String?) -> OSReading<TransparentHugePageSettings> {
        guard let word = selected(in: enabled), let mode = Mode(rawValue: word) else {
            return .unavailable(reason: "unrecognised transparent_hugepage/enabled: '\(enabled.trimmed)'")
        }
        return .available(
            TransparentHugePageSettings(
                enabled: mode, defrag: defrag.flatMap(selected(in:)),
                hugePageBytes: hugePageSize.flatMap { UInt64($0.trimmed) }))
    }

    public static func read() -> OSReading<TransparentHugePageSettings> {
        let directory = "/sys/kernel/mm/transparent_hugepage"
        let enabled: String
        do {
            enabled = try ProcFile.read("\(directory)/enabled")
        } catch {
            return .unavailable(reason: "kernel without transparent huge pages (\(error.description))")
        }
        return parse(
            enabled: enabled, defrag: ProcFile.readIfPresent("\(directory)/defrag"),
            hugePageSize: ProcFile.readIfPresent("\(directory)/hpage_pmd_size"))
    }
}
