import Foundation
import Testing
import VectorCore
@testable import VectorEngine

/// The worker protocol's frames on their own: every request survives
/// encode → decode, and every truncation or corruption is a typed error.
@Suite("Worker protocol")
struct WorkerProtocolTests {
    static let configurationJSON = String(decoding: try! JSONEncoder().encode(CollectionConfiguration(dimension: 8)), as: UTF8.self)

    static let requests: [WorkerRequest] = [
        .currentHello, .ping, .listCollections, .engineStatistics, .waitForSeals, .shutdown, .engineConfiguration,
        .createCollection(name: "docs", configurationJSON: configurationJSON),
        .dropCollection(name: "docs"),
        .upsert(collection: "docs", points: [
            Point(id: 1, vector: [1, 2, 3], tenant: 7), Point(id: .max, vector: [-0.5, .greatestFiniteMagnitude], tenant: nil),
            Point(id: 3, vector: [0], tenant: .max),
        ]),
        .upsert(collection: "ünïcode", points: [Point(id: 9, vector: [0.25, 0.5])]),
        .delete(collection: "docs", ids: [1, 2, .max]),
        .search(collection: "docs", query: [1, 0, -1], k: 10, ef: 64, tenant: 3),
        .search(collection: "docs", query: [1], k: 1, ef: 1, tenant: nil),
        .search(collection: "docs", query: [1], k: InputLimit.k.range.upperBound, ef: InputLimit.ef.range.upperBound, tenant: nil),
        .get(collection: "docs", id: 42),
        .count(collection: "docs"),
        .collectionStatistics(collection: "docs", includeResidency: true),
    ]

    @Test("every request round-trips through its frame")
    func roundTrip() throws {
        for request in Self.requests {
            let frame = try request.encodedFrame()
            let length = Int(frame[0]) | Int(frame[1]) << 8 | Int(frame[2]) << 16 | Int(frame[3]) << 24
            #expect(length == frame.count - 4)
            #expect(frame[4] == request.kind.rawValue)
            #expect(try WorkerRequest.decode(body: Array(frame[4...])) == request)
        }
    }

    @Test("a body cut at any byte, or with a byte too many, is a typed error, never a crash or a different request")
    func truncationAndTrailingBytes() throws {
        for request in Self.requests {
            let body = Array(try request.encodedFrame()[4...])
            for cut in 0..<body.count {
                do {
                    let decoded = try WorkerRequest.decode(body: Array(body[..<cut]))
                    Issue.record("\(request.kind) cut at \(cut) decoded as \(decoded)")
                } catch {
                    #expect(error.kind == "malformedFrame", "\(request.kind) cut at \(cut): \(error)")
                }
            }
            // (An upsert's vectors take the rest of the frame: there the byte
            // is caught as lengths that do not add up.)
            do {
                let decoded = try WorkerRequest.decode(body: body + [0])
                Issue.record("\(request.kind) with a byte too many decoded as \(decoded)")
            } catch {
                #expect(error.kind == "malformedFrame", "\(request.kind) with a byte too many: \(error)")
            }
        }
    }

    @Test("an upsert whose lengths do not add up to its vectors, or with unknown flags, is refused with the field named")
    func inconsistentUpsert() throws {
        var body = Array(try WorkerRequest.upsert(collection: "c", points: [Point(id: 1, vector: [1, 2])]).encodedFrame()[4...])
        let flagsOffset = 1 + 2 + 1 + 4
        body[flagsOffset] = 0x80
        #expect(throws: WorkerProtocolError.invalidValue(message: "upsert request", field: "flags", reason: "unknown bits in 128")) {
            try WorkerRequest.decode(body: body)
        }
        body[flagsOffset] = 0
        let lengthOffset = flagsOffset + 1 + 8
        body[lengthOffset] = 3
        do {
            _ = try WorkerRequest.decode(body: body)
            Issue.record("an upsert with 3 declared floats and 2 sent decoded")
        } catch {
            guard case .invalidValue(_, let field, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(field == "vectors")
        }
    }

    @Test("unknown kinds and statuses, and error responses, decode as what they are")
    func kindsAndStatuses() throws {
        #expect(throws: WorkerProtocolError.unknownRequestKind(200)) { try WorkerRequest.decode(body: [200]) }
        #expect(throws: WorkerProtocolError.emptyFrame) { try WorkerRequest.decode(body: []) }
        #expect(throws: WorkerProtocolError.unknownStatus(9)) { try WorkerResponse.decode(body: [9], operation: "ping") }
        let frame = WorkerResponse.errorFrame(.failed, kind: "unknownCollection", message: "no collection named 'x'")
        guard case .failed(let kind, let message) = try WorkerResponse.decode(body: Array(frame[4...]), operation: "count") else {
            Issue.record("a failed response did not decode as failed")
            return
        }
        #expect(kind == "unknownCollection" && message == "no collection named 'x'")
    }
}
