import BenchModel
import Foundation
import Testing

/// The result-model fields added for sweeps, tenancy and quantization: they
/// round-trip, and documents without them decode as before.
@Suite("Result model additions")
struct ResultModelAdditionsTests {
    private func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    @Test("quantization settings round-trip in the workload's spelling and stay out of documents at their defaults")
    func quantizationSpelling() throws {
        var settings = EngineSettings.defaults
        let plain = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        #expect(!plain.contains("quantization") && !plain.contains("links"))
        #expect(settings.entries.allSatisfy { !["quantization", "links", "rescore"].contains($0.key) })

        settings.quantization = .scalar(quantile: 0.99, alwaysRAM: true)
        settings.oversampling = 3
        settings.rescore = false
        settings.links = .compressed
        #expect(try roundTrip(settings) == settings)
        #expect(settings["quantization"] == "scalar(quantile 0.99)")
        #expect(settings["links"] == "compressed")

        let binary = try JSONDecoder().decode(EngineSettings.Quantization.self, from: Data(#"{"binary": {}}"#.utf8))
        #expect(binary == .binary(alwaysRAM: true))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EngineSettings.Quantization.self, from: Data(#""pq""#.utf8))
        }
    }

    @Test("a sweep value keeps its kind: 5000 stays an integer, 0.5 a number, mmap a word")
    func sweepValues() throws {
        let values: [SweepValue] = [.integer(5_000), .number(0.5), .text("mmap")]
        let decoded = try JSONDecoder().decode([SweepValue].self, from: Data("[5000, 0.5, \"mmap\"]".utf8))
        #expect(decoded == values)
        #expect(try roundTrip(values) == values)
        #expect(values.map(\.numeric) == [5_000, 0.5, nil])
    }

    @Test("a latency summary names its unit, and one without the unit (older documents) still decodes")
    func latencyUnit() throws {
        let summary = LatencySummary(count: 1, mean: 2, p50: 2, p90: 2, p99: 2, p999: 2, max: 2, curve: [])
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(json.contains(#""unit":"us""#))
        let old = #"{"count":1,"mean":2,"p50":2,"p90":2,"p99":2,"p999":2,"max":2,"curve":[]}"#
        let decoded = try JSONDecoder().decode(LatencySummary.self, from: Data(old.utf8))
        #expect(decoded.unit == nil && decoded.p99 == 2)
    }
}
