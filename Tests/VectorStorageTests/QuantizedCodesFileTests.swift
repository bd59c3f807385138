import Testing
import TestSupport
import VectorCore
import VectorIndex
@testable import VectorStorage

/// Codes files: what is saved opens again (RAM and mapped) to the same
/// quantizer and rows; damaged parameters are refused naming the file.
@Suite("Quantized codes files")
struct QuantizedCodesFileTests {
    static let dimension = 24
    static let rows: [Float] = {
        var generator = SeededGenerator(seed: 41)
        return (0..<(500 * dimension)).map { _ in Float(generator.nextGaussian()) }
    }()

    static func quantized(_ quantization: VectorQuantization, metric: Metric) throws -> QuantizedVectors {
        try rows.withUnsafeBufferPointer {
            try QuantizedVectors(rows: $0.baseAddress!, count: 500, dimension: dimension, metric: metric, quantization: quantization)
        }
    }

    @Test("save and open, in RAM and mapped: same rows, same quantizer within float rounding",
          arguments: [(VectorQuantization.scalar(quantile: 0.99, range: .global), Metric.l2), (.scalar(quantile: 0.9, range: .perDimension), .l2),
                      (.scalar(quantile: 1, range: .global), .innerProduct), (.binary(centered: true), .cosine), (.binary(centered: false), .innerProduct)])
    func roundTrip(quantization: VectorQuantization, metric: Metric) throws {
        let original = try Self.quantized(quantization, metric: metric)
        try withTemporaryDirectory { directory in
            let path = directory + "/codes.vbs"
            try QuantizedCodesFile.save(original, to: path)
            for mode in [SectionedFile.Mode.ram, .mapped()] {
                let opened = try QuantizedCodesFile(path: path, mode: mode).vectors
                #expect(opened.quantization == quantization && opened.metric == metric && opened.count == 500)
                #expect(opened.rowBytes == original.rowBytes)
                let same = zip(opened.rowsRegion.typed(UInt8.self), original.rowsRegion.typed(UInt8.self)).allSatisfy { $0 == $1 }
                #expect(same, "rows differ after reopening (\(mode))")
                if let scalar = original.scalarQuantizer, let reopened = opened.scalarQuantizer {
                    // Bounds round-trip through center and step: equal to a
                    // few ulps, so re-encoding a row gives the same codes.
                    for i in 0..<Self.dimension {
                        #expect(abs(reopened.center[i] - scalar.center[i]) <= 1e-5 * max(1, abs(scalar.center[i])))
                        #expect(abs(reopened.step[i] - scalar.step[i]) <= 1e-5 * scalar.step[i])
                    }
                    // Quantization error bound after reopening: a row decodes
                    // within half a step (plus rounding) wherever it is inside the range.
                    var decoded = [Float](repeating: 0, count: Self.dimension)
                    let codes = opened.rowsRegion.base.assumingMemoryBound(to: Int8.self)
                    reopened.decode(codes, into: &decoded)
                    for i in 0..<Self.dimension where (reopened.lower[i]...reopened.upper[i]).contains(Self.rows[i]) {
                        #expect(abs(decoded[i] - Self.rows[i]) <= reopened.step[i] * 0.5001, "dimension \(i)")
                    }
                }
                if let binary = original.binaryQuantizer { #expect(opened.binaryQuantizer == binary) }
            }
        }
    }

    @Test("damaged parameters are refused naming the file", arguments: [(0, UInt8(9)), (8, 0), (24, 3)])
    func damagedParameters(offset: Int, value: UInt8) throws {
        let original = try Self.quantized(.scalar(quantile: 0.99, range: .global), metric: .l2)
        try withTemporaryDirectory { directory in
            let path = directory + "/codes.vbs"
            try QuantizedCodesFile.save(original, to: path)
            let section = try SectionedFile(path: path).section("QPARAMS")
            var bytes = try readBytes(path)
            bytes[section.offset + offset] = value
            try writeBytes(bytes, to: path)
            // Checksums catch it first; without them the field check does.
            #expect(storageError { _ = try QuantizedCodesFile(path: path) }?.description.contains(path) == true)
            do {
                _ = try QuantizedCodesFile(path: path, mode: .mapped(verifyChecksums: false))
                Issue.record("damaged parameters accepted")
            } catch {
                guard case StorageError.invalidContent(path, let text) = error else { Issue.record("unexpected \(error)"); return }
                #expect(text.contains("QPARAMS"), "\(text)")
            }
        }
    }
}
