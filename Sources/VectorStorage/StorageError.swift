import VectorCore

/// Why a storage operation failed. Every case names the file, and a format
/// error says what is wrong and where (offsets in bytes, sections by index
/// and kind), so a damaged file can be diagnosed from the message alone.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed (the `SystemError` names operation and path).
    case system(SystemError)
    /// The file is shorter than its fixed header and section table.
    case truncatedHeader(path: String, fileSize: Int, needed: Int)
    /// The first bytes are not the format's magic.
    case badMagic(path: String, found: [UInt8])
    /// A version this build cannot read; `what` is "container" or the content.
    case unsupportedVersion(path: String, what: String, found: UInt32, supported: ClosedRange<UInt32>)
    /// A stored checksum over `what` ("header", "section table") does not match.
    case headerChecksum(path: String, what: String, stored: UInt32, computed: UInt32)
    /// A valid container holding something else (e.g. not an HNSW index).
    case wrongContent(path: String, found: String, expected: String)
    /// A section reaches past the end of the file (typically a truncated file).
    case sectionOutOfBounds(path: String, index: Int, kind: String, offset: Int, length: Int, fileSize: Int)
    /// Section contents do not match the checksum in the section table.
    case sectionChecksum(path: String, index: Int, kind: String, stored: UInt32, computed: UInt32)
    /// The section table is inconsistent (misaligned, overlapping, duplicate).
    case sectionTable(path: String, String)
    /// A section the content format requires is absent.
    case missingSection(path: String, kind: String)
    /// The file is longer or shorter than the header records.
    case sizeMismatch(path: String, recorded: Int, actual: Int)
    /// The sections are intact but their contents are inconsistent.
    case invalidContent(path: String, String)
    /// A caller asked for something impossible (a range past the file end…).
    case invalidArgument(path: String, String)

    public var description: String {
        switch self {
        case .system(let error):
            return error.description
        case .truncatedHeader(let path, let fileSize, let needed):
            return "\(path): truncated: file has \(fileSize) bytes, header and section table need \(needed)"
        case .badMagic(let path, let found):
            let hex = found.map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
            return "\(path): bad magic [\(hex)]: not a vecbench sectioned file"
        case .unsupportedVersion(let path, let what, let found, let supported):
            return "\(path): unsupported \(what) version \(found) (this build reads \(supported.lowerBound)…\(supported.upperBound))"
        case .headerChecksum(let path, let what, let stored, let computed):
            return "\(path): \(what) checksum mismatch: stored \(hex32(stored)), computed \(hex32(computed))"
        case .wrongContent(let path, let found, let expected):
            return "\(path): holds \"\(found)\", expected \"\(expected)\""
        case .sectionOutOfBounds(let path, let index, let kind, let offset, let length, let fileSize):
            return "\(path): section \(index) (\(kind)) at offset \(offset) length \(length) ends at \(offset + length), "
                + "past the end of the file (\(fileSize) bytes): truncated?"
        case .sectionChecksum(let path, let index, let kind, let stored, let computed):
            return "\(path): section \(index) (\(kind)) checksum mismatch: stored \(hex32(stored)), computed \(hex32(computed))"
        case .sectionTable(let path, let text):
            return "\(path): bad section table: \(text)"
        case .missingSection(let path, let kind):
            return "\(path): missing section \(kind)"
        case .sizeMismatch(let path, let recorded, let actual):
            return "\(path): header records \(recorded) bytes, file has \(actual)"
        case .invalidContent(let path, let text):
            return "\(path): \(text)"
        case .invalidArgument(let path, let text):
            return "\(path): \(text)"
        }
    }

    /// The file the error is about.
    public var path: String? {
        switch self {
        case .system(let error): return error.path
        case .truncatedHeader(let path, _, _), .badMagic(let path, _), .unsupportedVersion(let path, _, _, _),
             .headerChecksum(let path, _, _, _), .wrongContent(let path, _, _),
             .sectionOutOfBounds(let path, _, _, _, _, _), .sectionChecksum(let path, _, _, _, _),
             .sectionTable(let path, _), .missingSection(let path, _), .sizeMismatch(let path, _, _),
             .invalidContent(let path, _), .invalidArgument(let path, _):
            return path
        }
    }
}

private func hex32(_ value: UInt32) -> String { "0x" + String(value, radix: 16).leftPadded(to: 8) }

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Runs `body`, turning a `SystemError` into `StorageError.system`.
@inline(__always)
func storageCall<T>(_ body: () throws(SystemError) -> T) throws(StorageError) -> T {
    do { return try body() } catch { throw .system(error) }
}
