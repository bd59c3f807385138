import FuzzSupport
import VectorCore
#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target: the dataset file readers (`DatasetReader`, every format).
///
/// Input: one selector byte, then the file's bytes. Selector bits 0–2 pick
/// the format (modulo 6, in `DatasetFormat.allCases` order), bit 3 allows
/// non-finite floats, bits 4–7 give a row limit (0: none, n: n − 1 rows).
/// Every outcome but a `DatasetError` is a finding; a matrix that comes back
/// must agree with `info` on its shape.
enum FuzzDataset {
    static let path = FuzzHarness.scratchDirectory + "/dataset"

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let formats = DatasetFormat.allCases
        let format = formats[Int(selector & 7) % formats.count]
        let limitCode = Int(selector >> 4)
        let options = DatasetReadOptions(limit: limitCode == 0 ? nil : limitCode - 1, allowNonFinite: selector & 8 != 0)
        let file = path + "." + format.rawValue
        FuzzHarness.write(UnsafeRawBufferPointer(rebasing: input.dropFirst()), to: file)
        defer { unlink(file) }

        let info = try? DatasetReader.info(file, format: format)
        guard let dataset = try? DatasetReader.read(file, format: format, options: options) else { return }
        guard let info else { fatalError("read succeeded where info failed (\(format))") }
        let (count, dimension): (Int, Int) = switch dataset {
        case .float32(let matrix): (matrix.count, matrix.dimension)
        case .int32(let matrix): (matrix.count, matrix.dimension)
        case .uint8(let matrix): (matrix.count, matrix.dimension)
        }
        precondition(dimension == info.dimension, "read dimension \(dimension), info \(info.dimension)")
        precondition(count <= info.count, "read \(count) rows, info counts \(info.count)")
        if format.elementKind != .int32 {
            _ = try? DatasetReader.readFloats(file, format: format, options: options)
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDataset.run(FuzzHarness.buffer(data, size))
    return 0
}
#else
@main
struct FuzzDatasetReplay {
    static func main() {
        exit(FuzzHarness.replay(arguments: Array(CommandLine.arguments.dropFirst()), name: "fuzz-dataset", body: FuzzDataset.run))
    }
}
#endif
