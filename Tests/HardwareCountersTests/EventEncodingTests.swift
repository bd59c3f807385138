import Testing
@testable import HardwareCounters

/// perf's generic names must encode to the kernel ABI's type/config, or the
/// kernel would count something other than what the report names.
@Suite struct EventEncodingTests {
    let environment = PerfEventEnvironment.current()

    struct Expected: Sendable, CustomStringConvertible {
        var name: String
        var type: UInt32
        var config: UInt64
        var description: String { name }
    }

    // linux/perf_event.h: PERF_TYPE_HARDWARE 0, SOFTWARE 1, HW_CACHE 3; cache
    // config = cache id | (op << 8) | (result << 16) with L1D 0, LL 2, DTLB 3,
    // ITLB 4; op READ 0, WRITE 1; result MISS 1.
    static let generic: [Expected] = [
        Expected(name: "cycles", type: 0, config: 0),
        Expected(name: "instructions", type: 0, config: 1),
        Expected(name: "cache-references", type: 0, config: 2),
        Expected(name: "cache-misses", type: 0, config: 3),
        Expected(name: "L1-dcache-load-misses", type: 3, config: 0x10000),
        Expected(name: "LLC-load-misses", type: 3, config: 0x10002),
        Expected(name: "dTLB-load-misses", type: 3, config: 0x10003),
        Expected(name: "dTLB-store-misses", type: 3, config: 0x10103),
        Expected(name: "iTLB-load-misses", type: 3, config: 0x10004),
        Expected(name: "task-clock", type: 1, config: 1),
        Expected(name: "page-faults", type: 1, config: 2),
        Expected(name: "context-switches", type: 1, config: 3),
        Expected(name: "cpu-migrations", type: 1, config: 4),
        Expected(name: "minor-faults", type: 1, config: 5),
        Expected(name: "major-faults", type: 1, config: 6),
    ]

    @Test(arguments: generic)
    func genericEventMatchesPerfABI(_ expected: Expected) throws {
        let encoding = try EventEncoder.encode(expected.name, scope: .user, environment: environment)
        #expect(encoding.type == expected.type)
        #expect(encoding.config == expected.config)
        #expect(encoding.name == expected.name)
        #expect(encoding.libpfmString.contains("PERF_COUNT_"))
        #expect(encoding.isSoftware == (expected.type == 1))
    }

    @Test func defaultCatalogueEncodesCompletely() throws {
        for name in EventCatalog.defaultEvents {
            _ = try EventEncoder.encode(name, scope: .automatic, environment: environment)
        }
        #expect(Set(EventCatalog.defaultEvents).isSuperset(of: Self.generic.map(\.name)))
    }

    @Test func scopeDecidesPrivilegeLevels() throws {
        let user = try EventEncoder.encode("cycles", scope: .user, environment: environment)
        #expect(user.excludeKernel)
        #expect(!user.excludeUser)
        let both = try EventEncoder.encode("cycles", scope: .userAndKernel, environment: environment)
        #expect(!both.excludeKernel)
        #expect(!both.excludeUser)
    }

    @Test func modifiersInTheNameWinOverTheScope() throws {
        let kernelOnly = try EventEncoder.encode("instructions:k", scope: .user, environment: environment)
        #expect(kernelOnly.excludeUser)
        #expect(!kernelOnly.excludeKernel)
        #expect(kernelOnly.config == 1)
    }

    @Test(arguments: ["no-such-event", "dTLB-load-missez", "cycles:bogus_modifier"])
    func unknownNamesAreRejectedWithAClearError(_ name: String) {
        #expect {
            _ = try EventEncoder.encode(name, scope: .user, environment: environment)
        } throws: { error in
            guard case .unknownEvent(let reported, let reason) = error as? CounterError else { return false }
            let message = (error as! CounterError).description
            return reported == name && reason.contains("libpfm4") && message.contains("unknown event '\(name)'")
        }
    }

    @Test func emptyNameIsRejected() {
        #expect(throws: CounterError.self) {
            _ = try EventEncoder.encode("  ", scope: .user, environment: environment)
        }
    }

    @Test func unknownNameFailsTheWholeSetUnlessReported() throws {
        #expect(throws: CounterError.self) {
            _ = try CounterSet(events: ["page-faults", "no-such-event"], options: CounterOptions(unknownEvents: .reject))
        }
        let set = try CounterSet(
            events: ["page-faults", "no-such-event"], options: CounterOptions(unknownEvents: .report))
        let unknown = try #require(set.events.first { $0.name == "no-such-event" })
        guard case .unknownEvent(let name, let reason) = unknown.failure else {
            Issue.record("expected unknownEvent, got \(String(describing: unknown.failure))")
            return
        }
        #expect(name == "no-such-event")
        #expect(!reason.isEmpty)
        #expect(set.events.first { $0.name == "page-faults" }?.failure == nil)
    }

    @Test func eventListsSplitOnCommas() {
        #expect(EventCatalog.parseList("cycles, dTLB-load-misses,,instructions:u") == ["cycles", "dTLB-load-misses", "instructions:u"])
    }
}
