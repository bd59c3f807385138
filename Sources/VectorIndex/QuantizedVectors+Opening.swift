import VectorCore

extension QuantizedVectors {
    /// The quantizer's trained parameters as one float array, what a file
    /// stores to reopen the rows without training again: scalar,
    /// `lower[0..<dimension] ++ upper[0..<dimension]`; binary, the
    /// `dimension` thresholds.
    public var quantizerParameters: [Float] {
        switch quantizer {
        case .scalar(let scalar, _): scalar.lower + scalar.upper
        case .binary(let binary): binary.thresholds
        }
    }

    /// The rows as one region (`count × rowBytes` bytes), borrowed: the
    /// region keeps these vectors alive.
    public var rowsRegion: MemoryRegion {
        MemoryRegion(base: UnsafeRawPointer(rows), count: count * rowBytes, owner: self)
    }

    /// Quantized rows opened from storage: `parameters` as
    /// `quantizerParameters` gave them, `rows` holding `count × rowBytes`
    /// bytes in the layout of the type's table (a RAM copy or a read-only
    /// mapping; the region's owner keeps it alive). Refuses parameters and
    /// sizes that do not fit, so search never reads past the rows.
    public convenience init(
        opening quantization: VectorQuantization, metric: Metric, dimension: Int, count: Int, parameters: [Float],
        rows: MemoryRegion
    ) throws(HNSWError) {
        guard (1...Int8Distance.maximumDimension).contains(dimension), count >= 0 else {
            throw .quantization("dimension \(dimension) or count \(count) out of range")
        }
        let rowBytes = quantization.bytesPerVector(dimension: dimension, metric: metric)
        let (needed, overflow) = count.multipliedReportingOverflow(by: rowBytes)
        guard !overflow, rows.count >= needed else {
            throw .quantization("rows hold \(rows.count) bytes, \(count) vectors of \(rowBytes) bytes need \(overflow ? Int.max : needed)")
        }
        let quantizer: Quantizer
        do throws(QuantizationError) {
            switch quantization {
            case .scalar(_, let range):
                guard parameters.count == 2 * dimension else {
                    throw .invalidParameter("scalar bounds hold \(parameters.count) values, expected \(2 * dimension)")
                }
                let scalar = try ScalarQuantizer(range: range, lower: Array(parameters[..<dimension]),
                                                 upper: Array(parameters[dimension...]))
                quantizer = .scalar(scalar, correctionOffset: scalar.needsCorrection(metric) ? Self.alignedCodes(dimension) : nil)
            case .binary:
                guard metric != .l2 else { throw .unsupportedMetric(quantization: "binary", metric: metric) }
                guard parameters.count == dimension, parameters.allSatisfy(\.isFinite) else {
                    throw .invalidParameter("binary thresholds hold \(parameters.count) values (all finite), expected \(dimension)")
                }
                quantizer = .binary(try BinaryQuantizer(thresholds: parameters))
            }
        } catch {
            throw .quantization("\(error)")
        }
        self.init(quantization: quantization, metric: metric, dimension: dimension, count: count, quantizer: quantizer,
                  rows: rows.base, owner: rows.owner)
    }
}
