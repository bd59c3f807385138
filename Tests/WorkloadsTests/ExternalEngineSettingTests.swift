import BenchModel
import Foundation
import Testing
@testable import Workloads

/// `engine: {…, external: {command: […]}}` names an adapter; bad values are
/// refused where they are written; documents without it still decode.
@Suite struct ExternalEngineSettingTests {
    static func yaml(_ engine: String) -> String {
        WorkloadFixtures.minimal + "\nengine:\n" + engine
    }

    @Test func externalCommandIsRead() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("""
              base: {placement: {workers: 2}}
              variants:
                own: {}
                qdrant: {external: {command: [.venv/bin/python, scripts/qdrant_edge_adapter.py, --payload-m, "16"]}}
            """))
        let configurations = workload.configurations()
        let own = try #require(configurations.first { $0.name == "own" }).settings
        let qdrant = try #require(configurations.first { $0.name == "qdrant" }).settings
        #expect(own.external == nil)
        #expect(qdrant.external?.command == [".venv/bin/python", "scripts/qdrant_edge_adapter.py", "--payload-m", "16"])
        #expect(qdrant["external"] == ".venv/bin/python scripts/qdrant_edge_adapter.py --payload-m 16")
        #expect(own["external"] == nil)
    }

    @Test func aVariantCanGoBackToVecbench() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("""
              base: {external: {command: [adapter]}}
              variants:
                back: {external: null}
            """))
        #expect(workload.configurations().first?.settings.external == nil)
    }

    @Test(arguments: [
        ("base: {external: {command: []}}", "engine.base.external.command", "empty"),
        ("base: {external: {}}", "engine.base.external", "needs command"),
        ("base: {external: {command: adapter}}", "engine.base.external.command", "expected a list"),
        ("base: {external: {command: [adapter], args: [x]}}", "engine.base.external", "args"),
        ("base: {external: {command: [[nested]]}}", "engine.base.external.command", "non-empty string"),
    ])
    func badValuesAreLocated(engine: String, path: String, words: String) throws {
        let error = try #require(WorkloadFixtures.error(Self.yaml("  " + engine)))
        #expect(error.fieldPath.hasPrefix(path), "\(error)")
        #expect(error.description.contains(words), "\(error)")
        #expect(error.line != nil, "\(error)")
    }

    @Test func documentsWithoutItDecodeAndItRoundTrips() throws {
        var settings = EngineSettings.defaults
        let old = try JSONEncoder().encode(settings)
        #expect(!String(decoding: old, as: UTF8.self).contains("external"))
        #expect(try JSONDecoder().decode(EngineSettings.self, from: old) == settings)
        settings.external = EngineSettings.External(command: ["a", "b"])
        let new = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(EngineSettings.self, from: new) == settings)
    }
}
