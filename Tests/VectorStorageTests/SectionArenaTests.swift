import Foundation
import Testing
import TestSupport
import VectorCore
import VectorIndex
@testable import VectorStorage

@Suite("Section arena")
struct SectionArenaTests {
    static var transparentHugePages: String? {
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        else { return nil }
        return mode.split(separator: "[").dropFirst().first?.split(separator: "]").first.map(String.init)
    }

    @Test("many index files share one arena, byte for byte, and an advised arena sits in huge pages",
          arguments: [HugePagePolicy.advise, .never])
    func packed(policy: HugePagePolicy) throws {
        try withTemporaryDirectory { directory in
            // 24 small graphs of ~170 KB: 4 MiB together, each far below 2 MiB.
            var images: [HNSWImage] = [], paths: [String] = []
            var total = 0
            for index in 0..<24 {
                let image = makeImage(count: 300, dimension: 128, m: 4, seed: UInt64(index + 1))
                let path = directory + "/graph-\(index).vbs"
                total += try HNSWIndexFile.save(image, to: path) + 6 * 64
                images.append(image)
                paths.append(path)
            }
            let arena = try SectionArena(byteCount: total, policy: policy)
            let opened = try paths.map { try HNSWIndexFile(path: $0, mode: .ram, arena: arena) }
            let start = Int(bitPattern: arena.memory.pointer), end = start + arena.memory.byteCount
            for (file, image) in zip(opened, images) {
                #expect(expectSameImage(file.image, image) == [])
                for region in [file.image.vectors, file.image.level0Links, file.image.labels] {
                    let base = Int(bitPattern: region.base)
                    #expect(base >= start && base + region.count <= end, "a section outside the arena")
                    #expect(base % 64 == 0)
                    #expect(region.owner === arena)
                }
            }
            #expect(arena.usedBytes > 0 && arena.usedBytes <= arena.memory.byteCount)
            let residency = try arena.residency()
            #expect(residency.residentBytes >= arena.usedBytes / 2)
            switch (policy, Self.transparentHugePages) {
            case (.never, _), (_, "never"?), (_, nil):
                #expect(residency.hugePageBytes == 0)
            default:
                #expect(residency.hugePageBytes >= IndexMemory.hugePageSize,
                        "an advised 4 MiB arena has no 2 MiB page (THP \(Self.transparentHugePages ?? "?"))")
            }
        }
    }

    @Test("sections that do not fit fall back to heap blocks of their own")
    func overflow() throws {
        try withTemporaryDirectory { directory in
            let image = makeImage(count: 50, dimension: 8, m: 3, seed: 3)
            let path = directory + "/graph.vbs"
            try HNSWIndexFile.save(image, to: path)
            let arena = try SectionArena(byteCount: 256, policy: .system)
            let file = try HNSWIndexFile(path: path, mode: .ram, arena: arena)
            #expect(expectSameImage(file.image, image) == [])
            #expect(file.image.vectors.owner !== arena, "1,600 bytes of vectors cannot fit a 256-byte arena")
        }
    }
}
