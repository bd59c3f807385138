import BenchModel
import Foundation
import Testing
@testable import Workloads

/// `quantization`, `oversampling`, `rescore`, `links`: read into the typed
/// settings; bad values refused where they are written.
@Suite struct QuantizationSettingTests {
    static func yaml(_ engine: String, metric: String = "cosine") -> String {
        WorkloadFixtures.minimal.replacingOccurrences(of: "  dimension: 8", with: "  dimension: 8\n  metric: \(metric)")
            + "\nengine:\n" + engine
    }

    @Test func keysAreRead() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("""
              base: {storage: mmap}
              variants:
                f32: {storage: ram}
                sq8: {quantization: {scalar: {quantile: 0.95, always_ram: true}}, oversampling: 3, rescore: true}
                sq8-mapped: {quantization: {scalar: {always_ram: false}}, rescore: false}
                binary: {quantization: {binary: {}}, oversampling: 4.5}
                links: {links: compressed}
                none: {quantization: none}
            """))
        let settings = Dictionary(uniqueKeysWithValues: workload.configurations().map { ($0.name, $0.settings) })
        #expect(settings["f32"]?.quantization == EngineSettings.Quantization.none)
        #expect(settings["sq8"]?.quantization == .scalar(quantile: 0.95, alwaysRAM: true))
        #expect(settings["sq8"]?.oversampling == 3)
        #expect(settings["sq8-mapped"]?.quantization == .scalar(quantile: 0.99, alwaysRAM: false))
        #expect(settings["sq8-mapped"]?.rescore == false)
        #expect(settings["binary"]?.quantization == .binary(alwaysRAM: true))
        #expect(settings["binary"]?.oversampling == 4.5)
        #expect(settings["links"]?.links == .compressed)
        #expect(settings["none"]?.quantization == EngineSettings.Quantization.none)
        #expect(settings["sq8"]?["quantization"] == "scalar(quantile 0.95)")
    }

    @Test(arguments: [
        ("  base: {quantization: {binary: {}}}", "l2", "engine.base.quantization", "cosine or ip"),
        ("  variants:\n    b: {quantization: binary}", "l2", "engine.variants.b.quantization", "cosine or ip"),
        ("  base: {quantization: {scalr: {}}}", "cosine", "engine.base.quantization", "scalar"),
        ("  base: {quantization: {scalar: {quantile: 0}}}", "cosine", "engine.base.quantization.scalar.quantile", "> 0"),
        ("  base: {quantization: {scalar: {quantile: 1.5}}}", "cosine", "engine.base.quantization.scalar.quantile", "1.5"),
        ("  base: {quantization: {scalar: {bits: 4}}}", "cosine", "engine.base.quantization.scalar", "bits"),
        ("  base: {quantization: {binary: {always_ram: maybe}}}", "cosine", "engine.base.quantization.binary.always_ram", "true or false"),
        ("  base: {oversampling: 0.5}", "cosine", "engine.base.oversampling", "1.0...1000.0"),
        ("  base: {oversampling: 1001}", "cosine", "engine.base.oversampling", "1001"),
        ("  base: {rescore: yes please}", "cosine", "engine.base.rescore", "true or false"),
        ("  base: {links: compresed}", "cosine", "engine.base.links", "compressed"),
    ])
    func badValuesAreLocated(engine: String, metric: String, path: String, words: String) throws {
        let error = try #require(WorkloadFixtures.error(Self.yaml(engine, metric: metric)))
        #expect(error.fieldPath.hasPrefix(path), "\(error)")
        #expect(error.description.contains(words), "\(error)")
        #expect(error.line != nil, "\(error)")
    }

    @Test func scalarOnL2IsAccepted() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("  base: {quantization: scalar}", metric: "l2"))
        #expect(workload.base.quantization == .scalar(quantile: 0.99, alwaysRAM: true))
    }
}
