/// An immutable, dense, row-major matrix: `count` rows of `dimension`
/// components in one 64-byte-aligned allocation — the shape of a dataset
/// file, of a query set and of a ground-truth table.
///
/// It is a value: copies share the allocation, which nothing mutates after
/// the initialiser returns, so a matrix can be handed to any number of
/// threads. Pointers to its storage are lent through `withUnsafe…` closures;
/// `memoryRegion` hands the same bytes, kept alive, to index structures.
public struct DenseMatrix<Element: BitwiseCopyable & Sendable>: @unchecked Sendable {
    public let count: Int
    public let dimension: Int
    @usableFromInline let allocation: HeapAllocation

    /// Allocates `count × dimension` elements and lets `initialize` fill all of
    /// them (the buffer starts as uninitialised memory, not zeros).
    @inlinable
    public init<E: Error>(
        count: Int, dimension: Int,
        initializingWith initialize: (UnsafeMutableBufferPointer<Element>) throws(E) -> Void
    ) throws(E) {
        precondition(count >= 0 && dimension >= 0, "matrix shape \(count) × \(dimension)")
        let (elements, overflow) = count.multipliedReportingOverflow(by: dimension)
        precondition(!overflow, "matrix shape \(count) × \(dimension) overflows")
        self.count = count
        self.dimension = dimension
        allocation = HeapAllocation(byteCount: elements * MemoryLayout<Element>.stride, zeroed: false)
        let typed = allocation.pointer.bindMemory(to: Element.self, capacity: max(elements, 1))
        try initialize(UnsafeMutableBufferPointer(start: typed, count: elements))
    }

    /// A matrix with every element equal to `value`.
    public init(count: Int, dimension: Int, repeating value: Element) {
        self.init(count: count, dimension: dimension) { (buffer: UnsafeMutableBufferPointer<Element>) in
            buffer.initialize(repeating: value)
        }
    }

    /// A matrix over `elements` laid out row-major (`elements.count` must be
    /// `count × dimension`).
    public init(count: Int, dimension: Int, elements: [Element]) {
        precondition(elements.count == count * dimension,
                     "\(elements.count) elements for a \(count) × \(dimension) matrix")
        self.init(count: count, dimension: dimension) { (buffer: UnsafeMutableBufferPointer<Element>) in
            _ = buffer.initialize(from: elements)
        }
    }

    /// A matrix from equally long rows; `dimension` is needed only when
    /// `rows` is empty.
    public init(rows: [[Element]], dimension: Int? = nil) {
        let width = rows.first?.count ?? dimension ?? 0
        for (index, row) in rows.enumerated() {
            precondition(row.count == width, "row \(index) has \(row.count) elements, row 0 has \(width)")
        }
        self.init(count: rows.count, dimension: width, elements: rows.flatMap { $0 })
    }

    /// Number of elements, `count × dimension`.
    @inlinable public var elementCount: Int { count &* dimension }

    /// Bytes the elements occupy.
    @inlinable public var byteCount: Int { elementCount &* MemoryLayout<Element>.stride }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// All elements, row-major.
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
        let typed = allocation.pointer.assumingMemoryBound(to: Element.self)
        return try body(UnsafeBufferPointer(start: typed, count: elementCount))
    }

    /// Row `index` (`dimension` elements).
    @inlinable
    public func withRow<R, E: Error>(_ index: Int, _ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
        precondition(index >= 0 && index < count, "row \(index) of a \(count)-row matrix")
        let typed = allocation.pointer.assumingMemoryBound(to: Element.self) + index &* dimension
        return try body(UnsafeBufferPointer(start: typed, count: dimension))
    }

    /// A copy of row `index`.
    public func row(_ index: Int) -> [Element] {
        withRow(index) { Array($0) }
    }

    /// A copy of all elements, row-major.
    public var elements: [Element] {
        withUnsafeBufferPointer { Array($0) }
    }

    /// The storage as a region other components (indexes, mappings) can hold;
    /// it keeps this matrix's allocation alive.
    public var memoryRegion: MemoryRegion {
        MemoryRegion(base: UnsafeRawPointer(allocation.pointer), count: byteCount, owner: allocation)
    }

    /// The first `rows` rows (all of them if there are fewer), copied.
    public func prefix(_ rows: Int) -> DenseMatrix<Element> {
        let kept = min(max(rows, 0), count)
        return DenseMatrix(count: kept, dimension: dimension) { (destination: UnsafeMutableBufferPointer<Element>) in
            withUnsafeBufferPointer { source in
                _ = destination.initialize(from: UnsafeBufferPointer(rebasing: source[0..<kept * dimension]))
            }
        }
    }

    /// Element-wise conversion, e.g. `UInt8` rows of a bvecs file to `Float`.
    public func map<T: BitwiseCopyable & Sendable>(_ transform: (Element) -> T) -> DenseMatrix<T> {
        DenseMatrix<T>(count: count, dimension: dimension) { (destination: UnsafeMutableBufferPointer<T>) in
            withUnsafeBufferPointer { source in
                for index in 0..<source.count { destination[index] = transform(source[index]) }
            }
        }
    }
}

extension DenseMatrix: Equatable where Element: Equatable {
    public static func == (lhs: DenseMatrix, rhs: DenseMatrix) -> Bool {
        guard lhs.count == rhs.count, lhs.dimension == rhs.dimension else { return false }
        if lhs.allocation === rhs.allocation { return true }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}

extension DenseMatrix: CustomStringConvertible {
    public var description: String { "DenseMatrix<\(Element.self)>(\(count) × \(dimension))" }
}
