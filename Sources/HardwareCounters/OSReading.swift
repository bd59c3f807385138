import VectorCore

/// An operating-system reading that is either there or absent with the
/// reason — never a zero standing in for "could not read".
public enum OSReading<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    case available(Value)
    case unavailable(reason: String)

    public var value: Value? {
        if case .available(let value) = self { return value }
        return nil
    }

    public var reason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }

    /// Applies `transform` to an available value; an unavailable reading
    /// stays unavailable with its reason.
    public func map<Other>(_ transform: (Value) -> Other) -> OSReading<Other> {
        switch self {
        case .available(let value): .available(transform(value))
        case .unavailable(let reason): .unavailable(reason: reason)
        }
    }

    /// Combines this (start) reading with an end reading; either one missing
    /// makes the result missing, with the first reason.
    public func combined<Other>(with end: OSReading<Value>, _ transform: (Value, Value) -> Other) -> OSReading<Other> {
        switch (self, end) {
        case (.available(let first), .available(let last)): .available(transform(first, last))
        case (.unavailable(let reason), _), (_, .unavailable(let reason)): .unavailable(reason: reason)
        }
    }

    /// Reads a file and parses it, turning a failed read into the reason.
    static func reading(_ path: String, _ parse: (String) -> OSReading<Value>) -> OSReading<Value> {
        do {
            return parse(try ProcFile.read(path))
        } catch {
            return .unavailable(reason: error.description)
        }
    }

    private enum CodingKeys: String, CodingKey { case value, unavailable }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .available(let value): try container.encode(value, forKey: .value)
        case .unavailable(let reason): try container.encode(reason, forKey: .unavailable)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try container.decodeIfPresent(String.self, forKey: .unavailable) {
            self = .unavailable(reason: reason)
        } else {
            self = .available(try container.decode(Value.self, forKey: .value))
        }
    }
}
