/// One value of a swept workload field: a whole number, a real number or a
/// word, as the workload's `sweep:` list spelled it.
///
/// JSON is the bare value (`5000`, `0.5`, `"mmap"`), so a document reads as
/// the workload did.
public enum SweepValue: Sendable, Equatable, Hashable {
    case integer(Int)
    case number(Double)
    case text(String)

    /// The value as a number for curves and fits; nil for a word.
    public var numeric: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        case .text: nil
        }
    }
}

extension SweepValue: CustomStringConvertible, Codable {
    public var description: String {
        switch self {
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .text(let value): value
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}
