import VectorCore

/// The operations of one phase at the phase's own upsert batch size: the
/// stream every configuration sees, before any batch override regroups
/// its upserts (`UpsertRegrouper`).
///
/// Each kind of choice draws from its own generator (arrivals, tenants,
/// operation kinds, operation details), all seeded from the workload seed
/// and the phase index.
struct PhaseOperationGenerator: IteratorProtocol, Sendable {
    let plan: OperationStream.Plan
    private var clock: ArrivalClock?
    private var arrivals: SeededGenerator
    private var tenantChoice: SeededGenerator
    private var kinds: SeededGenerator
    private var details: SeededGenerator
    /// Points each tenant has upserted in this phase so far.
    private var upserted: [UInt64]
    private var produced = 0
    private var finished = false

    init(plan: OperationStream.Plan) {
        self.plan = plan
        let phase = UInt64(plan.phaseIndex)
        clock = ArrivalClock(plan.phase.arrival)
        arrivals = SeedDerivation.generator(plan.workloadSeed, .arrivals, phase)
        tenantChoice = SeedDerivation.generator(plan.workloadSeed, .tenantChoice, phase)
        kinds = SeedDerivation.generator(plan.workloadSeed, .operationKinds, phase)
        details = SeedDerivation.generator(plan.workloadSeed, .operationDetails, phase)
        upserted = [UInt64](repeating: 0, count: plan.sizes.count)
    }

    mutating func next() -> Operation? {
        guard !finished else { return nil }
        if case .operations(let limit) = plan.phase.length, produced >= limit {
            finished = true
            return nil
        }
        var intendedStart: UInt64?
        if clock != nil {
            let seconds = clock!.next(using: &arrivals)
            if case .seconds(let duration) = plan.phase.length, seconds >= duration {
                finished = true
                return nil
            }
            intendedStart = UInt64((seconds * 1e9).rounded(.down))
        }
        let tenant = plan.picker.pick(&tenantChoice)
        let mix = plan.phase.mix
        let u = kinds.nextUnitDouble()
        var operation: Operation
        if u < mix.search || (mix.upsert == 0 && mix.delete == 0) {
            operation = Operation(sequence: produced, intendedStart: intendedStart, kind: .search, tenant: tenant,
                                  queryIndex: details.index(below: plan.queriesPerTenant), k: mix.searchK, ef: mix.searchEF)
        } else if u < mix.search + mix.upsert || mix.delete == 0 {
            let first = plan.firstUpsertID(tenant: tenant) + upserted[tenant]
            upserted[tenant] += UInt64(mix.upsertBatch)
            operation = Operation(sequence: produced, intendedStart: intendedStart, kind: .upsert, tenant: tenant,
                                  firstID: first, count: mix.upsertBatch, vectorSeed: plan.tenantSeeds[tenant])
        } else {
            operation = Operation(sequence: produced, intendedStart: intendedStart, kind: .delete, tenant: tenant,
                                  count: mix.deleteBatch, deleteIDs: deleteIDs(tenant: tenant, count: mix.deleteBatch))
        }
        produced += 1
        return operation
    }

    /// Ids among those the stream knows exist: the tenant's initial points
    /// and what this phase upserted so far (an id may repeat, or have been
    /// deleted already: deleting it again is part of a realistic load).
    private mutating func deleteIDs(tenant: Int, count: Int) -> [UInt64] {
        let size = UInt64(plan.sizes[tenant])
        let known = size + upserted[tenant]
        let firstUpserted = plan.firstUpsertID(tenant: tenant)
        return (0..<count).map { _ in
            let pick = UInt64(details.index(below: Int(known)))
            return pick < size ? pick : firstUpserted + (pick - size)
        }
    }
}
