import ArgumentParser
import BenchModel
import Foundation
import VectorCore
import VectorIndex

/// `vecbench dataset`: make and inspect vector dataset files.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Generate seeded clustered datasets with exact ground truth, and inspect dataset files.",
        subcommands: [Generate.self, Info.self]
    )

    /// `vecbench dataset generate`: base, queries and exact ground truth.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write DIR/base.fvecs, DIR/queries.fvecs, DIR/groundtruth.ivecs and DIR/groundtruth.dist.fvecs.",
            discussion: """
            Vectors come from a seeded mixture of anisotropic Gaussian clusters \
            (ClusteredDatasetGenerator), the same for the same options on every machine. \
            Ground truth is exact: the k nearest base rows of every query by --metric, \
            ties broken by the smaller row index; distances are squared L2 for l2 and \
            1 − dot product for ip and cosine.
            """
        )

        @Option(help: "Output directory (created if missing).")
        var out: String
        @Option(help: "Number of base vectors.")
        var count: Int
        @Option(help: "Vector dimension.")
        var dimension: Int
        @Option(help: "Number of query vectors.")
        var queries: Int
        @Option(help: "Number of clusters in the mixture.")
        var clusters: Int
        @Option(help: "Random seed; the output is a pure function of the options.")
        var seed: UInt64
        @Option(help: "Metric for the ground truth: l2, ip or cosine.")
        var metric: String = "l2"
        @Option(help: "Neighbours per query in the ground truth.")
        var k: Int = 100
        @Option(help: "Worker threads for generation and ground truth.")
        var threads: Int = 2
        @Option(help: "Directions each cluster spreads along (its intrinsic dimension).")
        var latentDimension: Int?
        @Option(help: "Standard deviation along a cluster's strongest direction (centroid coordinates have 1).")
        var clusterSpread: Double?
        @Option(help: "Standard deviation of the isotropic noise added to every coordinate.")
        var noise: Double?

        func validate() throws {
            guard Metric(parsing: metric) != nil else { throw ValidationError("--metric must be l2, ip or cosine, got '\(metric)'") }
            guard count > 0 else { throw ValidationError("--count must be ≥ 1, got \(count)") }
            guard count <= Int(Int32.max) else { throw ValidationError("--count must fit ivecs ids (≤ \(Int32.max))") }
            guard dimension > 0 else { throw ValidationError("--dimension must be ≥ 1, got \(dimension)") }
            guard queries >= 0 else { throw ValidationError("--queries must be ≥ 0, got \(queries)") }
            guard clusters > 0 else { throw ValidationError("--clusters must be ≥ 1, got \(clusters)") }
            guard k > 0 else { throw ValidationError("--k must be ≥ 1, got \(k)") }
            guard threads > 0 else { throw ValidationError("--threads must be ≥ 1, got \(threads)") }
        }

        func run() throws {
            let metric = Metric(parsing: metric)!
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var generator = ClusteredDatasetGenerator(
                count: count, dimension: dimension, clusters: clusters, queries: queries, seed: seed)
            if let latentDimension { generator.latentDimension = latentDimension }
            if let clusterSpread { generator.clusterSpread = clusterSpread }
            if let noise { generator.noise = noise }

            let clock = ContinuousClock()
            let generationStart = clock.now
            let data = generator.generate(threads: threads)
            let generation = clock.now - generationStart
            try DatasetWriter.write(data.base, to: path("base.fvecs"))
            try DatasetWriter.write(data.queries, to: path("queries.fvecs"))

            let truthStart = clock.now
            let truth = try GroundTruth.compute(
                base: data.base, queries: data.queries, k: k, metric: metric, threads: threads)
            let truthTime = clock.now - truthStart
            try truth.write(idsTo: path("groundtruth.ivecs"), distancesTo: path("groundtruth.dist.fvecs"))

            print("dataset \(out): base \(count)×\(dimension), queries \(queries), clusters \(clusters), seed \(seed), "
                + "ground truth k=\(truth.k) \(metric); generated in \(seconds(generation)) s, "
                + "ground truth in \(seconds(truthTime)) s on \(threads) thread\(threads == 1 ? "" : "s")")
        }

        private func path(_ name: String) -> String {
            out.hasSuffix("/") ? out + name : out + "/" + name
        }

        private func seconds(_ duration: Duration) -> String {
            let (whole, attoseconds) = duration.components
            return String(format: "%.2f", Double(whole) + Double(attoseconds) * 1e-18)
        }
    }

    /// `vecbench dataset info`: format, shape and size from the headers.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a dataset file's format, count, dimension, size and first row."
        )

        @Argument(help: "A .fvecs, .ivecs, .bvecs, .fbin, .ibin or .u8bin file, or an ann-benchmarks .hdf5 file.")
        var file: String
        @Option(help: "Format, when the extension does not say (fvecs, ivecs, bvecs, fbin, ibin, u8bin).")
        var format: String?
        @Flag(help: "Read every row and check it (dimensions, truncation, NaN/infinity).")
        var verify = false
        @Flag(help: "Print one JSON object instead of text (keys: path, format, element, count, dimension, bytes, trailingBytes, firstRow, verifiedRows).")
        var json = false

        /// What `--json` prints; the same facts as the text form.
        struct Summary: Encodable {
            var path: String
            var format: String
            var element: String
            var count: Int
            var dimension: Int
            var bytes: Int
            var trailingBytes: Int
            /// Up to 8 values of row 0, as text (ints and floats alike).
            var firstRow: [String]?
            /// Rows read and checked with `--verify`; absent without it.
            var verifiedRows: Int?
        }

        func run() throws {
            if format == nil, ANNBenchmarksDataset.isHDF5(file) { return try hdf5() }
            var explicit: DatasetFormat?
            if let format {
                guard let parsed = DatasetFormat(name: format) else {
                    throw ValidationError("--format must be one of \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                explicit = parsed
            }
            let info = try DatasetReader.info(file, format: explicit)
            if json {
                var summary = Summary(path: info.path, format: info.format.rawValue, element: "\(info.format.elementKind)",
                                      count: info.count, dimension: info.dimension, bytes: info.fileBytes,
                                      trailingBytes: info.trailingBytes)
                if info.count > 0 {
                    let first = try DatasetReader.read(file, format: explicit, options: DatasetReadOptions(limit: 1, allowNonFinite: true))
                    summary.firstRow = first.rowPreview(0, limit: 8)
                }
                if verify { summary.verifiedRows = try DatasetReader.read(file, format: explicit).count }
                print(String(decoding: try ResultDocumentEncoder.encode(summary), as: UTF8.self))
                return
            }
            print("file:      \(info.path)")
            print("format:    \(info.format) (\(info.format.elementKind))")
            print("count:     \(info.count)")
            print("dimension: \(info.dimension)")
            print("bytes:     \(info.fileBytes)")
            if info.trailingBytes != 0 {
                print("trailing:  \(info.trailingBytes) bytes after the last whole row")
            }
            if info.count > 0 {
                let first = try DatasetReader.read(file, format: explicit, options: DatasetReadOptions(limit: 1, allowNonFinite: true))
                let preview = first.rowPreview(0, limit: 8)
                let more = info.dimension > preview.count ? ", … (\(info.dimension - preview.count) more)" : ""
                print("row 0:     [\(preview.joined(separator: ", "))\(more)]")
            }
            if verify {
                let all = try DatasetReader.read(file, format: explicit)
                print("verified:  \(all.count) rows read, all well-formed")
            }
        }

        /// An ann-benchmarks file: its four datasets and its metric.
        func hdf5() throws {
            let dataset = try ANNBenchmarksDataset.read(file)
            let parts: [(String, Int, Int)] = [
                ("train", dataset.base.count, dataset.base.dimension), ("test", dataset.queries.count, dataset.queries.dimension),
                ("neighbors", dataset.neighbors.count, dataset.neighbors.dimension),
            ] + (dataset.distances.map { [("distances", $0.count, $0.dimension)] } ?? [])
            if json {
                struct Part: Encodable { var dataset: String; var count: Int; var dimension: Int }
                struct Summary: Encodable { var path: String; var format: String; var metric: String; var datasets: [Part] }
                let summary = Summary(path: file, format: "ann-benchmarks hdf5", metric: dataset.metric.rawValue,
                                      datasets: parts.map { Part(dataset: $0.0, count: $0.1, dimension: $0.2) })
                print(String(decoding: try ResultDocumentEncoder.encode(summary), as: UTF8.self))
                return
            }
            print("file:      \(file)")
            print("format:    ann-benchmarks hdf5")
            print("metric:    \(dataset.metric)")
            for (name, count, dimension) in parts { print("\(name):".padding(toLength: 11, withPad: " ", startingAt: 0) + "\(count) × \(dimension)") }
        }
    }
}
