/// Why a memory model could not be built or fed. Each case names the
/// structure, value or call at fault.
public enum MemoryModelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A CPU name that is neither a preset nor `host`.
    case unknownPreset(String, known: [String])
    /// A TLB array or cache whose geometry cannot exist (`structure` names it,
    /// e.g. "skylake-sp L1 dTLB 4K").
    case impossibleGeometry(structure: String, reason: String)
    /// `sample` must be ≥ 1 (model every n-th operation).
    case invalidSample(Int)
    /// The model needs at least one core.
    case invalidCoreCount(Int)
    /// `begin` named a core the model does not have.
    case coreOutOfRange(core: Int, cores: Int)
    /// An address-space id outside `0..<limit`.
    case addressSpaceOutOfRange(id: Int, limit: Int)
    /// A shared-memory id outside `0..<limit`.
    case sharedMemoryOutOfRange(id: Int, limit: Int)
    /// A region with a zero or negative length, or one that wraps the address space.
    case invalidRegion(base: UInt, length: Int, reason: String)
    /// A region that overlaps one already registered for the same address space.
    case overlappingRegion(base: UInt, length: Int, existingBase: UInt, existingLength: Int, addressSpace: Int?)

    public var description: String {
        switch self {
        case .unknownPreset(let name, let known):
            return "unknown CPU preset '\(name)' (known: \(known.joined(separator: ", ")), host)"
        case .impossibleGeometry(let structure, let reason):
            return "impossible geometry for \(structure): \(reason)"
        case .invalidSample(let sample):
            return "model sample must be ≥ 1 (every n-th operation), got \(sample)"
        case .invalidCoreCount(let cores):
            return "the memory model needs at least 1 core, got \(cores)"
        case .coreOutOfRange(let core, let cores):
            return "operation on core \(core), but the model has cores 0..<\(cores)"
        case .addressSpaceOutOfRange(let id, let limit):
            return "address space \(id) is outside 0..<\(limit)"
        case .sharedMemoryOutOfRange(let id, let limit):
            return "shared memory id \(id) is outside 0..<\(limit)"
        case .invalidRegion(let base, let length, let reason):
            return "region at 0x\(String(base, radix: 16)) of \(length) bytes: \(reason)"
        case .overlappingRegion(let base, let length, let existingBase, let existingLength, let space):
            let scope = space.map { "address space \($0)" } ?? "all address spaces"
            return "region at 0x\(String(base, radix: 16)) (\(length) bytes) overlaps the region at "
                + "0x\(String(existingBase, radix: 16)) (\(existingLength) bytes) in \(scope)"
        }
    }
}
