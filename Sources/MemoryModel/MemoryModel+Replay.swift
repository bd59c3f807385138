extension MemoryModel {
    /// Starts operation number `operation` on `core` in `addressSpace`.
    /// Ends an operation still open. The address-space switch is applied
    /// even when the operation is not sampled (flushes depend on every
    /// switch); returns whether its accesses will be replayed.
    @discardableResult
    public func begin(operation: Int, core: Int, addressSpace: Int) throws(MemoryModelError) -> Bool {
        guard (0..<cores).contains(core) else { throw .coreOutOfRange(core: core, cores: cores) }
        guard (0..<Self.addressSpaceLimit).contains(addressSpace) else {
            throw .addressSpaceOutOfRange(id: addressSpace, limit: Self.addressSpaceLimit)
        }
        let previous = tags[core].current
        switch tags[core].switchTo(addressSpace) {
        case .none: break
        case .flushAll:
            tlbs[core].flushAll()
            statisticsHeader.fullFlushes += 1
        case .flushTag(let tag):
            tlbs[core].flush(tag: tag)
            statisticsHeader.pcidFlushes += 1
        }
        if let previous, previous != addressSpace { statisticsHeader.addressSpaceSwitches += 1 }
        self.core = core
        if space != addressSpace { cachedRegion = nil }
        space = addressSpace
        tlbTag = tags[core].tag
        tlb = tlbs[core]
        l1d = caches.l1d[core]
        l2 = caches.l2[core]
        inOperation = true
        replaying = isSampled(operation: operation)
        if replaying { statisticsHeader.operations += 1 } else { statisticsHeader.skippedOperations += 1 }
        return replaying
    }

    /// Ends the current operation.
    public func end() {
        inOperation = false
        replaying = false
    }

    /// One access of `bytes` bytes at `address` by the current operation.
    /// Outside an operation it is counted as dropped, not modelled.
    @inline(__always)
    public func access(address: UInt, bytes: Int, kind: AccessKind) {
        guard replaying else {
            if !inOperation { statisticsHeader.droppedAccesses += 1 }
            return
        }
        guard bytes > 0 else { return }
        replay(address: address, bytes: bytes, counters: counters + kind.rawValue)
    }

    private func region(for address: UInt) -> PageRegion? {
        if let cached = cachedRegion, cached.contains(address) { return cached }
        guard !regions.isEmpty, let found = regions.find(address, space: space) else { return nil }
        cachedRegion = found
        return found
    }

    private func replay(address: UInt, bytes: Int, counters: UnsafeMutablePointer<AccessCounters>) {
        counters.pointee.accesses &+= 1
        let last = UInt64(address &+ UInt(bytes) &- 1) >> 6
        var line = UInt64(address) >> 6
        var translated: UInt64 = .max
        var translatedSize = PageSize.size4K
        let privateNamespace = UInt64(space) &+ 1
        let privateOffset = CacheHierarchy.setOffset(namespace: privateNamespace)
        // Resolved once per access; again per line only if the access leaves the region.
        var found = region(for: address)
        let within = found.map { UInt(last << 6) < $0.end } ?? regions.isEmpty
        let l1d = self.l1d, l2 = self.l2
        while line <= last {
            let lineAddress = UInt(line << 6)
            if !within, line != UInt64(address) >> 6 { found = region(for: lineAddress) }
            let size = found?.pageSize ?? defaultPageSize
            let page = line >> (size.shift &- 6)
            if page != translated || size != translatedSize {
                translated = page
                translatedSize = size
                translate(page: page, size: size, counters: counters)
            }
            let level: CacheHierarchy.Level
            if let shared = found?.sharedMemory {
                let namespace = UInt64(Self.sharedMemoryLimit) &+ UInt64(shared)
                level = caches.access(line: UInt64(lineAddress &- found!.base) >> 6, namespace: namespace,
                                      setOffset: CacheHierarchy.setOffset(namespace: namespace), l1d: l1d, l2: l2)
            } else {
                level = caches.access(line: line, namespace: privateNamespace, setOffset: privateOffset, l1d: l1d, l2: l2)
            }
            switch level {
            case .l1d: counters.pointee.l1d.hits &+= 1
            case .l2:
                counters.pointee.l1d.misses &+= 1
                counters.pointee.l2.hits &+= 1
            case .llc:
                counters.pointee.l1d.misses &+= 1
                counters.pointee.l2.misses &+= 1
                counters.pointee.llc.hits &+= 1
            case .memory:
                counters.pointee.l1d.misses &+= 1
                counters.pointee.l2.misses &+= 1
                counters.pointee.llc.misses &+= 1
            }
            line &+= 1
        }
    }

    @inline(__always)
    private func translate(page: UInt64, size: PageSize, counters: UnsafeMutablePointer<AccessCounters>) {
        let outcome = tlb.translate(page: page, tag: tlbTag, size: size)
        let holdsInSTLB = size == .size4K ? stlbHolds4K : stlbHolds2M
        switch (outcome, size) {
        case (.l1Hit, .size4K): counters.pointee.l1dTLB4K.hits &+= 1
        case (.l1Hit, .size2M): counters.pointee.l1dTLB2M.hits &+= 1
        case (_, .size4K): counters.pointee.l1dTLB4K.misses &+= 1
        case (_, .size2M): counters.pointee.l1dTLB2M.misses &+= 1
        }
        switch outcome {
        case .l1Hit: break
        case .stlbHit: counters.pointee.stlb.hits &+= 1
        case .walk:
            if holdsInSTLB { counters.pointee.stlb.misses &+= 1 }
            counters.pointee.pageWalks &+= 1
        }
    }
}
