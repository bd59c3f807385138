/// What recovery may drop when the open segment does not end cleanly.
///
/// Two kinds of damage are told apart (see `WALSegmentScanner.classifyDamage`):
/// - a **torn tail**: the end of the last write a crash cut short — a
///   prefix of a batch followed by zeros (a killed `pwrite` stops between
///   pages; a sector either reached the disk or is still zero). Its records
///   were never completely written, so with `fsync always` none of them was
///   ever acknowledged;
/// - **corruption**: a record that was completely written (its header is
///   intact or repairable, its whole length is in the file, its CRC trailer
///   was written) and still fails its checks, or damage with a valid record
///   after it. That record may well have been acknowledged.
///
/// | policy          | torn tail of the open segment | corrupt record(s) in the open segment | damage in a sealed segment |
/// |-----------------|-------------------------------|---------------------------------------|----------------------------|
/// | `strict`        | refused (`WALError.corrupt`)  | refused                               | refused                    |
/// | `tolerate-tail` | cut off, zeroed, reported in `WALRecoveryReport.tornTail` | refused | refused               |
/// | `skip-corrupt`  | cut off, as `tolerate-tail`   | replaced by a gap record; every skipped LSN range in `WALRecoveryReport.skipped` | refused |
///
/// No policy drops an acknowledged record silently: a refusal names the
/// path, byte offset and LSN; a skip is reported with its LSN range, and the
/// gap record keeps those LSNs from ever being used again (the next append
/// gets an LSN above the range). A torn tail never held a record acknowledged
/// under `fsync always`; under `interval` or `never` an acknowledgement only
/// promised a write to the page cache, which is what such a crash loses.
public enum WALRecoveryPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case strict
    case tolerateTail = "tolerate-tail"
    case skipCorrupt = "skip-corrupt"
}
