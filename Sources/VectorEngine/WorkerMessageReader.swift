/// Reads the fields of one received frame body (the bytes after the length
/// field), bounds-checked: a field past the end is a `truncated` error
/// naming the message, field and byte offset, never a crash.
struct WorkerMessageReader {
    /// What is being read, for errors ("search request").
    let message: String
    let body: [UInt8]
    private(set) var offset: Int

    /// Starts after the tag byte (kind or status) at body[0].
    init(message: String, body: [UInt8]) {
        self.message = message
        self.body = body
        offset = 1
    }

    var remaining: Int { body.count - offset }

    private mutating func take(_ count: Int, field: String) throws(WorkerProtocolError) -> Int {
        guard count >= 0, count <= remaining else {
            throw .truncated(message: message, field: field, offset: offset, needed: count, available: remaining)
        }
        let start = offset
        offset += count
        return start
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: String) throws(WorkerProtocolError) -> T {
        let start = try take(MemoryLayout<T>.size, field: field)
        let raw = body.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        return T(littleEndian: raw)
    }

    mutating func readBool(_ field: String) throws(WorkerProtocolError) -> Bool {
        let value = try read(UInt8.self, field)
        guard value <= 1 else { throw .invalidValue(message: message, field: field, reason: "flag is \(value), expected 0 or 1") }
        return value == 1
    }

    mutating func readFloat(_ field: String) throws(WorkerProtocolError) -> Float {
        Float(bitPattern: try read(UInt32.self, field))
    }

    mutating func readRaw(_ count: Int, _ field: String) throws(WorkerProtocolError) -> [UInt8] {
        let start = try take(count, field: field)
        return Array(body[start..<start + count])
    }

    /// A u32 count of elements of `elementBytes` each, checked against what
    /// is left so that a corrupt count cannot make the reader allocate.
    mutating func readCount(_ field: String, elementBytes: Int) throws(WorkerProtocolError) -> Int {
        let countOffset = offset
        let count = Int(try read(UInt32.self, field))
        guard count * elementBytes <= remaining else {
            throw .truncated(message: message, field: field, offset: countOffset, needed: count * elementBytes, available: remaining)
        }
        return count
    }

    mutating func readFloats(_ count: Int, _ field: String) throws(WorkerProtocolError) -> [Float] {
        let start = try take(count * MemoryLayout<Float>.size, field: field)
        #if _endian(little)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            body.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<start + count * MemoryLayout<Float>.size]))
            }
            initialized = count
        }
        #else
        var result: [Float] = []
        result.reserveCapacity(count)
        var position = start
        for _ in 0..<count {
            let bits = body.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) }
            result.append(Float(bitPattern: UInt32(littleEndian: bits)))
            position += 4
        }
        return result
        #endif
    }

    mutating func readShortString(_ field: String) throws(WorkerProtocolError) -> String {
        let count = Int(try read(UInt16.self, field))
        return try utf8String(count, field)
    }

    mutating func readLongString(_ field: String) throws(WorkerProtocolError) -> String {
        let count = Int(try read(UInt32.self, field))
        return try utf8String(count, field)
    }

    mutating func readLongBytes(_ field: String) throws(WorkerProtocolError) -> [UInt8] {
        let count = Int(try read(UInt32.self, field))
        return try readRaw(count, field)
    }

    private mutating func utf8String(_ count: Int, _ field: String) throws(WorkerProtocolError) -> String {
        let start = try take(count, field: field)
        guard let text = String(validating: body[start..<start + count], as: UTF8.self) else {
            throw .invalidUTF8(message: message, field: field)
        }
        return text
    }

    /// Every byte must have been read.
    func finish() throws(WorkerProtocolError) {
        guard remaining == 0 else { throw .trailingBytes(message: message, count: remaining) }
    }
}
