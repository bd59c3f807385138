/// One memory-hierarchy model a workload asks for (`model:` in the
/// workload file): the measured phases' searches are recorded and replayed
/// into it, apart from the timed operations, giving modelled dTLB and
/// cache misses per search.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `name` | label in reports | `cpu/pcid/pN` |
/// | `cpu` | a preset (`ModelSpecification.cpuNames`) or `host` | required |
/// | `pcid` | `none`, `linux` (6 tagged address spaces per core) or `ideal` | `linux` |
/// | `sample` | replay every `sample`-th search | 1 |
/// | `cores` | the model's cores; executor thread t runs on core t mod cores | this machine's |
/// | `processes` | address spaces: tenant t runs in t mod processes | 1 embedded, `workers` for a worker placement |
/// | `pages` | page size of the index arrays: `mapped` (read from smaps), `4k` or `2m` | `mapped` |
public struct ModelSpecification: Sendable, Equatable, Codable {
    public var name: String
    public var cpu: String
    public var pcid: String
    public var sample: Int
    public var cores: Int?
    public var processes: Int?
    public var pages: String

    /// The presets MemoryModel knows, and `host`. Workloads may not import
    /// MemoryModel; a runner test holds this list equal to its presets.
    public static let cpuNames = ["skylake-sp", "icelake-sp", "sapphire-rapids", "zen3", "zen4", "host"]
    public static let pcidModes = ["none", "linux", "ideal"]
    public static let pageChoices = ["mapped", "4k", "2m"]
    /// Most address spaces a model tracks (MemoryModel's tag width).
    public static let maximumProcesses = 1_000_000
    public static let maximumCores = 1024

    public init(name: String? = nil, cpu: String, pcid: String = "linux", sample: Int = 1, cores: Int? = nil,
                processes: Int? = nil, pages: String = "mapped") {
        self.cpu = cpu
        self.pcid = pcid
        self.sample = sample
        self.cores = cores
        self.processes = processes
        self.pages = pages
        self.name = name ?? "\(cpu)/\(pcid)" + (processes.map { "/p\($0)" } ?? "") + (pages == "mapped" ? "" : "/\(pages)")
    }
}
