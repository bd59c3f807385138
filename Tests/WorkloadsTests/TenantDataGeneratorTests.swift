import Foundation
import Testing
import VectorCore
@testable import Workloads

@Suite struct TenantDataGeneratorTests {
    typealias F = WorkloadFixtures

    /// The row sampler must reproduce `ClusteredDatasetGenerator` bit for
    /// bit; if VectorCore's generator changes, this fails.
    @Test func rowSamplerMatchesTheGenerator() {
        var generator = ClusteredDatasetGenerator(count: 300, dimension: 24, clusters: 6, queries: 40, seed: 77)
        let output = generator.generate(threads: 2)
        let sampler = ClusteredRowSampler(generator)
        #expect(sampler.rows(0..<300) == output.base)
        #expect(sampler.rows(0..<40, stream: .queries) == output.queries)
        // A later row equals what a larger count produces.
        generator.count = 500
        #expect(sampler.rows(450..<500) == ClusteredDatasetGenerator.slice(generator.generate().base, 450..<500))
    }

    @Test func clusteredTenantsHaveTheirOwnDataAndUpsertsExtendIt() throws {
        let workload = F.workload(tenants: 3, size: 50, queries: 5)
        let data = try TenantDataGenerator(workload: workload)
        let base0 = data.baseVectors(tenant: 0), base1 = data.baseVectors(tenant: 1)
        #expect(base0.count == 50 && base0.dimension == 8)
        #expect(base0 != base1)
        #expect(data.queries(tenant: 0).count == 5)
        #expect(data.vectors(tenant: 0, firstID: 0, count: 50) == base0)
        // Upserted points 50..<60 are rows 50..<60 of the tenant's generator.
        let extended = data.clusteredGenerator(tenant: 0, count: 60)!.generate().base
        #expect(data.vectors(tenant: 0, firstID: 50, count: 10) == ClusteredDatasetGenerator.slice(extended, 50..<60))
        // Deterministic across instances.
        #expect(try TenantDataGenerator(workload: workload).baseVectors(tenant: 2) == data.baseVectors(tenant: 2))
        #expect(try TenantDataGenerator(workload: F.workload(seed: 1, tenants: 3, size: 50)).baseVectors(tenant: 0) != base0)
    }

    @Test func regroupedUpsertsWriteTheSameVectors() throws {
        let workload = F.workload(tenants: 4, arrival: .poisson(rate: 2_000), length: .seconds(1),
                                  mix: F.mix(search: 0.5, upsert: 0.5, upsertBatch: 6))
        let data = try TenantDataGenerator(workload: workload)
        func vectors(_ stream: OperationStream) -> [Int: [Float]] {
            var byTenant: [Int: [Float]] = [:]
            for operation in stream where operation.kind == .upsert {
                byTenant[operation.tenant, default: []] += data.vectors(for: operation).elements
            }
            return byTenant
        }
        let original = vectors(OperationStream(workload: workload, phase: 0))
        #expect(!original.isEmpty)
        #expect(vectors(OperationStream(workload: workload, phase: 0, upsertBatchOverride: 4)) == original)
    }

    @Test func fileSourceDealsRowsInOrder() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Row r is (r, r, r, r): every vector says which row it came from.
        let rows = 3 * 10 + 3 * 2 + 3 * 4
        let matrix = DenseMatrix<Float>(count: rows, dimension: 4, elements: (0..<rows).flatMap { [Float](repeating: Float($0), count: 4) })
        try DatasetWriter.write(matrix, to: "\(directory)/points.fbin")
        let yaml = """
            seed: 1
            data:
              dimension: 4
              tenants: {count: 3, sizes: {fixed: 10}}
              source: {file: points.fbin}
              queries_per_tenant: 2
            phases:
              - {operations: 10, arrival: {closed: {clients: 1}}, mix: {upsert: 1}}
            """
        try yaml.write(toFile: "\(directory)/w.yaml", atomically: true, encoding: .utf8)
        let workload = try WorkloadFile.load(path: "\(directory)/w.yaml")
        #expect(workload.data.source == .file(path: "\(directory)/points.fbin"))
        let data = try TenantDataGenerator(workload: workload)
        func rowNumbers(_ matrix: DenseMatrix<Float>) -> [Int] { (0..<matrix.count).map { Int(matrix.row($0)[0]) } }
        #expect(rowNumbers(data.baseVectors(tenant: 1)) == Array(10..<20))
        #expect(rowNumbers(data.queries(tenant: 2)) == [34, 35])
        // Pool: rows 36..<48, 4 per tenant; tenant 1's upserts take 40..<44 and wrap.
        #expect(rowNumbers(data.vectors(tenant: 1, firstID: 10, count: 6)) == [40, 41, 42, 43, 40, 41])
    }

    @Test func fileSourceTooSmallOrWrongDimensionIsAnError() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try DatasetWriter.write(DenseMatrix<Float>(count: 20, dimension: 4, repeating: 1), to: "\(directory)/small.fvecs")
        let yaml = """
            seed: 1
            data:
              dimension: 4
              tenants: {count: 3, sizes: {fixed: 10}}
              source: {file: small.fvecs}
            phases:
              - {operations: 10, arrival: {closed: {clients: 1}}}
            """
        let error = try #require(throws: WorkloadError.self) {
            try WorkloadFile.parse(yaml: yaml, source: "w.yaml", baseDirectory: directory)
        }
        #expect(error.fieldPath == "data.source")
        #expect(error.line == 5 && error.column == 11)
        #expect(error.message.contains("holds 20 rows; the workload needs at least 330"))

        let wrongDimension = yaml.replacingOccurrences(of: "dimension: 4", with: "dimension: 8")
        let dimensionError = try #require(throws: WorkloadError.self) {
            try WorkloadFile.parse(yaml: wrongDimension, source: "w.yaml", baseDirectory: directory)
        }
        #expect(dimensionError.message.contains("has dimension 4, but data.dimension is 8"))

        let missing = yaml.replacingOccurrences(of: "small.fvecs", with: "absent.fvecs")
        let missingError = try #require(throws: WorkloadError.self) {
            try WorkloadFile.parse(yaml: missing, source: "w.yaml", baseDirectory: directory)
        }
        #expect(missingError.message.contains("cannot use the dataset file"))
        #expect(missingError.message.contains("absent.fvecs"))
    }
}

extension ClusteredDatasetGenerator {
    static func slice(_ matrix: DenseMatrix<Float>, _ rows: Range<Int>) -> DenseMatrix<Float> {
        DenseMatrix(rows: rows.map { matrix.row($0) }, dimension: matrix.dimension)
    }
}
