import ArgumentParser
import Foundation
import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Host an engine as a worker process, answering the worker protocol on a Unix socket.",
        discussion: """
            Tenants placed in worker processes (one process per tenant at the extreme) are reached \
            through this server. It removes a stale socket file at start and refuses to start when \
            another server answers on the socket. A shutdown request, SIGTERM or SIGINT stops it \
            cleanly: no new connections, requests in flight answered, engine closed, socket file \
            removed. Prints `serving <socket> pid <pid>` to stdout once it accepts connections. \
            Memory held for requests is bounded per connection (--max-frame-bytes: one frame at a \
            time) and over all connections (--max-buffered-bytes); a frame past either is refused \
            and its connection closed. The protocol: length-prefixed little-endian frames (u32 length, a kind or \
            status byte, the payload), one request then one response at a time per connection, `hello` first.
            """)

    @OptionGroup var engine: EngineOptions
    @Option(help: "Unix socket path to listen on (at most 107 bytes).") var socket: String
    @Option(name: .customLong("engine-json"),
            help: "The whole engine configuration as a JSON file (EngineConfiguration); --data replaces its data directory. Excludes --fsync, --wal-scope, --seal-concurrency.")
    var engineJSON: String?
    @Option(name: .customLong("max-frame-bytes"), help: "Largest request frame accepted (the bound per connection); larger ones are refused and the connection closed.")
    var maximumFrameBytes: Int = WorkerProtocol.defaultMaximumFrameBytes
    @Option(name: .customLong("max-buffered-bytes"), help: "Request bytes held at once over all connections; a frame that would pass it is refused and its connection closed.")
    var maximumBufferedBytes: Int = WorkerProtocol.defaultMaximumBufferedBytes
    /// Set by the process that spawns a worker: the worker dies with it.
    @Option(name: .customLong("parent-pid"), help: .hidden) var parentProcessIdentifier: Int32?

    func run() throws {
        if let parentProcessIdentifier { try WorkerParentLink.tie(toParent: parentProcessIdentifier) }
        guard (64...Int(UInt32.max)).contains(maximumFrameBytes) else {
            throw ValidationError("--max-frame-bytes must be in 64...\(UInt32.max), got \(maximumFrameBytes)")
        }
        guard maximumBufferedBytes >= maximumFrameBytes else {
            throw ValidationError("--max-buffered-bytes must hold one largest frame (≥ --max-frame-bytes \(maximumFrameBytes)), got \(maximumBufferedBytes)")
        }
        var configuration: EngineConfiguration
        if let engineJSON {
            guard !engine.namesSettings else {
                throw ValidationError("--engine-json carries the whole configuration: drop --fsync, --wal-scope and --seal-concurrency")
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: engineJSON))
            do { configuration = try JSONDecoder().decode(EngineConfiguration.self, from: data) } catch {
                throw ValidationError("--engine-json \(engineJSON) is not an engine configuration: \(error)")
            }
            configuration.dataDirectory = engine.data
        } else {
            configuration = try engine.engineConfiguration()
        }
        let server = try WorkerServer.start(socketPath: socket, engine: configuration, maximumFrameBytes: maximumFrameBytes,
                                            maximumBufferedBytes: maximumBufferedBytes)
        let watch = WorkerSignalWatch(server: server)
        FileHandle.standardOutput.write(Data("serving \(socket) pid \(getpid())\n".utf8))
        try withExtendedLifetime(watch) { try server.run() }
    }
}
