/// Where the vector and link regions of an index lie in memory, in pages.
struct PageGeometry: Equatable {
    var vectorBase: UInt
    var vectorBytes: Int
    var linkBase: UInt
    var linkBytes: Int

    static func pages(_ bytes: Int, base: UInt, shift: UInt) -> Int {
        guard bytes > 0 else { return 1 }
        return Int(((base + UInt(bytes) - 1) >> shift) - (base >> shift)) + 1
    }
}
