/// An 8-byte ASCII name stored in a file: the content kind of a sectioned
/// file (`HNSWINDX`) or the kind of one section (`VECTORS`). Shorter names
/// are padded with zero bytes; on disk it is the 8 bytes in order, so a hex
/// dump shows the name.
public struct FormatTag: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The 8 bytes, as a little-endian integer (byte 0 is the first letter).
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// A tag from up to 8 printable ASCII characters.
    public init(_ name: String) {
        let bytes = Array(name.utf8)
        precondition(!bytes.isEmpty && bytes.count <= 8 && bytes.allSatisfy { (0x21...0x7E).contains($0) },
                     "a format tag is 1…8 printable ASCII characters, got \"\(name)\"")
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        rawValue = value
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The name; bytes that are not printable ASCII (only in a damaged file)
    /// appear as `\xNN`.
    public var description: String {
        var text = ""
        for index in 0..<8 {
            let byte = UInt8(truncatingIfNeeded: rawValue >> (8 * UInt64(index)))
            if byte == 0 { continue }
            if (0x20...0x7E).contains(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text
    }
}
