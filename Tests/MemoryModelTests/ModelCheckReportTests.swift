import Foundation
import Testing

/// Holds the committed `make model-check` result (reports/model-check/) in
/// its band. The model sees the index accesses only; cachegrind sees every
/// access of the queries (query vectors, allocator, result arrays too), so
/// the model may fall short of it but must not exceed it by more than a
/// little, and must not fall far short (accesses missing from the engine's
/// recorder, or a simulator fault, would).
///
/// Band for D1 and LL: model / cachegrind in 0.90…1.05. Regenerate the report
/// with `make model-check` after changing the model or the recorded stream.
@Suite("Committed model-check agreement")
struct ModelCheckReportTests {
    static let band = 0.90...1.05

    static var reportPath: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("reports/model-check/model-check.json").path
    }

    @Test("model / cachegrind D1 and LL misses on the index data are inside the band")
    func agreementInBand() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.reportPath))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["schema"] as? String == "vecbench.model-check/1")
        let agreement = try #require(document["agreement"] as? [String: Double])
        for key in ["d1", "ll", "d1SearchFunctions", "llSearchFunctions"] {
            let ratio = try #require(agreement[key], "no \(key) in the report")
            #expect(Self.band.contains(ratio), "\(key) agreement \(ratio) is outside \(Self.band)")
        }
        // The ratio rests on real counts, not on two small numbers.
        let cachegrind = try #require(document["cachegrind"] as? [String: Int])
        #expect((cachegrind["llMisses"] ?? 0) > 10_000)
    }
}
