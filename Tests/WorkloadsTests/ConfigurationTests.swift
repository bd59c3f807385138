import Testing
@testable import Workloads

@Suite struct ConfigurationTests {
    @Test func noVariantsRunsTheBaseNamedBase() throws {
        let workload = try WorkloadFixtures.parse(WorkloadFixtures.minimal)
        let configurations = workload.configurations()
        #expect(configurations.count == 1)
        #expect(configurations[0].name == "base")
        #expect(configurations[0].settings == .defaults)
    }

    @Test func variantsOverrideTheBaseInFileOrder() throws {
        let workload = try WorkloadFixtures.parse(WorkloadFixtures.minimal + """

            engine:
              base:
                storage: ram
                m: 24
                ef: 80
                seal_concurrency: 4
              variants:
                zeta: {placement: {workers: 8}, huge_pages: true, wal_segment_mib: 2}
                alpha: {storage: mmap, advice: willneed, seal_concurrency: unbounded, ef: null, fsync: interval:20ms}
                same: {}
            """)
        let configurations = workload.configurations()
        #expect(configurations.map(\.name) == ["zeta", "alpha", "same"])
        #expect(workload.base.storage == .ram && workload.base.m == 24 && workload.base.ef == 80)

        let zeta = configurations[0].settings
        #expect(zeta.placement == .workers(8) && zeta.hugePages)
        #expect(zeta.storage == .ram && zeta.m == 24 && zeta.sealConcurrency == 4)
        #expect(zeta.walSegmentMiB == 2)
        #expect(workload.base.walSegmentMiB == 16, "16 MiB unless set")

        let alpha = configurations[1].settings
        #expect(alpha.storage == .mmap && alpha.advice == .willneed)
        #expect(alpha.sealConcurrency == nil && alpha.ef == nil && alpha.fsync == .interval(milliseconds: 20))
        #expect(alpha.m == 24)

        #expect(configurations[2].settings == workload.base)
        #expect(workload.variants.map(\.overriddenKeys) == [
            ["placement", "huge_pages", "wal_segment_mib"], ["storage", "advice", "seal_concurrency", "ef", "fsync"], [],
        ])
        #expect(workload.overriddenKeys(of: "alpha") == ["storage", "advice", "seal_concurrency", "ef", "fsync"])
    }

    @Test func jsonIsAccepted() throws {
        let json = """
            {"seed": 9, "data": {"dimension": 4, "metric": "cosine", "tenants": {"count": 2, "sizes": {"fixed": 10}}},
             "phases": [{"operations": 50, "arrival": {"closed": {"clients": 1}}, "mix": {"search": 0.5, "upsert": 0.5}}],
             "engine": {"variants": {"shared": {"tenancy": "shared-collection"}}}}
            """
        let workload = try WorkloadFixtures.parse(json, source: "w.json")
        #expect(workload.name == "w")
        #expect(workload.data.metric == .cosine)
        #expect(workload.phases[0].length == .operations(50))
        #expect(workload.phases[0].name == "phase-1")
        #expect(workload.configurations().map(\.settings.tenancy) == [.sharedCollection])
    }

    @Test func defaultsOfOptionalKeys() throws {
        let workload = try WorkloadFixtures.parse(WorkloadFixtures.minimal)
        #expect(workload.data.metric == .l2)
        #expect(workload.data.source == .clustered(clustersPerTenant: 8))
        #expect(workload.data.queriesPerTenant == 100 && workload.data.k == 10 && workload.data.recallSamples == 100)
        let phase = workload.phases[0]
        #expect(phase.tenantSelection == .uniform && !phase.warmup)
        #expect(phase.mix == OperationMix(search: 1, upsert: 0, delete: 0, upsertBatch: 1, deleteBatch: 1, searchK: 10, searchEF: 64))
    }

    @Test func durationsWithUnits() throws {
        for (text, seconds) in [("10s", 10.0), ("500ms", 0.5), ("1.5m", 90), ("1m30s", 90), ("2h", 7_200), ("3", 3)] {
            #expect(SchemaNode.parseDuration(text) == seconds, "\(text)")
        }
        #expect(SchemaNode.parseDuration("10 parsecs") == nil)
        #expect(SchemaNode.parseDuration("s") == nil)
    }

    @Test func stepsPhaseDefaultsToTheStepsLength() throws {
        let yaml = WorkloadFixtures.minimal
            .replacingOccurrences(of: "    duration: 10s\n", with: "")
            .replacingOccurrences(of: "{poisson: {rate: 1000}}", with: "{steps: [{rate: 100, seconds: 5}, {rate: 200, seconds: 2s}]}")
        let workload = try WorkloadFixtures.parse(yaml)
        #expect(workload.phases[0].length == .seconds(7))
        #expect(workload.phases[0].arrival == .steps([RateStep(rate: 100, seconds: 5), RateStep(rate: 200, seconds: 2)]))
    }
}
