/// Engine errors and dead workers: how many, and the first messages.
public struct ErrorSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var firstMessages: [String]

    public init(count: Int = 0, firstMessages: [String] = []) {
        self.count = count
        self.firstMessages = firstMessages
    }
}
