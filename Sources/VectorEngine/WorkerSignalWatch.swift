import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM and SIGINT into a server's `requestShutdown`, so `kill`
/// stops a worker as cleanly as a shutdown request does (engine closed,
/// socket file removed). Also ignores SIGPIPE in the process: a client that
/// vanishes mid-response is an EPIPE error on its connection, nothing more.
/// Keep the watch alive as long as the server runs.
public final class WorkerSignalWatch {
    private let sources: [any DispatchSourceSignal]

    public init(server: WorkerServer, signals: [Int32] = [SIGTERM, SIGINT]) {
        signal(SIGPIPE, SIG_IGN)
        sources = signals.map { number in
            // Dispatch sees the signal only once its default action is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.requestShutdown() }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
