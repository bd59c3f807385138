import BenchModel

/// A named variant: the base settings with some overridden. `settings` is
/// the base with the overrides applied (resolved when the file is read).
public struct EngineVariant: Sendable, Equatable {
    public var name: String
    public var settings: EngineSettings
    /// The keys the variant overrode, as written (for reports).
    public var overriddenKeys: [String]

    public init(name: String, settings: EngineSettings, overriddenKeys: [String]) {
        self.name = name
        self.settings = settings
        self.overriddenKeys = overriddenKeys
    }
}
