import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

/// A worker runs with the whole engine configuration its pool was given,
/// and says so when asked.
@Suite("Worker configuration")
struct WorkerConfigurationTests {
    /// Every setting away from its default.
    static func unusual(_ directory: String) -> EngineConfiguration {
        EngineConfiguration(
            dataDirectory: directory, walScope: .shared,
            wal: WALConfiguration(syncPolicy: .interval(milliseconds: 7), segmentBytes: 3 << 20, preallocate: false,
                                  maximumPayloadBytes: 5 << 20),
            sealConcurrency: nil, maximumOpenCollections: 77)
    }

    @Test("an engine configuration survives JSON whole; values no engine can run with are refused naming the key")
    func codableRoundTrip() throws {
        for configuration in [Self.unusual("/tmp/a"), EngineConfiguration(dataDirectory: "b")] {
            let data = try JSONEncoder().encode(configuration)
            #expect(try JSONDecoder().decode(EngineConfiguration.self, from: data) == configuration)
        }
        let good = String(decoding: try JSONEncoder().encode(Self.unusual("/tmp/a")), as: UTF8.self)
        for (bad, key) in [("\"segmentBytes\":3145728", "\"segmentBytes\":0"), ("\"syncPolicy\":\"interval:7\"", "\"syncPolicy\":\"sometimes\""),
                           ("\"maximumOpenCollections\":77", "\"maximumOpenCollections\":-1")] {
            #expect(good.contains(bad), "\(good)")
            let text = good.replacingOccurrences(of: bad, with: key)
            #expect(throws: DecodingError.self, "\(key)") { try JSONDecoder().decode(EngineConfiguration.self, from: Data(text.utf8)) }
        }
    }

    @Test("a worker started with a non-default configuration reports it back, setting by setting")
    func effectiveConfiguration() throws {
        let directory = TemporaryDirectory("worker")
        let asked = Self.unusual("/elsewhere")
        let pool = try WorkerPool.start(WorkerPoolConfiguration(
            executable: try CrashTests.vecbenchBinary(), root: directory.path + "/pool", workerCount: 1, engine: asked))
        defer { pool.stop() }
        let effective = try pool.workers[0].client.engineConfiguration()
        #expect(effective.dataDirectory == pool.workers[0].dataDirectory)
        #expect(effective.walScope == asked.walScope)
        #expect(effective.wal.syncPolicy == asked.wal.syncPolicy)
        #expect(effective.wal.segmentBytes == asked.wal.segmentBytes)
        #expect(effective.wal.preallocate == asked.wal.preallocate)
        #expect(effective.wal.maximumPayloadBytes == asked.wal.maximumPayloadBytes)
        #expect(effective.sealConcurrency == asked.sealConcurrency)
        #expect(effective.maximumOpenCollections == asked.maximumOpenCollections)
        var expected = asked
        expected.dataDirectory = pool.workers[0].dataDirectory
        #expect(effective == expected)
    }

    @Test("serve refuses --engine-json together with engine flags, and a file that is no configuration")
    func serveRefusesMixedSources() throws {
        let directory = TemporaryDirectory("worker")
        let path = directory.path + "/engine.json"
        try JSONEncoder().encode(Self.unusual("/x")).write(to: URL(fileURLWithPath: path))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: directory.path + "/empty.json"))
        for (arguments, expected) in [(["--engine-json", path, "--fsync", "never"], "drop --fsync"),
                                      (["--engine-json", directory.path + "/empty.json"], "is not an engine configuration")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try CrashTests.vecbenchBinary())
            process.arguments = ["serve", "--socket", directory.path + "/s.sock", "--data", directory.path + "/d"] + arguments
            let standardError = Pipe()
            process.standardError = standardError
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(text.contains(expected), "\(text)")
        }
    }
}
