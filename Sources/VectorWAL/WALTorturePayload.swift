import VectorCore

/// The records `vecbench wal-torture` appends, which its kill -9 crash test
/// must recognise byte for byte after recovery: run, thread and sequence
/// (little-endian), then 0–199 bytes of `SeededGenerator` output seeded from
/// them. One definition for the child and the test, so they cannot drift.
public enum WALTorturePayload {
    public static func bytes(run: UInt32, thread: UInt32, sequence: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: UInt64(run) << 48 ^ UInt64(thread) << 32 ^ sequence)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: run.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: thread.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: sequence.littleEndian) { bytes.append(contentsOf: $0) }
        let extra = Int(generator.next() % 200)
        for _ in 0..<extra { bytes.append(UInt8(truncatingIfNeeded: generator.next())) }
        return bytes
    }
}
