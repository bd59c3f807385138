/// Scalar int8 quantization (Qdrant's `scalar` with `type: int8`): each
/// component is stored as a code `c` in −127…127 with
/// `x ≈ center[i] + step[i] · c`, one byte per dimension.
///
/// **Range.** Trained from sample rows: the range of dimension `i` (or of all
/// values, for `.global`) covers the central `quantile` share of the training
/// values, as Qdrant's `quantile` does — with 0.99 the lowest and highest
/// 0.5 % are left outside and clipped, so a few outliers do not stretch the
/// step for everyone. `center` is the middle of the range and
/// `step = (upper − lower) / 254`.
///
/// **Error.** Inside the range, `|decode(encode(x)) − x| ≤ step / 2` (the code
/// is the nearest of 255 evenly spaced levels); outside it, `x` decodes to
/// the nearer range end.
///
/// **Distances** (`prepare` + `distance`), against a float query `x`:
/// - `.global` range, l2: the query is encoded with the same quantizer and
///   `step² · Σ (qᵢ − cᵢ)²` is computed by `Int8Distance.squaredL2`.
/// - ip and cosine (either range): `x·y = Σ xᵢ centerᵢ + Σ (xᵢ stepᵢ) cᵢ`;
///   the per-query weights `uᵢ = xᵢ stepᵢ` are themselves quantized to int8
///   with their own scale `a = max|uᵢ| / 127`, so the variable part is
///   `a · Int8Distance.dot(v, c)`. Distance `1 − x·y`, as the f32 kernels.
/// - `.perDimension` range, l2: `Σ (dᵢ − stepᵢ cᵢ)²` with `d = x − center`
///   is `|d|² − 2 Σ dᵢ stepᵢ cᵢ + Σ (stepᵢ cᵢ)²`: the middle term is the
///   same int8 dot, the last one a float stored with each vector
///   (`correction(of:)`, 4 bytes; `needsCorrection`).
///
/// Training values must be finite (the index validates every vector).
public struct ScalarQuantizer: Sendable, Equatable {
    public enum Range: String, Sendable, Codable, CaseIterable {
        /// One range for every dimension (Qdrant's behaviour).
        case global
        /// A range per dimension: tighter steps where dimensions differ in
        /// spread, at the price of a stored correction for l2.
        case perDimension = "per-dimension"
    }

    /// Codes are −`levels`…`levels`.
    public static let levels: Int32 = 127
    /// At most this many values are sorted per range while training (rows are
    /// sampled evenly), so training cost does not grow with the data set.
    public static let maximumTrainingValues = 1 << 22

    public let dimension: Int
    public let range: Range
    public let center: [Float]
    public let step: [Float]

    /// A quantizer with explicit per-dimension ranges `lower[i]…upper[i]`
    /// (for a `.global` quantizer, pass the same bounds everywhere).
    public init(range: Range, lower: [Float], upper: [Float]) throws(QuantizationError) {
        guard lower.count == upper.count, (1...Int8Distance.maximumDimension).contains(lower.count) else {
            throw .invalidParameter("range bounds for \(lower.count) and \(upper.count) dimensions (need 1…\(Int8Distance.maximumDimension), equal)")
        }
        for i in 0..<lower.count where !(lower[i].isFinite && upper[i].isFinite && lower[i] <= upper[i]) {
            throw .invalidParameter("dimension \(i) has range \(lower[i])…\(upper[i])")
        }
        dimension = lower.count
        self.range = range
        center = zip(lower, upper).map { ($0 + $1) / 2 }
        step = zip(lower, upper).map { ($1 - $0) / Float(2 * Self.levels) }
    }

    /// Trains ranges on up to `count` rows of a row-major matrix.
    public init(
        training rows: UnsafePointer<Float>, count: Int, dimension: Int, quantile: Double = 0.99, range: Range = .global
    ) throws(QuantizationError) {
        guard count > 0 else { throw .invalidParameter("no training rows") }
        guard (1...Int8Distance.maximumDimension).contains(dimension) else {
            throw .invalidParameter("dimension \(dimension) is outside 1…\(Int8Distance.maximumDimension)")
        }
        guard quantile > 0, quantile <= 1 else { throw .invalidParameter("quantile must be in (0, 1], got \(quantile)") }
        let sampleRows = min(count, max(1_000, Self.maximumTrainingValues / (range == .global ? dimension : 1)))
        func sampled(_ j: Int) -> UnsafePointer<Float> { rows + (j * count / sampleRows) * dimension }
        func bounds(_ values: inout [Float]) -> (Float, Float) {
            values.sort()
            let last = Double(values.count - 1)
            let low = Int(((1 - quantile) / 2 * last).rounded(.down))
            let high = Int(((1 + quantile) / 2 * last).rounded(.up))
            return (values[low], values[min(high, values.count - 1)])
        }
        var lower = [Float](repeating: 0, count: dimension), upper = lower
        if range == .global {
            var values: [Float] = []
            values.reserveCapacity(sampleRows * dimension)
            for j in 0..<sampleRows { values.append(contentsOf: UnsafeBufferPointer(start: sampled(j), count: dimension)) }
            let (low, high) = bounds(&values)
            lower = .init(repeating: low, count: dimension)
            upper = .init(repeating: high, count: dimension)
        } else {
            var column = [Float](repeating: 0, count: sampleRows)
            for i in 0..<dimension {
                for j in 0..<sampleRows { column[j] = sampled(j)[i] }
                (lower[i], upper[i]) = bounds(&column)
            }
        }
        try self.init(range: range, lower: lower, upper: upper)
    }

