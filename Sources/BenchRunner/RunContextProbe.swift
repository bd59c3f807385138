import BenchModel
import Foundation
import HardwareCounters

/// Reads the run context from the machine: /proc, uname, sysfs, the git
/// checkout the binary runs in. Missing facts are nil or "unknown", never
/// invented.
public enum RunContextProbe {
    public static func current(workingDirectory: String = FileManager.default.currentDirectoryPath) -> RunContext {
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let host = withUnsafeBytes(of: &name.nodename) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let pmu = PerfEventEnvironment.current()
        return RunContext(
            cpuModel: cpuModel() ?? "unknown",
            cores: ProcessInfo.processInfo.activeProcessorCount,
            kernel: kernel,
            swiftVersion: swiftVersion,
            gitCommit: gitCommit(from: workingDirectory),
            createdAt: ISO8601DateFormatter().string(from: Date()),
            pmuAvailable: pmu.cpuPMU != nil,
            pmuReason: pmu.pmuSummary,
            transparentHugePages: transparentHugePageMode(),
            hostname: host, commandLine: CommandLine.arguments, gitDirty: gitDirty(in: workingDirectory),
            schedulerTickMicroseconds: schedulerTickMicroseconds())
    }

    /// One jiffy: the coarse monotonic clock advances once per timer tick,
    /// so its resolution is 1 / CONFIG_HZ without reading the kernel's
    /// (compressed) config. nil when the clock is missing or reports a
    /// resolution no kernel tick has (outside 0.1–100 ms).
    static func schedulerTickMicroseconds() -> Double? {
        var resolution = timespec()
        guard clock_getres(CLOCK_MONOTONIC_COARSE, &resolution) == 0 else { return nil }
        let microseconds = Double(resolution.tv_sec) * 1e6 + Double(resolution.tv_nsec) / 1e3
        return (100...100_000).contains(microseconds) ? microseconds : nil
    }

    /// Whether tracked files differ from HEAD (`git status --porcelain
    /// --untracked-files=no`); nil when git is missing or this is no checkout.
    static func gitDirty(in directory: String) -> Bool? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "status", "--porcelain", "--untracked-files=no"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return !data.isEmpty
    }

    static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// The bracketed mode of /sys/kernel/mm/transparent_hugepage/enabled.
    public static func transparentHugePageMode() -> String? {
        guard let text = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8),
              let open = text.firstIndex(of: "["), let close = text.firstIndex(of: "]"), open < close
        else { return nil }
        return String(text[text.index(after: open)..<close])
    }

    /// HEAD of the git checkout containing `directory`, read from .git
    /// directly (no subprocess); nil outside a checkout.
    static func gitCommit(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory)
        for _ in 0..<16 {
            if let (gitDirectory, commonDirectory) = gitDirectories(at: url),
               let head = try? String(contentsOf: gitDirectory.appendingPathComponent("HEAD"), encoding: .utf8) {
                let trimmed = head.trimmingCharacters(in: .whitespacesAndNewlines)
                guard trimmed.hasPrefix("ref: ") else { return trimmed }
                let ref = String(trimmed.dropFirst(5))
                for git in [gitDirectory, commonDirectory] {
                    if let commit = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
                        return commit.trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                }
                if let packed = try? String(contentsOf: commonDirectory.appendingPathComponent("packed-refs"), encoding: .utf8) {
                    for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                        return String(line.prefix { $0 != " " })
                    }
                }
                return nil
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return nil
    }

    /// The git directory of a checkout at `url` and the common directory
    /// holding its refs. In a linked worktree `.git` is a file
    /// (`gitdir: …/.git/worktrees/NAME`) whose `commondir` names the main
    /// repository's directory; in a plain checkout both are `.git`.
    static func gitDirectories(at url: URL) -> (git: URL, common: URL)? {
        let dotGit = url.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return (dotGit, dotGit) }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ") else { return nil }
        let path = line.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespaces)
        let gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : url.appendingPathComponent(path)
        guard let common = try? String(contentsOf: gitDirectory.appendingPathComponent("commondir"), encoding: .utf8) else {
            return (gitDirectory, gitDirectory)
        }
        let commonPath = common.trimmingCharacters(in: .whitespacesAndNewlines)
        let commonDirectory = commonPath.hasPrefix("/")
            ? URL(fileURLWithPath: commonPath) : gitDirectory.appendingPathComponent(commonPath).standardizedFileURL
        return (gitDirectory, commonDirectory)
    }

    static var swiftVersion: String {
        #if compiler(>=6.4)
        return "6.4+"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// Peak resident set size of this process: `VmHWM` from
    /// /proc/self/status. Not getrusage's ru_maxrss, which Linux carries
    /// over from the parent across fork and exec (a child of a 500 MiB
    /// parent reports at least 500 MiB). Nil when /proc cannot be read.
    public static func peakRSSBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }
}
