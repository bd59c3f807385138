import VectorCore

/// The quantized rows of an index's vectors, by internal id, with the
/// quantizer trained on them: what `HNSWIndex.search(…, quantized:)`
/// traverses the graph with, while the f32 vectors (RAM or a mapping) are
/// read only to rescore the final candidates.
///
/// Kept apart from the index so the same graph can be searched in f32 and in
/// any quantized form, and so an index opened read-only over a file mapping
/// can get quantized rows in RAM without copying its f32 vectors.
///
/// Row layout (`rowBytes` per node, rows dense in id order, page-aligned
/// `IndexMemory`):
///
/// | quantization                 | row                                          |
/// |------------------------------|----------------------------------------------|
/// | scalar                       | Int8 × dimension                             |
/// | scalar, per-dimension, l2    | Int8 × dimension, zero pad to 4, Float32 correction |
/// | binary                       | UInt64 × ⌈dimension / 64⌉                    |
public final class QuantizedVectors: @unchecked Sendable {
    public let quantization: VectorQuantization
    public let metric: Metric
    public let dimension: Int
    public let count: Int
    /// Bytes per vector in RAM.
    public let rowBytes: Int

    enum Quantizer {
        case scalar(ScalarQuantizer, correctionOffset: Int?)
        case binary(BinaryQuantizer)
    }

    let quantizer: Quantizer
    let rows: UnsafeMutableRawPointer
    /// What keeps `rows` alive: the `IndexMemory` quantized into, or the
    /// RAM copy or file mapping the rows were opened from.
    private let owner: AnyObject?

    /// Rows already quantized (opened from a file): `rows` must hold
    /// `count × rowBytes` bytes laid out as the table above says, and stay
    /// valid as long as `owner` lives. Never written through.
    init(quantization: VectorQuantization, metric: Metric, dimension: Int, count: Int, quantizer: Quantizer,
         rows: UnsafeRawPointer, owner: AnyObject?) {
        self.quantization = quantization
        self.metric = metric
        self.dimension = dimension
        self.count = count
        rowBytes = quantization.bytesPerVector(dimension: dimension, metric: metric)
        self.quantizer = quantizer
        self.rows = UnsafeMutableRawPointer(mutating: rows)
        self.owner = owner
    }

    static func alignedCodes(_ dimension: Int) -> Int { (dimension + 3) & ~3 }

    /// Quantizes every vector of `index` (trained on them; call when no
    /// insert is running). The index may be built in RAM or opened over an
    /// image; a cosine index's vectors are already normalised.
    public convenience init(index: HNSWIndex, quantization: VectorQuantization, hugePages: HugePagePolicy = .system) throws(HNSWError) {
        let count = index.count
        try self.init(rows: UnsafePointer(index.vectors), count: count, dimension: index.dimension, metric: index.metric,
                      quantization: quantization, hugePages: hugePages)
        withExtendedLifetime(index) {}
    }

    /// Quantizes `count` rows of a row-major matrix as an index of `metric`
    /// stores them (normalised for cosine).
    public init(
        rows source: UnsafePointer<Float>, count: Int, dimension: Int, metric: Metric, quantization: VectorQuantization,
        hugePages: HugePagePolicy = .system
    ) throws(HNSWError) {
        self.quantization = quantization
        self.metric = metric
        self.dimension = dimension
        self.count = count
        rowBytes = quantization.bytesPerVector(dimension: dimension, metric: metric)
        let quantizer: Quantizer
        do throws(QuantizationError) {
            switch quantization {
            case .scalar(let quantile, let range):
                let scalar = try ScalarQuantizer(training: source, count: max(count, 1), dimension: dimension,
                                                 quantile: quantile, range: range)
                quantizer = .scalar(scalar, correctionOffset: scalar.needsCorrection(metric) ? Self.alignedCodes(dimension) : nil)
            case .binary(let centered):
                guard metric != .l2 else { throw .unsupportedMetric(quantization: "binary", metric: metric) }
                quantizer = .binary(try BinaryQuantizer(training: source, count: max(count, 1), dimension: dimension,
                                                        centered: centered))
            }
        } catch {
            throw .quantization("\(error)")
        }
        self.quantizer = quantizer
        let memory: IndexMemory
        do { memory = try IndexMemory(byteCount: max(count, 1) * rowBytes, policy: hugePages) } catch {
            throw .allocationFailed(error)
        }
        owner = memory
        rows = memory.pointer
        for node in 0..<count {
            let vector = source + node * dimension, row = rows + node * rowBytes
            switch quantizer {
            case .scalar(let scalar, let correctionOffset):
                let codes = row.assumingMemoryBound(to: Int8.self)
                scalar.encode(vector, into: codes)
                if let correctionOffset {
                    row.storeBytes(of: scalar.correction(of: codes), toByteOffset: correctionOffset, as: Float.self)
                }
            case .binary(let binary):
                binary.encode(vector, into: row.assumingMemoryBound(to: UInt64.self))
            }
        }
    }

    /// Bytes the rows occupy.
    public var memoryBytes: Int { count * rowBytes }

    /// The address range of the rows (for smaps residency).
    public var range: Range<UInt> {
        UInt(bitPattern: rows)..<UInt(bitPattern: rows) + UInt(max(count, 1) * rowBytes)
    }

    /// The scalar quantizer, if this is scalar quantization.
    public var scalarQuantizer: ScalarQuantizer? {
        if case .scalar(let scalar, _) = quantizer { return scalar }
        return nil
    }

    /// The binary quantizer, if this is binary quantization.
    public var binaryQuantizer: BinaryQuantizer? {
        if case .binary(let binary) = quantizer { return binary }
        return nil
    }
}
