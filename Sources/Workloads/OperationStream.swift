/// The operations of one phase, generated lazily: a pure function of the
/// workload seed, the phase index and the data specification (tenant
/// sizes, queries per tenant), identical for every configuration.
///
/// - Open loop (`poisson`, `on_off`, `steps`): every operation carries its
///   intended start; the stream ends at the phase's duration (the first
///   arrival at or past it is not issued) or after `operations` operations.
/// - Closed loop: `intendedStart` is nil; a duration phase never ends (the
///   runner stops taking when time is up), an `operations` phase has
///   exactly that many.
///
/// Ids: upserts of phase p give each tenant new consecutive local ids
/// starting at `firstUpsertID(tenantSize:phase:)` = size + p·2³² (size for
/// the first phase), so a phase's ids do not depend on how much of the
/// phases before it a configuration got through. Deletes pick among the
/// tenant's initial ids and the ids this phase upserted so far.
///
/// `upsertBatchOverride` (a configuration's `upsert_batch`) regroups the
/// same points into batches of that size; see `UpsertRegrouper`. For an
/// `operations` phase the count is of operations at the phase's own batch
/// size, so both groupings carry the same points.
public struct OperationStream: Sequence, Sendable {
    /// Everything the generators need, computed once per stream.
    struct Plan: Sendable {
        let workloadSeed: UInt64
        let phaseIndex: Int
        let phase: PhaseSpecification
        let sizes: [Int]
        let queriesPerTenant: Int
        let tenantSeeds: [UInt64]
        let picker: TenantPicker

        func firstUpsertID(tenant: Int) -> UInt64 {
            OperationStream.firstUpsertID(tenantSize: sizes[tenant], phase: phaseIndex)
        }
    }

    let plan: Plan
    /// Points per upsert in this stream (the override, or the phase's).
    public let upsertBatch: Int
    let regroups: Bool

    public var phaseIndex: Int { plan.phaseIndex }
    public var phase: PhaseSpecification { plan.phase }

    /// `phase` is the index into `workload.phases`.
    public init(workload: Workload, phase: Int, upsertBatchOverride: Int? = nil) {
        self.init(workload: workload, phase: phase, tenantSizes: workload.tenantSizes, upsertBatchOverride: upsertBatchOverride)
    }

    /// The same, with the tenant sizes already computed (they are the same
    /// for every phase: compute them once, e.g. `TenantDataGenerator.sizes`).
    public init(workload: Workload, phase: Int, tenantSizes: [Int], upsertBatchOverride: Int? = nil) {
        precondition(workload.phases.indices.contains(phase), "phase \(phase) of \(workload.phases.count)")
        precondition(tenantSizes.count == workload.data.tenants, "\(tenantSizes.count) sizes for \(workload.data.tenants) tenants")
        precondition(upsertBatchOverride.map { $0 >= 1 } ?? true, "upsert batch override \(upsertBatchOverride!)")
        let specification = workload.phases[phase]
        plan = Plan(
            workloadSeed: workload.seed, phaseIndex: phase, phase: specification, sizes: tenantSizes,
            queriesPerTenant: workload.data.queriesPerTenant,
            tenantSeeds: (0..<tenantSizes.count).map { TenantDataGenerator.tenantSeed(workloadSeed: workload.seed, tenant: $0) },
            picker: TenantPicker(selection: specification.tenantSelection, tenants: tenantSizes.count, workloadSeed: workload.seed))
        upsertBatch = upsertBatchOverride ?? specification.mix.upsertBatch
        regroups = upsertBatch != specification.mix.upsertBatch
    }

    /// The first local id phase `phase` upserts for a tenant of `tenantSize`
    /// initial points.
    public static func firstUpsertID(tenantSize: Int, phase: Int) -> UInt64 {
        UInt64(tenantSize) + UInt64(phase) << 32
    }

    /// False only for a closed-loop phase with a duration.
    public var isBounded: Bool {
        if case .operations = plan.phase.length { return true }
        return plan.phase.arrival.isOpenLoop
    }

    public func makeIterator() -> Iterator {
        Iterator(base: PhaseOperationGenerator(plan: plan), regrouper: regroups ? UpsertRegrouper(batch: upsertBatch) : nil)
    }

    public struct Iterator: IteratorProtocol, Sendable {
        var base: PhaseOperationGenerator
        var regrouper: UpsertRegrouper?

        public mutating func next() -> Operation? {
            guard regrouper != nil else { return base.next() }
            return regrouper!.next(from: &base)
        }
    }
}
