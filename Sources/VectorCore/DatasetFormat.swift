/// The on-disk vector dataset formats vecbench reads and writes.
///
/// `*vecs` (the TEXMEX / SIFT1M convention) repeat a header on every row;
/// `*bin` (the BigANN convention) have one header for the whole file. All
/// fields are little-endian.
///
/// | format  | header                                   | each row                         |
/// |---------|------------------------------------------|----------------------------------|
/// | `fvecs` | —                                        | int32 dimension, dimension × float32 |
/// | `ivecs` | —                                        | int32 dimension, dimension × int32   |
/// | `bvecs` | —                                        | int32 dimension, dimension × uint8   |
/// | `fbin`  | uint32 count, uint32 dimension (8 bytes) | dimension × float32              |
/// | `ibin`  | uint32 count, uint32 dimension (8 bytes) | dimension × int32                |
/// | `u8bin` | uint32 count, uint32 dimension (8 bytes) | dimension × uint8                |
public enum DatasetFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    case fvecs, ivecs, bvecs, fbin, ibin, u8bin

    /// The type of one stored component.
    public enum ElementKind: String, Sendable, CustomStringConvertible {
        case float32, int32, uint8

        public var byteWidth: Int {
            switch self {
            case .float32, .int32: return 4
            case .uint8: return 1
            }
        }

        public var description: String { rawValue }
    }

    public var description: String { rawValue }

    public var elementKind: ElementKind {
        switch self {
        case .fvecs, .fbin: return .float32
        case .ivecs, .ibin: return .int32
        case .bvecs, .u8bin: return .uint8
        }
    }

    /// Whether every row carries its own dimension (`*vecs`) rather than the
    /// file carrying one count/dimension header (`*bin`).
    public var hasRowHeaders: Bool {
        switch self {
        case .fvecs, .ivecs, .bvecs: return true
        case .fbin, .ibin, .u8bin: return false
        }
    }

    /// Bytes before the first row.
    public var fileHeaderBytes: Int { hasRowHeaders ? 0 : 8 }

    /// Bytes one row of `dimension` components occupies on disk.
    public func rowBytes(dimension: Int) -> Int {
        (hasRowHeaders ? 4 : 0) + dimension * elementKind.byteWidth
    }

    /// Parses a format name as users type it (`fvecs`, `FBIN`, `.u8bin`,
    /// and `bbin` as used by some BigANN tools for `u8bin`).
    public init?(name: String) {
        var text = name.lowercased()
        if text.hasPrefix(".") { text.removeFirst() }
        if text == "bbin" || text == "ubin" { self = .u8bin; return }
        self.init(rawValue: text)
    }

    /// The format a path's extension names.
    public init(path: String) throws(DatasetError) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), let format = DatasetFormat(name: String(name[dot...])) else {
            let ext = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
            throw .unknownExtension(path: path, extension: ext)
        }
        self = format
    }

    /// `explicit` when given, otherwise the format `path`'s extension names.
    public static func resolve(path: String, explicit: DatasetFormat?) throws(DatasetError) -> DatasetFormat {
        if let explicit { return explicit }
        return try DatasetFormat(path: path)
    }
}
