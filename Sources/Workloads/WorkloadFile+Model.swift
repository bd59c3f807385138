extension WorkloadFile {
    static let modelKeys = ["name", "cpu", "pcid", "sample", "cores", "processes", "pages"]

    /// `model:` — one mapping, or a list of them (each replays the same
    /// recorded searches, so several CPUs or process counts cost one run).
    static func readModels(_ node: SchemaNode?) throws(WorkloadError) -> [ModelSpecification] {
        guard let node else { return [] }
        var models: [ModelSpecification] = []
        if case .sequence = node.node {
            let items = try node.list()
            guard !items.isEmpty else { throw node.error("an empty list of models; leave `model` out to model nothing") }
            guard items.count <= 64 else { throw node.error("\(items.count) models; at most 64 in one workload") }
            for item in items { models.append(try readModel(item)) }
        } else {
            models.append(try readModel(node))
        }
        var seen: Set<String> = []
        for (index, model) in models.enumerated() where !seen.insert(model.name).inserted {
            let at = models.count > 1 ? " (model \(index))" : ""
            throw node.error("two models are both named '\(model.name)'\(at); give each a distinct `name`")
        }
        return models
    }

    static func readModel(_ node: SchemaNode) throws(WorkloadError) -> ModelSpecification {
        let model = try node.mapping(allowedKeys: modelKeys)
        let cpu = try model.required("cpu").word(among: ModelSpecification.cpuNames)
        let pcid = try model.value("pcid")?.word(among: ModelSpecification.pcidModes) ?? "linux"
        let sample = try model.value("sample")?.integer(atLeast: 1, atMost: 1_000_000) ?? 1
        let cores = try model.value("cores")?.integer(atLeast: 1, atMost: ModelSpecification.maximumCores)
        let processes = try model.value("processes")?.integer(atLeast: 1, atMost: ModelSpecification.maximumProcesses)
        let pages = try model.value("pages")?.word(among: ModelSpecification.pageChoices) ?? "mapped"
        let nameNode = model.value("name")
        let name = try nameNode?.string()
        if let name, let nameNode, name.isEmpty || name.count > 64 {
            throw nameNode.error("a model name must be 1 to 64 characters, got \(name.count)")
        }
        return ModelSpecification(name: name, cpu: cpu, pcid: pcid, sample: sample, cores: cores, processes: processes,
                                  pages: pages)
    }
}
