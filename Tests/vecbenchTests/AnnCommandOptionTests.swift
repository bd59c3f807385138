import ArgumentParser
import Testing
import VectorCore
import VectorIndex
@testable import vecbench

/// `vecbench ann`'s quantization, link and input flags: parsed into the
/// configuration, and refused with the flag named when they make no sense.
@Suite("vecbench ann flags")
struct AnnCommandOptionTests {
    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test("sq8 with quantile, range, oversampling and --no-rescore; binary; compressed links")
    func parses() throws {
        let sq8 = try AnnStorageOption.vectors(quantization: "sq8", quantile: 0.95, range: "per-dimension", oversampling: 3,
                                               rescore: false, links: "compressed")
        #expect(sq8.quantization == .scalar(quantile: 0.95, range: .perDimension))
        #expect(sq8.options == QuantizedSearchOptions(oversampling: 3, rescore: false))
        #expect(sq8.links == .compressed)
        let binary = try AnnStorageOption.vectors(quantization: "binary", quantile: nil, range: nil, oversampling: nil,
                                                  rescore: nil, links: "plain")
        #expect(binary.quantization == .binary() && binary.options == QuantizedSearchOptions() && binary.links == .plain)
        let none = try AnnStorageOption.vectors(quantization: "none", quantile: nil, range: nil, oversampling: nil,
                                                rescore: nil, links: "plain")
        #expect(none.quantization == nil)
        let command = try AnnCommand.parse(["--base", "b.fvecs", "--queries", "q.fvecs", "--groundtruth", "g.ivecs",
                                            "--quantization", "sq8", "--oversampling", "2.5", "--rescore", "--links", "compressed"])
        #expect(command.quantization == "sq8" && command.oversampling == 2.5 && command.rescore == true && command.links == "compressed")
    }

    @Test("each nonsense combination names its flag",
          arguments: [
            ("none", 0.9, nil, nil, nil, "plain", "--quantile needs --quantization"),
            ("none", nil, nil, 2.0, nil, "plain", "--oversampling needs --quantization"),
            ("f32", nil, nil, nil, false, "plain", "--rescore/--no-rescore needs --quantization"),
            ("sq4", nil, nil, nil, nil, "plain", "--quantization must be none, sq8 or binary"),
            ("sq8", 0.2, nil, nil, nil, "plain", "--quantile must be in (0.5, 1]"),
            ("sq8", nil, "sideways", nil, nil, "plain", "--sq-range must be global or per-dimension"),
            ("sq8", nil, nil, 0.5, nil, "plain", "--oversampling"),
            ("binary", 0.99, nil, nil, nil, "plain", "apply to --quantization sq8"),
            ("sq8", nil, nil, nil, nil, "zigzag", "--links must be plain or compressed"),
          ] as [(String, Double?, String?, Double?, Bool?, String, String)])
    func refusals(quantization: String, quantile: Double?, range: String?, oversampling: Double?, rescore: Bool?,
                  links: String, expected: String) {
        let text = message {
            _ = try AnnStorageOption.vectors(quantization: quantization, quantile: quantile, range: range,
                                             oversampling: oversampling, rescore: rescore, links: links)
        }
        #expect(text.contains(expected), "\(text)")
    }

    @Test("separate files need --queries and --groundtruth; an .hdf5 base refuses them")
    func inputs() throws {
        let missing = message { try AnnCommand.parse(["--base", "b.fvecs", "--queries", "q.fvecs"]).run() }
        #expect(missing.contains("--queries and --groundtruth are needed"))
        let stray = message { try AnnCommand.parse(["--base", "d.hdf5", "--groundtruth", "g.ivecs"]).run() }
        #expect(stray.contains("drop --queries and --groundtruth"))
        let metric = message { try AnnCommand.parse(["--base", "d.hdf5", "--metric", "hamming"]).run() }
        #expect(metric.contains("--metric must be l2, ip or cosine"))
    }
}
