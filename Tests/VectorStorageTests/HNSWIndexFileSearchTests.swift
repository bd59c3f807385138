import Testing
import TestSupport
import VectorCore
import VectorIndex
@testable import VectorStorage

/// Item 6 of issue 2: search over a saved index opened in RAM and mapped
/// (with each advice) returns exactly what the index returned before saving.
@Suite("HNSWIndexFile search")
struct HNSWIndexFileSearchTests {
    @Test("search on a mapped index equals search in RAM and on the original", arguments: [Metric.l2, .cosine])
    func mappedSearchEqualsRAM(_ metric: Metric) throws {
        let dimension = 24, count = 1_500
        var generator = SeededGenerator(seed: 42)
        let index = try HNSWIndex(dimension: dimension, metric: metric, parameters: HNSWParameters(m: 8, efConstruction: 60), capacity: count)
        for id in 0..<count {
            try index.insert((0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }, id: UInt64(10_000 + id))
        }
        let queries = (0..<50).map { _ in (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) } }
        let expected = queries.map { index.search($0, k: 10, ef: 40) }
        #expect(expected.allSatisfy { $0.count == 10 })

        try withTemporaryDirectory { directory in
            let path = directory + "/index.hnsw"
            try HNSWIndexFile.save(index.image(), to: path)
            let modes: [SectionedFile.Mode] = [.ram] + MemoryAdvice.allCases.map { .mapped(advice: $0) }
            for mode in modes {
                let reopened = try HNSWIndex(image: HNSWIndexFile.load(from: path, mode: mode))
                let results = queries.map { reopened.search($0, k: 10, ef: 40) }
                #expect(results == expected, "\(mode)")
            }
        }
    }
}
