import BenchModel

/// Bytes per vector of one configuration's placement, RAM and disk apart, as
/// the engine counted what it holds (`EngineSummary.vectors`,
/// `vectorBytesInRAM`, `vectorBytesOnDisk`), and carried to another
/// dimension by the bytes each dimension adds where it lives.
///
/// What each placement keeps per dimension:
///
/// | placement                          | RAM per dimension | disk per dimension |
/// |------------------------------------|-------------------|--------------------|
/// | f32 in RAM (`storage: ram`)        | 4 (+ codes)       | 4 (+ codes)        |
/// | codes in RAM, f32 on a mapping     | 1 sq8, 1/8 binary | 4 + codes          |
/// | everything on a mapping            | 0                 | 4 (+ codes)        |
///
/// Links, levels, labels and per-point tables do not grow with the
/// dimension: the measured figure keeps them as they were.
public struct PlacementBytes: Sendable, Equatable {
    /// `f32 RAM`, `sq8 RAM + f32 mmap`, `all mmap`, … with `, compressed links`.
    public var placement: String
    public var vectors: Int
    public var ramPerVector: Double
    public var diskPerVector: Double
    public var measuredDimension: Int
    public var ramPerDimension: Double
    public var diskPerDimension: Double

    /// The bytes per vector of a configuration, from its last measured phase
    /// that counted vectors (else its load); nil when the engine never
    /// counted them (documents written before, external engines).
    public static func measured(_ configuration: ConfigurationResult, dimension: Int) -> PlacementBytes? {
        let summaries = configuration.phases.filter { !$0.warmup }.map(\.engine) + [configuration.load?.engine]
        guard let engine = summaries.compactMap({ $0 }).last(where: { ($0.vectors ?? 0) > 0 }),
              let vectors = engine.vectors, let ram = engine.vectorBytesInRAM, let disk = engine.vectorBytesOnDisk else { return nil }
        let settings = configuration.settings
        let codes: Double = switch settings.quantization {
        case .none: 0
        case .scalar: 1
        case .binary: 1.0 / 8
        }
        let floatsInRAM = settings.storage == .ram
        let codesInRAM = settings.storage == .ram || settings.quantization.codesInRAM
        return PlacementBytes(
            placement: description(settings), vectors: vectors, ramPerVector: Double(ram) / Double(vectors),
            diskPerVector: Double(disk) / Double(vectors), measuredDimension: dimension,
            ramPerDimension: (floatsInRAM ? 4 : 0) + (codesInRAM ? codes : 0), diskPerDimension: 4 + codes)
    }

    /// RAM and disk bytes per vector at `dimension`.
    public func at(dimension: Int) -> (ram: Double, disk: Double) {
        let extra = Double(dimension - measuredDimension)
        return (max(0, ramPerVector + extra * ramPerDimension), max(0, diskPerVector + extra * diskPerDimension))
    }

    /// Where a configuration keeps its vectors, in a few words.
    public static func description(_ settings: EngineSettings) -> String {
        let codes: String? = switch settings.quantization {
        case .none: nil
        case .scalar: "sq8"
        case .binary: "binary"
        }
        var text: String
        switch (settings.storage, codes) {
        case (.ram, nil): text = "f32 RAM"
        case (.ram, let codes?): text = "\(codes) + f32 RAM"
        case (.mmap, nil): text = "f32 mmap"
        case (.mmap, let codes?): text = settings.quantization.codesInRAM ? "\(codes) RAM + f32 mmap" : "\(codes) + f32 mmap"
        }
        if codes != nil {
            let oversampling = settings.oversampling ?? EngineSettings.defaultOversampling
            text += settings.rescore ? ", rescore ×\(NumberFormatting.significant(oversampling))" : ", no rescore"
        }
        if settings.links == .compressed { text += ", compressed links" }
        return text
    }
}

extension CapacityPlan {
    /// Bytes per vector by placement, RAM and disk apart, at the run's and
    /// at the planned dimension; nil when no configuration counted them.
    func placementSection() -> PlanSection? {
        let rows = configurations.compactMap { plan in plan.measurements.placementBytes.map { (plan.measurements.configuration, $0) } }
        guard !rows.isEmpty else { return nil }
        var table = ReportTable(titles: [
            ("configuration", .left), ("placement", .left), ("RAM B/vector (run)", .right), ("disk B/vector (run)", .right),
            ("RAM B/vector (dim \(request.dimension))", .right), ("disk B/vector (dim \(request.dimension))", .right),
            ("RAM/tenant", .right), ("disk/tenant", .right),
        ])
        let significant = NumberFormatting.significant
        for (name, bytes) in rows {
            let planned = bytes.at(dimension: request.dimension)
            let vectors = Double(request.vectorsPerTenant)
            table.append(text: [name, bytes.placement, significant(bytes.ramPerVector), significant(bytes.diskPerVector),
                                significant(planned.ram), significant(planned.disk), NumberFormatting.bytes(planned.ram * vectors),
                                NumberFormatting.bytes(planned.disk * vectors)])
        }
        return PlanSection(
            anchor: "placement", title: "Bytes per vector by placement",
            intro: "What the engine held per vector at the end of the run — anonymous memory (f32 rows, codes, links "
                + "read or copied into RAM, per-point tables) apart from segment files on disk (a mapped file costs page "
                + "cache, not RAM) — carried to the planned dimension by the bytes each dimension adds where it lives.",
            table: table)
    }
}
