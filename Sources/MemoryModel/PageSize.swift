/// The page sizes the model translates. 1 GiB pages are not modelled (no
/// engine mapping uses them); a preset's 1 GiB TLB arrays are left out.
public enum PageSize: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case size4K = 4096
    case size2M = 2_097_152

    /// log2 of the size: the shift from an address to its page number.
    public var shift: UInt64 { self == .size4K ? 12 : 21 }

    public var description: String { self == .size4K ? "4K" : "2M" }
}
