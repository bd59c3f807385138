import Testing
@testable import Workloads

/// Broken workload files: each error must name the file, the line and
/// column of the offending node, and the field path.
@Suite struct SchemaErrorTests {
    @Test func wrongTypeNamesTheValue() throws {
        let error = try #require(WorkloadFixtures.error("""
            seed: 3
            data:
              dimension: sixty-four
            """, source: "workloads/x.yaml"))
        #expect(error.file == "workloads/x.yaml")
        #expect(error.line == 3 && error.column == 14)
        #expect(error.fieldPath == "data.dimension")
        #expect(error.message.contains("expected a whole number"))
        #expect(error.description.hasPrefix("workloads/x.yaml:3:14: data.dimension: expected a whole number, got 'sixty-four'"))
    }

    @Test func unknownKeySuggestsTheClosest() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "  dimension: 8", with: "  dimensoin: 8")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 3 && error.column == 3)
        #expect(error.fieldPath == "data.dimensoin")
        #expect(error.message == "unknown key 'dimensoin' (did you mean 'dimension'?)")
    }

    @Test func unknownKeyFarFromAnyListsTheKnownOnes() throws {
        let error = try #require(WorkloadFixtures.error(WorkloadFixtures.minimal + "\nflavour: vanilla"))
        #expect(error.line == 11 && error.column == 1)
        #expect(error.message.contains("known keys here: name, description, seed, data, phases, engine"))
    }

    @Test func camelCaseKeyFindsTheSnakeCaseOne() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "  dimension: 8", with: "  dimension: 8\n  queriesPerTenant: 5")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.message.contains("did you mean 'queries_per_tenant'"))
    }

    @Test func fractionsThatDoNotSumToOne() throws {
        let yaml = WorkloadFixtures.minimal + "\n    mix: {search: 0.9, upsert: 0.3}"
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 11 && error.column == 10)
        #expect(error.fieldPath == "phases[0].mix")
        #expect(error.message == "fractions search + upsert + delete must sum to 1 (got 1.2)")
    }

    @Test func negativeRate() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "rate: 1000", with: "rate: -5")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 10 && error.column == 31)
        #expect(error.fieldPath == "phases[0].arrival.poisson.rate")
        #expect(error.message == "must be > 0, got -5")
    }

    @Test func missingRequiredKeyPointsAtItsMapping() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "  dimension: 8\n", with: "")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 3 && error.column == 3)
        #expect(error.fieldPath == "data.dimension")
        #expect(error.message == "required key 'dimension' is missing")
    }

    @Test func badMetricSuggestsASpelling() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "  dimension: 8", with: "  dimension: 8\n  metric: l3")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 4 && error.column == 11)
        #expect(error.fieldPath == "data.metric")
        #expect(error.message.contains("unknown metric 'l3'"))
        #expect(error.message.contains("did you mean 'l2'"))
    }

    @Test func dimensionOutOfRange() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "dimension: 8", with: "dimension: 70000")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.message == "must be in 1…65536 (dataset readers refuse wider rows), got 70000")
    }

    @Test func walSegmentSizeOutOfRange() throws {
        let error = try #require(WorkloadFixtures.error(WorkloadFixtures.minimal + "\nengine:\n  base: {wal_segment_mib: 4096}\n"))
        #expect(error.message == "must be in 1...1024, got 4096")
    }

    @Test func quotedNumberIsAString() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "count: 10", with: "count: \"10\"")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "data.tenants.count")
        #expect(error.message == "expected a whole number, got the quoted string \"10\"")
    }

    @Test func yamlSyntaxErrorHasItsPosition() throws {
        let error = try #require(WorkloadFixtures.error("seed: 3\ndata: {dimension: 8\nphases: []"))
        #expect(error.line != nil)
        #expect(error.message.hasPrefix("not valid YAML"))
    }

    @Test func duplicateKeyIsRefused() throws {
        let error = try #require(WorkloadFixtures.error("seed: 3\nseed: 4\n"))
        #expect(error.message.contains("written twice"))
        #expect(error.message.contains("seed"))
    }

    @Test func durationAndOperationsTogether() throws {
        let yaml = WorkloadFixtures.minimal + "\n    operations: 100"
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "phases[0].operations")
        #expect(error.line == 11)
        #expect(error.message == "give either duration or operations, not both")
    }

    @Test func phaseWithoutLength() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "    duration: 10s\n", with: "")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "phases[0]")
        #expect(error.line == 8 && error.column == 5)
    }

    @Test func badDuration() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "duration: 10s", with: "duration: 10 parsecs")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "phases[0].duration")
        #expect(error.message.contains("is not a duration"))
    }

    @Test func twoArrivalFormsAtOnce() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(
            of: "arrival: {poisson: {rate: 1000}}", with: "arrival: {poisson: {rate: 1000}, closed: {clients: 2}}")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "phases[0].arrival")
        #expect(error.message.contains("give exactly one of"))
    }

    @Test func misspeltArrivalForm() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(of: "{poisson:", with: "{poison:")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "phases[0].arrival.poison")
        #expect(error.message.contains("did you mean 'poisson'"))
    }

    @Test func infeasibleZipfTotal() throws {
        let yaml = WorkloadFixtures.minimal.replacingOccurrences(
            of: "{fixed: 100}", with: "{zipf: {total: 500, exponent: 1, min: 100, max: 200}}")
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "data.tenants.sizes.zipf")
        #expect(error.message.contains("cannot be split over 10 tenants"))
    }

    @Test func duplicatePhaseNames() throws {
        let yaml = WorkloadFixtures.minimal + "\n  - name: p\n    duration: 1s\n    arrival: {closed: {clients: 1}}"
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.line == 11 && error.column == 11)
        #expect(error.message == "phase name 'p' is already used by phases[0]")
    }

    @Test func engineSettingErrorsNameTheVariant() throws {
        let yaml = WorkloadFixtures.minimal + """

            engine:
              variants:
                fast: {fsync: alwys}
            """
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "engine.variants.fast.fsync")
        #expect(error.line == 13 && error.column == 19)
        #expect(error.message.contains("did you mean 'always'"))
    }

    @Test func sealConcurrencyWordOrNumber() throws {
        let yaml = WorkloadFixtures.minimal + "\nengine: {base: {seal_concurrency: unbonded}}"
        let error = try #require(WorkloadFixtures.error(yaml))
        #expect(error.fieldPath == "engine.base.seal_concurrency")
        #expect(error.message.contains("did you mean 'unbounded'"))
    }

    @Test func emptyFile() throws {
        let error = try #require(WorkloadFixtures.error(""))
        #expect(error.message.contains("empty"))
    }

    @Test func missingWorkloadFile() {
        #expect(throws: WorkloadError(file: "/nonexistent/w.yaml", message: "no such workload file")) {
            try WorkloadFile.load(path: "/nonexistent/w.yaml")
        }
    }
}
