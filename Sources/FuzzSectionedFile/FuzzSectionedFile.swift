import FuzzSupport
import VectorCore
import VectorIndex
import VectorStorage
#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target: the sectioned container (`SectionedFile`, its header and
/// section table) and the HNSW index file inside it (`HNSWIndexFile`).
///
/// Input: one selector byte, then the file's bytes. Selector bits 0–1 pick
/// the mode (0 and 3: RAM, 1: mapped and verified, 2: mapped without
/// section checksums); bit 2 opens the file as an HNSW index rather than a
/// bare container; bit 3 recomputes the header, table and section CRCs
/// first, so that mutations reach the checks behind them (random bytes
/// almost never carry a matching CRC32C). An index that opens is searched: the open path promises
/// that search never follows an id read from a damaged file.
enum FuzzSectionedFile {
    static let path = FuzzHarness.scratchDirectory + "/sectioned.vbidx"

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let mode: SectionedFile.Mode = switch selector & 3 {
        case 1: .mapped(advice: .normal, verifyChecksums: true)
        case 2: .mapped(advice: .random, verifyChecksums: false)
        default: .ram
        }
        if selector & 8 != 0 {
            var bytes = Array(input.dropFirst())
            fixChecksums(&bytes)
            bytes.withUnsafeBytes { FuzzHarness.write($0, to: path) }
        } else {
            FuzzHarness.write(UnsafeRawBufferPointer(rebasing: input.dropFirst()), to: path)
        }
        defer { unlink(path) }
        guard selector & 4 != 0 else {
            if let file = try? SectionedFile(path: path, mode: mode) {
                for section in file.sections { _ = try? file.verify(section) }
            }
            return
        }
        guard let indexFile = try? HNSWIndexFile(path: path, mode: mode) else { return }
        let image = indexFile.image
        guard image.count > 0, image.dimension <= 1 << 16, let index = try? HNSWIndex(image: image) else { return }
        let query = [Float](repeating: 0.5, count: image.dimension)
        let found = index.search(query, k: 5, ef: 16)
        precondition(found.count <= min(5, image.count), "search returned \(found.count) results from \(image.count) nodes")
    }

    /// Rewrites the CRCs of the layout documented on `SectionedFile`:
    /// sections inside the file, then the table, then the header.
    static func fixChecksums(_ bytes: inout [UInt8]) {
        guard bytes.count >= 64 else { return }
        func word(_ offset: Int) -> Int {
            bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        }
        func long(_ offset: Int) -> UInt64 {
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        }
        func store(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for index in 0..<4 { bytes[offset + index] = $0[index] } }
        }
        func crc(_ range: Range<Int>) -> UInt32 {
            bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        let count = min(word(28), 4_096)
        let tableEnd = 64 + count * 32
        if tableEnd <= bytes.count {
            for entry in 0..<count {
                let base = 64 + entry * 32
                let offset = long(base + 8), length = long(base + 16)
                guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else { continue }
                store(crc(Int(offset)..<Int(offset + length)), at: base + 24)
            }
            store(crc(64..<tableEnd), at: 44)
        }
        store(crc(0..<60), at: 60)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzSectionedFile.run(FuzzHarness.buffer(data, size))
    return 0
}
#else
@main
struct FuzzSectionedFileReplay {
    static func main() {
        exit(FuzzHarness.replay(arguments: Array(CommandLine.arguments.dropFirst()), name: "fuzz-sectioned-file",
                                body: FuzzSectionedFile.run))
    }
}
#endif
