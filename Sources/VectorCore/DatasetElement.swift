/// A component type a dataset file can hold: `Float` (fvecs/fbin), `Int32`
/// (ivecs/ibin) or `UInt8` (bvecs/u8bin). Readers and writers are generic over
/// it and check at run time that it matches the file's format.
public protocol DatasetElement: BitwiseCopyable, Sendable, Equatable {
    static var datasetElementKind: DatasetFormat.ElementKind { get }
}

extension Float: DatasetElement {
    @inlinable public static var datasetElementKind: DatasetFormat.ElementKind { .float32 }
}

extension Int32: DatasetElement {
    @inlinable public static var datasetElementKind: DatasetFormat.ElementKind { .int32 }
}

extension UInt8: DatasetElement {
    @inlinable public static var datasetElementKind: DatasetFormat.ElementKind { .uint8 }
}
