/// The two fits `plan` puts through the points of a tenant sweep, each able
/// to say its value anywhere and where it crosses a limit.
///
/// - `linear`: least squares, y = a + b·x. For figures that grow by a fixed
///   amount per tenant (memory, open files, fsyncs at a fixed load).
/// - `piecewise`: straight lines between the measured points; beyond the
///   largest, the last segment's slope, never below the last measured
///   value (a latency is not assumed to improve with more tenants); below
///   the smallest, the smallest's value. For latencies, which bend.
public enum CurveFit: Sendable, Equatable {
    case linear(intercept: Double, slope: Double)
    case piecewise(points: [Point])

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Least squares through `points`; one point (or all at one x) gives a
    /// line through the origin and the mean, the per-tenant cost of the
    /// only measurement. nil without points.
    public static func linear(_ points: [Point]) -> CurveFit? {
        let points = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !points.isEmpty else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n, meanY = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
        let sxy = points.reduce(0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
        guard sxx > 0 else { return .linear(intercept: 0, slope: meanX != 0 ? meanY / meanX : 0) }
        let slope = sxy / sxx
        return .linear(intercept: meanY - slope * meanX, slope: slope)
    }

    /// The measured points in x order (one point per x: the later wins).
    public static func piecewise(_ points: [Point]) -> CurveFit? {
        var byX: [Double: Double] = [:]
        for point in points where point.x.isFinite && point.y.isFinite { byX[point.x] = point.y }
        guard !byX.isEmpty else { return nil }
        return .piecewise(points: byX.keys.sorted().map { Point(x: $0, y: byX[$0]!) })
    }

    public func value(at x: Double) -> Double {
        switch self {
        case .linear(let intercept, let slope):
            return intercept + slope * x
        case .piecewise(let points):
            guard let first = points.first, let last = points.last else { return 0 }
            if x <= first.x { return first.y }
            if x >= last.x {
                guard points.count >= 2 else { return last.y }
                return max(last.y, last.y + Self.slope(points[points.count - 2], last) * (x - last.x))
            }
            let upper = points.firstIndex { $0.x >= x }!
            let a = points[upper - 1], b = points[upper]
            return a.y + Self.slope(a, b) * (x - a.x)
        }
    }

    /// The smallest x ≥ `from` at which the fit reaches `limit`: `from`
    /// itself when it is already there, nil when it never does (flat or
    /// falling below the limit).
    public func crossing(_ limit: Double, from: Double) -> Double? {
        if value(at: from) >= limit { return from }
        switch self {
        case .linear(let intercept, let slope):
            guard slope > 0 else { return nil }
            return (limit - intercept) / slope
        case .piecewise(let points):
            for (a, b) in zip(points, points.dropFirst()) where b.x > from && b.y >= limit {
                let start = max(a.x, from), startY = value(at: start)
                return start + (limit - startY) / Self.slope(Point(x: start, y: startY), b)
            }
            guard points.count >= 2, let last = points.last else { return nil }
            let slope = Self.slope(points[points.count - 2], last)
            guard slope > 0 else { return nil }
            let start = max(last.x, from)
            return start + (limit - value(at: start)) / slope
        }
    }

    /// How the fit is stated in a report, in the figure's own format.
    func description(_ format: (Double) -> String) -> String {
        switch self {
        case .linear(let intercept, let slope):
            let sign = slope < 0 ? "−" : "+"
            return "\(format(intercept)) \(sign) \(format(abs(slope))) per tenant (least squares)"
        case .piecewise(let points):
            return "through \(points.count) measured point\(points.count == 1 ? "" : "s"); beyond: last segment's slope"
        }
    }

    private static func slope(_ a: Point, _ b: Point) -> Double { b.x > a.x ? (b.y - a.y) / (b.x - a.x) : 0 }
}
