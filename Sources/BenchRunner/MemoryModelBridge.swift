import HardwareCounters
import MemoryModel
import VectorIndex

/// Carries the engine's recorded index accesses (VectorIndex's
/// `MemoryAccessLog`) into a `MemoryModel`, and tells the model the page
/// size of the index's arrays as the kernel actually backs them. The two
/// targets may not import each other; this is the one place they meet.
enum MemoryModelBridge {
    /// One registered index array, as it went into the model.
    struct RegisteredArray: Equatable {
        var name: String
        var bytes: Int
        /// `4K`, `2M`, or `mixed` when its mappings differ.
        var pageSize: String
        /// Resident 2 MiB-page bytes from smaps; nil when smaps could not be read.
        var hugePageBytes: Int?
        /// Why smaps could not be read (the array is then modelled at 4 KiB).
        var unavailableReason: String?
    }

    static func kind(_ kind: MemoryAccessKind) -> AccessKind {
        switch kind {
        case .vector: return .vector
        case .level0Links: return .level0Links
        case .upperLinks: return .upperLinks
        case .visitedMark: return .visitedMark
        case .label: return .label
        }
    }

    /// Replays one operation's accesses, in their order, as operation
    /// `operation` on `core` in `addressSpace`.
    static func replay(
        _ log: MemoryAccessLog, operation: Int, core: Int, addressSpace: Int, into model: MemoryModel
    ) throws(MemoryModelError) {
        let replayed = try model.begin(operation: operation, core: core, addressSpace: addressSpace)
        if replayed {
            for access in log.accesses {
                model.access(address: access.address, bytes: Int(access.bytes), kind: kind(access.kind))
            }
        }
        model.end()
    }

    /// Registers the index's vector and level-0 link arrays at the page
    /// size smaps shows for each mapping under them: 2 MiB when huge pages
    /// back at least half of the mapping (smaps gives how much, not where),
    /// else 4 KiB. Unreadable smaps leaves the arrays at the model's default
    /// (4 KiB) and says so.
    static func registerIndexArrays(of index: HNSWIndex, in model: MemoryModel) throws(MemoryModelError) -> [RegisteredArray] {
        var registered: [RegisteredArray] = []
        for (name, range) in zip(["vectors", "level0Links"], index.arrayRanges) {
            let bytes = Int(range.upperBound - range.lowerBound)
            guard bytes > 0 else { continue }
            let reading = MappingCoverage.read(.addressRange(lower: UInt64(range.lowerBound), upper: UInt64(range.upperBound)))
            guard case .available(let coverage) = reading else {
                registered.append(RegisteredArray(name: name, bytes: bytes, pageSize: model.defaultPageSize.description,
                                                  hugePageBytes: nil, unavailableReason: reading.reason))
                continue
            }
            var sizes: Set<PageSize> = []
            for mapping in coverage.mappings {
                let lower = max(UInt(mapping.start), range.lowerBound), upper = min(UInt(mapping.end), range.upperBound)
                guard lower < upper else { continue }
                let size: PageSize = mapping.size > 0 && mapping.hugeMapped * 2 >= mapping.size ? .size2M : .size4K
                try model.registerRegion(base: lower, length: Int(upper - lower), pageSize: size)
                sizes.insert(size)
            }
            let label = sizes.count == 1 ? sizes.first!.description : sizes.isEmpty ? model.defaultPageSize.description : "mixed"
            registered.append(RegisteredArray(name: name, bytes: bytes, pageSize: label,
                                              hugePageBytes: Int(coverage.hugeMapped), unavailableReason: nil))
        }
        return registered
    }
}