    public var lower: [Float] { zip(center, step).map { $0 - $1 * Float(Self.levels) } }
    public var upper: [Float] { zip(center, step).map { $0 + $1 * Float(Self.levels) } }

    /// Whether rows for `metric` carry the float `correction(of:)`.
    public func needsCorrection(_ metric: Metric) -> Bool { range == .perDimension && metric == .l2 }

    /// Codes of `vector` (`dimension` values) into `codes`.
    public func encode(_ vector: UnsafePointer<Float>, into codes: UnsafeMutablePointer<Int8>) {
        center.withUnsafeBufferPointer { center in
            step.withUnsafeBufferPointer { step in
                for i in 0..<dimension { codes[i] = Self.code(vector[i], center: center[i], step: step[i]) }
            }
        }
    }

    public func decode(_ codes: UnsafePointer<Int8>, into vector: UnsafeMutablePointer<Float>) {
        for i in 0..<dimension { vector[i] = center[i] + step[i] * Float(codes[i]) }
    }

    /// `Σ (stepᵢ cᵢ)²`, stored with a row when `needsCorrection`.
    public func correction(of codes: UnsafePointer<Int8>) -> Float {
        var sum: Float = 0
        for i in 0..<dimension {
            let value = step[i] * Float(codes[i])
            sum += value * value
        }
        return sum
    }

    @inline(__always)
    static func code(_ value: Float, center: Float, step: Float) -> Int8 {
        guard step > 0 else { return 0 }
        let scaled = ((value - center) / step).rounded(.toNearestOrEven)
        return Int8(max(-Float(levels), min(Float(levels), scaled)))
    }

    /// Quantizes a float query for `metric` into `codes` (`dimension` bytes)
    /// and returns the affine terms `distance` combines with the kernel.
    /// A cosine query must already be normalised, as the stored vectors are.
    public func prepare(query: UnsafePointer<Float>, metric: Metric, into codes: UnsafeMutablePointer<Int8>) -> ScalarQueryTerms {
        if metric == .l2 && range == .global {
            encode(query, into: codes)
            return ScalarQueryTerms(form: .codeL2, scale: step[0] * step[0], constant: 0)
        }
        // u = (x − center)·step for l2, x·step for ip/cosine; v = u / a.
        var constant: Float = 0, largest: Float = 0
        for i in 0..<dimension {
            let weight = metric == .l2 ? (query[i] - center[i]) * step[i] : query[i] * step[i]
            largest = max(largest, abs(weight))
            constant += metric == .l2 ? (query[i] - center[i]) * (query[i] - center[i]) : query[i] * center[i]
        }
        let scale = largest / Float(Self.levels)
        for i in 0..<dimension {
            let weight = metric == .l2 ? (query[i] - center[i]) * step[i] : query[i] * step[i]
            codes[i] = scale > 0 ? Int8(max(-127, min(127, (weight / scale).rounded(.toNearestOrEven)))) : 0
        }
        return metric == .l2
            ? ScalarQueryTerms(form: .dot, scale: 2 * scale, constant: constant)
            : ScalarQueryTerms(form: .dot, scale: scale, constant: 1 - constant)
    }

    /// The approximate distance from a prepared query to a stored row
    /// (`correction` is the row's stored term, 0 when it has none).
    @inlinable @inline(__always)
    public static func distance(
        _ terms: ScalarQueryTerms, query: UnsafePointer<Int8>, stored: UnsafePointer<Int8>, correction: Float, dimension: Int
    ) -> Float {
        switch terms.form {
        case .codeL2:
            return terms.scale * Float(Int8Distance.squaredL2(query, stored, dimension))
        case .dot:
            return terms.constant + correction - terms.scale * Float(Int8Distance.dot(query, stored, dimension))
        }
    }
}

/// The per-query terms of a scalar-quantized distance (see `ScalarQuantizer`).
public struct ScalarQueryTerms: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// `scale · Σ (qᵢ − cᵢ)²`.
        case codeL2
        /// `constant + correction − scale · Σ vᵢ cᵢ`.
        case dot
    }

    public var form: Form
    public var scale: Float
    public var constant: Float

    public init(form: Form, scale: Float, constant: Float) {
        self.form = form
        self.scale = scale
        self.constant = constant
    }
}
