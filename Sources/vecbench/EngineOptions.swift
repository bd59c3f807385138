import ArgumentParser
import VectorEngine
import VectorWAL

/// Options every engine command shares: where the data lives and how it logs.
struct EngineOptions: ParsableArguments {
    @Option(help: "Engine data directory.") var data: String
    @Option(help: "WAL fsync policy: always (group commit), interval:MS, never, naive.") var fsync: String = "always"
    @Option(name: .customLong("wal-scope"), help: "per-collection or shared.") var walScope: String = "per-collection"
    @Option(name: .customLong("seal-concurrency"), help: "Seals at once across collections (0 = unbounded).")
    var sealConcurrency: Int = 2

    func engineConfiguration() throws -> EngineConfiguration {
        guard let policy = WALSyncPolicy(parsing: fsync) else {
            throw ValidationError("--fsync must be always, interval:MS, never or naive, got '\(fsync)'")
        }
        guard let scope = WALScope(rawValue: walScope) else {
            throw ValidationError("--wal-scope must be per-collection or shared, got '\(walScope)'")
        }
        guard sealConcurrency >= 0 else { throw ValidationError("--seal-concurrency must be ≥ 0, got \(sealConcurrency)") }
        return EngineConfiguration(dataDirectory: data, walScope: scope, wal: WALConfiguration(syncPolicy: policy),
                                   sealConcurrency: sealConcurrency == 0 ? nil : sealConcurrency)
    }
}
