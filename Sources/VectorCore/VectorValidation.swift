/// Why a vector was refused, with the position of the first bad value.
public enum VectorValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongDimension(expected: Int, actual: Int)
    case nonFinite(index: Int, value: Float)

    public var description: String {
        switch self {
        case .wrongDimension(let expected, let actual):
            return "vector has dimension \(actual), expected \(expected)"
        case .nonFinite(let index, let value):
            return "vector component \(index) is \(value) (NaN and infinity are not allowed)"
        }
    }
}

public enum VectorValidation {
    /// Checks dimension and finiteness; the first problem found is thrown.
    public static func check(_ vector: UnsafeBufferPointer<Float>, dimension: Int) throws(VectorValidationError) {
        guard vector.count == dimension else {
            throw .wrongDimension(expected: dimension, actual: vector.count)
        }
        for index in 0..<vector.count where !vector[index].isFinite {
            throw .nonFinite(index: index, value: vector[index])
        }
    }

    public static func check(_ vector: [Float], dimension: Int) throws(VectorValidationError) {
        try vector.withUnsafeBufferPointer { buffer throws(VectorValidationError) in
            try check(buffer, dimension: dimension)
        }
    }
}
