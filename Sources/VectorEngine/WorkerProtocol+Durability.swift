import VectorWAL

extension WorkerProtocol {
    /// Durability of an acknowledgement on the wire (one byte).
    static func durabilityCode(_ durability: WALDurability) -> UInt8 {
        switch durability {
        case .synced: return 0
        case .written: return 1
        case .unsynced: return 2
        }
    }

    static func durability(code: UInt8) -> WALDurability? {
        switch code {
        case 0: return .synced
        case 1: return .written
        case 2: return .unsynced
        default: return nil
        }
    }
}
