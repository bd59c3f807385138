import BenchModel
import Workloads

/// Builds the backend a configuration's placement asks for.
enum BackendFactory {
    static func make(settings: EngineSettings, data: DataSpecification, directory: String, events: [String],
                     workerExecutable: String?) throws -> any TenantBackend {
        // Before anything is created: a configuration the machine cannot
        // hold is refused with the limit and the figure that would lift it.
        // Zipf and fixed sizes are the same multiset for every seed.
        try ConfigurationBudget.check(settings, tenants: data.tenants, directory: directory,
                                      sizes: data.tenantSizes.sizes(tenants: data.tenants, seed: 0))
        switch settings.placement {
        case .embedded where settings.external != nil:
            // An external engine always runs in its own process: one adapter.
            return try WorkerBackend(directory: directory, workers: 1, settings: settings,
                                     engine: try EngineSettingsMapping.engineConfiguration(settings, directory: directory),
                                     data: data, events: events, executable: workerExecutable)
        case .embedded:
            return try EmbeddedBackend(directory: directory, settings: settings, data: data)
        case .workers(let count):
            return try WorkerBackend(directory: directory, workers: count, settings: settings,
                                     engine: try EngineSettingsMapping.engineConfiguration(settings, directory: directory),
                                     data: data, events: events, executable: workerExecutable)
        }
    }
}
