/// Level-0 link lists delta- and varint-compressed, as Qdrant's
/// `GraphLinksFormat::Compressed`: each node's neighbour ids are sorted
/// ascending, and the list is stored as LEB128 varints
///
///     degree, id₀, id₁ − id₀, id₂ − id₁, …
///
/// (7 bits per byte, low bits first, high bit set on every byte but the
/// last; at most 5 bytes and 32 bits each). Neighbours of a node tend to
/// have been inserted near one another, so most gaps take one or two bytes
/// instead of four, and no slot is reserved for links a node does not have.
///
/// A node's block is found through `offsets`: `count + 1` little-endian
/// `UInt64`s, `offsets[0] = 0`, block `i` spanning `offsets[i]..<offsets[i+1]`
/// of `blocks`, `offsets[count]` its whole length.
///
/// Sorting changes the order a search evaluates one node's neighbours in,
/// never which it evaluates: after each expansion the candidate list is the
/// `ef` best of everything seen whatever the order, so results and distance
/// counts equal the plain layout's (barring exact distance ties at the
/// list's bound, which keep arrival order).
///
/// Upper levels (about 1/m of the nodes) stay plain.
public enum CompressedLinks {
    /// Bytes one varint can take.
    public static let maximumVarintBytes = 5

    /// Encodes `count` plain level-0 lists (`[degree, ids…]` in slots of
    /// `stride` words) into blocks and their offsets.
    public static func encode(plain: UnsafePointer<UInt32>, count: Int, stride: Int) -> (blocks: [UInt8], offsets: [UInt64]) {
        var blocks: [UInt8] = []
        blocks.reserveCapacity(count * stride)
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(count + 1)
        var sorted: [UInt32] = []
        for node in 0..<count {
            let list = plain + node * stride
            let degree = Int(list[0])
            sorted.removeAll(keepingCapacity: true)
            for slot in 0..<degree { sorted.append(list[1 + slot]) }
            sorted.sort()
            appendVarint(UInt32(degree), to: &blocks)
            var previous: UInt32 = 0
            for id in sorted {
                appendVarint(id - previous, to: &blocks)
                previous = id
            }
            offsets.append(UInt64(blocks.count))
        }
        return (blocks, offsets)
    }

    static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Decodes one validated block into `ids`, returning the degree. No
    /// bounds checks: `validate` has run over every block before search.
    @inline(__always)
    static func decode(_ block: UnsafePointer<UInt8>, into ids: UnsafeMutablePointer<UInt32>) -> Int {
        var cursor = block
        let degree = Int(readVarint(&cursor))
        var id: UInt32 = 0
        var slot = 0
        while slot < degree {
            id &+= readVarint(&cursor)
            ids[slot] = id
            slot &+= 1
        }
        return degree
    }

    @inline(__always)
    static func readVarint(_ cursor: inout UnsafePointer<UInt8>) -> UInt32 {
        var byte = cursor.pointee
        cursor += 1
        if byte < 0x80 { return UInt32(byte) }
        var value = UInt32(byte & 0x7F)
        var shift: UInt32 = 7
        repeat {
            byte = cursor.pointee
            cursor += 1
            value |= UInt32(byte & 0x7F) &<< shift
            shift &+= 7
        } while byte >= 0x80
        return value
    }

    /// Checks every block: offsets ascending and inside `blocks`, varints of
    /// at most 5 bytes and 32 bits, degree ≤ `m0`, ids ascending and below
    /// `count`, each block consumed exactly. The error names the node and
    /// the byte offset (in `blocks`, or in `offsets`) of the first fault.
    public static func validate(
        blocks: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<UInt64>, count: Int, m0: Int
    ) throws(HNSWError) {
        guard offsets.count >= count + 1 else {
            throw .corruptLinks(region: .offsets, node: count, offset: offsets.count * 8,
                                reason: "\(offsets.count) offsets for \(count) nodes, need \(count + 1)")
        }
        guard UInt64(littleEndian: offsets[0]) == 0 else {
            throw .corruptLinks(region: .offsets, node: 0, offset: 0, reason: "first block starts at \(offsets[0]), not 0")
        }
        guard UInt64(littleEndian: offsets[count]) == UInt64(blocks.count) else {
            throw .corruptLinks(region: .offsets, node: count, offset: count * 8,
                                reason: "blocks end at \(UInt64(littleEndian: offsets[count])), the region holds \(blocks.count) bytes")
        }
        for node in 0..<count {
            let start = UInt64(littleEndian: offsets[node]), end = UInt64(littleEndian: offsets[node + 1])
            guard start <= end, end <= UInt64(blocks.count) else {
                throw .corruptLinks(region: .offsets, node: node, offset: (node + 1) * 8,
                                    reason: "block \(start)..<\(end) is not inside 0..<\(blocks.count)")
            }
            var position = Int(start)
            let limit = Int(end)
            func varint() throws(HNSWError) -> UInt32 {
                let first = position
                var value: UInt64 = 0
                for index in 0..<maximumVarintBytes {
                    guard position < limit else {
                        throw .corruptLinks(region: .blocks, node: node, offset: first, reason: "varint runs past the block's end \(limit)")
                    }
                    let byte = blocks[position]
                    position += 1
                    value |= UInt64(byte & 0x7F) << UInt64(7 * index)
                    if byte < 0x80 {
                        guard value <= UInt64(UInt32.max) else {
                            throw .corruptLinks(region: .blocks, node: node, offset: first, reason: "varint \(value) exceeds 32 bits")
                        }
                        return UInt32(value)
                    }
                }
                throw .corruptLinks(region: .blocks, node: node, offset: first, reason: "varint longer than \(maximumVarintBytes) bytes")
            }
            let degreeOffset = position
            let degree = Int(try varint())
            guard degree <= m0 else {
                throw .corruptLinks(region: .blocks, node: node, offset: degreeOffset, reason: "degree \(degree) > m0 \(m0)")
            }
            var id: UInt64 = 0
            for _ in 0..<degree {
                let idOffset = position
                id += UInt64(try varint())
                guard id < UInt64(count) else {
                    throw .corruptLinks(region: .blocks, node: node, offset: idOffset, reason: "link to \(id), past count \(count)")
                }
            }
            guard position == limit else {
                throw .corruptLinks(region: .blocks, node: node, offset: position,
                                    reason: "\(limit - position) bytes left over after \(degree) links")
            }
        }
    }
}
