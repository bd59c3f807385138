/// One logged record, copied out of the log (see `WALRecordView` for the
/// zero-copy form replay hands out).
///
/// ## On-disk record layout (little-endian, every record starts 8-byte aligned)
///
/// | offset     | size  | field    | meaning |
/// |------------|-------|----------|---------|
/// | 0          | 4     | length   | payload bytes `n` (UInt32; 0 allowed, at most `payloadLimit`) |
/// | 4          | 1     | kind     | caller-chosen (the engine encodes collection and operation) |
/// | 5          | 1     | flags    | bit 0 `continuesBatch`: more records of this batch follow; bit 1 `gap` (below); other bits 0 |
/// | 6          | 2     | reserved | 0 |
/// | 8          | 8     | LSN      | UInt64, consecutive across records and segments, first is 1 |
/// | 16         | n     | payload  | opaque bytes |
/// | 16+n       | 0–7   | padding  | zero bytes, so that the whole record is a multiple of 8 |
/// | size − 4   | 4     | CRC      | masked CRC32C (LevelDB mask) of bytes 0..<16+n, seeded with the segment's salt |
///
/// A record is `16 + n + 4` bytes rounded up to 8. The CRC covers length,
/// kind, flags, LSN and payload; it is seeded with the segment header's random
/// salt, so a record copied from another segment or an older file never
/// validates. Padding is not covered by the CRC but must be zero, so a flipped
/// bit anywhere in a record is detected.
///
/// **Batches.** An append of several records writes them back to back in one
/// `pwrite`; every record but the last has `continuesBatch` set. Recovery and
/// replay hand out a batch only once its last record has been read and
/// checked, so half a batch is never surfaced: a batch cut short by a crash is
/// part of the open segment's torn tail (discarded), and in a sealed segment it
/// is corruption. A batch never spans two segments.
///
/// **Gap records.** A record with the `gap` flag is the log's own: it is
/// never handed to replay. Its payload is `count` (UInt64, ≥ 1) then a
/// `reason` byte (1: corrupt records skipped by `skip-corrupt` recovery,
/// 2: LSNs advanced past ones already applied elsewhere), then zeros to fill
/// a span; it consumes LSNs `lsn ..< lsn + count`, so the next record carries
/// `lsn + count`. It stands alone (never inside a batch). Older readers see
/// an unknown flag and refuse the segment as corrupt rather than misread it.
public struct WALRecord: Sendable, Hashable {
    public var lsn: UInt64
    public var kind: UInt8
    public var payload: [UInt8]

    public init(lsn: UInt64, kind: UInt8, payload: [UInt8]) {
        self.lsn = lsn
        self.kind = kind
        self.payload = payload
    }

    /// Bytes before the payload.
    public static let headerBytes = 16
    /// Bytes of the CRC after the payload and padding.
    public static let trailerBytes = 4
    /// Records start at multiples of this.
    public static let alignment = 8
    /// The format's bound on a payload (the length field is 32 bits; the
    /// bound is lower so a damaged length cannot ask for 4 GiB).
    public static let payloadLimit = 1 << 30

    /// On-disk size of a record with a payload of `payloadBytes`.
    @inlinable
    public static func encodedSize(payloadBytes: Int) -> Int {
        (headerBytes + payloadBytes + trailerBytes + alignment - 1) & ~(alignment - 1)
    }
}
