import Foundation
import VectorCore

/// Which worker holds which tenant, kept as `<root>/placement.json` so a
/// restarted pool routes every tenant to the worker that has its data.
/// Written temp → fsync → rename → fsync directory.
///
/// | field         | what                                                          |
/// |---------------|---------------------------------------------------------------|
/// | `version`     | 1                                                             |
/// | `workerCount` | workers the placement was made for (a pool of another size is refused) |
/// | `policy`      | `hash` or `round-robin`                                       |
/// | `tenants`     | round-robin only: tenant (decimal string) → worker index      |
/// | `next`        | round-robin only: the worker the next new tenant goes to      |
struct WorkerPlacement: Codable, Sendable, Equatable {
    static let currentVersion = 1
    var version = WorkerPlacement.currentVersion
    var workerCount: Int
    var policy: WorkerPlacementPolicy
    var tenants: [String: Int] = [:]
    var next = 0

    init(workerCount: Int, policy: WorkerPlacementPolicy) {
        self.workerCount = workerCount
        self.policy = policy
    }

    static func path(root: String) -> String { root + "/placement.json" }

    /// The manifest under `root`, or a new one; refuses one made for
    /// another worker count or policy (its tenants' data would be missed).
    static func loadOrCreate(root: String, workerCount: Int, policy: WorkerPlacementPolicy) throws(WorkerPoolError) -> WorkerPlacement {
        let path = path(root: root)
        guard FileManager.default.fileExists(atPath: path) else {
            let placement = WorkerPlacement(workerCount: workerCount, policy: policy)
            try placement.save(root: root)
            return placement
        }
        let placement: WorkerPlacement
        do {
            placement = try JSONDecoder().decode(WorkerPlacement.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .placement(path: path, reason: "cannot read: \(error)")
        }
        guard placement.version == currentVersion else {
            throw .placement(path: path, reason: "version \(placement.version), this build reads \(currentVersion)")
        }
        guard placement.workerCount == workerCount, placement.policy == policy else {
            throw .placement(path: path, reason: "made for \(placement.workerCount) workers placed by \(placement.policy.rawValue), "
                             + "not \(workerCount) by \(policy.rawValue); use a new root or the same pool shape")
        }
        if let bad = placement.tenants.first(where: { UInt32($0.key) == nil || !(0..<workerCount).contains($0.value) }) {
            throw .placement(path: path, reason: "entry \(bad.key) → \(bad.value) is not a tenant on one of \(workerCount) workers")
        }
        return placement
    }

    func save(root: String) throws(WorkerPoolError) {
        let path = Self.path(root: root)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let bytes = Array(try encoder.encode(self))
            try AtomicFileWriter.write(to: path) { writer in
                try bytes.withUnsafeBytes { try writer.append($0) }
            }
        } catch {
            throw .placement(path: path, reason: "cannot write: \(error)")
        }
    }

    /// The worker a tenant is (or, if new, would be) placed on, and whether it is new.
    mutating func place(_ tenant: UInt32) -> (worker: Int, isNew: Bool) {
        switch policy {
        case .hash:
            return (Int(Self.mix(UInt64(tenant)) % UInt64(workerCount)), false)
        case .roundRobin:
            if let worker = tenants[String(tenant)] { return (worker, false) }
            let worker = next
            tenants[String(tenant)] = worker
            next = (next + 1) % workerCount
            return (worker, true)
        }
    }

    /// SplitMix64's finaliser: a fixed function (unlike `Hasher`, which is
    /// seeded per process), so placement is the same in every run.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
