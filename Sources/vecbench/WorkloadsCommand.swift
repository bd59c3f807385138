import ArgumentParser
import Foundation
import Workloads

/// `vecbench workloads`: the workload files in a directory (the shipped ones
/// by default), each with its name, configurations and description, parsed
/// exactly as `run` would parse them.
struct WorkloadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workloads",
        abstract: "List workload files with their configurations and descriptions.")

    @Argument(help: "Directory of workload files (.yaml, .yml, .json).")
    var directory = "workloads"

    func run() throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { name in [".yaml", ".yml", ".json"].contains { name.hasSuffix($0) } }.sorted()
        } catch {
            throw ValidationError("\(directory): not a readable directory of workload files")
        }
        guard !names.isEmpty else { throw ValidationError("\(directory): no .yaml, .yml or .json workload files") }
        var failures = 0
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                let workload = try WorkloadFile.load(path: path)
                let configurations = workload.configurations().map(\.name)
                print("\(path)")
                print("  \(workload.name): \(workload.data.tenants) tenants, dimension \(workload.data.dimension), "
                      + "phases \(workload.phases.map(\.name).joined(separator: ", "))")
                print("  configurations: \(configurations.joined(separator: ", "))")
                if let sweep = workload.sweep { print("  sweep: \(sweep.path) = \(sweep.values.map(\.description).joined(separator: ", "))") }
                if !workload.summary.isEmpty { print("  " + workload.summary) }
            } catch {
                failures += 1
                print("\(path)\n  invalid: \(error)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
