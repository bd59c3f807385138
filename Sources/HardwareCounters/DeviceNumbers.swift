#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// A device's numbers (a tuple cannot be an `OSReading` value).
struct DeviceNumbers: Codable, Sendable, Equatable {
    var major: UInt32
    var minor: UInt32
}
