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
            The protocol is documented on VectorEngine's WorkerProtocol.
            """)

    @OptionGroup var engine: EngineOptions
    @Option(help: "Unix socket path to listen on (at most 107 bytes).") var socket: String
    @Option(name: .customLong("max-frame-bytes"), help: "Largest request frame accepted; larger ones are refused and the connection closed.")
    var maximumFrameBytes: Int = WorkerProtocol.defaultMaximumFrameBytes

    func run() throws {
        guard (64...Int(UInt32.max)).contains(maximumFrameBytes) else {
            throw ValidationError("--max-frame-bytes must be in 64...\(UInt32.max), got \(maximumFrameBytes)")
        }
        let server = try WorkerServer.start(socketPath: socket, engine: try engine.engineConfiguration(),
                                            maximumFrameBytes: maximumFrameBytes)
        let watch = WorkerSignalWatch(server: server)
        FileHandle.standardOutput.write(Data("serving \(socket) pid \(getpid())\n".utf8))
        try withExtendedLifetime(watch) { try server.run() }
    }
}
