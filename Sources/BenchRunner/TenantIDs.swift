/// How a tenant and its local id become one engine id in a shared
/// collection: 24 bits of tenant, 40 of local id.
enum TenantIDs {
    static let localBits: UInt64 = 40
    static func engineID(tenant: Int, local: UInt64) -> UInt64 { UInt64(tenant) << localBits | local }
    static func localID(_ engineID: UInt64) -> UInt64 { engineID & ((1 << localBits) - 1) }
}
