import Testing
import VectorCore

@Suite("CRC32C")
struct CRC32CTests {
    @Test("known vectors (RFC 3720 B.4 and the usual check value)")
    func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](), seed: 0x1234_5678) == 0x1234_5678)
    }

    @Test("software table gives the known vectors too")
    func softwareKnownVectors() {
        Array("123456789".utf8).withUnsafeBytes { #expect(CRC32C.softwareChecksum($0) == 0xE306_9283) }
        [UInt8](repeating: 0, count: 32).withUnsafeBytes { #expect(CRC32C.softwareChecksum($0) == 0x8A91_36AA) }
    }

    @Test("hardware and software agree for every length 0…1024 at odd alignments")
    func hardwareMatchesSoftware() throws {
        var generator = SeededGenerator(seed: 0xC5C3)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024 + 16, alignment: 64)
        defer { buffer.deallocate() }
        for index in buffer.indices { buffer[index] = UInt8.random(in: 0...255, using: &generator) }
        for alignment in [0, 1, 3, 5, 7] {
            for length in 0...1024 {
                let slice = UnsafeRawBufferPointer(rebasing: buffer[alignment..<(alignment + length)])
                let software = CRC32C.softwareChecksum(slice, seed: UInt32(length))
                #expect(CRC32C.checksum(slice, seed: UInt32(length)) == software, "length \(length) offset \(alignment)")
                if let hardware = CRC32C.hardwareChecksum(slice, seed: UInt32(length)) {
                    #expect(hardware == software, "length \(length) offset \(alignment)")
                }
            }
        }
    }

    @Test("hardware and software agree across the interleaved 3×256 and 3×8192 block paths")
    func hardwareMatchesSoftwareOnLongBuffers() {
        var generator = SeededGenerator(seed: 0x3B10C)
        let size = 200_000
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 8, alignment: 64)
        defer { buffer.deallocate() }
        for index in buffer.indices { buffer[index] = UInt8.random(in: 0...255, using: &generator) }
        // Lengths at and around the block boundaries, then random ones.
        var lengths = [767, 768, 769, 3 * 8192 - 1, 3 * 8192, 3 * 8192 + 1, 3 * 8192 + 768, 6 * 8192 + 5, size]
        for _ in 0..<40 { lengths.append(Int.random(in: 1025...size, using: &generator)) }
        for length in lengths {
            for alignment in [0, 3] {
                let slice = UnsafeRawBufferPointer(rebasing: buffer[alignment..<(alignment + length)])
                let software = CRC32C.softwareChecksum(slice, seed: 0xDEAD_BEEF)
                #expect(CRC32C.checksum(slice, seed: 0xDEAD_BEEF) == software, "length \(length) offset \(alignment)")
                if let hardware = CRC32C.hardwareChecksum(slice, seed: 0xDEAD_BEEF) {
                    #expect(hardware == software, "length \(length) offset \(alignment)")
                }
            }
        }
        // 1 MiB of zeros, checked against an independent bit-at-a-time CRC.
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var reference: UInt32 = 0xFFFF_FFFF
        for byte in zeros {
            reference ^= UInt32(byte)
            for _ in 0..<8 { reference = (reference >> 1) ^ (0x82F6_3B78 & (0 &- (reference & 1))) }
        }
        #expect(CRC32C.checksum(zeros) == ~reference)
    }

    @Test("this x86-64 / aarch64 build actually uses the CPU instructions")
    func usesHardwareWhereAvailable() {
        #if arch(x86_64) || arch(arm64)
        // Every x86-64 machine since Nehalem (2008) and every ARMv8.1 core has them.
        #expect(CRC32C.isHardwareAccelerated)
        #expect(CRC32C.implementation != "software")
        #else
        #expect(CRC32C.implementation == "software")
        #endif
    }

    @Test("incremental updates equal one checksum over the concatenation")
    func incremental() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<777).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = CRC32C.checksum(bytes)
        for split in [0, 1, 8, 63, 500, 777] {
            var crc = CRC32C()
            crc.update(bytes[..<split])
            bytes[split...].withUnsafeBytes { crc.update($0) }
            #expect(crc.value == whole, "split at \(split)")
            #expect(CRC32C.checksum(bytes[split...], seed: CRC32C.checksum(bytes[..<split])) == whole)
        }
    }

    @Test("mask is LevelDB's and unmask inverts it")
    func masking() {
        // LevelDB crc32c_test: Mask(crc) != crc, Unmask(Mask(crc)) == crc.
        let crc = CRC32C.checksum(Array("foo".utf8))
        #expect(CRC32C.masked(crc) != crc)
        #expect(CRC32C.masked(CRC32C.masked(crc)) != crc)
        #expect(CRC32C.unmasked(CRC32C.masked(crc)) == crc)
        #expect(CRC32C.unmasked(CRC32C.unmasked(CRC32C.masked(CRC32C.masked(crc)))) == crc)
        // rotate right 15 then add 0xa282ead8, by hand for one value.
        #expect(CRC32C.masked(0x0000_8000) == 0x0000_0001 &+ 0xA282_EAD8)
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let value = UInt32.random(in: 0...UInt32.max, using: &generator)
            #expect(CRC32C.unmasked(CRC32C.masked(value)) == value)
        }
    }
}
