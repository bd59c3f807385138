import VectorWAL

/// The WAL a collection writes to: its own, or the engine's shared one.
/// With a shared log the engine decides when to truncate (the floor over
/// every collection); with its own, the collection truncates after a seal.
final class CollectionLog: Sendable {
    let wal: WriteAheadLog
    let isShared: Bool
    /// Called after a seal is installed; truncates what the seals covered.
    let sealed: @Sendable () -> Void

    init(wal: WriteAheadLog, isShared: Bool, sealed: @escaping @Sendable () -> Void) {
        self.wal = wal
        self.isShared = isShared
        self.sealed = sealed
    }
}
