import Foundation
import Testing
import VectorCore
@testable import VectorEngine

/// A manifest that names sizes no graph can be built with (written by an
/// older build, or by hand) is refused when the collection opens, naming the
/// limit: before, efConstruction 1e12 passed open and crashed the first seal
/// with an allocation failure, on every restart.
@Suite("Manifest limits")
struct ManifestLimitTests {
    @Test("efConstruction 1e12 in collection.json and engine.json is refused at open, not at the first seal")
    func hostileEfConstruction() throws {
        let directory = TemporaryDirectory("manifest-limit")
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path))
            _ = try engine.createCollection("c", configuration: EngineFixtures.collection())
            try engine.close()
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix("collection.json") || $0 == "engine.json" }
        #expect(files.count >= 1)
        var edited = 0
        for file in files {
            let path = directory.path + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let hostile = text.replacingOccurrences(
                of: #""efConstruction"\s*:\s*64"#, with: "\"efConstruction\": 1000000000000", options: .regularExpression)
            if hostile != text { edited += 1 }
            try hostile.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(edited >= 1, "no manifest named efConstruction 64: \(files)")
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path))
            _ = try engine.collection("c")
            Issue.record("a collection with efConstruction 1e12 opened")
        } catch {
            #expect("\(error)".contains("ef_construction"), "\(error)")
            #expect("\(error)".contains("65536"), "\(error)")
        }
    }
}
