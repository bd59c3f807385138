import ArgumentParser
import BenchModel
import BenchReport
import BenchRunner
import Foundation
import VectorCore
import VectorIndex

struct AnnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ann",
        abstract: "Build an HNSW index over a dataset file and measure recall and speed per ef.",
        discussion: """
            Reads .fvecs/.bvecs/.fbin/.u8bin base and query files and an .ivecs/.ibin ground truth, or one \
            ann-benchmarks .hdf5 file (train, test, neighbors and its distance attribute) given as --base. \
            With --quantization the graph is traversed over sq8 or binary codes with --ef candidates; the best \
            k × --oversampling of them are rescored against the f32 vectors unless --no-rescore. \
            Builds with --threads threads, then answers every query on one thread for each --ef, \
            reporting tie-aware recall@k, QPS (median of --repeat passes), latency percentiles, \
            distance evaluations and distinct pages touched per query.
            """)

    @Option(help: "Base vectors (.fvecs, .bvecs, .fbin, .u8bin), or an ann-benchmarks .hdf5 file holding everything.")
    var base: String
    @Option(help: "Query vectors, same dimension as the base (not with an .hdf5 base).") var queries: String?
    @Option(help: "Ground truth neighbour ids (.ivecs, .ibin), at least k per query (not with an .hdf5 base).")
    var groundtruth: String?
    @Option(help: "l2, ip or cosine (default l2; an .hdf5 file's distance attribute otherwise).") var metric: String?
    @Option(help: "HNSW links per node on upper levels (level 0 gets 2m).") var m: Int = 16
    @Option(name: .customLong("ef-construction"), help: "Candidate list size while building.") var efConstruction: Int = 100
    @Option(help: "Comma-separated ef values to sweep.") var ef: String = "16,32,64,128"
    @Option(help: "Neighbours per query.") var k: Int = 10
    @Option(help: "Build threads (queries always run on one).") var threads: Int = 2
    @Option(help: "ram, or mmap (save the index to a file and search it mapped).") var storage: String = "ram"
    @Option(help: "madvise advice for --storage mmap: normal, random, sequential, willneed, hugepage.") var advice: String = "random"
    @Option(name: .customLong("index-dir"), help: "Where --storage mmap writes its index file (default: a temporary directory).")
    var indexDirectory: String?
    @Flag(name: .customLong("huge-page-alignment"), help: "Align large index file sections to 2 MiB (implied by --advice hugepage).")
    var hugePageAlignment = false
    @Option(name: .customLong("huge-pages"),
            help: "For --storage ram: system (the kernel's THP mode decides), never, or advise (MADV_HUGEPAGE).")
    var hugePages: String = "system"
    @Option(help: "Timed passes per ef; QPS is their median.") var `repeat`: Int = 3
    @Option(help: "Use only the first N base vectors.") var limit: Int?
    @Option(name: .customLong("query-limit"), help: "Use only the first N queries.") var queryLimit: Int?
    @Option(name: .customLong("min-recall"), help: "Exit non-zero unless some ef reaches this recall.") var minRecall: Double?
    @Option(help: "HNSW level generator seed.") var seed: UInt64 = 100
    @Option(help: ArgumentHelp(
        "Also model the index's memory accesses on this CPU's TLBs and caches, in an untimed pass per ef.",
        discussion: "skylake-sp, icelake-sp, sapphire-rapids, zen3, zen4, or host (CPUID). The figures are labelled modelled."))
    var model: String?
    @Option(help: "PCID mode of the model (with --model): linux, none or ideal.") var pcid: String?
    @Option(name: .customLong("model-sample"), help: "Replay every Nth query into the model (with --model).") var modelSample: Int?
    @Option(help: "none (f32), sq8 (int8 scalar) or binary (1 bit per dimension; ip and cosine).") var quantization: String = "none"
    @Option(help: "sq8: the central share of values the int8 range covers, in (0.5, 1] (default 0.99).") var quantile: Double?
    @Option(name: .customLong("sq-range"), help: "sq8: global (one range) or per-dimension.") var sqRange: String?
    @Option(help: "Quantized: candidates rescored per result (the best k × this of the ef found), 1…1000 (default 1).") var oversampling: Double?
    @Flag(inversion: .prefixedNo, help: "Quantized: rescore the candidates against the f32 vectors (default on).")
    var rescore: Bool?
    @Option(help: "Level-0 link lists: plain, or compressed (delta + varint, decoded per expansion).") var links: String = "plain"
    @Option(help: "Also write the result document here (JSON).") var json: String?
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func run() throws {
        guard let metric = Metric(parsing: self.metric ?? "l2") else {
            throw ValidationError("--metric must be l2, ip or cosine, got '\(self.metric ?? "")'")
        }
        let hdf5 = ANNBenchmarksDataset.isHDF5(base)
        if !hdf5, queries == nil || groundtruth == nil {
            throw ValidationError("--queries and --groundtruth are needed unless --base is an ann-benchmarks .hdf5 file")
        }
        if hdf5, queries != nil || groundtruth != nil {
            throw ValidationError("--base \(base) is an .hdf5 file holding its own test queries and neighbors; drop --queries and --groundtruth")
        }
        let vectors = try AnnStorageOption.vectors(
            quantization: quantization, quantile: quantile, range: sqRange, oversampling: oversampling, rescore: rescore,
            links: links)
        // Whole numbers, also as written in exponent form (`1e3`); either
        // way within InputLimit.ef before the benchmark sees them.
        let efs = try ef.split(separator: ",").map { text -> Int in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let value = Int(trimmed) { return try InputLimit.ef.check(value, at: "--ef") }
            guard let value = Double(trimmed) else { throw ValidationError("--ef: '\(text)' is not a whole number") }
            return try InputLimit.ef.check(value, at: "--ef")
        }
        guard let hugePages = HugePagePolicy(rawValue: hugePages) else {
            throw ValidationError("--huge-pages must be system, never or advise, got '\(self.hugePages)'")
        }
        let storage = try AnnStorageOption.parse(storage: storage, advice: advice, directory: indexDirectory,
                                                 hugePageAlignment: hugePageAlignment)
        if model == nil, pcid != nil || modelSample != nil {
            throw ValidationError("--pcid and --model-sample need --model CPU")
        }
        let modelConfiguration = model.map { AnnModelConfiguration(cpu: $0, pcid: pcid ?? "linux", sample: modelSample ?? 1) }
        let configuration = AnnBenchmarkConfiguration(
            basePath: base, queriesPath: queries ?? "", groundTruthPath: groundtruth ?? "", metric: metric,
            parameters: HNSWParameters(m: m, efConstruction: efConstruction, seed: seed), efs: efs, k: k,
            threads: threads, storage: storage, repeat: `repeat`, baseLimit: limit, queryLimit: queryLimit,
            minimumRecall: minRecall, hugePages: hugePages, model: modelConfiguration,
            quantization: vectors.quantization, quantizedSearch: vectors.options, links: vectors.links,
            metricIsExplicit: self.metric != nil)
        let quiet = quiet
        let result = try AnnBenchmark(configuration: configuration).run { line in
            if !quiet { FileHandle.standardError.write(Data(("ann: " + line + "\n").utf8)) }
        }
        print(AnnReport.text(result) + AnnReport.modelledText(result), terminator: "")
        if let json {
            let document = try AnnReport.json(result)
            try AtomicFileWriter.write(to: json) { writer in
                try document.withUnsafeBytes { try writer.append($0) }
            }
        }
    }
}
