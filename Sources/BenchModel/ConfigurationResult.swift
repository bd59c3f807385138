public struct ConfigurationResult: Codable, Sendable, Equatable {
    public enum Status: Codable, Sendable, Equatable {
        case completed
        /// Could not run (or was stopped); the others still ran.
        case failed(reason: String)
    }

    public var name: String
    /// 1-based; several entries of one name are repetitions of it.
    public var repetition: Int
    /// The settings this configuration ran with: the same record the runner
    /// handed the engine (and its worker processes).
    public var settings: EngineSettings
    public var overriddenKeys: [String]
    public var status: Status
    public var load: LoadSummary?
    public var phases: [PhaseResult]
    public var errors: ErrorSummary
    /// The swept field's value this record ran with (`RunResult.sweep`);
    /// nil when the run swept nothing. Records are matched across documents
    /// by name, sweep value and repetition.
    public var sweepValue: SweepValue?
    /// What one idle tenant costs in this configuration, measured after the
    /// phases; nil when not measured.
    public var idleTenant: IdleTenantCost?

    public init(name: String, repetition: Int, settings: EngineSettings, overriddenKeys: [String], status: Status,
                load: LoadSummary?, phases: [PhaseResult], errors: ErrorSummary, sweepValue: SweepValue? = nil,
                idleTenant: IdleTenantCost? = nil) {
        self.sweepValue = sweepValue
        self.idleTenant = idleTenant
        self.name = name
        self.repetition = repetition
        self.settings = settings
        self.overriddenKeys = overriddenKeys
        self.status = status
        self.load = load
        self.phases = phases
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case name, repetition, settings, overriddenKeys, status, load, phases, errors, sweepValue, idleTenant
    }

    /// The record's name with its sweep value when it has one:
    /// `shared @ 5000`. Reports use it wherever a record is named alone.
    public var label: String {
        guard let sweepValue else { return name }
        return "\(name) @ \(sweepValue)"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        repetition = try container.decode(Int.self, forKey: .repetition)
        // vecbench.run/1 stored the settings as text.
        if let legacy = try? container.decode([String: String].self, forKey: .settings) {
            settings = EngineSettings(legacy: legacy)
        } else {
            settings = try container.decode(EngineSettings.self, forKey: .settings)
        }
        overriddenKeys = try container.decode([String].self, forKey: .overriddenKeys)
        status = try container.decode(Status.self, forKey: .status)
        load = try container.decodeIfPresent(LoadSummary.self, forKey: .load)
        phases = try container.decode([PhaseResult].self, forKey: .phases)
        errors = try container.decode(ErrorSummary.self, forKey: .errors)
        sweepValue = try container.decodeIfPresent(SweepValue.self, forKey: .sweepValue)
        idleTenant = try container.decodeIfPresent(IdleTenantCost.self, forKey: .idleTenant)
    }
}
