/// One bit per point position of a segment: set when the point was deleted
/// or superseded by a newer write. Searches test it instead of looking the id
/// up in the collection's location map.
struct DeletionBits {
    private(set) var words: [UInt64]
    private(set) var setCount = 0

    init(count: Int) { words = Array(repeating: 0, count: (count + 63) / 64) }

    mutating func grow(to count: Int) {
        let needed = (count + 63) / 64
        if needed > words.count { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
    }

    @inline(__always)
    func contains(_ position: Int) -> Bool { words[position >> 6] & (1 << UInt64(position & 63)) != 0 }

    mutating func insert(_ position: Int) {
        let mask: UInt64 = 1 << UInt64(position & 63)
        if words[position >> 6] & mask == 0 {
            words[position >> 6] |= mask
            setCount += 1
        }
    }
}
