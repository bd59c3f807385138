import VectorCore
import VectorIndex

/// The quantized rows of one HNSW graph (`QuantizedVectors`) saved as a
/// `SectionedFile` with content tag `VBQCODES`, version 1, and opened again
/// into RAM (codes pinned in anonymous memory) or as a read-only mapping —
/// so a segment reopens its codes without reading its f32 vectors to train
/// a quantizer again.
///
/// Sections, in file order:
///
/// | kind      | contents                                         | length (bytes)           |
/// |-----------|--------------------------------------------------|--------------------------|
/// | `QPARAMS` | the fixed fields below                           | 64                       |
/// | `QBOUNDS` | Float32 quantizer parameters (see below)         | scalar 2 × d × 4; binary d × 4 |
/// | `QROWS`   | rows, `rowBytes` each, in graph id order (layout on `QuantizedVectors`) | count × rowBytes |
///
/// `QBOUNDS`: scalar, every dimension's lower bound then every upper bound;
/// binary, every dimension's threshold.
///
/// `QPARAMS` (little-endian):
///
/// | offset | size | field                                                     |
/// |--------|------|-----------------------------------------------------------|
/// | 0      | 4    | kind: 1 = scalar int8, 2 = binary                         |
/// | 4      | 4    | metric: 0 = l2, 1 = inner product, 2 = cosine             |
/// | 8      | 4    | dimension                                                 |
/// | 12     | 4    | scalar: range, 0 = global, 1 = per dimension; binary: centered 0/1 |
/// | 16     | 8    | row count                                                 |
/// | 24     | 8    | bytes per row                                             |
/// | 32     | 8    | scalar: quantile (Float64); binary: zero                  |
/// | 40     | 24   | reserved, zero                                            |
///
/// On open every field is checked against the others and the section
/// lengths, so a damaged file is refused naming it, never searched.
public struct QuantizedCodesFile: Sendable {
    public static let contentTag: FormatTag = "VBQCODES"
    public static let version: UInt32 = 1
    static let paramsSize = 64

    /// The rows; they point into `file` (RAM copy or mapping).
    public let vectors: QuantizedVectors
    public let file: SectionedFile

    /// Saves `vectors` to `path` durably (temp → fsync → rename → fsync
    /// directory). Returns the file size.
    @discardableResult
    public static func save(_ vectors: QuantizedVectors, to path: String) throws(StorageError) -> Int {
        var params = [UInt8](repeating: 0, count: paramsSize)
        let (kind, variant, quantile): (UInt32, UInt32, Double) = switch vectors.quantization {
        case .scalar(let quantile, let range): (1, range == .global ? 0 : 1, quantile)
        case .binary(let centered): (2, centered ? 1 : 0, 0)
        }
        params.storeLE(kind, at: 0)
        params.storeLE(metricCode(vectors.metric), at: 4)
        params.storeLE(UInt32(vectors.dimension), at: 8)
        params.storeLE(variant, at: 12)
        params.storeLE(UInt64(vectors.count), at: 16)
        params.storeLE(UInt64(vectors.rowBytes), at: 24)
        params.storeLE(quantile.bitPattern, at: 32)
        var writer = SectionedFileWriter(contentTag: contentTag, contentVersion: version)
        writer.append("QPARAMS", bytes: params)
        writer.append("QBOUNDS", bytes: vectors.quantizerParameters.map(\.bitPattern.littleEndian).withUnsafeBytes { Array($0) })
        writer.append("QROWS", vectors.rowsRegion)
        return try writer.write(to: path)
    }

    /// Opens a codes file into RAM (`.ram`, into `arena` while it has room)
    /// or as a mapping (`.mapped`).
    public init(path: String, mode: SectionedFile.Mode = .ram, arena: SectionArena? = nil) throws(StorageError) {
        let file = try SectionedFile(path: path, mode: mode, expecting: Self.contentTag, versions: Self.version...Self.version,
                                     arena: arena)
        let params = try file.section("QPARAMS")
        guard params.length == Self.paramsSize else {
            throw .invalidContent(path: path, "section \(params.index) (QPARAMS) holds \(params.length) bytes, expected \(Self.paramsSize)")
        }
        let bytes = UnsafeRawBufferPointer(start: params.region.base, count: params.length)
        let metric: Metric
        switch bytes.loadLE(at: 4, as: UInt32.self) {
        case 0: metric = .l2
        case 1: metric = .innerProduct
        case 2: metric = .cosine
        case let code: throw .invalidContent(path: path, "QPARAMS: unknown metric code \(code)")
        }
        let variant = bytes.loadLE(at: 12, as: UInt32.self)
        guard variant <= 1 else { throw .invalidContent(path: path, "QPARAMS: variant \(variant) is neither 0 nor 1") }
        let quantization: VectorQuantization
        switch bytes.loadLE(at: 0, as: UInt32.self) {
        case 1:
            let quantile = Double(bitPattern: bytes.loadLE(at: 32, as: UInt64.self))
            guard quantile > 0, quantile <= 1 else { throw .invalidContent(path: path, "QPARAMS: quantile \(quantile) outside (0, 1]") }
            quantization = .scalar(quantile: quantile, range: variant == 0 ? .global : .perDimension)
        case 2: quantization = .binary(centered: variant == 1)
        case let code: throw .invalidContent(path: path, "QPARAMS: unknown quantization kind \(code)")
        }
        let dimension = Int(bytes.loadLE(at: 8, as: UInt32.self))
        let rawCount = bytes.loadLE(at: 16, as: UInt64.self), rawRowBytes = bytes.loadLE(at: 24, as: UInt64.self)
        guard (1...Int8Distance.maximumDimension).contains(dimension), rawCount <= UInt64(UInt32.max) else {
            throw .invalidContent(path: path, "QPARAMS: dimension \(dimension), count \(rawCount) out of range")
        }
        let count = Int(rawCount), rowBytes = quantization.bytesPerVector(dimension: dimension, metric: metric)
        guard rawRowBytes == UInt64(rowBytes) else {
            throw .invalidContent(path: path, "QPARAMS: \(rawRowBytes) bytes per row, \(quantization) of dimension \(dimension) takes \(rowBytes)")
        }
        let bounds = try file.section("QBOUNDS"), rows = try file.section("QROWS")
        let boundValues = (bytes.loadLE(at: 0, as: UInt32.self) == 2 ? 1 : 2) * dimension
        guard bounds.length == boundValues * 4 else {
            throw .invalidContent(path: path, "section \(bounds.index) (QBOUNDS) holds \(bounds.length) bytes, expected \(boundValues * 4)")
        }
        guard rows.length == count * rowBytes else {
            throw .invalidContent(path: path, "section \(rows.index) (QROWS) holds \(rows.length) bytes, \(count) rows need \(count * rowBytes)")
        }
        let parameters = (0..<boundValues).map {
            Float(bitPattern: UInt32(littleEndian: bounds.region.base.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
        }
        withExtendedLifetime(bounds.region) {}
        do {
            vectors = try QuantizedVectors(opening: quantization, metric: metric, dimension: dimension, count: count,
                                           parameters: parameters, rows: rows.region)
        } catch {
            throw .invalidContent(path: path, "\(error)")
        }
        self.file = file
    }

    static func metricCode(_ metric: Metric) -> UInt32 {
        switch metric {
        case .l2: 0
        case .innerProduct: 1
        case .cosine: 2
        }
    }
}
