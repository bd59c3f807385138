import BenchModel

/// The modelled memory-hierarchy figures (`PhaseResult.modelled`). Every
/// title says "modelled"; measured counters keep their own metrics. A phase
/// with one model uses plain ids (`modelled.page-walks`); with several,
/// each model's figures carry its name (`modelled.<name>.page-walks`).
extension MetricCatalog {
    public enum ModelledFigure: String, CaseIterable, Sendable {
        case l1dTLBMisses = "l1-dtlb-misses"
        case pageWalks = "page-walks"
        case l1dMisses = "l1d-misses"
        case llcMisses = "llc-misses"
        case l1dTLBMissRate = "l1-dtlb-miss-rate"
        case stlbHitRate = "stlb-hit-rate"
        case l1dHitRate = "l1d-hit-rate"
        case llcHitRate = "llc-hit-rate"
        case overhead = "overhead"

        var title: String {
            switch self {
            case .l1dTLBMisses: "modelled L1 dTLB misses"
            case .pageWalks: "modelled page walks"
            case .l1dMisses: "modelled L1D misses"
            case .llcMisses: "modelled LLC misses"
            case .l1dTLBMissRate: "modelled L1 dTLB miss rate"
            case .stlbHitRate: "modelled STLB hit rate"
            case .l1dHitRate: "modelled L1D hit rate"
            case .llcHitRate: "modelled LLC hit rate"
            case .overhead: "modelling time (untimed, after the phase)"
            }
        }

        var unit: MetricDefinition.Unit {
            switch self {
            case .l1dTLBMisses, .pageWalks, .l1dMisses, .llcMisses: .perSearch
            case .l1dTLBMissRate, .stlbHitRate, .l1dHitRate, .llcHitRate: .fraction
            case .overhead: .milliseconds
            }
        }

        var direction: MetricDefinition.Direction {
            switch self {
            case .l1dTLBMisses, .pageWalks, .l1dMisses, .llcMisses, .l1dTLBMissRate: .lowerIsBetter
            case .stlbHitRate, .l1dHitRate, .llcHitRate: .higherIsBetter
            case .overhead: .neutral
            }
        }

        func read(_ figures: ModelledMemory.Figures) -> Double? {
            switch self {
            case .l1dTLBMisses: figures.l1dTLBMissesPerOperation
            case .pageWalks: figures.pageWalksPerOperation
            case .l1dMisses: figures.l1dMissesPerOperation
            case .llcMisses: figures.llcMissesPerOperation
            case .l1dTLBMissRate: figures.l1dTLBMissRate
            case .stlbHitRate: figures.stlbHitRate
            case .l1dHitRate: figures.l1dHitRate
            case .llcHitRate: figures.llcHitRate
            case .overhead: figures.overheadSeconds * 1000
            }
        }
    }

    /// Measured `dTLB-load-misses` (which perf maps to loads that missed
    /// every TLB level, i.e. walks) per modelled page walk, where both exist.
    public static let measuredPerModelledWalks = MetricDefinition(
        id: "dtlb-misses.measured-per-modelled-walk", title: "measured dTLB load misses ÷ modelled page walks",
        unit: .mean, direction: .neutral)

    /// The metric of `figure` for the model `name`; `single` when the phase
    /// has only that model.
    public static func modelled(_ figure: ModelledFigure, model name: String, single: Bool) -> MetricDefinition {
        let id = single ? "modelled.\(figure.rawValue)" : "modelled.\(slug(name)).\(figure.rawValue)"
        let title = single ? figure.title : "\(figure.title) (\(name))"
        return MetricDefinition(id: id, title: title, unit: figure.unit, direction: figure.direction)
    }

    /// Ids of the single-model figures.
    static var modelledIDs: [String] {
        ModelledFigure.allCases.map { modelled($0, model: "", single: true).id } + [measuredPerModelledWalks.id]
    }

    /// A model name as an id part: letters, digits and '-' kept, the rest '-'.
    static func slug(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    /// Every modelled figure of `phase`: a value, or the model's reason.
    static func modelledValues(of phase: PhaseResult) -> [(MetricDefinition, MetricValue)] {
        let single = phase.modelled.count == 1
        var out: [(MetricDefinition, MetricValue)] = []
        for model in phase.modelled {
            for figure in ModelledFigure.allCases {
                let metric = modelled(figure, model: model.name, single: single)
                if let figures = model.figures {
                    if let value = figure.read(figures) {
                        out.append((metric, .value(value)))
                    } else {
                        out.append((metric, .unavailable("the model saw no lookups at this level")))
                    }
                } else {
                    out.append((metric, .unavailable(model.unavailable ?? "not modelled")))
                }
            }
        }
        if let first = phase.modelled.first?.figures, first.pageWalksPerOperation > 0,
           let searches = phase.operation(.search)?.count, searches > 0,
           case .value(let measured) = counterPerOperation(phase, dTLBCounter) {
            // The counter is per operation of the phase; the model per search.
            let perSearch = measured * totalOperations(phase) / Double(searches)
            out.append((measuredPerModelledWalks, .value(perSearch / first.pageWalksPerOperation)))
        }
        return out
    }

    /// Model names of a phase, in the workload's order, with whether their
    /// figures use the single-model ids.
    public static func modelNames(of phase: PhaseResult) -> (names: [String], single: Bool) {
        (phase.modelled.map(\.name), phase.modelled.count == 1)
    }
}
