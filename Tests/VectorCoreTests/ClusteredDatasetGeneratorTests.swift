import Foundation
import Testing
@testable import VectorCore

@Suite struct ClusteredDatasetGeneratorTests {
    let generator = ClusteredDatasetGenerator(count: 2_000, dimension: 24, clusters: 10, queries: 50, seed: 42)

    private func bytes(_ matrix: DenseMatrix<Float>) -> [UInt8] {
        matrix.withUnsafeBufferPointer { Array(UnsafeRawBufferPointer($0)) }
    }

    @Test func sameSeedGivesTheSameBytesOnDisk() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        for run in 0..<2 {
            let output = generator.generate(threads: 1)
            try DatasetWriter.write(output.base, to: "\(directory)/base\(run).fvecs")
            try DatasetWriter.write(output.queries, to: "\(directory)/queries\(run).fvecs")
        }
        #expect(DatasetFixture.readRaw("\(directory)/base0.fvecs") == DatasetFixture.readRaw("\(directory)/base1.fvecs"))
        #expect(DatasetFixture.readRaw("\(directory)/queries0.fvecs") == DatasetFixture.readRaw("\(directory)/queries1.fvecs"))
    }

    @Test func differentSeedGivesDifferentData() {
        var other = generator
        other.seed = 43
        let a = generator.generate(), b = other.generate()
        #expect(bytes(a.base) != bytes(b.base))
        #expect(bytes(a.queries) != bytes(b.queries))
    }

    @Test func threadCountDoesNotChangeTheOutput() {
        let one = generator.generate(threads: 1), four = generator.generate(threads: 4)
        #expect(bytes(one.base) == bytes(four.base))
        #expect(bytes(one.queries) == bytes(four.queries))
        #expect(one.baseClusters == four.baseClusters)
    }

    @Test func aLargerCountExtendsASmallerOne() {
        var small = generator
        small.count = 700
        #expect(bytes(small.generate().base) == bytes(generator.generate().base.prefix(700)))
    }

    @Test func shapeFinitenessAndClusterUse() {
        let output = generator.generate(threads: 2)
        #expect(output.base.count == 2_000 && output.base.dimension == 24)
        #expect(output.queries.count == 50 && output.queries.dimension == 24)
        #expect(output.base.elements.allSatisfy { $0.isFinite })
        #expect(Set(output.baseClusters) == Set(0..<10))
    }

    @Test func queriesAreFreshDrawsNotCopiesOfBasePoints() {
        let output = generator.generate()
        let baseRows = Set((0..<output.base.count).map { output.base.row($0) })
        for q in 0..<output.queries.count { #expect(!baseRows.contains(output.queries.row(q))) }
    }

    /// The mixture must be clustered: points of one cluster are, on average,
    /// much closer to each other than to points of other clusters.
    @Test func pointsAreCloserWithinTheirClusterThanAcross() {
        let output = generator.generate()
        var within = 0.0, across = 0.0, withinCount = 0, acrossCount = 0
        for i in stride(from: 0, to: 2_000, by: 7) {
            for j in stride(from: 1, to: 2_000, by: 13) where i != j {
                let d = Double(Metric.l2.distance(output.base.row(i), output.base.row(j)))
                if output.baseClusters[i] == output.baseClusters[j] { within += d; withinCount += 1 } else { across += d; acrossCount += 1 }
            }
        }
        #expect(within / Double(withinCount) < 0.75 * (across / Double(acrossCount)))
    }
}
