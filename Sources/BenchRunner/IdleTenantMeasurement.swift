import BenchModel
import VectorCore

/// What one idle tenant costs, by difference: the process with every
/// tenant closed, then with `tenants` of them opened and touched once (a
/// search), divided by `tenants`. Files held by closed tenants are counted
/// directly — descriptors pointing into the collections' directories once
/// all are closed — since "all closed" is the baseline of the difference.
/// Disk is the data directory's, over every tenant.
///
/// Resident memory is read in a quiet state: seals finished, tenants
/// closed, and the heap's free pages handed back to the kernel before each
/// reading (`ProcessFootprint.releaseFreeHeapMemory`), so that memory freed
/// by evictions but not yet returned neither hides a tenant's cost nor
/// shows as a negative one. The closed state is read twice, before opening
/// and after closing again; the difference between those two readings is
/// noise the open reading carries too, so an RSS difference not above it
/// (or one page) is reported unavailable with the figures, never as a
/// number.
enum IdleTenantMeasurement {
    /// The smallest difference resident memory can show.
    static let pageBytes: Int64 = 4096

    static func cost(tenants: Int, closed: ProcessFootprint, open: ProcessFootprint, closedAgain: ProcessFootprint?,
                     filesOfClosedTenants: Int?, closedTenants: Int, disk: DiskUsage?, allTenants: Int) -> IdleTenantCost {
        let n = Double(max(tenants, 1))
        func per<T: BinaryInteger>(_ end: T?, _ start: T?) -> Double? {
            guard let end, let start else { return nil }
            return (Double(end) - Double(start)) / n
        }
        var unread = closed.unavailable + open.unavailable + (closedAgain?.unavailable ?? [])
        let rss = rssPerTenant(tenants: tenants, closed: closed.rssBytes, open: open.rssBytes,
                               closedAgain: closedAgain?.rssBytes)
        if case .failure(let reason) = rss { unread.append(reason.text) }
        return IdleTenantCost(
            tenants: tenants,
            rssBytesPerOpenTenant: try? rss.get(),
            openFilesPerOpenTenant: per(open.openFiles, closed.openFiles),
            openFilesPerClosedTenant: filesOfClosedTenants.map { Double($0) / Double(max(closedTenants, 1)) },
            memoryMapsPerOpenTenant: per(open.memoryMaps, closed.memoryMaps),
            diskAllocatedBytesPerTenant: disk.map { Double($0.allocatedBytes) / Double(max(allTenants, 1)) },
            diskApparentBytesPerTenant: disk.map { Double($0.apparentBytes) / Double(max(allTenants, 1)) },
            unavailable: unread.isEmpty ? nil : unread.joined(separator: "; "))
    }

    /// Why an RSS figure is missing.
    struct Unavailable: Error, Equatable {
        var text: String
    }

    /// RSS per open tenant: the open reading less the first closed one, when
    /// that difference is above the measurement's resolution — one page, or
    /// the drift between the two closed readings, whichever is larger.
    static func rssPerTenant(tenants: Int, closed: UInt64?, open: UInt64?, closedAgain: UInt64?) -> Result<Double, Unavailable> {
        guard let closed, let open else { return .failure(Unavailable(text: "RSS per open tenant: resident memory was not read")) }
        let difference = Int64(open) - Int64(closed)
        let drift = closedAgain.map { abs(Int64($0) - Int64(closed)) } ?? 0
        let resolution = max(pageBytes, drift)
        guard difference > resolution else {
            return .failure(Unavailable(text:
                "RSS per open tenant: opening \(tenants) tenants changed resident memory by \(difference) bytes, not above the "
                + "measurement's resolution of \(resolution) bytes (one page, or the \(drift) bytes the closed readings "
                + "before and after differ by)"))
        }
        return .success(Double(difference) / Double(max(tenants, 1)))
    }

    /// `count` tenant indices spread evenly over `0..<total`.
    static func spread(_ count: Int, over total: Int) -> [Int] {
        guard count < total else { return Array(0..<total) }
        return (0..<count).map { $0 * total / count }
    }
}
