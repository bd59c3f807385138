/// What one idle tenant costs a configuration: the figures that decide how
/// many tenants fit on a node long before queries do.
///
/// Measured after the phases, by difference: the process (and its workers)
/// before and after tenants were opened, touched once and left idle, divided
/// by the tenants measured. Each figure is nil when it could not be read,
/// with `unavailable` saying why.
public struct IdleTenantCost: Codable, Sendable, Equatable {
    /// Tenants the figures are averaged over.
    public var tenants: Int
    /// Resident memory per idle, open tenant, bytes.
    public var rssBytesPerOpenTenant: Double?
    /// Open file descriptors per idle, open tenant.
    public var openFilesPerOpenTenant: Double?
    /// Open file descriptors per closed (evicted) tenant: 0 is the goal.
    public var openFilesPerClosedTenant: Double?
    /// Memory maps per open tenant.
    public var memoryMapsPerOpenTenant: Double?
    /// Disk per tenant: blocks allocated, and the apparent (sparse) size.
    public var diskAllocatedBytesPerTenant: Double?
    public var diskApparentBytesPerTenant: Double?
    public var unavailable: String?

    public init(tenants: Int, rssBytesPerOpenTenant: Double? = nil, openFilesPerOpenTenant: Double? = nil,
                openFilesPerClosedTenant: Double? = nil, memoryMapsPerOpenTenant: Double? = nil,
                diskAllocatedBytesPerTenant: Double? = nil, diskApparentBytesPerTenant: Double? = nil,
                unavailable: String? = nil) {
        self.tenants = tenants
        self.rssBytesPerOpenTenant = rssBytesPerOpenTenant
        self.openFilesPerOpenTenant = openFilesPerOpenTenant
        self.openFilesPerClosedTenant = openFilesPerClosedTenant
        self.memoryMapsPerOpenTenant = memoryMapsPerOpenTenant
        self.diskAllocatedBytesPerTenant = diskAllocatedBytesPerTenant
        self.diskApparentBytesPerTenant = diskApparentBytesPerTenant
        self.unavailable = unavailable
    }
}
