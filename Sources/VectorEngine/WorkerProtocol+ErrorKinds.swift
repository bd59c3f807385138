import VectorCore

extension WorkerProtocol {
    /// The `kind` a failed response carries for an engine error: its case
    /// name, so a client can branch on it without parsing the message.
    public static func errorKind(of error: EngineError) -> String {
        switch error {
        case .unknownCollection: return "unknownCollection"
        case .collectionExists: return "collectionExists"
        case .invalidName: return "invalidName"
        case .invalidConfiguration: return "invalidConfiguration"
        case .emptyBatch: return "emptyBatch"
        case .batchTooLarge: return "batchTooLarge"
        case .duplicateID: return "duplicateID"
        case .invalidVector: return "invalidVector"
        case .reservedTenant: return "reservedTenant"
        case .wrongQueryDimension: return "wrongQueryDimension"
        case .invalidQuery: return "invalidQuery"
        case .readOnly: return "readOnly"
        case .closed: return "closed"
        case .wal: return "wal"
        case .storage: return "storage"
        case .index: return "index"
        case .system: return "system"
        case .corruptCollection: return "corruptCollection"
        }
    }

    /// The `kind` of a failed response for any error the server meets.
    static func errorKind(of error: any Error) -> String {
        if let engineError = error as? EngineError { return errorKind(of: engineError) }
        if error is SystemError { return "system" }
        return "error"
    }
}
