import Foundation
import VectorCore

/// The workload's one seed, split into independent streams: each kind of
/// random choice (tenant sizes, popularity ranks, arrivals, …) draws from
/// its own `SeededGenerator`, so changing one part of a workload (say the
/// operation mix) does not shift the others (the arrival times).
enum SeedDerivation {
    enum Purpose: UInt64 {
        case tenantSizes = 1
        case sizeRanks
        case popularity
        case tenantPoints
        case arrivals
        case tenantChoice
        case operationKinds
        case operationDetails
    }

    /// SplitMix64 finalisers over (seed, purpose, index): neighbouring
    /// inputs give unrelated seeds.
    static func seed(_ seed: UInt64, _ purpose: Purpose, _ index: UInt64 = 0) -> UInt64 {
        mix(mix(mix(seed) ^ purpose.rawValue) ^ index)
    }

    static func generator(_ seed: UInt64, _ purpose: Purpose, _ index: UInt64 = 0) -> SeededGenerator {
        SeededGenerator(seed: Self.seed(seed, purpose, index))
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seeded permutation of 0..<count (Fisher–Yates).
    static func permutation(count: Int, seed: UInt64, _ purpose: Purpose) -> [Int] {
        var random = generator(seed, purpose)
        var order = Array(0..<count)
        var index = count - 1
        while index > 0 {
            order.swapAt(index, random.index(below: index + 1))
            index -= 1
        }
        return order
    }
}

extension SeededGenerator {
    /// A uniform integer in 0..<bound by Lemire's multiply-and-reject
    /// method. Written out rather than `Int.random(in:using:)` so that the
    /// operation stream, and its hash, cannot change with the standard
    /// library's algorithm.
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below: \(bound))")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// An exponential deviate with mean 1/rate: the gap to the next event
    /// of a Poisson process.
    mutating func exponential(rate: Double) -> Double {
        -Foundation.log1p(-nextUnitDouble()) / rate
    }
}
