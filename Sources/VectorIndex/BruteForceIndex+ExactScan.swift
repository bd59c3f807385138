import Dispatch
import HeapModule
import VectorCore

extension BruteForceIndex {
    /// The exact top-k scan shared by `BruteForceIndex` and `GroundTruth`:
    /// base vectors in one row-major block, generic over the distance kernel
    /// so the distance inlines into the loop.
    ///
    /// Queries are scanned in blocks of `queryBlock`: each base row is loaded
    /// once and compared with every query of the block while it sits in L1.
    /// One query at a time would stream the whole base set from memory per
    /// query (51 MB for 100k × 128); a block of 16 cuts that traffic 16-fold,
    /// which is what makes a 1,000-query ground truth take seconds.
    ///
    /// Each query keeps a max-heap of its best k (`Heap`) and the current k-th
    /// distance as a plain float, so the common case — a row farther than the
    /// k-th — costs one comparison. A row at exactly the k-th distance still
    /// competes, and wins with a smaller id.
    struct ExactScan: @unchecked Sendable {
        let base: UnsafePointer<Float>
        let count: Int
        /// External id of each row; nil means the row index is the id.
        let ids: UnsafePointer<UInt64>?
        let dimension: Int

        static let queryBlock = 16

        /// Checks query rows and returns them ready for the kernel
        /// (normalised for cosine), row-major.
        static func prepareQueries(_ queries: DenseMatrix<Float>, metric: Metric) throws(VectorValidationError) -> [Float] {
            var prepared = queries.elements
            let dimension = queries.dimension
            for index in prepared.indices where !prepared[index].isFinite {
                throw .nonFinite(index: index % max(dimension, 1), value: prepared[index])
            }
            if metric.normalizesVectors {
                prepared.withUnsafeMutableBufferPointer { buffer in
                    for row in 0..<queries.count { Distance.normalize(buffer.baseAddress! + row * dimension, dimension) }
                }
            }
            return prepared
        }

        /// The k nearest rows to one query, nearest first.
        func nearest<Kernel: DistanceKernel>(_ kernel: Kernel.Type, to query: UnsafePointer<Float>, k: Int) -> [Neighbor<UInt64>] {
            var none = NoAccessRecorder()
            return nearestBlock(kernel, queries: query, queryCount: 1, k: k, accesses: &none)[0]
        }

        /// The k nearest rows to one query, reporting each row read (and the
        /// id read for each result) to `accesses`.
        func nearest<Kernel: DistanceKernel, Accesses: MemoryAccessRecorder>(
            _ kernel: Kernel.Type, to query: UnsafePointer<Float>, k: Int, accesses: inout Accesses
        ) -> [Neighbor<UInt64>] {
            nearestBlock(kernel, queries: query, queryCount: 1, k: k, accesses: &accesses)[0]
        }

        /// The k nearest rows to each of `queryCount` row-major queries, using
        /// up to `threads` workers (query blocks are dealt round-robin).
        func nearest(
            metric: Metric, queries: UnsafePointer<Float>, queryCount: Int, k: Int, threads: Int
        ) -> [[Neighbor<UInt64>]] {
            switch metric {
            case .l2: return nearestParallel(L2Kernel.self, queries: queries, queryCount: queryCount, k: k, threads: threads)
            case .innerProduct:
                return nearestParallel(InnerProductKernel.self, queries: queries, queryCount: queryCount, k: k, threads: threads)
            case .cosine: return nearestParallel(CosineKernel.self, queries: queries, queryCount: queryCount, k: k, threads: threads)
            }
        }

        func nearestParallel<Kernel: DistanceKernel>(
            _ kernel: Kernel.Type, queries: UnsafePointer<Float>, queryCount: Int, k: Int, threads: Int
        ) -> [[Neighbor<UInt64>]] {
            var results = [[Neighbor<UInt64>]](repeating: [], count: queryCount)
            let blocks = (queryCount + Self.queryBlock - 1) / Self.queryBlock
            guard blocks > 0 else { return results }
            let workers = max(1, min(threads, blocks))
            results.withUnsafeMutableBufferPointer { output in
                let shared = SharedBlocks(queries: queries, output: output)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var block = worker
                    while block < blocks {
                        let first = block * Self.queryBlock
                        let size = min(Self.queryBlock, queryCount - first)
                        var none = NoAccessRecorder()
                        let found = nearestBlock(kernel, queries: shared.queries + first * dimension, queryCount: size, k: k,
                                                 accesses: &none)
                        for index in 0..<size { shared.output[first + index] = found[index] }
                        block += workers
                    }
                }
            }
            return results
        }

        /// One pass over the base rows for a block of queries; each row is
        /// read once per block, and reported to `accesses` once.
        func nearestBlock<Kernel: DistanceKernel, Accesses: MemoryAccessRecorder>(
            _: Kernel.Type, queries: UnsafePointer<Float>, queryCount: Int, k: Int, accesses: inout Accesses
        ) -> [[Neighbor<UInt64>]] {
            let rowBytes = dimension &* 4
            let keep = min(k, count)
            var heaps = [Heap<Neighbor<UInt64>>](repeating: Heap(minimumCapacity: keep), count: queryCount)
            var thresholds = [Float](repeating: .infinity, count: queryCount)
            heaps.withUnsafeMutableBufferPointer { heaps in
                thresholds.withUnsafeMutableBufferPointer { thresholds in
                    var vector = base
                    for row in 0..<count {
                        accesses.access(address: UInt(bitPattern: vector), bytes: rowBytes, kind: .vector)
                        var query = queries
                        for q in 0..<queryCount {
                            let distance = Kernel.distance(query, vector, dimension)
                            query += dimension
                            // NaN never passes; +inf does while the heap is not full.
                            guard distance <= thresholds[q] else { continue }
                            if let ids { accesses.access(address: UInt(bitPattern: ids + row), bytes: 8, kind: .label) }
                            let candidate = Neighbor(distance: distance, id: ids?[row] ?? UInt64(row))
                            if heaps[q].count < keep {
                                heaps[q].insert(candidate)
                                if heaps[q].count == keep { thresholds[q] = heaps[q].max!.distance }
                            } else if candidate < heaps[q].max! {
                                heaps[q].replaceMax(with: candidate)
                                thresholds[q] = heaps[q].max!.distance
                            }
                        }
                        vector += dimension
                    }
                }
            }
            return heaps.map { heap in
                var heap = heap
                var sorted: [Neighbor<UInt64>] = []
                sorted.reserveCapacity(heap.count)
                while let next = heap.popMin() { sorted.append(next) }
                return sorted
            }
        }
    }
}

/// Query rows and result slots shared by the scan workers; each worker
/// writes only the slots of its own blocks.
private struct SharedBlocks: @unchecked Sendable {
    let queries: UnsafePointer<Float>
    let output: UnsafeMutableBufferPointer<[Neighbor<UInt64>]>
}
