/// Regroups a phase's upserts into batches of another size while keeping
/// exactly the same points, so "batch 1 vs batch 100" compares one stream
/// of data.
///
/// How: per tenant, the points of its upserts (consecutive local ids) join
/// a pending range; whenever `batch` points are pending, one upsert of
/// `batch` points is emitted, with the intended start of the upsert that
/// completed it — what a client that buffers points per tenant and flushes
/// full batches would send. Splitting (override < phase batch) emits
/// several upserts at once; merging (override > phase batch) emits one
/// upsert per `batch / phaseBatch` of the tenant's upserts. When a finite
/// stream ends, partial batches are flushed in tenant order (at the last
/// operation's intended start). Searches and deletes pass through in
/// order; all operations are renumbered.
///
/// A delete may name a point still pending in a buffer (deleted before it
/// is written); the engine treats that as deleting a missing id.
struct UpsertRegrouper: Sendable {
    let batch: Int
    private var pending: [Int: (first: UInt64, count: Int, vectorSeed: UInt64)] = [:]
    private var ready: [Operation] = []
    private var readyHead = 0
    private var lastIntendedStart: UInt64?
    private var flushed = false
    private var sequence = 0

    init(batch: Int) {
        precondition(batch >= 1, "upsert batch \(batch)")
        self.batch = batch
    }

    mutating func next(from base: inout PhaseOperationGenerator) -> Operation? {
        while readyHead == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyHead = 0
            guard let operation = base.next() else {
                if flushed { return nil }
                flushed = true
                for tenant in pending.keys.sorted() {
                    let range = pending[tenant]!
                    emit(tenant: tenant, first: range.first, count: range.count, vectorSeed: range.vectorSeed,
                         at: lastIntendedStart)
                }
                pending.removeAll()
                continue
            }
            lastIntendedStart = operation.intendedStart
            guard operation.kind == .upsert else {
                ready.append(operation)
                continue
            }
            var range = pending[operation.tenant] ?? (operation.firstID, 0, operation.vectorSeed)
            if range.first + UInt64(range.count) != operation.firstID {
                // Not contiguous (a phase never does this): keep order, flush first.
                emit(tenant: operation.tenant, first: range.first, count: range.count, vectorSeed: range.vectorSeed,
                     at: operation.intendedStart)
                range = (operation.firstID, 0, operation.vectorSeed)
            }
            range.count += operation.count
            while range.count >= batch {
                emit(tenant: operation.tenant, first: range.first, count: batch, vectorSeed: range.vectorSeed,
                     at: operation.intendedStart)
                range.first += UInt64(batch)
                range.count -= batch
            }
            pending[operation.tenant] = range.count > 0 ? range : nil
        }
        var operation = ready[readyHead]
        readyHead += 1
        operation.sequence = sequence
        sequence += 1
        return operation
    }

    private mutating func emit(tenant: Int, first: UInt64, count: Int, vectorSeed: UInt64, at intendedStart: UInt64?) {
        guard count > 0 else { return }
        ready.append(Operation(sequence: 0, intendedStart: intendedStart, kind: .upsert, tenant: tenant,
                               firstID: first, count: count, vectorSeed: vectorSeed))
    }
}
