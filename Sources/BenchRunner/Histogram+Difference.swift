import Histogram

extension Histogram where Count == UInt64 {
    /// What was recorded after `earlier` was copied from the same recorder:
    /// this histogram's counts minus `earlier`'s, bucket by bucket.
    ///
    /// hdrhistogram has no subtraction, so the difference is rebuilt from the
    /// recorded values: every bucket of `self` is recorded again with its
    /// count less `earlier`'s count for the same bucket. Both must share a
    /// bucket layout (significant digits and lowest discernible value), which
    /// two copies of one recorder always do. A bucket that holds fewer counts
    /// than in `earlier` (a recorder that was replaced in between, e.g. a
    /// collection closed and reopened) contributes nothing rather than a
    /// negative count; `shrank` says whether that happened.
    ///
    /// Differencing, rather than resetting the recorder at each phase, keeps
    /// the engine's statistics cumulative for every other reader (a worker
    /// serving several observers, `vecbench` tools) and loses no value
    /// recorded between a reset and a read.
    public func subtracting(_ earlier: Self) -> (difference: Self, shrank: Bool) {
        precondition(numberOfSignificantValueDigits == earlier.numberOfSignificantValueDigits
                     && lowestDiscernibleValue == earlier.lowestDiscernibleValue,
                     "histograms of different bucket layouts cannot be subtracted")
        var difference = self
        difference.reset()
        var shrank = earlier.totalCount > totalCount
        for bucket in recordedValues() {
            // Past `earlier`'s highest value its backing array may end.
            let before = bucket.value == 0 || bucket.value <= earlier.max ? earlier.countForValue(bucket.value) : 0
            if bucket.count > before {
                _ = difference.record(bucket.value, count: bucket.count - before)
            } else if bucket.count < before {
                shrank = true
            }
        }
        return (difference, shrank)
    }

    /// Adds `other` into `total`, taking `other`'s layout when `total` is nil.
    static func accumulate(_ other: Self?, into total: inout Self?) {
        guard let other else { return }
        if total == nil {
            total = other
        } else {
            total!.autoResize = true
            total!.add(other)
        }
    }

    /// The value at `percentile` in milliseconds (values are nanoseconds); 0
    /// when nothing was recorded, which the count beside it says.
    func milliseconds(atPercentile percentile: Double) -> Double {
        totalCount == 0 ? 0 : Double(valueAtPercentile(percentile)) / 1e6
    }
}
