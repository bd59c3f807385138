import BenchModel
import VectorCore

extension WorkloadFile {
    /// Engine setting keys, as written in `engine.base` and in each variant.
    static let settingKeys = [
        "placement", "tenancy", "storage", "advice", "huge_pages", "wal_scope", "fsync", "seal_concurrency", "m",
        "ef_construction", "ef", "upsert_batch", "indexing_threshold", "wal_segment_mib", "max_open_collections",
        "external", "quantization", "oversampling", "rescore", "links",
    ]

    /// `engine: {base: {…}, variants: {name: {…}}}`; both optional. The base
    /// starts from `EngineSettings.defaults`; each variant starts from the
    /// resolved base. `metric` (the data's) refuses binary quantization of
    /// l2 data at the key that asks for it.
    static func readEngine(_ node: SchemaNode?, metric: Metric? = nil) throws(WorkloadError) -> (EngineSettings, [EngineVariant]) {
        guard let node else { return (.defaults, []) }
        let engine = try node.mapping(allowedKeys: ["base", "variants"])
        var base = EngineSettings.defaults
        if let baseNode = engine.value("base"), !baseNode.isNull {
            _ = try apply(baseNode, to: &base, metric: metric)
        }
        var variants: [EngineVariant] = []
        if let variantsNode = engine.value("variants"), !variantsNode.isNull {
            guard case .mapping(let mapping) = variantsNode.node else {
                throw variantsNode.error("expected a mapping of variant names to settings, got \(variantsNode.shape)")
            }
            for (keyNode, valueNode) in mapping {
                let keyPosition = SchemaNode(node: keyNode, file: node.file, path: variantsNode.path)
                guard case .scalar(let scalar) = keyNode else { throw keyPosition.error("a variant name must be a word") }
                let name = scalar.string
                let located = SchemaNode(node: keyNode, file: node.file, path: variantsNode.path + "." + name)
                try checkVariantName(name, at: located)
                var settings = base
                let overridden = try apply(variantsNode.child(name, valueNode), to: &settings, metric: metric)
                variants.append(EngineVariant(name: name, settings: settings, overriddenKeys: overridden))
            }
        }
        return (base, variants)
    }

    /// Variant names become report columns and file names: letters,
    /// digits and `. _ + -`, starting with a letter or digit, at most 64.
    static func checkVariantName(_ name: String, at node: SchemaNode) throws(WorkloadError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
        guard let first = name.first, first.isLetter || first.isNumber, name.count <= 64, name.allSatisfy(allowed.contains) else {
            throw node.error("variant name '\(name)' must be 1–64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit")
        }
    }

    /// Applies the settings written in `node` (a mapping, or null/empty
    /// for "no overrides") to `settings`; returns the keys written, in order.
    static func apply(_ node: SchemaNode, to settings: inout EngineSettings, metric: Metric? = nil) throws(WorkloadError) -> [String] {
        if node.isNull { return [] }
        let mapping = try node.mapping(allowedKeys: settingKeys)
        for entry in mapping.entries {
            let value = entry.value
            switch entry.key {
            case "placement": settings.placement = try readPlacement(value)
            case "tenancy": settings.tenancy = try word(value, EngineSettings.Tenancy.self)
            case "storage": settings.storage = try word(value, EngineSettings.Storage.self)
            case "advice": settings.advice = try word(value, EngineSettings.Advice.self)
            case "huge_pages": settings.hugePages = try value.boolean()
            case "wal_scope": settings.walScope = try word(value, EngineSettings.WALScope.self)
            case "fsync": settings.fsync = try readFsync(value)
            case "seal_concurrency":
                settings.sealConcurrency = value.plainText == "unbounded"
                    ? nil : try readCount(value, maximum: 4_096, orWord: "unbounded")
            case "m": settings.m = try value.integer(within: InputLimit.m)
            case "ef_construction": settings.efConstruction = try value.integer(within: InputLimit.efConstruction)
            case "ef": settings.ef = value.isNull ? nil : try value.integer(within: InputLimit.ef)
            case "upsert_batch": settings.upsertBatch = value.isNull ? nil : try value.integer(within: InputLimit.batch)
            case "wal_segment_mib": settings.walSegmentMiB = try value.integer(atLeast: 1, atMost: 1_024)
            case "max_open_collections": settings.maximumOpenCollections = try value.integer(atLeast: 1, atMost: 1_000_000)
            case "external": settings.external = try readExternal(value)
            case "quantization": settings.quantization = try readQuantization(value, metric: metric)
            case "oversampling": settings.oversampling = value.isNull ? nil : try readOversampling(value)
            case "rescore": settings.rescore = try value.boolean()
            case "links": settings.links = try word(value, EngineSettings.LinkLayout.self)
            default: settings.indexingThreshold = try value.integer(atLeast: 1, atMost: 100_000_000)
            }
        }
        return mapping.keys
    }

