import BenchModel
import VectorCore

/// What one idle tenant costs, by difference: the process with every
/// tenant closed, then with `tenants` of them opened and touched once (a
/// search), divided by `tenants`. Files held by closed tenants are counted
/// directly — descriptors pointing into the collections' directories once
/// all are closed — since "all closed" is the baseline of the difference.
/// Disk is the data directory's, over every tenant.
enum IdleTenantMeasurement {
    static func cost(tenants: Int, closed: ProcessFootprint, open: ProcessFootprint, filesOfClosedTenants: Int?,
                     closedTenants: Int, disk: DiskUsage?, allTenants: Int) -> IdleTenantCost {
        let n = Double(max(tenants, 1))
        func per<T: BinaryInteger>(_ end: T?, _ start: T?) -> Double? {
            guard let end, let start else { return nil }
            return (Double(end) - Double(start)) / n
        }
        let unread = closed.unavailable + open.unavailable
        return IdleTenantCost(
            tenants: tenants,
            rssBytesPerOpenTenant: per(open.rssBytes, closed.rssBytes),
            openFilesPerOpenTenant: per(open.openFiles, closed.openFiles),
            openFilesPerClosedTenant: filesOfClosedTenants.map { Double($0) / Double(max(closedTenants, 1)) },
            memoryMapsPerOpenTenant: per(open.memoryMaps, closed.memoryMaps),
            diskAllocatedBytesPerTenant: disk.map { Double($0.allocatedBytes) / Double(max(allTenants, 1)) },
            diskApparentBytesPerTenant: disk.map { Double($0.apparentBytes) / Double(max(allTenants, 1)) },
            unavailable: unread.isEmpty ? nil : unread.joined(separator: "; "))
    }

    /// `count` tenant indices spread evenly over `0..<total`.
    static func spread(_ count: Int, over total: Int) -> [Int] {
        guard count < total else { return Array(0..<total) }
        return (0..<count).map { $0 * total / count }
    }
}
