/// A reading that is either a number or the reason there is none.
public struct Reading: Codable, Sendable, Equatable {
    public var value: Double?
    public var unavailable: String?

    public init(value: Double) {
        self.value = value
        unavailable = nil
    }

    public init(unavailable reason: String) {
        value = nil
        unavailable = reason
    }
}
