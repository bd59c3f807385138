/// Builds one frame of the worker protocol: little-endian fields appended
/// after a reserved length field, which `frame()` fills in.
struct WorkerMessageWriter {
    /// What is being written, for errors ("upsert request").
    let message: String
    private(set) var bytes: [UInt8]

    /// Starts a frame whose first byte is `tag` (a request kind or a status).
    init(message: String, tag: UInt8, reservingCapacity capacity: Int = 64) {
        self.message = message
        bytes = []
        bytes.reserveCapacity(WorkerProtocol.lengthFieldBytes + 1 + capacity)
        bytes.append(contentsOf: [0, 0, 0, 0])
        bytes.append(tag)
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func append(_ value: Float) { append(value.bitPattern) }

    /// Raw bytes without a length (magic).
    mutating func append(raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Floats as little-endian binary32, copied in bulk on little-endian hosts.
    mutating func append(floats: [Float]) {
        #if _endian(little)
        floats.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in floats { append(value.bitPattern) }
        #endif
    }

    /// A `str16`: u16 byte count, then UTF-8.
    mutating func append(shortString value: String, field: String) throws(WorkerProtocolError) {
        let utf8 = Array(value.utf8)
        guard utf8.count <= Int(UInt16.max) else {
            throw .fieldTooLarge(message: message, field: field, count: utf8.count, limit: Int(UInt16.max))
        }
        append(UInt16(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A `str32`: u32 byte count, then UTF-8 (JSON documents, messages).
    mutating func append(longString value: String, field: String) throws(WorkerProtocolError) {
        try append(longBytes: Array(value.utf8), field: field)
    }

    mutating func append(longBytes utf8: [UInt8], field: String) throws(WorkerProtocolError) {
        guard utf8.count <= Int(UInt32.max) else {
            throw .fieldTooLarge(message: message, field: field, count: utf8.count, limit: Int(UInt32.max))
        }
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A u32 element count.
    mutating func append(count: Int, field: String) throws(WorkerProtocolError) {
        guard count >= 0, count <= Int(UInt32.max) else {
            throw .fieldTooLarge(message: message, field: field, count: count, limit: Int(UInt32.max))
        }
        append(UInt32(count))
    }

    /// The finished frame, length field filled in.
    func frame() throws(WorkerProtocolError) -> [UInt8] {
        let length = bytes.count - WorkerProtocol.lengthFieldBytes
        guard length <= Int(UInt32.max) else {
            throw .fieldTooLarge(message: message, field: "length", count: length, limit: Int(UInt32.max))
        }
        var result = bytes
        let field = UInt32(length).littleEndian
        withUnsafeBytes(of: field) { raw in
            for index in 0..<WorkerProtocol.lengthFieldBytes { result[index] = raw[index] }
        }
        return result
    }
}
