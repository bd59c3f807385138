import VectorCore

/// Checks a reopened collection against what a loader sent and what was
/// acknowledged: every acknowledged id must be present with exactly its
/// vector (nothing lost), no id may be present that was never sent or with
/// another vector (no phantoms), and an unacknowledged batch is either
/// entirely present or entirely absent (batches are atomic).
public struct DurabilityCheck: Sendable {
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var lost: [UInt64] = []
        public var phantom: [UInt64] = []
        public var wrongVector: [UInt64] = []
        public var partialBatches: [ClosedRange<UInt64>] = []
        public var checked = 0

        public var passed: Bool { lost.isEmpty && phantom.isEmpty && wrongVector.isEmpty && partialBatches.isEmpty }

        /// `lost N phantom N checked N` (the line `vecbench verify` prints).
        public var description: String {
            var line = "lost \(lost.count) phantom \(phantom.count + wrongVector.count) checked \(checked)"
            if !partialBatches.isEmpty { line += " partial-batches \(partialBatches.count)" }
            return line
        }
    }

    /// Vectors that were sent, by id (id = startID + row).
    public let sent: DenseMatrix<Float>
    public let startID: UInt64
    public let metric: Metric
    /// Batch boundaries, when known (first id of each batch): for the
    /// all-or-nothing check of unacknowledged batches.
    public let batchSize: Int?

    public init(sent: DenseMatrix<Float>, startID: UInt64, metric: Metric, batchSize: Int?) {
        self.sent = sent
        self.startID = startID
        self.metric = metric
        self.batchSize = batchSize
    }

    public func run(collection: Collection, acknowledged: Set<UInt64>) -> Report {
        var report = Report()
        let present = Set(collection.liveIDs())
        func expected(_ id: UInt64) -> [Float]? {
            guard id >= startID, id - startID < UInt64(sent.count) else { return nil }
            let row = sent.row(Int(id - startID))
            return metric.normalizesVectors ? Distance.normalized(row) : row
        }
        for id in acknowledged.sorted() {
            report.checked += 1
            guard let stored = collection.get(id) else { report.lost.append(id); continue }
            if stored.vector != expected(id) { report.wrongVector.append(id) }
        }
        for id in present.subtracting(acknowledged).sorted() {
            report.checked += 1
            guard let vector = expected(id) else { report.phantom.append(id); continue }
            if collection.get(id)?.vector != vector { report.wrongVector.append(id) }
        }
        if let batchSize, batchSize > 0 {
            var batches: [UInt64: (present: Int, total: Int)] = [:]
            for row in 0..<sent.count {
                let id = startID + UInt64(row)
                if acknowledged.contains(id) { continue }
                let first = startID + UInt64(row / batchSize * batchSize)
                batches[first, default: (0, 0)].total += 1
                if present.contains(id) { batches[first]!.present += 1 }
            }
            for (first, counts) in batches.sorted(by: { $0.key < $1.key }) where counts.present > 0 && counts.present < counts.total {
                report.partialBatches.append(first...first + UInt64(counts.total - 1))
            }
        }
        return report
    }
}
