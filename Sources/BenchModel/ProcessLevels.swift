/// Levels of the worker or adapter processes alone at the end of a phase:
/// the engine's footprint without the runner's (its ground truth, its
/// generators), which `OSSummary`'s process-wide figures include. Each
/// figure is summed over the processes, or unavailable with the reason.
public struct ProcessLevels: Codable, Sendable, Equatable {
    public var processes: Int
    public var rssBytes: Reading
    public var openFiles: Reading
    public var memoryMaps: Reading

    public init(processes: Int, rssBytes: Reading, openFiles: Reading, memoryMaps: Reading) {
        self.processes = processes
        self.rssBytes = rssBytes
        self.openFiles = openFiles
        self.memoryMaps = memoryMaps
    }
}
