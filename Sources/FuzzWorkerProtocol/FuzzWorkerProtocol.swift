import FuzzSupport
import VectorEngine
#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target: the worker protocol's request decoding
/// (`WorkerRequest.decode(body:)` over `WorkerMessageReader`), as the server
/// runs it on every received frame body.
///
/// Input: a frame body (the bytes after the 4-byte length field). A request
/// that decodes must encode again, and that frame must decode to a request
/// that encodes to the same bytes (encode ∘ decode is stable); anything but
/// a `WorkerProtocolError` is a finding.
enum FuzzWorkerProtocol {
    /// The length field in front of every frame (`WorkerProtocol`).
    static let lengthFieldBytes = 4

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let request = try? WorkerRequest.decode(body: Array(input)) else { return }
        guard let frame = try? request.encodedFrame() else {
            fatalError("decoded \(request.kind) request does not encode")
        }
        guard let again = try? WorkerRequest.decode(body: Array(frame.dropFirst(lengthFieldBytes))) else {
            fatalError("re-encoded \(request.kind) request does not decode")
        }
        guard let frameAgain = try? again.encodedFrame(), frameAgain == frame else {
            fatalError("\(request.kind) request: encode ∘ decode is not stable")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzWorkerProtocol.run(FuzzHarness.buffer(data, size))
    return 0
}
#else
@main
struct FuzzWorkerProtocolReplay {
    static func main() {
        exit(FuzzHarness.replay(arguments: Array(CommandLine.arguments.dropFirst()), name: "fuzz-worker-protocol",
                                body: FuzzWorkerProtocol.run))
    }
}
#endif
