import Testing
import VectorCore

@Suite("Quantization kernels and error bounds")
struct QuantizationTests {
    static func codes(_ count: Int, _ generator: inout SeededGenerator) -> [Int8] {
        (0..<count).map { _ in Int8(Int(generator.next() % 255) - 127) }
    }

    @Test("int8 dot and l2 equal a scalar reference for every dimension 1…1024")
    func int8KernelsMatchReference() {
        var generator = SeededGenerator(seed: 5)
        for dimension in 1...1024 {
            let a = Self.codes(dimension, &generator), b = Self.codes(dimension, &generator)
            var dot = 0, l2 = 0
            for i in 0..<dimension {
                dot += Int(a[i]) * Int(b[i])
                l2 += (Int(a[i]) - Int(b[i])) * (Int(a[i]) - Int(b[i]))
            }
            let (gotDot, gotL2) = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    (Int8Distance.dot(pa.baseAddress!, pb.baseAddress!, dimension),
                     Int8Distance.squaredL2(pa.baseAddress!, pb.baseAddress!, dimension))
                }
            }
            #expect(Int(gotDot) == dot, "dot, dimension \(dimension)")
            #expect(Int(gotL2) == l2, "l2, dimension \(dimension)")
        }
    }

    @Test("32-bit accumulation is exact at the extremes up to dimension 65,536")
    func int8KernelsDoNotOverflow() {
        let dimension = Int8Distance.maximumDimension
        let high = [Int8](repeating: 127, count: dimension), low = [Int8](repeating: -127, count: dimension)
        high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                #expect(Int8Distance.dot(h.baseAddress!, l.baseAddress!, dimension) == -1_057_030_144)
                #expect(Int8Distance.dot(h.baseAddress!, h.baseAddress!, dimension) == 1_057_030_144)
                #expect(Int8Distance.squaredL2(h.baseAddress!, l.baseAddress!, dimension) == 4_228_120_576)
            }
        }
    }

    @Test("Hamming distance equals a bit-by-bit reference for every dimension 1…1024")
    func hammingMatchesReference() throws {
        var generator = SeededGenerator(seed: 9)
        for dimension in 1...1024 {
            let x = (0..<dimension).map { _ in Float(generator.nextGaussian()) }
            let y = (0..<dimension).map { _ in Float(generator.nextGaussian()) }
            let quantizer = try BinaryQuantizer(thresholds: [Float](repeating: 0, count: dimension))
            var bx = [UInt64](repeating: .max, count: quantizer.words), by = bx
            x.withUnsafeBufferPointer { p in bx.withUnsafeMutableBufferPointer { quantizer.encode(p.baseAddress!, into: $0.baseAddress!) } }
            y.withUnsafeBufferPointer { p in by.withUnsafeMutableBufferPointer { quantizer.encode(p.baseAddress!, into: $0.baseAddress!) } }
            let expected = (0..<dimension).filter { (x[$0] > 0) != (y[$0] > 0) }.count
            let got = bx.withUnsafeBufferPointer { a in by.withUnsafeBufferPointer { b in
                BinaryDistance.hamming(a.baseAddress!, b.baseAddress!, quantizer.words)
            } }
            #expect(got == expected, "dimension \(dimension)")
            // Bits past the dimension are zero, whatever the buffer held.
            if dimension % 64 != 0 { #expect(bx[quantizer.words - 1] >> UInt64(dimension % 64) == 0) }
        }
    }

    @Test("decode(encode(x)) is within half a step inside the range and clips outside",
          arguments: [(ScalarQuantizer.Range.global, 0.99), (.perDimension, 0.99), (.global, 1.0), (.perDimension, 0.9)])
    func scalarErrorBound(range: ScalarQuantizer.Range, quantile: Double) throws {
        let dimension = 37, count = 3_000
        var generator = SeededGenerator(seed: 21)
        // Dimensions with different spreads and offsets, plus heavy outliers.
        let rows: [Float] = (0..<(count * dimension)).map { index in
            let i = index % dimension
            let outlier = generator.next() % 500 == 0 ? Float(40) : 1
            return Float(i) * 0.1 + Float(generator.nextGaussian()) * Float(1 + i % 5) * outlier
        }
        let quantizer = try rows.withUnsafeBufferPointer {
            try ScalarQuantizer(training: $0.baseAddress!, count: count, dimension: dimension, quantile: quantile, range: range)
        }
        let lower = quantizer.lower, upper = quantizer.upper
        var inside = 0, outside = 0
        var codes = [Int8](repeating: 0, count: dimension), decoded = [Float](repeating: 0, count: dimension)
        for row in 0..<count {
            rows.withUnsafeBufferPointer { source in
                codes.withUnsafeMutableBufferPointer { quantizer.encode(source.baseAddress! + row * dimension, into: $0.baseAddress!) }
            }
            codes.withUnsafeBufferPointer { c in decoded.withUnsafeMutableBufferPointer { quantizer.decode(c.baseAddress!, into: $0.baseAddress!) } }
            for i in 0..<dimension {
                let x = rows[row * dimension + i]
                #expect(codes[i] != -128)
                let slack = 1e-5 * max(abs(lower[i]), abs(upper[i]), 1)
                if x >= lower[i] && x <= upper[i] {
                    inside += 1
                    #expect(abs(decoded[i] - x) <= quantizer.step[i] / 2 + slack, "row \(row) dim \(i): \(x) → \(decoded[i])")
                } else {
                    outside += 1
                    let end = x < lower[i] ? lower[i] : upper[i]
                    #expect(abs(decoded[i] - end) <= slack, "row \(row) dim \(i): \(x) clipped to \(decoded[i]), not \(end)")
                }
            }
        }
        // The range covers about `quantile` of the training values.
        let share = Double(inside) / Double(inside + outside)
        #expect(share >= quantile - 0.002, "\(share) of values inside for quantile \(quantile)")
        if quantile < 1 { #expect(share <= quantile + 0.01, "\(share) of values inside for quantile \(quantile)") }
    }

    @Test("prepared-query distances track f32 distances", arguments: Metric.allCases)
    func scalarDistancesApproximateFloat(_ metric: Metric) throws {
        let dimension = 48, count = 500
        var generator = SeededGenerator(seed: 3)
        var rows = (0..<(count * dimension)).map { _ in Float(generator.nextGaussian()) * 0.3 }
        if metric.normalizesVectors {
            rows.withUnsafeMutableBufferPointer { for r in 0..<count { Distance.normalize($0.baseAddress! + r * dimension, dimension) } }
        }
        for range in ScalarQuantizer.Range.allCases {
            let quantizer = try rows.withUnsafeBufferPointer {
                try ScalarQuantizer(training: $0.baseAddress!, count: count, dimension: dimension, quantile: 1, range: range)
            }
            var worst: Float = 0, scale: Float = 0
            rows.withUnsafeBufferPointer { all in
                let query = all.baseAddress!
                var queryCodes = [Int8](repeating: 0, count: dimension), stored = queryCodes
                let terms = queryCodes.withUnsafeMutableBufferPointer { quantizer.prepare(query: query, metric: metric, into: $0.baseAddress!) }
                for row in 1..<count {
                    let vector = all.baseAddress! + row * dimension
                    stored.withUnsafeMutableBufferPointer { quantizer.encode(vector, into: $0.baseAddress!) }
                    let correction = quantizer.needsCorrection(metric) ? stored.withUnsafeBufferPointer { quantizer.correction(of: $0.baseAddress!) } : 0
                    let approximate = queryCodes.withUnsafeBufferPointer { q in stored.withUnsafeBufferPointer { s in
                        ScalarQuantizer.distance(terms, query: q.baseAddress!, stored: s.baseAddress!, correction: correction, dimension: dimension)
                    } }
                    let exact = metric.distance(query, vector, dimension)
                    worst = max(worst, abs(approximate - exact))
                    scale = max(scale, abs(exact))
                }
            }
            #expect(worst <= 0.02 * scale, "\(metric) \(range): worst error \(worst) against distances up to \(scale)")
        }
    }

    @Test("bad parameters are refused")
    func refusals() {
        let rows: [Float] = [1, 2, 3]
        rows.withUnsafeBufferPointer { p in
            #expect(throws: QuantizationError.self) { _ = try ScalarQuantizer(training: p.baseAddress!, count: 3, dimension: 1, quantile: 0) }
            #expect(throws: QuantizationError.self) { _ = try ScalarQuantizer(training: p.baseAddress!, count: 0, dimension: 1) }
        }
        #expect(throws: QuantizationError.self) { _ = try ScalarQuantizer(range: .global, lower: [1], upper: [0]) }
        #expect(throws: QuantizationError.self) { _ = try BinaryQuantizer(thresholds: []) }
    }
}
