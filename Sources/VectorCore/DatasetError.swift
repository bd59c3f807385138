/// Why a dataset file could not be read or written. Every case names the file,
/// and every case about content names the byte offset where the problem
/// starts, so a bad download or a wrong format flag is diagnosed from the
/// message alone.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The extension names no known format and none was given explicitly.
    case unknownExtension(path: String, extension: String)
    /// The file has zero bytes.
    case emptyFile(path: String)
    /// A `*bin` file shorter than its 8-byte count/dimension header.
    case truncatedHeader(path: String, expectedBytes: Int, availableBytes: Int)
    /// A dimension that is zero, negative or beyond `maximum`. `row` is nil
    /// for the file header of a `*bin` file.
    case invalidDimension(path: String, row: Int?, offset: Int, dimension: Int64, maximum: Int)
    /// The file ends inside a row: the row starting at `offset` needs
    /// `expectedBytes` but only `availableBytes` remain.
    case truncatedRow(path: String, row: Int, offset: Int, expectedBytes: Int, availableBytes: Int)
    /// A `*vecs` row whose dimension differs from the first row's.
    case inconsistentDimension(path: String, row: Int, offset: Int, found: Int64, expected: Int)
    /// A `*bin` header whose count × dimension does not account for the file size.
    case headerSizeMismatch(path: String, count: Int, dimension: Int, expectedBytes: Int, actualBytes: Int)
    /// NaN or infinity in a float file (allowed only with `allowNonFinite`).
    case nonFinite(path: String, row: Int, component: Int, offset: Int, value: Float)
    /// The file holds `format`'s element type; the caller asked for `requested`.
    case elementTypeMismatch(path: String, format: DatasetFormat, requested: DatasetFormat.ElementKind)
    /// A matrix too large for the format's header fields (32-bit count or dimension).
    case tooLargeForFormat(path: String, format: DatasetFormat, count: Int, dimension: Int)
    /// open, fstat, pread, pwrite, fsync or rename failed.
    case system(SystemError)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unknownExtension(let path, _), .emptyFile(let path),
             .truncatedHeader(let path, _, _), .invalidDimension(let path, _, _, _, _),
             .truncatedRow(let path, _, _, _, _), .inconsistentDimension(let path, _, _, _, _),
             .headerSizeMismatch(let path, _, _, _, _), .nonFinite(let path, _, _, _, _),
             .elementTypeMismatch(let path, _, _), .tooLargeForFormat(let path, _, _, _):
            return path
        case .system(let error):
            return error.path ?? ""
        }
    }

    /// The byte offset the problem starts at, when it is about content.
    public var offset: Int? {
        switch self {
        case .invalidDimension(_, _, let offset, _, _), .truncatedRow(_, _, let offset, _, _),
             .inconsistentDimension(_, _, let offset, _, _), .nonFinite(_, _, _, let offset, _):
            return offset
        case .truncatedHeader:
            return 0
        case .headerSizeMismatch(_, _, _, let expected, let actual):
            return min(expected, actual)
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .unknownExtension(let path, let ext):
            let shown = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
            return "\(path): \(shown) names no dataset format "
                + "(expected one of \(DatasetFormat.allCases.map { "." + $0.rawValue }.joined(separator: ", ")); "
                + "or pass the format explicitly)"
        case .emptyFile(let path):
            return "\(path): file is empty (0 bytes)"
        case .truncatedHeader(let path, let expected, let available):
            return "\(path): at byte offset 0: file header needs \(expected) bytes, file has \(available)"
        case .invalidDimension(let path, let row, let offset, let dimension, let maximum):
            let whose = row.map { "row \($0)" } ?? "file header"
            return "\(path): at byte offset \(offset): \(whose) declares dimension \(dimension), "
                + "expected 1...\(maximum) (corrupt file or wrong format?)"
        case .truncatedRow(let path, let row, let offset, let expected, let available):
            return "\(path): at byte offset \(offset): row \(row) is truncated: "
                + "needs \(expected) bytes, only \(available) remain"
        case .inconsistentDimension(let path, let row, let offset, let found, let expected):
            return "\(path): at byte offset \(offset): row \(row) declares dimension \(found), "
                + "but earlier rows have \(expected)"
        case .headerSizeMismatch(let path, let count, let dimension, let expected, let actual):
            var text = "\(path): header says \(count) rows × \(dimension) dimensions = \(expected) bytes, "
                + "but the file has \(actual) bytes"
            let rowBytes = max(1, (expected - 8) / max(count, 1))
            if actual < expected, actual >= 8 {
                let row = (actual - 8) / rowBytes
                text += " (truncated: row \(row) at byte offset \(8 + row * rowBytes) is incomplete)"
            } else if actual > expected {
                text += " (\(actual - expected) unexplained bytes from byte offset \(expected))"
            }
            return text
        case .nonFinite(let path, let row, let component, let offset, let value):
            return "\(path): at byte offset \(offset): row \(row) component \(component) is \(value) "
                + "(NaN and infinity are refused unless allowed explicitly)"
        case .elementTypeMismatch(let path, let format, let requested):
            return "\(path): \(format) holds \(format.elementKind) values, but \(requested) values were requested"
        case .tooLargeForFormat(let path, let format, let count, let dimension):
            return "\(path): \(count) rows × \(dimension) dimensions do not fit \(format)'s 32-bit header fields"
        case .system(let error):
            return error.description
        }
    }
}
