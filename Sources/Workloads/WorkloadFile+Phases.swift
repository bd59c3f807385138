import Foundation
import VectorCore

extension WorkloadFile {
    static let phaseKeys = ["name", "duration", "operations", "arrival", "tenants", "mix", "warmup", "reopen"]
    static let mixKeys = ["search", "upsert", "delete", "upsert_batch", "delete_batch", "k", "ef"]
    /// Phases in one workload. Upserted ids of phase p start at
    /// size + p·2³² (see `OperationStream`), so the count is bounded.
    static let maximumPhases = 256
    /// Largest batch per call: the engine's default `maximumBatchSize`,
    /// tighter than `InputLimit.batch`.
    static let maximumBatch = min(10_000, InputLimit.batch.range.upperBound)
    /// Default search ef when a mix gives none: at least k.
    static func defaultSearchEF(k: Int) -> Int { max(64, k) }

    static func readPhases(_ node: SchemaNode, data: DataSpecification) throws(WorkloadError) -> [PhaseSpecification] {
        let elements = try node.list()
        guard !elements.isEmpty else { throw node.error("a workload needs at least one phase") }
        guard elements.count <= maximumPhases else { throw node.error("at most \(maximumPhases) phases, got \(elements.count)") }
        var phases: [PhaseSpecification] = []
        var seen: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let phase = try readPhase(element, index: index, data: data)
            if let first = seen[phase.name] {
                let nameNode = try element.mapping(allowedKeys: phaseKeys).value("name") ?? element
                throw nameNode.error("phase name '\(phase.name)' is already used by phases[\(first)]")
            }
            seen[phase.name] = index
            phases.append(phase)
        }
        return phases
    }

    static func readPhase(_ node: SchemaNode, index: Int, data: DataSpecification) throws(WorkloadError) -> PhaseSpecification {
        let phase = try node.mapping(allowedKeys: phaseKeys)
        let name = try phase.value("name")?.string() ?? "phase-\(index + 1)"
        guard !name.isEmpty else { throw phase.value("name")!.error("a phase name cannot be empty") }
        let arrival = try readArrival(try phase.required("arrival"))
        let length: PhaseLength
        switch (phase.value("duration"), phase.value("operations")) {
        case (let duration?, nil):
            length = .seconds(try duration.seconds())
        case (nil, let operations?):
            length = .operations(try operations.integer(atLeast: 1, atMost: 1_000_000_000))
        case (_?, let operations?):
            throw operations.error("give either duration or operations, not both")
        case (nil, nil):
            guard case .steps(let steps) = arrival else {
                throw WorkloadError(file: node.file, line: node.node.mark?.line, column: node.node.mark?.column,
                                    fieldPath: node.path, message: "give the phase a duration (e.g. 30s) or a number of operations")
            }
            let total = steps.reduce(0) { $0 + $1.seconds }
            let limit = InputLimit.phaseSeconds
            guard total <= Double(limit.range.upperBound) else {
                throw WorkloadError(file: node.file, line: node.node.mark?.line, column: node.node.mark?.column,
                                    fieldPath: node.path + ".arrival.steps",
                                    message: "the steps last \(shortDecimal(total))s in all; a phase may last at most "
                                        + "\(limit.range.upperBound)s, 7 days (\(limit.why))")
            }
            length = .seconds(total)
        }
        let tenants = try phase.value("tenants").map { (node: SchemaNode) throws(WorkloadError) in try readTenantSelection(node) }
            ?? .uniform
        let mix = try readMix(phase.value("mix"), data: data)
        let warmup = try phase.value("warmup")?.boolean() ?? false
        let reopen = try phase.value("reopen")?.boolean() ?? false
        return PhaseSpecification(name: name, length: length, arrival: arrival, tenantSelection: tenants, mix: mix, warmup: warmup,
                                  reopen: reopen)
    }

    static func readArrival(_ node: SchemaNode) throws(WorkloadError) -> ArrivalProcess {
        let (form, value) = try node.choice(of: ["closed", "poisson", "on_off", "steps"])
        let settings = value!
        switch form {
        case "closed":
            let closed = try settings.mapping(allowedKeys: ["clients"])
            // Each client is a thread of the runner.
            return .closedLoop(clients: try closed.required("clients").integer(within: .threads))
        case "poisson":
            let poisson = try settings.mapping(allowedKeys: ["rate"])
            return .poisson(rate: try readRate(poisson.required("rate")))
        case "on_off":
            let onOff = try settings.mapping(allowedKeys: ["burst_rate", "burst_seconds", "idle_rate", "idle_seconds"])
            let idleRate = try onOff.value("idle_rate")?.number(atLeast: 0, atMost: maximumRate) ?? 0
            return .onOff(burstRate: try readRate(onOff.required("burst_rate")),
                          burstSeconds: try onOff.required("burst_seconds").seconds(),
                          idleRate: idleRate, idleSeconds: try onOff.required("idle_seconds").seconds())
        default:
            let elements = try settings.list()
            guard !elements.isEmpty else { throw settings.error("steps needs at least one {rate, seconds} step") }
            var steps: [RateStep] = []
            for element in elements {
                let step = try element.mapping(allowedKeys: ["rate", "seconds"])
                steps.append(RateStep(rate: try readRate(step.required("rate")), seconds: try step.required("seconds").seconds()))
            }
            return .steps(steps)
        }
    }

    /// Operations per second an open-loop phase may offer (`InputLimit.rate`):
    /// far beyond what one machine serves, low enough to catch a unit mistake.
    static let maximumRate = Double(InputLimit.rate.range.upperBound)

    static func readRate(_ node: SchemaNode) throws(WorkloadError) -> Double {
        try node.number(above: 0, atMost: maximumRate)
    }

    static func readTenantSelection(_ node: SchemaNode) throws(WorkloadError) -> TenantSelection {
        let (form, value) = try node.choice(of: ["uniform", "zipf", "hot_set"], bareForms: ["uniform"])
        switch form {
        case "uniform":
            return .uniform
        case "zipf":
            return .zipf(exponent: try value!.number(atLeast: 0, atMost: 10))
        default:
            let hot = try value!.mapping(allowedKeys: ["fraction", "probability"])
            let fraction = try hot.required("fraction").number(above: 0, atMost: 1)
            let probability = try hot.required("probability").number(atLeast: 0, atMost: 1)
            return .hotSet(fraction: fraction, probability: probability)
        }
    }

    static func readMix(_ node: SchemaNode?, data: DataSpecification) throws(WorkloadError) -> OperationMix {
        let searchOnly = OperationMix(search: 1, upsert: 0, delete: 0, upsertBatch: 1, deleteBatch: 1, searchK: data.k,
                                      searchEF: defaultSearchEF(k: data.k))
        guard let node else { return searchOnly }
        let mix = try node.mapping(allowedKeys: mixKeys)
        let givenFractions = ["search", "upsert", "delete"].filter { mix.value($0) != nil }
        let search = try mix.value("search")?.number(atLeast: 0, atMost: 1) ?? (givenFractions.isEmpty ? 1 : 0)
        let upsert = try mix.value("upsert")?.number(atLeast: 0, atMost: 1) ?? 0
        let delete = try mix.value("delete")?.number(atLeast: 0, atMost: 1) ?? 0
        let sum = search + upsert + delete
        guard abs(sum - 1) <= 1e-9 else {
            throw node.error("fractions search + upsert + delete must sum to 1 (got \(shortDecimal(sum)))")
        }
        let k = try mix.value("k")?.integer(within: .k) ?? data.k
        return OperationMix(
            search: search, upsert: upsert, delete: delete,
            upsertBatch: try mix.value("upsert_batch")?.integer(atLeast: 1, atMost: maximumBatch) ?? 1,
            deleteBatch: try mix.value("delete_batch")?.integer(atLeast: 1, atMost: maximumBatch) ?? 1,
            searchK: k, searchEF: try mix.value("ef")?.integer(within: .ef) ?? defaultSearchEF(k: k))
    }

    /// 1.2000000000000002 → "1.2": the sum as the user would write it.
    static func shortDecimal(_ value: Double) -> String {
        let text = String(format: "%.9g", value)
        return text
    }
}