    /// `{command: [program, argument…]}`, or null for vecbench's own engine
    /// (a variant going back from an external base).
    static func readExternal(_ node: SchemaNode) throws(WorkloadError) -> EngineSettings.External? {
        if node.isNull { return nil }
        let mapping = try node.mapping(allowedKeys: ["command"])
        guard let commandNode = mapping.value("command") else {
            throw node.error("external needs command: [program, argument…] (the adapter to start, see workloads/ADAPTERS.md)")
        }
        let elements = try commandNode.list()
        guard !elements.isEmpty else { throw commandNode.error("command must name a program, got an empty list") }
        guard elements.count <= 64 else { throw commandNode.error("command has \(elements.count) elements; at most 64") }
        var command: [String] = []
        for element in elements {
            guard case .scalar = element.node, !element.isNull, let text = try? element.string(), !text.isEmpty else {
                throw element.error("a command element must be a non-empty string, got \(element.shape)")
            }
            guard text.utf8.count <= 4_096, !text.contains("\0") else {
                throw element.error("a command element must be at most 4096 bytes without NUL characters")
            }
            command.append(text)
        }
        return EngineSettings.External(command: command)
    }

    static func readCount(_ node: SchemaNode, maximum: Int, orWord word: String) throws(WorkloadError) -> Int {
        guard let text = node.plainText, SchemaNode.parseNumber(text) != nil else {
            throw node.error("expected a number or '\(word)', got \(node.shape)"
                + (node.plainText.map { SpellingSuggestion.hint(for: $0, among: [word]) } ?? ""))
        }
        return try node.integer(atLeast: 1, atMost: maximum)
    }

    /// `embedded` or `{workers: N}`.
    static func readPlacement(_ node: SchemaNode) throws(WorkloadError) -> EngineSettings.Placement {
        let (form, value) = try node.choice(of: ["embedded", "workers"], bareForms: ["embedded"])
        guard form == "workers", let value else { return .embedded }
        return .workers(try value.integer(within: InputLimit.workers))
    }

    /// One of an enumeration's spellings, with a suggestion for a near miss.
    static func word<Word: RawRepresentable & CaseIterable>(_ node: SchemaNode, _ type: Word.Type) throws(WorkloadError) -> Word
    where Word.RawValue == String {
        let spellings = Word.allCases.map(\.rawValue)
        return Word(rawValue: try node.word(among: spellings))!
    }

    /// `always`, `never`, `naive`, or `interval:MS` (also `interval:50ms`),
    /// stored in the engine's spelling (`interval:50`).
    static func readFsync(_ node: SchemaNode) throws(WorkloadError) -> EngineSettings.Fsync {
        let text = try node.string()
        if let policy = EngineSettings.Fsync(parsing: text) { return policy }
        if text.hasPrefix("interval:") {
            throw node.error("'\(text)': the interval must be whole milliseconds ≥ 1 (e.g. interval:50)")
        }
        let spellings = ["always", "never", "naive", "interval"]
        throw node.error("'\(text)' is not an fsync policy; use always, interval:MS, never or naive"
            + SpellingSuggestion.hint(for: text, among: spellings))
    }
}
