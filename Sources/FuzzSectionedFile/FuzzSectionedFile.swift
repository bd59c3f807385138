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
/// bare container. An index that opens is searched: the open path promises
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
        FuzzHarness.write(UnsafeRawBufferPointer(rebasing: input.dropFirst()), to: path)
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
