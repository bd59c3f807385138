/// One figure an external engine's adapter reports about itself (segments,
/// indexed points …), kept under the adapter's own name: vecbench does not
/// interpret it, it carries it into the reports beside its own figures.
public struct AdapterStatistic: Codable, Sendable, Equatable {
    public var name: String
    public var value: Double
    /// Free text (`points`, `bytes`); empty when the adapter gives none.
    public var unit: String

    public init(name: String, value: Double, unit: String = "") {
        self.name = name
        self.value = value
        self.unit = unit
    }
}
