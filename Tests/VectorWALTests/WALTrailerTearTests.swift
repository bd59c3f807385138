import Testing
import VectorCore
@testable import VectorWAL

/// A tear inside a record's CRC trailer is a torn tail whatever the CRC's
/// bytes are: the flake of `WALTornTailTests` (`.zeros`, cut 2221) was a
/// segment salt (random per segment) for which the last record's masked
/// CRC had a zero top byte, about one run in 256.
@Suite("WAL trailer tears")
struct WALTrailerTearTests {
    /// The torn-tail test's last record (LSN 13, kind 0xEE, payload 1...45)
    /// at offset 0 of an image with zeros after it, under the first salt
    /// from `start` whose masked CRC for it satisfies `accept`.
    static func image(acceptingCRC accept: (UInt32) -> Bool, start: UInt32 = 1) -> (bytes: [UInt8], salt: UInt32, size: Int) {
        let payload = (0..<45).map { UInt8($0 + 1) }
        let size = WALRecord.encodedSize(payloadBytes: payload.count)
        var salt = start
        while true {
            var bytes = [UInt8](repeating: 0, count: size + 64)
            let crc = bytes.withUnsafeMutableBytes { raw in
                payload.withUnsafeBytes { source in
                    _ = WALRecordCodec.encode(kind: 0xEE, payload: source, into: raw.baseAddress!)
                }
                _ = WALRecordCodec.seal(raw.baseAddress!, lsn: 13, continuesBatch: false, salt: salt)
                return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: size - 4, as: UInt32.self))
            }
            if accept(crc) { return (bytes, salt, size) }
            salt += 1
        }
    }

    static func classify(_ bytes: [UInt8], salt: UInt32) -> WALSegmentScanner.Damage {
        bytes.withUnsafeBytes { raw in
            let scanner = WALSegmentScanner(image: raw, salt: salt, payloadLimit: WALRecord.payloadLimit)
            return scanner.classifyDamage(at: 0, expecting: 13, reason: "test", dirtyEnd: scanner.endOfNonZeroBytes(from: 0))
        }
    }

    @Test("a tear after one or two trailer bytes is torn, also when the CRC's top byte is zero",
          arguments: [true, false])
    func tearInsideTrailer(zeroTopByte: Bool) {
        // Middle bytes non-zero, so every cut below changes the trailer.
        let (bytes, salt, size) = Self.image(acceptingCRC: { crc in
            (crc >> 24 == 0) == zeroTopByte && (crc >> 8) & 0xFF != 0 && (crc >> 16) & 0xFF != 0 && crc & 0xFF != 0
        })
        for kept in 1...2 {
            var torn = bytes
            for index in (size - 4 + kept)..<size { torn[index] = 0 }
            #expect(Self.classify(torn, salt: salt) == .torn, "kept \(kept) trailer bytes, salt \(salt)")
        }
    }

    @Test("a complete trailer over damaged data, or trailer bytes that are no prefix of the CRC, stay corruption")
    func corruptionStaysCorruption() {
        let (bytes, salt, size) = Self.image(acceptingCRC: { crc in crc >> 24 == 0 && crc & 0xFF != 0 && (crc >> 8) & 0xFF != 0 })
        var flipped = bytes
        flipped[20] ^= 0x04
        if case .corrupt = Self.classify(flipped, salt: salt) {} else { Issue.record("a flipped payload bit read as a tear") }
        // The low trailer byte is wrong and the rest zero: not what a tear leaves.
        var wrongPrefix = bytes
        wrongPrefix[size - 4] ^= 0x01
        for index in (size - 3)..<size { wrongPrefix[index] = 0 }
        if case .corrupt = Self.classify(wrongPrefix, salt: salt) {} else { Issue.record("a wrong trailer byte read as a tear") }
    }
}
