import Foundation
import Testing
@testable import Workloads

/// `reopen: true` on a phase asks the runner to close every tenant and open
/// it again from disk before the phase; anything but a boolean is refused
/// where it is written.
@Suite struct PhaseReopenKeyTests {
    static func yaml(_ extra: String) -> String {
        WorkloadFixtures.minimal + "\n" + """
              - name: after-restart
                duration: 1s
                arrival: {closed: {clients: 1}}
            """ + extra
    }

    @Test func reopenIsReadAndDefaultsToFalse() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("\n    reopen: true"))
        #expect(workload.phases.map(\.reopen) == [false, true])
    }

    @Test(arguments: ["\n    reopen: sometimes", "\n    reopen: [true]", "\n    reopen: 1"])
    func aNonBooleanIsRefusedWhereItIsWritten(extra: String) throws {
        let error = try #require(WorkloadFixtures.error(Self.yaml(extra)))
        #expect(error.fieldPath == "phases[1].reopen", "\(error)")
        #expect(error.line == 14, "\(error)")
    }

    @Test func aMisspelledKeyNamesTheKnownOnes() throws {
        let error = try #require(WorkloadFixtures.error(Self.yaml("\n    re_open: true")))
        #expect(error.description.contains("reopen"), "\(error)")
    }

    @Test func specificationsWithoutTheKeyStillDecode() throws {
        let workload = try WorkloadFixtures.parse(Self.yaml("\n    reopen: true"))
        let encoded = try JSONEncoder().encode(workload.phases[1])
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["reopen"] as? Bool == true)
        object.removeValue(forKey: "reopen")
        let old = try JSONDecoder().decode(PhaseSpecification.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.reopen == false && old.name == "after-restart")
    }
}
