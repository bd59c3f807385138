import VectorCore

/// Intended start times of an open-loop phase, in seconds from its start: a
/// Poisson process whose rate is piecewise constant — one segment for
/// `poisson`, burst and idle segments repeated for `on_off`, the steps in
/// order (the last rate holding after them) for `steps`.
///
/// Segment changes use memorylessness: a gap drawn at one rate that would
/// cross into the next segment is discarded and drawing restarts at the
/// boundary with the next rate, which is exact for a Poisson process (and
/// puts no arrival inside a zero-rate segment).
struct ArrivalClock: Sendable {
    struct Segment: Sendable {
        var rate: Double
        var seconds: Double
    }

    let segments: [Segment]
    /// on/off repeats its segments; steps hold the last rate after them.
    let repeats: Bool
    private(set) var now = 0.0
    private var segment = 0
    private var segmentEnd: Double

    /// nil for a closed loop (no intended starts).
    init?(_ arrival: ArrivalProcess) {
        switch arrival {
        case .closedLoop:
            return nil
        case .poisson(let rate):
            segments = [Segment(rate: rate, seconds: .infinity)]
            repeats = false
        case .onOff(let burstRate, let burstSeconds, let idleRate, let idleSeconds):
            segments = [Segment(rate: burstRate, seconds: burstSeconds), Segment(rate: idleRate, seconds: idleSeconds)]
            repeats = true
        case .steps(let steps):
            segments = steps.map { Segment(rate: $0.rate, seconds: $0.seconds) }
            repeats = false
        }
        precondition(segments.contains { $0.rate > 0 }, "an open-loop arrival process needs a positive rate")
        segmentEnd = segments[0].seconds
    }

    /// The next arrival, strictly after the previous one.
    mutating func next(using random: inout SeededGenerator) -> Double {
        while true {
            let rate = segments[segment].rate
            if rate > 0 {
                let candidate = now + random.exponential(rate: rate)
                if candidate < segmentEnd {
                    now = candidate
                    return now
                }
            }
            now = segmentEnd
            advance()
        }
    }

    private mutating func advance() {
        if segment + 1 < segments.count {
            segment += 1
        } else if repeats {
            segment = 0
        } else {
            segmentEnd = .infinity
            return
        }
        segmentEnd = now + segments[segment].seconds
    }
}
