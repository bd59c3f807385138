import Foundation
import Testing
import VectorCore

@Suite("Index memory")
struct IndexMemoryTests {
    /// AnonHugePages (bytes) of the smaps entries overlapping [start, end).
    static func anonHugePages(_ start: UInt, _ end: UInt) throws -> Int {
        // Read to EOF: /proc files report size 0, so size-based reads truncate.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        var inside = false, total = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inside = bounds.count == 2 && bounds[0] < end && bounds[1] > start
            } else if inside, fields.first == "AnonHugePages:", fields.count >= 2, let kib = Int(fields[1]) {
                total += kib * 1024
            }
        }
        return total
    }

    static var transparentHugePages: String? {
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        else { return nil }
        return mode.split(separator: "[").dropFirst().first?.split(separator: "]").first.map(String.init)
    }

    @Test("small arrays are page-aligned and zeroed, and not mappings")
    func small() throws {
        let memory = try IndexMemory(byteCount: 100_000, policy: .advise)
        #expect(Int(bitPattern: memory.pointer) % IndexMemory.pageSize == 0)
        #expect(!memory.isMapped)
        let bytes = memory.pointer.assumingMemoryBound(to: UInt8.self)
        #expect((0..<100_000).allSatisfy { bytes[$0] == 0 })
    }

    @Test("large arrays are 2 MiB-aligned zeroed mappings, in huge pages only when advised",
          arguments: [HugePagePolicy.advise, .never])
    func large(policy: HugePagePolicy) throws {
        let size = 8 << 20
        let memory = try IndexMemory(byteCount: size, policy: policy)
        #expect(memory.isMapped)
        #expect(Int(bitPattern: memory.pointer) % IndexMemory.hugePageSize == 0)
        let words = memory.pointer.bindMemory(to: UInt64.self, capacity: size / 8)
        // Write every page first (a read would map the shared zero page, and
        // the write after it gets 4 KiB pages), then ask the kernel what
        // backs the range; everything not written must read zero.
        for page in stride(from: 0, to: size / 8, by: 512) { words[page] = 1 }
        #expect((0..<(size / 8)).allSatisfy { words[$0] == ($0 % 512 == 0 ? 1 : 0) })
        let start = UInt(bitPattern: memory.pointer)
        let huge = try Self.anonHugePages(start, start + UInt(size))
        switch (policy, Self.transparentHugePages) {
        case (.never, _), (_, "never"?), (_, nil):
            #expect(huge == 0)
        default:
            // THP is `madvise` or `always`: the fault path can hand out 2 MiB
            // pages (it may fall back under memory fragmentation, so at
            // least one, not all).
            #expect(memory.adviceError == nil)
            #expect(huge >= IndexMemory.hugePageSize, "no 2 MiB page in an advised 8 MiB array (THP \(Self.transparentHugePages ?? "?"))")
        }
    }
}
