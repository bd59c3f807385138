import Testing
@testable import Workloads

@Suite("The model key")
struct ModelKeyTests {
    static func yaml(_ model: String) -> String { WorkloadFixtures.minimal + "\n" + model }

    @Test("one model, with defaults filled in")
    func single() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("model: {cpu: skylake-sp}"))
        #expect(workload.models == [ModelSpecification(cpu: "skylake-sp", pcid: "linux", sample: 1)])
        #expect(workload.models[0].name == "skylake-sp/linux")
        #expect(try WorkloadFixtures.parse(WorkloadFixtures.minimal).models.isEmpty)
    }

    @Test("a list of models, each named by its settings unless named")
    func list() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("""
            model:
              - {cpu: zen4, pcid: none, processes: 1000, cores: 4, sample: 3}
              - {cpu: skylake-sp, pages: 2m, name: sky-huge}
            """))
        #expect(workload.models.map(\.name) == ["zen4/none/p1000", "sky-huge"])
        #expect(workload.models[0].processes == 1000 && workload.models[0].cores == 4 && workload.models[0].sample == 3)
        #expect(workload.models[1].pages == "2m")
    }

    @Test("bad model settings are located errors", arguments: [
        ("model: {cpu: skylake}", "model.cpu", "'skylake' is not one of"),
        ("model: {cpu: zen4, sample: 0}", "model.sample", "0"),
        ("model: {cpu: zen4, sample: -2}", "model.sample", "-2"),
        ("model: {cpu: zen4, pcid: sometimes}", "model.pcid", "not one of"),
        ("model: {cpu: zen4, processes: 0}", "model.processes", "0"),
        ("model: {cpu: zen4, cores: 100000}", "model.cores", "100000"),
        ("model: {cpu: zen4, pages: 1g}", "model.pages", "not one of"),
        ("model: {cpu: zen4, cache: big}", "model.cache", "unknown key"),
        ("model: {pcid: linux}", "model.cpu", "missing"),
        ("model: [{cpu: zen4}, {cpu: zen4}]", "model", "both named"),
        ("model: []", "model", "empty list"),
    ])
    func errors(model: String, path: String, fragment: String) throws {
        let error = try #require(WorkloadFixtures.error(Self.yaml(model)))
        #expect(error.fieldPath.hasPrefix(path), "\(error)")
        #expect(error.line != nil, "\(error)")
        #expect(error.description.contains(fragment), "\(error)")
    }

    @Test("the shipped TLB story models every combination the issue asks for")
    func tlbStory() throws {
        let workload = try WorkloadFile.load(path: "\(WorkloadFixtures.workloadsDirectory)/tlb-story.yaml")
        #expect(workload.models.count == 20)
        for cpu in ["skylake-sp", "zen4"] {
            for pcid in ["linux", "none"] {
                let models = workload.models.filter { $0.cpu == cpu && $0.pcid == pcid }
                #expect(models.map { $0.processes ?? 1 }.sorted() == [1, 1, 8, 32, 1000])
                #expect(models.filter { $0.processes == 1 }.map(\.pages).sorted() == ["2m", "4k"])
            }
        }
        #expect(workload.data.tenants == 1000)
    }
}
