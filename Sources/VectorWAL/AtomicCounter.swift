import Synchronization

/// A relaxed UInt64 counter: statistics need no ordering with the data they
/// describe, only a value that is never torn.
final class AtomicCounter: Sendable {
    private let value = Atomic<UInt64>(0)

    func add(_ amount: UInt64) { value.add(amount, ordering: .relaxed) }
    func store(_ newValue: UInt64) { value.store(newValue, ordering: .relaxed) }
    func load() -> UInt64 { value.load(ordering: .relaxed) }
}
