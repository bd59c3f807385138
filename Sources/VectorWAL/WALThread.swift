#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VectorCore

/// A joinable pthread running a Swift closure: the interval flusher. VectorWAL
/// does not import Foundation, and a flusher must be joined on close so no
/// sync can race the descriptor being closed.
struct WALThread: @unchecked Sendable {
    private let thread: pthread_t

    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `body` on a new thread.
    static func start(_ body: @escaping @Sendable () -> Void) throws(SystemError) -> WALThread {
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        do {
            try SystemCall.runReturningErrno("pthread_create") {
                pthread_create(&thread, nil, { raw in
                    Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                    return nil
                }, context)
            }
        } catch {
            Unmanaged<Box>.fromOpaque(context).release()
            throw error
        }
        return WALThread(thread: thread)
    }

    /// Waits for the thread to finish.
    func join() {
        pthread_join(thread, nil)
    }
}
