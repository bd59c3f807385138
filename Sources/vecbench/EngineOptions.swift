import ArgumentParser
import VectorEngine
import VectorWAL

/// Options every engine command shares: where the data lives and how it logs.
/// The logging flags are optional so that `serve --engine-json` can refuse
/// them instead of silently preferring one source of settings.
struct EngineOptions: ParsableArguments {
    @Option(help: "Engine data directory.") var data: String
    @Option(help: "WAL fsync policy: always (group commit), interval:MS, never, naive (default: always).") var fsync: String?
    @Option(name: .customLong("wal-scope"), help: "per-collection or shared (default: per-collection).") var walScope: String?
    @Option(name: .customLong("seal-concurrency"), help: "Seals at once across collections, 0 = unbounded (default: 2).")
    var sealConcurrency: Int?

    /// Whether any setting besides `--data` was given.
    var namesSettings: Bool { fsync != nil || walScope != nil || sealConcurrency != nil }

    func engineConfiguration() throws -> EngineConfiguration {
        let fsync = self.fsync ?? "always", walScope = self.walScope ?? WALScope.perCollection.rawValue
        let sealConcurrency = self.sealConcurrency ?? 2
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
